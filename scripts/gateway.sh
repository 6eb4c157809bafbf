# shellcheck shell=bash
# The nginx gateway of deploy/gateway/ in front of the dev stack: `./dev up` starts it on
# 127.0.0.1:${QINQING_GATEWAY_PORT:-8080} (Debian's nginx, installed by ./dev), `./dev down` stops it.
# Its files are deploy/gateway's own, with the upstreams on loopback and the paths under .local/run/gateway.
# Sourced by ./dev after scripts/lib.sh and scripts/services.sh.

QQ_GATEWAY_DIR="$QQ_RUN/gateway"

gateway_port() { cat "$QQ_GATEWAY_DIR/port" 2>/dev/null || printf '%s\n' "${QINQING_GATEWAY_PORT:-8080}"; }
gateway_pid() { pid_alive "$QQ_GATEWAY_DIR/nginx.pid" nginx; }

# Writes nginx.conf, gateway.conf and upstreams.conf for the dev stack into $QQ_GATEWAY_DIR.
gateway_write_config() {
  local port=$1 dir=$QQ_GATEWAY_DIR temp svc
  # nginx's workers (nobody, when ./dev runs as root) must reach the body buffers: keep them in /tmp.
  temp="/tmp/qinqing-gateway-$(short_hash "$QQ_ROOT")"
  mkdir -p "$dir" "$temp"
  chmod 755 "$temp"
  sed "s|listen 8080 default_server;|listen 127.0.0.1:$port default_server;|" \
    "$QQ_ROOT/deploy/gateway/gateway.conf" >"$dir/gateway.conf"
  : >"$dir/upstreams.conf"
  for svc in "${QQ_SERVICES[@]}"; do
    printf 'upstream %s { server 127.0.0.1:%s; keepalive 8; }\n' "$svc" "$(service_port "$svc")" >>"$dir/upstreams.conf"
  done
  sed -e "s|/etc/nginx/qinqing/|$dir/|g" -e "s|pid /var/run/nginx.pid;|pid $dir/nginx.pid;|" \
    -e "s|error_log /dev/stderr warn;|error_log $QQ_LOGS/gateway.log warn;|" \
    -e "s|access_log /dev/stdout;|access_log $QQ_LOGS/gateway.log;|" \
    -e "s|^http {|http {\n  client_body_temp_path $temp/body;\n  proxy_temp_path $temp/proxy;\n  fastcgi_temp_path $temp/fastcgi;\n  uwsgi_temp_path $temp/uwsgi;\n  scgi_temp_path $temp/scgi;|" \
    "$QQ_ROOT/deploy/gateway/nginx.conf" >"$dir/nginx.conf"
}

gateway_dev_up() {
  local port=${QINQING_GATEWAY_PORT:-8080} nginx=/usr/sbin/nginx pid
  [ -x "$nginx" ] || {
    warn "nginx is not installed; the gateway is not started (./dev install installs it)"
    return 0
  }
  mkdir -p "$QQ_GATEWAY_DIR" "$QQ_LOGS"
  if pid=$(gateway_pid); then
    [ "$(cat "$QQ_GATEWAY_DIR/port" 2>/dev/null)" = "$port" ] ||
      die "the dev gateway already runs on port $(gateway_port), not $port: ./dev down first"
    gateway_write_config "$port"
    "$nginx" -e stderr -t -q -p "$QQ_GATEWAY_DIR" -c "$QQ_GATEWAY_DIR/nginx.conf" || die "nginx -t refused the gateway's configuration"
    kill -HUP "$pid"
    say "Gateway already running (pid $pid); configuration reloaded"
    return 0
  fi
  if port_open "$port"; then
    warn "port $port (for the gateway) is taken by another program; the gateway is not started (choose another port with QINQING_GATEWAY_PORT)"
    return 0
  fi
  gateway_write_config "$port"
  printf '%s\n' "$port" >"$QQ_GATEWAY_DIR/port"
  "$nginx" -e stderr -t -q -p "$QQ_GATEWAY_DIR" -c "$QQ_GATEWAY_DIR/nginx.conf" || die "nginx -t refused the gateway's configuration"
  "$nginx" -e stderr -p "$QQ_GATEWAY_DIR" -c "$QQ_GATEWAY_DIR/nginx.conf" || die "nginx did not start; see $QQ_LOGS/gateway.log"
  wait_port "$port" 10 || die "the gateway does not answer on 127.0.0.1:$port; see $QQ_LOGS/gateway.log"
  say "Started the gateway (nginx) on 127.0.0.1:$port, log: ${QQ_LOGS#"$QQ_ROOT"/}/gateway.log"
}

gateway_dev_down() {
  local pid
  if pid=$(gateway_pid); then
    say "Stopping the gateway (pid $pid)"
    kill -QUIT "$pid" 2>/dev/null || true
    local i
    for ((i = 0; i < 100; i++)); do proc_running "$pid" || break; sleep 0.1; done
    proc_running "$pid" && stop_pid "$pid" 5
  fi
  rm -f "$QQ_GATEWAY_DIR/nginx.pid" "$QQ_GATEWAY_DIR/port"
}

# shellcheck shell=bash
# Building, starting, stopping and checking the five services of the dev stack.
# Sourced by ./dev after scripts/lib.sh.

swift_bin_dir() { swift build -c "$1" --show-bin-path; }

services_build() {
  say "Building (swift build -c $QINQING_BUILD_CONFIGURATION)"
  swift build -c "$QINQING_BUILD_CONFIGURATION" || die "the build failed (see above)"
}

service_url() { printf 'http://127.0.0.1:%s\n' "$(service_port "$1")"; }
service_log() { printf '%s/%s.log\n' "$QQ_LOGS" "$1"; }
service_ready() { curl -fsS -m 2 -o /dev/null "$(service_url "$1")/health/ready" 2>/dev/null; }

# Identifies a build of the binary and the environment given to it, so a running service is restarted
# when it was rebuilt or its settings changed.
service_stamp() {
  local bin=$1 svc=$2
  printf '%s %s\n' "$(stat -c '%Y %s' "$bin")" "$(service_env "$svc" | sha256sum | cut -c1-16)"
}

# The environment each service gets (on top of the caller's).
service_env() {
  local svc=$1 s var
  printf '%s\n' \
    "LD_LIBRARY_PATH=$(runtime_ld_path)" \
    "QINQING_ENVIRONMENT=local" \
    "QINQING_POSTGRES_URL=postgresql://qinqing_${svc}@127.0.0.1:${QINQING_POSTGRES_PORT}/qinqing" \
    "QINQING_KAFKA_BROKERS=127.0.0.1:${QINQING_KAFKA_PORT}" \
    "QINQING_IDENTITY_URL=$(service_url identity)" \
    "QINQING_HTTP_HOST=$QINQING_HTTP_HOST" \
    "QINQING_LOG_LEVEL=$QINQING_LOG_LEVEL" \
    "QINQING_SIGNIN_CAPTCHA=${QINQING_SIGNIN_CAPTCHA:-always}"
  for s in "${QQ_SERVICES[@]}"; do
    var="QINQING_$(upper "$s")_PORT"
    printf '%s=%s\n' "$var" "${!var}"
  done
}

service_start() {
  local svc=$1 bindir=$2 bin pidfile stampfile log pid port envs=()
  bin="$bindir/$svc"
  pidfile="$QQ_RUN/$svc.pid"
  stampfile="$QQ_RUN/$svc.stamp"
  log=$(service_log "$svc")
  port=$(service_port "$svc")
  [ -x "$bin" ] || die "$bin not found: did the build make it?"
  if pid=$(pid_alive "$pidfile" "/$svc"); then
    if [ "$(cat "$stampfile" 2>/dev/null)" = "$(service_stamp "$bin" "$svc")" ]; then
      say "$svc already running (pid $pid)"
      return 0
    fi
    say "$svc was rebuilt or its settings changed: restarting it"
    stop_pid "$pid" 15
  fi
  port_open "$port" &&
    die "port $port (for $svc) is taken by another program; choose another with QINQING_$(upper "$svc")_PORT"
  mapfile -t envs < <(service_env "$svc")
  printf '\n=== %s: starting %s on port %s ===\n' "$(date '+%F %T')" "$svc" "$port" >>"$log"
  env "${envs[@]}" nohup "$bin" >>"$log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$pidfile"
  service_stamp "$bin" "$svc" >"$stampfile"
  say "Started $svc (pid $!), log: ${log#"$QQ_ROOT"/}"
}

# Waits until GET /health/ready answers 2xx; fails with the end of the log when the service exits
# or the time (QINQING_READY_TIMEOUT seconds, default 60) runs out.
service_wait_ready() {
  local svc=$1 timeout=${QINQING_READY_TIMEOUT:-60} pid log url deadline
  log=$(service_log "$svc")
  url="$(service_url "$svc")/health/ready"
  deadline=$((SECONDS + timeout))
  while :; do
    service_ready "$svc" && return 0
    if ! pid=$(pid_alive "$QQ_RUN/$svc.pid" "/$svc"); then
      log_tail "$log"
      die "$svc exited while starting; its log: $log"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      log_tail "$log"
      die "$svc (pid $pid) not ready after ${timeout}s (GET $url never returned 2xx); its log: $log"
    fi
    sleep 0.5
  done
}

services_up() {
  local bindir svc
  bindir=$(swift_bin_dir "$QINQING_BUILD_CONFIGURATION")
  mkdir -p "$QQ_RUN" "$QQ_LOGS"
  for svc in "${QQ_SERVICES[@]}"; do service_start "$svc" "$bindir"; done
  say "Waiting for the services to be ready (GET /health/ready)"
  for svc in "${QQ_SERVICES[@]}"; do service_wait_ready "$svc"; done
}

services_down() {
  local svc pid
  for svc in "${QQ_SERVICES[@]}"; do
    if pid=$(pid_alive "$QQ_RUN/$svc.pid" "/$svc"); then
      say "Stopping $svc (pid $pid)"
      stop_pid "$pid" 15
    fi
    rm -f "$QQ_RUN/$svc.pid" "$QQ_RUN/$svc.stamp"
  done
}

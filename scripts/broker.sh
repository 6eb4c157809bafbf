# shellcheck shell=bash
# The local Kafka-compatible broker (tansu, in-memory storage). Sourced by ./dev after scripts/lib.sh.

# broker_start PORT PIDFILE LOG: start tansu on 127.0.0.1:PORT unless the one in PIDFILE runs there.
# Its port is kept next to PIDFILE (FILE.port).
broker_start() {
  local port=$1 pidfile=$2 log=$3 pid running_port
  if pid=$(pid_alive "$pidfile" tansu); then
    running_port=$(cat "$pidfile.port" 2>/dev/null || true)
    [ "$running_port" = "$port" ] ||
      die "our broker (pid $pid) listens on port ${running_port:-unknown}, not $port: ./dev down first"
    port_open "$port" && return 0
    stop_pid "$pid" 10 # ours, but no longer answering
  fi
  port_open "$port" && die "port $port is taken by another program; choose another with QINQING_KAFKA_PORT"
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$log")"
  NO_COLOR=1 nohup "$QQ_TANSU" broker \
    --listener-url "tcp://127.0.0.1:$port" \
    --advertised-listener-url "tcp://127.0.0.1:$port" \
    --storage-engine memory://tansu/ >>"$log" 2>&1 </dev/null &
  pid=$!
  printf '%s\n' "$pid" >"$pidfile"
  printf '%s\n' "$port" >"$pidfile.port"
  if ! wait_port "$port" 30 "$pid"; then
    log_tail "$log"
    die "the broker did not start listening on 127.0.0.1:$port; full log: $log"
  fi
}

# broker_stop PIDFILE
broker_stop() {
  local pid
  pid=$(pid_alive "$1" tansu) && stop_pid "$pid" 10
  rm -f "$1" "$1.port"
}

# broker_create_topics PORT FILE: create each topic listed in FILE ("name partitions" lines, # comments).
broker_create_topics() {
  local port=$1 file=$2 name partitions rest out created=0 existing=0
  while read -r name partitions rest || [ -n "$name" ]; do
    case "$name" in '' | '#'*) continue ;; esac
    case "$partitions" in '' | *[!0-9]*) die "$file: bad line for $name: partition count missing" ;; esac
    [ -z "$rest" ] || case "$rest" in '#'*) ;; *) die "$file: bad line for $name: unexpected '$rest'" ;; esac
    if out=$(NO_COLOR=1 "$QQ_TANSU" topic create "$name" --partitions "$partitions" \
      --broker "tcp://127.0.0.1:$port" 2>&1); then
      created=$((created + 1))
    elif printf '%s' "$out" | grep -qi 'already exists'; then
      existing=$((existing + 1))
    else
      printf '%s\n' "$out" >&2
      die "could not create topic $name on 127.0.0.1:$port"
    fi
  done <"$file"
  say "Topics from ${file#"$QQ_ROOT"/}: $created created, $existing already there"
}

# --- the dev broker --------------------------------------------------------------------------

broker_dev_up() {
  local port=$QINQING_KAFKA_PORT
  if broker_dev_running "$port"; then
    say "Broker already running (127.0.0.1:$port)"
  else
    pid_alive "$QQ_RUN/broker.pid" tansu >/dev/null || say "Starting the broker (tansu) on 127.0.0.1:$port"
    broker_start "$port" "$QQ_RUN/broker.pid" "$QQ_LOGS/broker.log"
  fi
  broker_create_topics "$port" "$QQ_ROOT/deploy/topics.txt"
}

# True when the dev broker runs and answers on PORT.
broker_dev_running() {
  pid_alive "$QQ_RUN/broker.pid" tansu >/dev/null &&
    [ "$(cat "$QQ_RUN/broker.pid.port" 2>/dev/null)" = "$1" ] && port_open "$1"
}

broker_dev_down() {
  if pid_alive "$QQ_RUN/broker.pid" tansu >/dev/null; then
    say "Stopping the broker"
  fi
  broker_stop "$QQ_RUN/broker.pid"
}

# shellcheck shell=bash
# Shared helpers for ./dev. Sourced, never executed. Expects QQ_ROOT (absolute repo root).

# shellcheck disable=SC2034 # the constants are used by the other scripts
QQ_LOCAL="$QQ_ROOT/.local"
QQ_TOOLS="$QQ_LOCAL/tools"
QQ_RUN="$QQ_LOCAL/run"
QQ_LOGS="$QQ_LOCAL/logs"
QQ_TANSU="$QQ_TOOLS/bin/tansu"
QQ_RDKAFKA_DIR="$QQ_TOOLS/rdkafka"
QQ_STATE_FILE="$QQ_RUN/dev.env"
QQ_SERVICES=(identity policy appeals filing notifications)

say() { printf '==> %s\n' "$*"; }
warn() { printf 'dev: warning: %s\n' "$*" >&2; }
die() {
  printf 'dev: error: %s\n' "$*" >&2
  exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# First 8 hex digits of sha256(text): short, stable names for per-project paths outside the repo.
short_hash() { printf '%s' "$1" | sha256sum | cut -c1-8; }

# A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it).
free_port() {
  python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()'
}

# True when something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# True when process PID exists and is not a zombie (a killed process nobody has reaped yet).
proc_running() {
  kill -0 "$1" 2>/dev/null || return 1
  [ -r "/proc/$1/stat" ] || return 0
  case "$(sed -n 's/^.*) \(.\).*/\1/p' "/proc/$1/stat" 2>/dev/null)" in Z | X) return 1 ;; esac
}

# pid_alive PIDFILE [NAME]: the pid in PIDFILE runs (and, given NAME, its command line mentions NAME,
# so a recycled pid is not mistaken for ours). Prints the pid.
pid_alive() {
  local pidfile=$1 name=${2:-} pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  case "$pid" in '' | *[!0-9]*) return 1 ;; esac
  proc_running "$pid" || return 1
  if [ -n "$name" ] && [ -r "/proc/$pid/cmdline" ]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$name" || return 1
  fi
  printf '%s\n' "$pid"
}

# stop_pid PID [SECONDS]: SIGTERM, wait, then SIGKILL.
stop_pid() {
  local pid=$1 secs=${2:-10} i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < secs * 10; i++)); do
    proc_running "$pid" || return 0
    sleep 0.1
  done
  warn "pid $pid did not stop within ${secs}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
}

# wait_port PORT SECONDS [PID]: wait until the port accepts connections; fail early if PID dies.
wait_port() {
  local port=$1 secs=$2 pid=${3:-} i
  for ((i = 0; i < secs * 10; i++)); do
    port_open "$port" && return 0
    if [ -n "$pid" ] && ! proc_running "$pid"; then return 1; fi
    sleep 0.1
  done
  return 1
}

# Print the last lines of a log, indented, for failure messages.
log_tail() {
  local file=$1 n=${2:-30}
  [ -f "$file" ] || return 0
  printf -- '--- last %s lines of %s ---\n' "$n" "$file" >&2
  tail -n "$n" "$file" | sed 's/^/  /' >&2
  printf -- '---\n' >&2
}

upper() { printf '%s' "$1" | tr '[:lower:]' '[:upper:]'; }

# Default HTTP port of each service; QINQING_<SERVICE>_PORT overrides.
service_default_port() {
  case "$1" in
    identity) echo 8101 ;;
    policy) echo 8102 ;;
    appeals) echo 8103 ;;
    filing) echo 8104 ;;
    notifications) echo 8105 ;;
    *) die "unknown service: $1" ;;
  esac
}

service_port() {
  local var
  var="QINQING_$(upper "$1")_PORT"
  printf '%s\n' "${!var:-$(service_default_port "$1")}"
}

# Settings of the dev stack. A running stack's settings are remembered in .local/run/dev.env, so
# status/down/logs find it; the caller's environment wins over both that file and the defaults.
# They are shell variables, not exported: the services get them explicitly (service_env), and swift
# builds see the caller's environment unchanged (SwiftPM replans and recompiles part of the build
# whenever the environment differs from the previous build's).
load_settings() {
  local line key svc var
  if [ -f "$QQ_STATE_FILE" ]; then
    while IFS= read -r line; do
      key=${line%%=*}
      case "$key" in QINQING_[A-Z_]*) ;; *) continue ;; esac
      [ -n "${!key+x}" ] || printf -v "$key" '%s' "${line#*=}"
    done <"$QQ_STATE_FILE"
  fi
  QINQING_POSTGRES_PORT="${QINQING_POSTGRES_PORT:-15432}"
  QINQING_KAFKA_PORT="${QINQING_KAFKA_PORT:-19092}"
  QINQING_BUILD_CONFIGURATION="${QINQING_BUILD_CONFIGURATION:-debug}"
  QINQING_LOG_LEVEL="${QINQING_LOG_LEVEL:-info}"
  QINQING_HTTP_HOST="${QINQING_HTTP_HOST:-127.0.0.1}"
  for svc in "${QQ_SERVICES[@]}"; do
    var="QINQING_$(upper "$svc")_PORT"
    printf -v "$var" '%s' "$(service_port "$svc")"
  done
}

save_settings() {
  mkdir -p "$QQ_RUN"
  {
    echo "QINQING_POSTGRES_PORT=$QINQING_POSTGRES_PORT"
    echo "QINQING_KAFKA_PORT=$QINQING_KAFKA_PORT"
    echo "QINQING_BUILD_CONFIGURATION=$QINQING_BUILD_CONFIGURATION"
    echo "QINQING_LOG_LEVEL=$QINQING_LOG_LEVEL"
    echo "QINQING_HTTP_HOST=$QINQING_HTTP_HOST"
    local svc var
    for svc in "${QQ_SERVICES[@]}"; do
      var="QINQING_$(upper "$svc")_PORT"
      echo "$var=${!var}"
    done
  } >"$QQ_STATE_FILE"
}

# LD_LIBRARY_PATH that makes services and tests load librdkafka 2.16 instead of Debian's 2.0.2.
runtime_ld_path() { printf '%s\n' "$QQ_RDKAFKA_DIR${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"; }

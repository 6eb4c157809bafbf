# shellcheck shell=bash
# Throw-away PostgreSQL and broker for `./dev test` and `./dev bench`, on free ports, in a fresh folder
# under .local/test/, so they never meet the dev stack of `./dev up`.
# Sourced by ./dev after scripts/lib.sh, scripts/postgres.sh and scripts/broker.sh.

QQ_TEST_DIR=""
QQ_TEST_PG_DATA=""
QQ_TEST_PG_PORT=""
QQ_TEST_KAFKA_PORT=""
QQ_TEST_KAFKA_POOL=""
# How many brokers a test run starts: one broker answering every suite at once stalled for seconds on
# busy runs, so the tests spread over several (QINQING_TEST_KAFKA_BROKER_POOL).
QQ_TEST_BROKERS=${QQ_TEST_BROKERS:-3}

# Removes one run folder of a test infrastructure: stops its broker and PostgreSQL, deletes its files.
test_infra_remove() {
  local dir=$1 pgdata pidfile
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  for pidfile in "$dir"/broker*.pid; do
    [ -f "$pidfile" ] && broker_stop "$pidfile"
  done
  pgdata=$(cat "$dir/pgdata" 2>/dev/null || true)
  if [ -n "$pgdata" ]; then
    pg_stop "$pgdata" immediate || true
    # In the fallback place (outside .local) the data sits in <fallback>/test/run.X/pg/data.
    case "$pgdata" in
      "$(pg_fallback_base)"/test/run.*/pg/data)
        rm -rf "$(dirname "$(dirname "$pgdata")")"
        rmdir "$(pg_fallback_base)/test" 2>/dev/null || true
        ;;
    esac
  fi
  rm -rf "$dir"
}

# Leftovers of runs that were killed before they could clean up (their ./dev process is gone).
test_infra_sweep() {
  local dir
  for dir in "$QQ_LOCAL"/test/run.*; do
    [ -d "$dir" ] || continue
    pid_alive "$dir/owner.pid" dev >/dev/null && continue
    # A run that has only just made its folder may not have written owner.pid yet.
    if [ ! -f "$dir/owner.pid" ] && [ $(($(date +%s) - $(stat -c %Y "$dir"))) -lt 60 ]; then continue; fi
    test_infra_remove "$dir" || warn "could not remove the leftover $dir"
  done
}

test_infra_start() {
  local pgbase
  test_infra_sweep
  mkdir -p "$QQ_LOCAL/test"
  QQ_TEST_DIR=$(mktemp -d "$QQ_LOCAL/test/run.XXXXXX")
  printf '%s\n' "$$" >"$QQ_TEST_DIR/owner.pid"
  pgbase=$(pg_place "$QQ_TEST_DIR/pg")
  QQ_TEST_PG_DATA="$pgbase/data"
  printf '%s\n' "$QQ_TEST_PG_DATA" >"$QQ_TEST_DIR/pgdata"
  QQ_TEST_PG_PORT=$(free_port)
  QQ_TEST_KAFKA_PORT=$(free_port)
  while [ "$QQ_TEST_KAFKA_PORT" = "$QQ_TEST_PG_PORT" ]; do QQ_TEST_KAFKA_PORT=$(free_port); done

  pg_init "$QQ_TEST_PG_DATA" --no-sync
  # Every suite runs in parallel on its own schema with its own pools: a whole run holds close to
  # 300 connections at its peak, so the test server allows far more than the local run's 300.
  # pg_stat_statements: the load benchmark's profile names the statements the server spends its time on.
  pg_start "$QQ_TEST_PG_DATA" "$QQ_TEST_PG_PORT" "$QQ_TEST_DIR/postgres.log" \
    fsync=off synchronous_commit=off full_page_writes=off max_connections=1000 \
    shared_preload_libraries=pg_stat_statements
  pg_create_database "$QQ_TEST_PG_PORT" qinqing
  broker_start "$QQ_TEST_KAFKA_PORT" "$QQ_TEST_DIR/broker.pid" "$QQ_TEST_DIR/broker.log"
  QQ_TEST_KAFKA_POOL="127.0.0.1:$QQ_TEST_KAFKA_PORT"
  local n port
  for ((n = 2; n <= QQ_TEST_BROKERS; n++)); do
    port=$(free_port)
    while [ "$port" = "$QQ_TEST_PG_PORT" ] || [[ " $QQ_TEST_KAFKA_POOL " == *":$port "* ]]; do port=$(free_port); done
    broker_start "$port" "$QQ_TEST_DIR/broker$n.pid" "$QQ_TEST_DIR/broker$n.log"
    QQ_TEST_KAFKA_POOL="$QQ_TEST_KAFKA_POOL 127.0.0.1:$port"
  done
}

test_infra_stop() {
  [ -n "$QQ_TEST_DIR" ] || return 0
  say "Stopping the test PostgreSQL and broker; removing ${QQ_TEST_DIR#"$QQ_ROOT"/}"
  test_infra_remove "$QQ_TEST_DIR"
  QQ_TEST_DIR=""
}

# Environment the tests (and the benchmark) read. BIN_DIR_CONFIGURATION: debug or release.
test_env_export() {
  local config=$1
  export QINQING_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$QQ_TEST_PG_PORT/qinqing"
  export QINQING_TEST_KAFKA_BROKERS="127.0.0.1:$QQ_TEST_KAFKA_PORT"
  export QINQING_TEST_KAFKA_BROKER_POOL="$QQ_TEST_KAFKA_POOL"
  export QINQING_TANSU_BIN="$QQ_TANSU"
  export QINQING_REPO_ROOT="$QQ_ROOT"
  # Debian's chromium (installed by scripts/install.sh); empty when missing, and the test that
  # renders the performance pages says so.
  QINQING_CHROMIUM_BIN=$(command -v chromium || true)
  export QINQING_CHROMIUM_BIN
  QINQING_BIN_DIR=$(swift_bin_dir "$config")
  export QINQING_BIN_DIR
  LD_LIBRARY_PATH=$(runtime_ld_path)
  export LD_LIBRARY_PATH
}

test_header() {
  local what=$1
  cat <<EOF
==> Started for this $what (stopped and deleted when it ends):
    PostgreSQL  127.0.0.1:$QQ_TEST_PG_PORT  QINQING_TEST_POSTGRES_URL=$QINQING_TEST_POSTGRES_URL
    Broker      127.0.0.1:$QQ_TEST_KAFKA_PORT  QINQING_TEST_KAFKA_BROKERS=$QINQING_TEST_KAFKA_BROKERS (tansu, in memory)
    Brokers     QINQING_TEST_KAFKA_BROKER_POOL=$QINQING_TEST_KAFKA_BROKER_POOL (each test uses one)
    Files       $QQ_TEST_DIR$(pg_needs_fallback_note "$QQ_TEST_PG_DATA" && printf ' (PostgreSQL data: %s)' "$QQ_TEST_PG_DATA")
    QINQING_BIN_DIR=$QINQING_BIN_DIR
    QINQING_TANSU_BIN=$QINQING_TANSU_BIN
    QINQING_CHROMIUM_BIN=$QINQING_CHROMIUM_BIN
    LD_LIBRARY_PATH=$LD_LIBRARY_PATH
EOF
}

# Runs after EXIT (normal end, failure, or the INT/TERM traps below): tear down, keep the exit code.
test_on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  test_infra_stop || true
  exit "$rc"
}

test_traps() {
  trap test_on_exit EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

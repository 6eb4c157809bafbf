# shellcheck shell=bash
# PostgreSQL clusters for ./dev: the long-lived dev cluster and throw-away test clusters.
# Sourced by ./dev after scripts/lib.sh.
#
# initdb, pg_ctl and postgres refuse to run as root; as root they run as the `postgres` system user
# (created by Debian's postgresql package), which must then own the data directory and be able to
# reach it. When the project sits where that user cannot go (say under /root, mode 700), the data
# lives under /var/tmp/qinqing-<hash of the project path>/ instead.

pg_bindir() {
  local dir
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then
    echo /usr/lib/postgresql/15/bin
    return
  fi
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/pg_ctl" ]; then
    die "PostgreSQL server binaries not found under /usr/lib/postgresql"
  fi
  echo "$dir"
}

# Runs a PostgreSQL server program, as the postgres user when we are root.
as_pg() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# Folder outside the project for PostgreSQL data when the postgres user cannot reach the project.
pg_fallback_base() { echo "/var/tmp/qinqing-$(short_hash "$QQ_ROOT")"; }

# pg_place DIR (a folder under .local): prints DIR if the server user can use a data directory inside
# it, else the same relative folder under the fallback base. Creates the folder it prints.
pg_place() {
  local dir=$1 d alt
  mkdir -p "$dir"
  if ! is_root; then
    echo "$dir"
    return
  fi
  # Our own folders from DIR up to .local must let the server user through (mktemp makes 700).
  d=$dir
  while [ "$d" != "$QQ_LOCAL" ] && [ "$d" != / ]; do
    chmod a+rx "$d"
    d=$(dirname "$d")
  done
  chmod a+rx "$QQ_LOCAL"
  if runuser -u postgres -- test -x "$dir" 2>/dev/null; then
    echo "$dir"
    return
  fi
  alt="$(pg_fallback_base)/${dir#"$QQ_LOCAL"/}"
  (umask 022 && mkdir -p "$alt")
  echo "$alt"
}

pg_needs_fallback_note() {
  case "$1" in "$QQ_LOCAL"/*) return 1 ;; *) return 0 ;; esac
}

# Unix socket folder next to the data directory, or in /tmp when that path would be too long for a
# socket address (about 107 bytes including "/.s.PGSQL.<port>").
pg_socket_dir() {
  local data=$1 dir
  dir="$(dirname "$data")/sock"
  [ "${#dir}" -le 85 ] || dir="/tmp/qinqing-pg-$(short_hash "$data")"
  printf '%s\n' "$dir"
}

# pg_init DATA_DIR [initdb options...]: create a cluster unless one is there.
pg_init() {
  local data=$1 bin
  shift
  bin=$(pg_bindir)
  [ -f "$data/PG_VERSION" ] && return 0
  mkdir -p "$data"
  chmod 700 "$data"
  is_root && chown postgres:postgres "$data"
  local out
  out=$(as_pg "$bin/initdb" -D "$data" -E UTF8 --locale=C.UTF-8 -U postgres --auth=trust "$@" 2>&1) || {
    printf '%s\n' "$out" >&2
    die "initdb failed for $data (if an earlier run was cut short there, remove that folder and retry)"
  }
}

pg_running() { as_pg "$(pg_bindir)/pg_ctl" status -D "$1" >/dev/null 2>&1; }

# Port of the running server of DATA_DIR (4th line of postmaster.pid).
pg_running_port() { sed -n 4p "$1/postmaster.pid" 2>/dev/null; }

# pg_start DATA_DIR PORT LOG [extra postgres -c settings...]
pg_start() {
  local data=$1 port=$2 log=$3 bin sock opts setting
  shift 3
  bin=$(pg_bindir)
  pg_running "$data" && return 0
  port_open "$port" && die "port $port is taken by another program; choose another with QINQING_POSTGRES_PORT"
  sock=$(pg_socket_dir "$data")
  mkdir -p "$sock"
  chmod 700 "$sock"
  is_root && chown postgres:postgres "$sock"
  opts="-p $port -k '$sock' -c listen_addresses=127.0.0.1 -c max_connections=300"
  for setting in "$@"; do opts+=" -c $setting"; done
  mkdir -p "$(dirname "$log")"
  # The log is opened here (by us), so the server user needs no access to its folder.
  if ! as_pg "$bin/pg_ctl" start -w -t 60 -D "$data" -o "$opts" >>"$log" 2>&1 </dev/null; then
    log_tail "$log"
    die "PostgreSQL did not start (data: $data, port $port); full log: $log"
  fi
}

# pg_stop DATA_DIR [MODE]
pg_stop() {
  local data=$1 mode=${2:-fast}
  [ -f "$data/PG_VERSION" ] || return 0
  pg_running "$data" || return 0
  as_pg "$(pg_bindir)/pg_ctl" stop -D "$data" -m "$mode" -w -t 60 >/dev/null
}

# psql as the superuser over TCP (trust auth on loopback).
pg_psql() {
  local port=$1
  shift
  PGOPTIONS='-c client_min_messages=warning' "$(pg_bindir)/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"
}

pg_create_database() {
  local port=$1 db=$2
  pg_psql "$port" -d postgres <<SQL
SELECT 'CREATE DATABASE $db' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db')\gexec
SQL
}

# Database qinqing with one login role and one schema per service (dev cluster). Idempotent.
pg_bootstrap_dev() {
  local port=$1 svc list=""
  for svc in "${QQ_SERVICES[@]}"; do list+="${list:+,}'$svc'"; done
  pg_create_database "$port" qinqing
  pg_psql "$port" -d qinqing <<SQL
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO \$\$
DECLARE
  svc text;
  role text;
BEGIN
  FOREACH svc IN ARRAY ARRAY[$list] LOOP
    role := 'qinqing_' || svc;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role) THEN
      EXECUTE format('CREATE ROLE %I LOGIN', role);
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', svc, role);
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', svc, role);
    EXECUTE format('REVOKE ALL ON SCHEMA %I FROM PUBLIC', svc);
    EXECUTE format('ALTER ROLE %I IN DATABASE qinqing SET search_path = %I', role, svc);
  END LOOP;
END
\$\$;
SQL
}

# --- the dev cluster -------------------------------------------------------------------------

pg_dev_data() { printf '%s/data\n' "$(pg_place "$QQ_LOCAL/pg")"; }

pg_dev_up() {
  local data port=$QINQING_POSTGRES_PORT
  data=$(pg_dev_data)
  pg_needs_fallback_note "$data" &&
    say "PostgreSQL data in $data (the postgres user cannot reach $QQ_LOCAL)"
  if pg_running "$data"; then
    [ "$(pg_running_port "$data")" = "$port" ] ||
      die "the dev PostgreSQL already runs on port $(pg_running_port "$data"), not $port: ./dev down first"
    say "PostgreSQL already running (127.0.0.1:$port)"
  else
    pg_init "$data"
    say "Starting PostgreSQL on 127.0.0.1:$port"
    pg_start "$data" "$port" "$QQ_LOGS/postgres.log"
  fi
  pg_bootstrap_dev "$port"
}

pg_dev_down() {
  local data
  data=$(pg_dev_data)
  if pg_running "$data"; then
    say "Stopping PostgreSQL"
    pg_stop "$data" fast
  fi
}

#!/bin/bash
# PostgreSQL init step (runs once, on an empty data directory, from /docker-entrypoint-initdb.d as the
# superuser): database qinqing holds one schema per service, owned by that service's login role and
# closed to every other role, as `./dev up` does locally. Each role's password is read from a secret
# file, /run/secrets/<service>_db_password; no password is written here or in docker-compose.yml.
# The services never sign in as the superuser: a role owns its schema and nothing else (no CREATEDB,
# no CREATEROLE, no rights on public or on the other services' schemas).
set -euo pipefail

services=(identity policy appeals filing notifications)
db=${QINQING_DATABASE:-qinqing}
secrets_dir=${QINQING_DB_SECRETS_DIR:-/run/secrets}

psql=(psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --no-password)

"${psql[@]}" --dbname postgres --set db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I', :'db') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')\gexec
SQL

for svc in "${services[@]}"; do
  file="$secrets_dir/${svc}_db_password"
  [ -s "$file" ] || { echo "init-roles: missing secret $file" >&2; exit 1; }
  password=$(tr -d '\n' <"$file")
  "${psql[@]}" --dbname "$db" --set svc="$svc" --set role="qinqing_$svc" --set password="$password" --set db="$db" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS', :'role')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role')\gexec
ALTER ROLE :"role" WITH LOGIN PASSWORD :'password';
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
CREATE SCHEMA IF NOT EXISTS :"svc" AUTHORIZATION :"role";
ALTER SCHEMA :"svc" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"svc" FROM PUBLIC;
ALTER ROLE :"role" IN DATABASE :"db" SET search_path = :"svc";
SQL
done
echo "init-roles: database $db, roles ${services[*]/#/qinqing_} each owning its schema"

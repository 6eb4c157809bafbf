#!/bin/sh
# Entry point of the qinqing image.
#   entrypoint.sh <service> [serve|migrate|republish ...]   run a service (identity … notifications)
#   entrypoint.sh healthcheck                                GET /health/ready of $QINQING_SERVICE
# Secrets come as files (Docker/Compose secrets, Kubernetes secret volumes): for every variable
# QINQING_*_FILE=/path or PGPASSWORD_FILE=/path, the variable without _FILE is set to the file's
# content (trailing newlines dropped),
# e.g. QINQING_PII_KEYS_FILE=/run/secrets/pii_keys, PGPASSWORD_FILE=/run/secrets/identity_db_password
# (libpq reads PGPASSWORD when QINQING_POSTGRES_URL carries no password).
set -eu

port_of() {
  case "$1" in
    identity) echo "${QINQING_IDENTITY_PORT:-8101}" ;;
    policy) echo "${QINQING_POLICY_PORT:-8102}" ;;
    appeals) echo "${QINQING_APPEALS_PORT:-8103}" ;;
    filing) echo "${QINQING_FILING_PORT:-8104}" ;;
    notifications) echo "${QINQING_NOTIFICATIONS_PORT:-8105}" ;;
    *) echo "unknown service '$1'" >&2; exit 2 ;;
  esac
}

if [ "${1:-}" = healthcheck ]; then
  exec curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$(port_of "${QINQING_SERVICE:-identity}")/health/ready"
fi

# Only the platform's own variables (QINQING_*) and PGPASSWORD: other *_FILE variables are not ours.
for pair in $(env | sed -n 's/^\(QINQING_[A-Z0-9_]*\)_FILE=.*/\1/p; s/^\(PGPASSWORD\)_FILE=.*/\1/p'); do
  eval "file=\${${pair}_FILE}"
  [ -r "$file" ] || { echo "entrypoint: ${pair}_FILE names $file, which cannot be read" >&2; exit 1; }
  value=$(cat "$file")
  export "$pair=$value"
  unset "${pair}_FILE"
done

service=${1:-${QINQING_SERVICE:-identity}}
[ $# -eq 0 ] || shift
port_of "$service" >/dev/null
exec "/app/bin/$service" "$@"

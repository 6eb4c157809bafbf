#!/bin/bash
# Writes the secrets docker-compose.yml reads into deploy/secrets/ (ignored by git), once: existing
# files are kept, so running it again changes nothing. Each is a random value from /dev/urandom:
#   postgres_password            the PostgreSQL superuser (used only by the init step and by ops)
#   <service>_db_password        the login role qinqing_<service> of each service
#   pii_keys, pii_current_key    QINQING_PII_KEYS (id:base64 of 32 bytes) and QINQING_PII_CURRENT_KEY
#   pii_hash_key                 QINQING_PII_HASH_KEY (base64 of 32 bytes; never rotates)
#   sms_access_key, sms_secret   credentials of the SMS gateway (replace with the provider's own)
set -euo pipefail
dir=${1:-$(cd "$(dirname "$0")" && pwd)/secrets}
# The folder is private (0700); the files are world-readable (0644) because Compose bind-mounts
# file secrets as they are, and the containers read them as their own users (postgres, uid 10001).
mkdir -p "$dir"
chmod 700 "$dir"
umask 022
rand() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
put() { [ -s "$dir/$1" ] || { printf '%s' "$2" >"$dir/$1"; echo "wrote $dir/$1"; }; }

put postgres_password "$(rand 24 | tr '+/' '-_')"
for svc in identity policy appeals filing notifications; do
  put "${svc}_db_password" "$(rand 24 | tr '+/' '-_')"
done
key_id="k$(date +%Y%m)"
put pii_current_key "$key_id"
put pii_keys "$(cat "$dir/pii_current_key"):$(rand 32)"
put pii_hash_key "$(rand 32)"
put sms_access_key "replace-with-the-provider-access-key"
put sms_secret "$(rand 24)"

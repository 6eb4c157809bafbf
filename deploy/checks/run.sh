#!/bin/bash
# Runs the deployment checks with the pinned Python packages ./dev installs into .local/tools/python
# (scripts/requirements-deploy.txt). Usage: deploy/checks/run.sh compose|gateway|postgres|k8s|asyncapi|journey [ARGS]
# deploy/checks/run.sh fuzz [ARGS] runs deploy/checks/fuzz.py (schemathesis) with scripts/requirements-fuzz.txt.
# deploy/checks/run.sh asyncapi-generate | k8s-generate rewrite deploy/asyncapi/asyncapi.yaml | deploy/k8s/*.yaml.
# Tests/DeployTests runs each; ops may run them by hand after `./dev install`.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd -P)
if [ "${1:-}" = fuzz ]; then
  # schemathesis has its own pinned packages (scripts/requirements-fuzz.txt), apart from the ones below.
  fuzz="$root/.local/tools/schemathesis"
  [ -f "$fuzz/.installed" ] || { echo "run.sh: $fuzz is missing: run ./dev install first" >&2; exit 2; }
  shift
  PYTHONPATH="$fuzz" PYTHONDONTWRITEBYTECODE=1 exec python3 "$root/deploy/checks/fuzz.py" --root "$root" "$@"
fi
py="$root/.local/tools/python"
[ -f "$py/.installed" ] || { echo "run.sh: $py is missing: run ./dev install first" >&2; exit 2; }
export PYTHONPATH="$py${PYTHONPATH:+:$PYTHONPATH}" PYTHONDONTWRITEBYTECODE=1
if [ "${1:-}" = k8s-generate ]; then
  exec python3 "$root/deploy/k8s/generate.py" "$root"
fi
if [ "${1:-}" = asyncapi-generate ]; then
  exec python3 "$root/deploy/asyncapi/generate.py" --root "$root"
fi
exec python3 "$root/deploy/checks/deploy_checks.py" --root "$root" "$@"

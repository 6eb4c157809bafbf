#!/usr/bin/env python3
"""Fuzzes every service against its own OpenAPI document with schemathesis (scripts/requirements-fuzz.txt).

    fuzz.py --root REPO --services a,b --bin-dir DIR --postgres-url URL --kafka HOST:PORT
            [--max-examples N] [--seed S] [--only SERVICE] [--roles guest,member,admin]
    fuzz.py --root REPO --services a,b --urls '{"identity": "http://127.0.0.1:8101", ...}' ...  (a running stack)

Starts the five executables in local mode with the demo data (fresh schemas of the test PostgreSQL, the
test broker), signs in as the demo enterprise member and platform admin, then runs `schemathesis run`
on each service's served /openapi.yaml once per role (a guest without a token, the member, the admin)
with every check on, a bounded number of examples per operation and a fixed seed. Every operation of
every document is fuzzed except EXCLUDED below (each with its reason). Each finding is printed as a
line starting with FAIL; the exit code is 1 when there was any.
"""
import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

# schemathesis' checks: the six the platform promises (no 5xx, statuses, content types, response
# schemas, negative data rejected, positive data accepted) and the other stateless ones.
CHECKS = ",".join([
    "not_a_server_error", "status_code_conformance", "content_type_conformance", "response_schema_conformance",
    "response_headers_conformance", "negative_data_rejection", "positive_data_acceptance",
    "missing_required_header",
])

# (service, operationId): operations the run leaves out, and why. Only those that would destroy the
# run's own credentials (the tokens it signed in with) belong here.
EXCLUDED = {
    ("identity", "rotateSigningKey"): "rotating twice retires the key the run's tokens are signed with "
                                      "(every later request would be 401); tested in IdentityTests",
}

# Services started with the stack but not yet fuzzed, and why. Printed by every run and listed in README
# ("Fuzzing"); a service leaves this list when its document passes every check.
PENDING = {
}

# (service, operationId, check): one check left off for one operation, and why: a rule of the data the
# document cannot state as a schema. Printed by every run and listed in README ("Fuzzing"); every other
# check runs on every operation.
NOT_YET = {
    ("filing", "setWindowRule", "positive_data_acceptance"):
        "closesDay must not be before opensDay: a rule between two fields that a schema cannot state "
        "(only the statistics bureau's admins reach it)",
    ("filing", "setFilingWindow", "positive_data_acceptance"):
        "closesOn must be from opensOn to a year after it: a rule between two fields that a schema cannot state "
        "(only the statistics bureau's admins reach it)",
    ("filing", "changeCityPerformanceRules", "positive_data_acceptance"):
        "the four weights must sum to 100: a rule between fields that a schema cannot state "
        "(only platform admins reach it)",
    ("filing", "changeUnitPerformanceWeights", "positive_data_acceptance"):
        "the four weights must sum to 100: a rule between fields that a schema cannot state "
        "(platform admins and the unit's own admin reach it)",
    ("appeals", "uploadAttachment", "positive_data_acceptance"):
        "a file is taken only when its bytes are a PDF, PNG, JPEG, DOCX or XLSX matching the extension of the "
        "fileName query parameter: a rule between the body and a parameter that a schema cannot state",
    ("policy", "uploadApplicationFile", "positive_data_acceptance"):
        "a file is taken only when its bytes are a PDF, PNG, JPEG, DOCX or XLSX matching the extension of the "
        "fileName query parameter: a rule between the body and a parameter that a schema cannot state",
    ("appeals", "putCalendarYear", "positive_data_acceptance"):
        "holidays and make-up workdays must fall in the year named by the path: a rule between the body and "
        "the path that a schema cannot state",
}

PASSWORD = "Qinqing@2026"
ROLES = {"guest": None, "member": "qiye-member", "admin": "admin"}

FAILURES = []


def fail(message):
    FAILURES.append(message)
    print(f"FAIL {message}", flush=True)


def ok(message):
    print(f"ok   {message}", flush=True)


def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(method, url, body=None, token=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except OSError as error:
        return None, str(error).encode()


def psql_binary():
    for version in ("17", "16", "15"):
        path = f"/usr/lib/postgresql/{version}/bin/psql"
        if os.access(path, os.X_OK):
            return path
    return "psql"


def demo_seeded(postgres_url, schema):
    """The demo accounts are written in one transaction after start-up: is the admin there yet?
    (Signing in before would fail and make the next sign-in need a captcha.)"""
    result = subprocess.run([psql_binary(), postgres_url, "-XAtq", "-c",
                             f"SELECT count(*) FROM {schema}.accounts WHERE username = 'admin'"],
                            capture_output=True, text=True, stdin=subprocess.DEVNULL)
    return result.returncode == 0 and result.stdout.strip() == "1"


def sign_in(identity_url, username):
    status, raw = http("POST", f"{identity_url}/sessions", {"username": username, "password": PASSWORD})
    try:
        body = json.loads(raw)
    except ValueError:
        body = {}
    token = body.get("accessToken") if isinstance(body, dict) else None
    if status != 200 or not token:
        fail(f"sign-in of the demo account {username}: {status} {raw[:200]!r}")
        return None
    return token


def own_broker(folder, processes, logs):
    """A broker of the run's own (tansu in memory, QINQING_TANSU_BIN), so the demo data's events never
    reach the other suites' consumers on the shared test broker; None without QINQING_TANSU_BIN."""
    tansu = os.environ.get("QINQING_TANSU_BIN")
    if not tansu or not os.access(tansu, os.X_OK):
        return None
    import socket
    port = free_port()
    logs["broker"] = open(os.path.join(folder, "broker.log"), "w")
    processes["broker"] = subprocess.Popen(
        [tansu, "broker", "--listener-url", f"tcp://127.0.0.1:{port}", "--advertised-listener-url",
         f"tcp://127.0.0.1:{port}", "--storage-engine", "memory://tansu/"],
        env=dict(os.environ, NO_COLOR="1"), stdin=subprocess.DEVNULL, stdout=logs["broker"], stderr=subprocess.STDOUT)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return f"127.0.0.1:{port}"
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("the run's own broker did not start listening within 30 s")


def start_stack(args, folder, tag, processes, logs):
    """Starts the services; returns {service: url} once all are ready and seeded."""
    services = args.services.split(",")
    ports = {service: free_port() for service in services}
    kafka = own_broker(folder, processes, logs) or args.kafka
    for service in services:
        env = dict(os.environ)
        env.update({f"QINQING_{s.upper()}_PORT": str(p) for s, p in ports.items()})
        env.update({
            "QINQING_ENVIRONMENT": "local", "QINQING_HTTP_HOST": "127.0.0.1",
            "QINQING_POSTGRES_URL": args.postgres_url, "QINQING_POSTGRES_SCHEMA": f"fz{tag}_{service}",
            "QINQING_POSTGRES_POOL_SIZE": "4", "QINQING_KAFKA_BROKERS": kafka,
            "QINQING_IDENTITY_URL": f"http://127.0.0.1:{ports['identity']}", "QINQING_LOG_LEVEL": "error",
            "QINQING_SEED_DEMO": "1", "QINQING_BCRYPT_COST": "4",
            # The run signs in as demo accounts; a captcha on every sign-in is for people (tested in IdentityTests).
            "QINQING_SIGNIN_CAPTCHA": "afterFailure",
        })
        logs[service] = open(os.path.join(folder, f"{service}.log"), "w")
        processes[service] = subprocess.Popen([os.path.join(args.bin_dir, service)], env=env, stdin=subprocess.DEVNULL,
                                              stdout=logs[service], stderr=subprocess.STDOUT)
    urls = {service: f"http://127.0.0.1:{port}" for service, port in ports.items()}
    deadline = time.time() + 120
    waiting = set(services)
    while waiting and time.time() < deadline:
        for service in sorted(waiting):
            if processes[service].poll() is not None:
                raise RuntimeError(f"{service} exited while starting: {tail(folder, service)}")
            if http("GET", f"{urls[service]}/health/ready")[0] == 200:
                waiting.discard(service)
        time.sleep(0.3)
    if waiting:
        raise RuntimeError(f"not ready within 120 s: {sorted(waiting)}")
    while not demo_seeded(args.postgres_url, f"fz{tag}_identity"):
        if time.time() > deadline:
            raise RuntimeError("the demo accounts were not seeded within 120 s")
        time.sleep(0.3)
    return urls


def drop_schemas(args, tag):
    """The run's schemas go with it: the shared test database keeps nothing of the fuzzing."""
    names = ", ".join(f"fz{tag}_{service}" for service in args.services.split(","))
    subprocess.run([psql_binary(), args.postgres_url, "-XAtq", "-c", f"DROP SCHEMA IF EXISTS {names} CASCADE"],
                   capture_output=True, text=True, stdin=subprocess.DEVNULL)


def stop_stack(processes, logs):
    for process in processes.values():
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
    for handle in logs.values():
        handle.close()


def tail(folder, service):
    try:
        with open(os.path.join(folder, f"{service}.log"), encoding="utf-8", errors="replace") as handle:
            return handle.read()[-600:].replace("\n", " ")
    except OSError:
        return ""


def schemathesis(args, service, url, role, token, folder):
    """One schemathesis run; prints ok or FAIL with its output; returns its exit code."""
    config = os.path.join(folder, f"schemathesis-{service}.toml")
    with open(config, "w", encoding="utf-8") as handle:
        # The checks are chosen here, not with --checks (a command-line choice would override the
        # per-operation settings below).
        handle.write("[checks]\nenabled = false\n\n")
        for check in CHECKS.split(","):
            handle.write(f"[checks.{check}]\nenabled = true\n\n")
        for (exempt, operation, check) in NOT_YET:
            if exempt == service:
                handle.write(f'[[operations]]\ninclude-operation-id = "{operation}"\n'
                             f'checks.{check}.enabled = false\n\n')
    command = [sys.executable, "-c", "import sys; from schemathesis.cli import schemathesis; sys.exit(schemathesis())",
               "--config-file", config, "run", f"{url}/openapi.yaml", "--url", url,
               "--max-examples", str(args.max_examples), "--seed", str(args.seed),
               "--phases", "examples,coverage,fuzzing", "--workers", str(args.workers), "--no-shrink",
               "--request-timeout", "20", "--suppress-health-check", "all", "--output-truncate", "true",
               "--generation-with-security-parameters", "false",
               # No U+0000 in generated strings: PostgreSQL text cannot hold it, and the services answer
               # it with a field-named 400 (Validate.text, path parameters) that the documents do not spell out.
               "--generation-allow-x00", "false"]
    for (excluded_service, operation), _ in EXCLUDED.items():
        if excluded_service == service:
            command += ["--exclude-operation-id", operation]
    if token:
        command += ["--header", f"Authorization: Bearer {token}"]
    # fuzz_formats.py: the documents' own string formats (uscc, resident-id, ...) for generating valid values.
    here = os.path.dirname(os.path.abspath(__file__))
    environment = dict(os.environ, NO_COLOR="1", COLUMNS="160", SCHEMATHESIS_HOOKS="fuzz_formats",
                       PYTHONPATH=os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")])))
    started = time.time()
    result = subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL, env=environment,
                            cwd=folder)
    output = result.stdout + result.stderr
    log = os.path.join(folder, f"schemathesis-{service}-{role}.log")
    with open(log, "w", encoding="utf-8") as handle:
        handle.write(output)
    summary = [line.strip() for line in output.splitlines() if " generated" in line or "Operations:" in line]
    elapsed = time.time() - started
    if result.returncode == 0:
        ok(f"{service} as {role}: no findings ({elapsed:.0f} s; " + "; ".join(summary) + ")")
    else:
        fail(f"{service} as {role}: schemathesis found problems ({elapsed:.0f} s); output follows")
        print(output[-args.output_limit:], flush=True)
    return result.returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--services", required=True)
    parser.add_argument("--bin-dir")
    parser.add_argument("--postgres-url")
    parser.add_argument("--kafka")
    parser.add_argument("--urls", help="JSON {service: base URL} of a running local stack with the demo data")
    parser.add_argument("--only", default="", help="comma-separated services to fuzz (default: all)")
    parser.add_argument("--roles", default="guest,member,admin")
    parser.add_argument("--max-examples", type=int, default=5)
    parser.add_argument("--seed", type=int, default=20261203)
    parser.add_argument("--workers", type=int, default=1)  # 2 trips a Python 3.11 AST race in hypothesis
    parser.add_argument("--output-limit", type=int, default=20000)
    parser.add_argument("--hold", action="store_true", help="start the stack, print its URLs and wait (debugging)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="qinqing-fuzz-") as folder:
        os.chmod(folder, 0o755)
        processes, logs, tag = {}, {}, None
        try:
            if args.urls:
                urls = json.loads(args.urls)
            else:
                tag = secrets.token_hex(3)
                urls = start_stack(args, folder, tag, processes, logs)
                ok(f"the services are ready with the demo data: {urls}")
            if args.hold:
                signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
                print(json.dumps(urls), flush=True)
                while True:
                    time.sleep(3600)
            tokens = {role: (sign_in(urls["identity"], username) if username else None)
                      for role, username in ROLES.items()}
            only = set(filter(None, args.only.split(","))) or set(urls)
            for service in args.services.split(","):
                if service not in only or (service in PENDING and not args.only):
                    continue
                for role in args.roles.split(","):
                    if ROLES[role] and not tokens[role]:
                        continue
                    schemathesis(args, service, urls[service], role, tokens[role], folder)
        except RuntimeError as error:
            fail(str(error))
        finally:
            stop_stack(processes, logs)
            if tag:
                drop_schemas(args, tag)
    for (service, operation), reason in EXCLUDED.items():
        print(f"excluded {service} {operation}: {reason}")
    for service, reason in PENDING.items():
        print(f"pending {service}: {reason}")
    for (service, operation, check), reason in NOT_YET.items():
        print(f"not yet {service} {operation} {check}: {reason}")
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()

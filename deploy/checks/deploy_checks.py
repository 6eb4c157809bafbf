#!/usr/bin/env python3
"""Offline checks of the deployment files against the code and the published schemas.

    deploy_checks.py --root REPO compose  --services a,b --topics t1,t2
    deploy_checks.py --root REPO gateway  (nginx -t of deploy/gateway with the upstreams on loopback)
    deploy_checks.py --root REPO k8s      --services a,b
    deploy_checks.py --root REPO asyncapi --events events.json

Every failure is printed as one line starting with FAIL; the exit code is 1 when any check failed.
Tests/DeployTests runs these through deploy/checks/run.sh and passes the facts it takes from
Shared/Contracts (services, topics, event types), so the files cannot drift from the code.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml

FAILURES = []


def fail(message):
    FAILURES.append(message)
    print(f"FAIL {message}")


def ok(message):
    print(f"ok   {message}")


def read(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        return handle.read()


def load_yaml_all(root, path):
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        return [doc for doc in yaml.safe_load_all(handle) if doc is not None]


# --- facts read from the code ---------------------------------------------------------------------

def default_ports(root):
    """ServiceConfiguration.defaultPorts: {service: port}."""
    text = read(root, "Shared/ServiceKit/ServiceConfiguration.swift")
    block = re.search(r"defaultPorts[^=]*=\s*\[(.*?)\]", text, re.S).group(1)
    return {name: int(port) for name, port in re.findall(r"\.(\w+):\s*(\d+)", block)}


def configuration_variables(root):
    """Variables ServiceConfiguration reads, each with a default (all of them have one)."""
    text = read(root, "Shared/ServiceKit/ServiceConfiguration.swift")
    names = set(re.findall(r'reader\.(?:string|value)\(\s*"(QINQING_[A-Z0-9_]+)"', text))
    per_service_port = '"QINQING_\\(name.uppercased())_PORT"' in text
    return names, per_service_port


def swift_sources(root, folder):
    for base, _, files in os.walk(os.path.join(root, folder)):
        for name in files:
            if name.endswith(".swift"):
                with open(os.path.join(base, name), encoding="utf-8") as handle:
                    yield handle.read()


def service_variables(root, service):
    """QINQING_* variables a service reads beyond ServiceConfiguration: its own sources, plus the
    personal-data keys when it builds a FieldCipher from the environment (directly or through
    ServiceDependencies.personalDataCipher)."""
    folder = f"Services/{service.capitalize()}"
    names, uses_cipher = set(), False
    for text in swift_sources(root, folder):
        names |= set(re.findall(r'"(QINQING_[A-Z0-9_]+)"', text))
        uses_cipher |= "FieldCipher.fromEnvironment" in text or "personalDataCipher(" in text
    if uses_cipher:
        for text in swift_sources(root, "Shared/PersonalData"):
            names |= set(re.findall(r'"(QINQING_[A-Z0-9_]+)"', text))
    return names, uses_cipher


# Defaulted in ServiceConfiguration, but the default (loopback, the dev ports) is wrong in a container:
# a deployment must set these.
MUST_SET = {"QINQING_ENVIRONMENT", "QINQING_HTTP_HOST", "QINQING_POSTGRES_URL", "QINQING_KAFKA_BROKERS",
            "QINQING_IDENTITY_URL"}
# Read by the image's entry point (deploy/docker/entrypoint.sh), not by the Swift code.
ENTRYPOINT_VARIABLES = {"QINQING_SERVICE"}


def env_of(environment):
    if isinstance(environment, list):
        return dict(item.split("=", 1) if "=" in item else (item, None) for item in environment)
    return {key: (None if value is None else str(value)) for key, value in (environment or {}).items()}


def provided(env, name):
    """A variable is provided when set, or when NAME_FILE is set (the entry point reads the file)."""
    return (env.get(name) not in (None, "")) or (env.get(name + "_FILE") not in (None, ""))


def check_env(where, service, env, root, ports, config_vars, per_service_port, services):
    port_var = f"QINQING_{service.upper()}_PORT"
    own, uses_cipher = service_variables(root, service)
    for name in sorted(MUST_SET | {port_var}):
        if not provided(env, name):
            fail(f"{where}: {service} must set {name} (its default is for the local run)")
    if env.get("QINQING_ENVIRONMENT") != "production":
        fail(f"{where}: {service} runs with QINQING_ENVIRONMENT={env.get('QINQING_ENVIRONMENT')!r}, not production")
    if env.get("QINQING_HTTP_HOST") != "0.0.0.0":
        fail(f"{where}: {service} must bind 0.0.0.0 (QINQING_HTTP_HOST)")
    if str(env.get(port_var)) != str(ports[service]):
        fail(f"{where}: {service} listens on {env.get(port_var)}, the code's port is {ports[service]}")
    for name in sorted(own - config_vars):
        if not provided(env, name):
            fail(f"{where}: {service} reads {name} (no usable default in production) but it is not set")
    if uses_cipher:
        for name in ("QINQING_PII_KEYS", "QINQING_PII_CURRENT_KEY", "QINQING_PII_HASH_KEY"):
            if name in env and not str(env[name]).startswith("<secret "):
                fail(f"{where}: {service} has {name} inline; personal-data keys come from secrets ({name}_FILE)")
    known_ports = {f"QINQING_{s.upper()}_PORT" for s in services} if per_service_port else set()
    readable = config_vars | known_ports | own | ENTRYPOINT_VARIABLES
    for name in sorted(env):
        base = name[:-5] if name.endswith("_FILE") else name
        if base.startswith("QINQING_") and base not in readable:
            fail(f"{where}: {service} sets {name}, which no code reads (typo?)")
    url = env.get("QINQING_POSTGRES_URL") or ""
    match = re.match(r"postgres(?:ql)?://([^:@/]+)(:[^@]*)?@", url)
    if not match:
        fail(f"{where}: {service}: QINQING_POSTGRES_URL names no role: {url!r}")
    else:
        if match.group(1) != f"qinqing_{service}":
            fail(f"{where}: {service} signs in to PostgreSQL as {match.group(1)}, not qinqing_{service}")
        if match.group(2):
            fail(f"{where}: {service}: a password is written inline in QINQING_POSTGRES_URL")
    if not provided(env, "PGPASSWORD"):
        fail(f"{where}: {service} has no PGPASSWORD_FILE (its database password secret)")
    return own


# --- compose ---------------------------------------------------------------------------------------

def check_compose(args):
    root = args.root
    services = args.services.split(",")
    topics = args.topics.split(",") if args.topics else []
    schema = json.loads(read(root, "deploy/schemas/compose-spec.json"))
    compose = yaml.safe_load(read(root, "docker-compose.yml"))
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(compose), key=lambda e: list(e.path))
    for error in errors:
        fail(f"docker-compose.yml does not follow the Compose specification at {'/'.join(map(str, error.path))}: {error.message}")
    if not errors:
        ok("docker-compose.yml follows the Compose specification (deploy/schemas/compose-spec.json)")

    ports = default_ports(root)
    config_vars, per_service_port = configuration_variables(root)
    if set(ports) != set(services):
        fail(f"ServiceConfiguration.defaultPorts names {sorted(ports)}, the contracts {sorted(services)}")
    defined = compose.get("services", {})
    top_secrets = compose.get("secrets", {})

    for name in ("postgres", "kafka"):
        if "healthcheck" not in defined.get(name, {}):
            fail(f"docker-compose.yml: {name} has no health check")
    job = defined.get("kafka-topics")
    if not job:
        fail("docker-compose.yml: no kafka-topics job")
    else:
        mounts = " ".join(job.get("volumes", []))
        if "./deploy/topics.txt:" not in mounts or "./deploy/kafka/create-topics.sh:" not in mounts:
            fail("docker-compose.yml: the kafka-topics job must mount deploy/topics.txt and deploy/kafka/create-topics.sh")
        if (job.get("depends_on") or {}).get("kafka", {}).get("condition") != "service_healthy":
            fail("docker-compose.yml: the kafka-topics job must wait for a healthy kafka")
        if job.get("restart") not in ("no", None):
            fail("docker-compose.yml: the kafka-topics job is one-shot (restart: \"no\")")
    # The topic file: every topic the code names and its dead-letter twin, with partitions.
    listed = {}
    for line in read(root, "deploy/topics.txt").splitlines():
        line = line.split("#", 1)[0].split()
        if line:
            listed[line[0]] = int(line[1])
    for topic in topics:
        for name in (topic, topic + ".dlq"):
            if name not in listed:
                fail(f"deploy/topics.txt does not create {name}, which Shared/Contracts names")
    ok(f"deploy/topics.txt creates {len(listed)} topics")

    postgres = defined.get("postgres", {})
    init = " ".join(postgres.get("volumes", []))
    if "./deploy/postgres/init-roles.sh:/docker-entrypoint-initdb.d/" not in init:
        fail("docker-compose.yml: postgres does not run deploy/postgres/init-roles.sh")
    if "POSTGRES_PASSWORD" in (postgres.get("environment") or {}):
        fail("docker-compose.yml: the PostgreSQL superuser password is inline (use POSTGRES_PASSWORD_FILE)")
    init_text = read(root, "deploy/postgres/init-roles.sh")
    init_services = re.search(r"^services=\(([^)]*)\)", init_text, re.M)
    if not init_services or init_services.group(1).split() != services:
        fail(f"deploy/postgres/init-roles.sh creates roles for {init_services and init_services.group(1)}, not {services}")
    for service in services:
        if f"{service}_db_password" not in [s if isinstance(s, str) else s.get("source") for s in postgres.get("secrets", [])]:
            fail(f"docker-compose.yml: postgres does not get the secret {service}_db_password for its init step")

    dockerfile = read(root, "deploy/Dockerfile")
    entrypoint = read(root, "deploy/docker/entrypoint.sh")
    platform = read(root, "Shared/ServiceKit/PlatformController.swift")
    if '"/health/ready"' not in platform:
        fail("PlatformController no longer serves /health/ready")
    if "/health/ready" not in entrypoint or "HEALTHCHECK" not in dockerfile:
        fail("the image's health check does not ask /health/ready")
    if not re.search(r"^USER\s+(?!0\b|root\b)\S+", dockerfile, re.M):
        fail("deploy/Dockerfile does not switch to a non-root user")
    if not re.search(r"^ARG SWIFT_IMAGE=swift:[\w.]+-bookworm$", dockerfile, re.M):
        fail("deploy/Dockerfile does not build on the official swift bookworm image")
    for lib in ("libpq5",):
        if lib not in dockerfile:
            fail(f"deploy/Dockerfile runtime lacks {lib}")
    # The executables the image builds are the package's services.
    package = read(root, "Package.swift")
    declared = re.search(r"let services = \[([^\]]*)\]", package)
    executables = [name.strip().strip('"').lower() for name in declared.group(1).split(",")] if declared else []
    for loop in re.findall(r"for s in ([a-z ]+); do", dockerfile):
        if loop.split() != executables or sorted(executables) != sorted(services):
            fail(f"deploy/Dockerfile builds {loop.split()}, Package.swift's services are {executables}")
    # Everything the Dockerfile copies from the context passes deploy/Dockerfile.dockerignore.
    ignore = [line.strip() for line in read(root, "deploy/Dockerfile.dockerignore").splitlines()
              if line.strip() and not line.startswith("#")]
    allowed = [line[1:].rstrip("/") for line in ignore if line.startswith("!")]
    if ignore[:1] != ["*"]:
        fail("deploy/Dockerfile.dockerignore must start by excluding everything (*)")
    for source in re.findall(r"^COPY\s+(?!--from)(\S+)\s", dockerfile, re.M):
        if source.rstrip("/") not in allowed:
            fail(f"deploy/Dockerfile copies {source}, which deploy/Dockerfile.dockerignore leaves out of the context")

    for service in services:
        where = "docker-compose.yml"
        spec = defined.get(service)
        if spec is None:
            fail(f"{where}: no service {service}")
            continue
        if not re.search(rf"\b{service}\b", re.search(r"for s in ([a-z ]+); do", dockerfile).group(1)):
            fail(f"deploy/Dockerfile does not copy the executable {service}")
        if not re.search(rf"^\s+{service}\) echo \"\$\{{QINQING_{service.upper()}_PORT:-{ports[service]}\}}\" ;;", entrypoint, re.M):
            fail(f"deploy/docker/entrypoint.sh does not know {service}'s port {ports[service]}")
        if (spec.get("command") or [None])[0] != service:
            fail(f"{where}: {service} runs {spec.get('command')}, not its own executable")
        env = env_of(spec.get("environment"))
        if env.get("QINQING_SERVICE") != service:
            fail(f"{where}: {service}: QINQING_SERVICE (the health check's service) is {env.get('QINQING_SERVICE')!r}")
        check_env(where, service, env, root, ports, config_vars, per_service_port, services)
        health = (spec.get("healthcheck") or {}).get("test") or []
        if "/app/entrypoint.sh" not in health or "healthcheck" not in health:
            fail(f"{where}: {service} has no health check on /health/ready")
        wanted_secrets = [s if isinstance(s, str) else s.get("source") for s in spec.get("secrets", [])]
        if "postgres_password" in wanted_secrets:
            fail(f"{where}: {service} gets the superuser's password")
        for name, value in env.items():
            if name.endswith("_FILE"):
                secret = (value or "").removeprefix("/run/secrets/")
                if secret not in wanted_secrets or secret not in top_secrets:
                    fail(f"{where}: {service}: {name} names {value}, which is not one of its secrets")
        if env.get("PGPASSWORD_FILE") != f"/run/secrets/{service}_db_password":
            fail(f"{where}: {service} does not read its own database password secret")
        depends = spec.get("depends_on") or {}
        for needed, condition in (("postgres", "service_healthy"), ("kafka", "service_healthy"),
                                  ("kafka-topics", "service_completed_successfully")):
            if (depends.get(needed) or {}).get("condition") != condition:
                fail(f"{where}: {service} must depend on {needed} with condition {condition}")
        if service != "identity" and (depends.get("identity") or {}).get("condition") != "service_healthy":
            fail(f"{where}: {service} verifies tokens with identity's keys: depend on a healthy identity")
        if spec.get("ports"):
            fail(f"{where}: {service} publishes ports; only the gateway is published")
        if str(ports[service]) not in [str(p) for p in spec.get("expose", [])]:
            fail(f"{where}: {service} does not expose its port {ports[service]}")
    gateway = defined.get("gateway")
    if not gateway:
        fail("docker-compose.yml: no gateway")
    else:
        for service in services:
            if (gateway.get("depends_on") or {}).get(service, {}).get("condition") != "service_healthy":
                fail(f"docker-compose.yml: the gateway must wait for a healthy {service}")
        upstreams = read(root, "deploy/gateway/upstreams.conf")
        for service in services:
            if not re.search(rf"upstream {service}\s*\{{\s*server {service}:{ports[service]};", upstreams):
                fail(f"deploy/gateway/upstreams.conf does not send {service} to {service}:{ports[service]}")
    check_entrypoint(root, services)
    check_topic_job(root, listed)
    check_make_secrets(root, services)
    ok(f"checked {len(services)} services of docker-compose.yml against the code")


def check_topic_job(root, listed):
    """Runs deploy/kafka/create-topics.sh against stand-ins of kafka-topics.sh and kafka-configs.sh that
    record their arguments: every topic of topics.txt is created with its partitions and retention."""
    with tempfile.TemporaryDirectory(prefix="qinqing-topics-") as folder:
        calls = os.path.join(folder, "calls")
        for tool in ("kafka-topics.sh", "kafka-configs.sh"):
            path = os.path.join(folder, tool)
            with open(path, "w") as handle:
                handle.write(f'#!/bin/sh\necho "{tool} $*" >> {calls}\n')
            os.chmod(path, 0o755)
        env = {"PATH": "/usr/bin:/bin", "KAFKA_BIN": folder, "TOPICS_FILE": os.path.join(root, "deploy/topics.txt"),
               "KAFKA_BOOTSTRAP": "kafka:9092", "REPLICATION_FACTOR": "3", "MIN_INSYNC_REPLICAS": "2"}
        run = subprocess.run(["bash", os.path.join(root, "deploy/kafka/create-topics.sh")], capture_output=True, text=True, env=env)
        if run.returncode != 0:
            fail(f"create-topics.sh failed: {run.stderr.strip()}")
            return
        made = {}
        for line in open(calls).read().splitlines():
            words = line.split()
            if words[0] == "kafka-topics.sh" and "--create" in words:
                topic = words[words.index("--topic") + 1]
                made[topic] = (int(words[words.index("--partitions") + 1]), words[words.index("--replication-factor") + 1],
                               [w for w in words if w.startswith("retention.ms=")])
        for topic, partitions in listed.items():
            retention = "retention.ms=1209600000" if topic.endswith(".dlq") else "retention.ms=2592000000"
            if made.get(topic) != (partitions, "3", [retention]):
                fail(f"create-topics.sh creates {topic} as {made.get(topic)}, not ({partitions}, 3, [{retention}])")
    ok(f"deploy/kafka/create-topics.sh creates the {len(listed)} topics with their partitions and retention")


def check_make_secrets(root, services):
    """deploy/make-secrets.sh writes every secret docker-compose.yml names, well-formed, and keeps them."""
    import base64

    compose = yaml.safe_load(read(root, "docker-compose.yml"))
    with tempfile.TemporaryDirectory(prefix="qinqing-secrets-") as folder:
        target = os.path.join(folder, "secrets")
        for attempt in (1, 2):
            run = subprocess.run(["bash", os.path.join(root, "deploy/make-secrets.sh"), target], capture_output=True, text=True)
            if run.returncode != 0:
                fail(f"make-secrets.sh failed: {run.stderr.strip()}")
                return
            if attempt == 1:
                first = {name: open(os.path.join(target, name)).read() for name in os.listdir(target)}
        again = {name: open(os.path.join(target, name)).read() for name in os.listdir(target)}
        if first != again:
            fail("make-secrets.sh changed existing secrets when run again")
        for name, spec in compose.get("secrets", {}).items():
            if os.path.basename(spec.get("file", "")) not in again:
                fail(f"make-secrets.sh does not write the secret {name} docker-compose.yml names")
        keys = dict(item.split(":", 1) for item in again.get("pii_keys", "").split(","))
        current = again.get("pii_current_key")
        if current not in keys or len(base64.b64decode(keys[current])) != 32:
            fail("make-secrets.sh: pii_keys must hold the current key id with 32 bytes of base64")
        if len(base64.b64decode(again.get("pii_hash_key", ""))) != 32:
            fail("make-secrets.sh: pii_hash_key must be 32 bytes of base64")
        if len(again.get("sms_secret", "")) < 16:
            fail("make-secrets.sh: sms_secret must be at least 16 characters (the notifications service requires it)")
        if os.stat(target).st_mode & 0o077:
            fail("make-secrets.sh: the secrets folder must be private (0700)")
    ok("deploy/make-secrets.sh writes every secret of docker-compose.yml, well-formed, once")


def check_entrypoint(root, services):
    """Runs deploy/docker/entrypoint.sh with stand-in executables: it runs the named service with its
    arguments, turns QINQING_*_FILE and PGPASSWORD_FILE into variables, and refuses unknown names."""
    with tempfile.TemporaryDirectory(prefix="qinqing-entrypoint-") as folder:
        script = read(root, "deploy/docker/entrypoint.sh").replace("/app/bin/", folder + "/bin/")
        with open(os.path.join(folder, "entrypoint.sh"), "w") as handle:
            handle.write(script)
        os.makedirs(os.path.join(folder, "bin"))
        for service in services:
            path = os.path.join(folder, "bin", service)
            with open(path, "w") as handle:
                handle.write(f'#!/bin/sh\necho "{service} $*|$PGPASSWORD|$QINQING_PII_KEYS|${{OTHER_SECRET:-unset}}"\n')
            os.chmod(path, 0o755)
        with open(os.path.join(folder, "password"), "w") as handle:
            handle.write("s3cret\n")
        env = {"PATH": "/usr/bin:/bin", "PGPASSWORD_FILE": os.path.join(folder, "password"),
               "QINQING_PII_KEYS_FILE": os.path.join(folder, "password"), "OTHER_SECRET_FILE": os.path.join(folder, "password")}
        for service in services:
            run = subprocess.run(["sh", os.path.join(folder, "entrypoint.sh"), service, "migrate"], capture_output=True, text=True, env=env)
            if run.returncode != 0 or run.stdout.strip() != f"{service} migrate|s3cret|s3cret|unset":
                fail(f"entrypoint.sh {service} migrate ran {run.stdout.strip()!r} {run.stderr.strip()!r}")
        run = subprocess.run(["sh", os.path.join(folder, "entrypoint.sh"), "nosuchservice"], capture_output=True, text=True, env=env)
        if run.returncode == 0:
            fail("entrypoint.sh runs an unknown service name")
        run = subprocess.run(["sh", os.path.join(folder, "entrypoint.sh"), services[0]], capture_output=True, text=True,
                             env=dict(env, QINQING_PII_KEYS_FILE="/nonexistent"))
        if run.returncode == 0:
            fail("entrypoint.sh starts although a secret file cannot be read")
    ok("deploy/docker/entrypoint.sh runs each service and reads its secret files")


# --- the PostgreSQL init step, run for real ----------------------------------------------------------

def check_postgres(args):
    """Runs deploy/postgres/init-roles.sh twice (it must be idempotent) against a PostgreSQL server as its
    superuser, in a database of its own, then checks what each service's role may and may not do."""
    import secrets
    import urllib.parse

    root = args.root
    services = args.services.split(",")
    url = urllib.parse.urlparse(args.url)
    database = f"qinqing_init_{secrets.token_hex(4)}"
    base_env = dict(os.environ, PGHOST=url.hostname or "127.0.0.1", PGPORT=str(url.port or 5432),
                    PGCONNECT_TIMEOUT="10")
    superuser = url.username or "postgres"

    def psql(user, sql, db=database, password=None):
        env = dict(base_env, PGUSER=user)
        if password:
            env["PGPASSWORD"] = password
        return subprocess.run(["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql],
                              capture_output=True, text=True, env=env)

    with tempfile.TemporaryDirectory(prefix="qinqing-secrets-") as folder:
        passwords = {}
        for service in services:
            passwords[service] = secrets.token_urlsafe(18)
            with open(os.path.join(folder, f"{service}_db_password"), "w") as handle:
                handle.write(passwords[service] + "\n")
        env = dict(base_env, POSTGRES_USER=superuser, QINQING_DATABASE=database, QINQING_DB_SECRETS_DIR=folder)
        try:
            for attempt in (1, 2):
                run = subprocess.run(["bash", os.path.join(root, "deploy/postgres/init-roles.sh")],
                                     capture_output=True, text=True, env=env)
                if run.returncode != 0:
                    fail(f"init-roles.sh (run {attempt}) failed: {run.stderr.strip()}")
                    return
            ok("deploy/postgres/init-roles.sh runs, and runs again unchanged")
            for service in services:
                role = f"qinqing_{service}"
                flags = psql(superuser, f"SELECT rolsuper, rolcreatedb, rolcreaterole, rolcanlogin FROM pg_roles WHERE rolname = '{role}'")
                if flags.stdout.strip() != "f|f|f|t":
                    fail(f"{role} must be a plain login role (super, createdb, createrole, login = {flags.stdout.strip()})")
                owner = psql(superuser, f"SELECT nspowner::regrole FROM pg_namespace WHERE nspname = '{service}'")
                if owner.stdout.strip() != role:
                    fail(f"schema {service} is owned by {owner.stdout.strip() or 'nobody'}, not {role}")
                own = psql(role, f"CREATE TABLE {service}.probe (id int); INSERT INTO probe VALUES (1); SELECT count(*) FROM probe")
                if own.returncode != 0 or own.stdout.strip() != "1":
                    fail(f"{role} cannot work in its own schema (search_path {service}): {own.stderr.strip()}")
            for service in services:
                role = f"qinqing_{service}"
                if psql(role, "CREATE TABLE public.intruder (id int)").returncode == 0:
                    fail(f"{role} may create tables in public")
                for other in services:
                    if other == service:
                        continue
                    if psql(role, f"SELECT * FROM {other}.probe").returncode == 0:
                        fail(f"{role} may read {other}'s tables")
                    if psql(role, f"CREATE TABLE {other}.intruder (id int)").returncode == 0:
                        fail(f"{role} may create tables in {other}'s schema")
            ok(f"each of {len(services)} roles owns its schema and nothing else")
        finally:
            psql(superuser, f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", db="postgres")


# --- gateway ---------------------------------------------------------------------------------------

def free_port():
    import socket
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stub_upstream(service, seen):
    """An HTTP server standing in for a service: answers 200 with what it received, as JSON."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def handle_any(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            record = {"service": service, "method": self.command, "path": self.path, "bodyLength": len(body),
                      "headers": {k.lower(): v for k, v in self.headers.items()}}
            seen.append(record)
            data = json.dumps(record).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = handle_any

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def nginx_binary():
    for candidate in ("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"):
        if os.access(candidate, os.X_OK):
            return candidate
    return None


def gateway_config(root, folder, listen, upstream_ports):
    """The gateway's own files, with only the environment-specific parts replaced: the upstream
    addresses (loopback stubs instead of service names), the listen port and the writable paths."""
    main = read(root, "deploy/gateway/nginx.conf")
    gateway = read(root, "deploy/gateway/gateway.conf")
    if "listen 8080 default_server;" not in gateway:
        fail("deploy/gateway/gateway.conf does not listen on 8080 (compose and Kubernetes expect it)")
    gateway = gateway.replace("listen 8080 default_server;", f"listen 127.0.0.1:{listen} default_server;")
    upstreams = "".join(f"upstream {name} {{ server 127.0.0.1:{port}; keepalive 4; }}\n"
                        for name, port in upstream_ports.items())
    for name, text in (("gateway.conf", gateway), ("upstreams.conf", upstreams)):
        with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
            handle.write(text)
    for include in ("/etc/nginx/qinqing/upstreams.conf", "/etc/nginx/qinqing/gateway.conf", "pid /var/run/nginx.pid;"):
        if include not in main:
            fail(f"deploy/gateway/nginx.conf no longer has '{include}'")
    main = main.replace("/etc/nginx/qinqing/", folder + "/").replace("pid /var/run/nginx.pid;", f"pid {folder}/nginx.pid;")
    temp = "".join(f"  {kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    main = main.replace("http {\n", "http {\n" + temp, 1)
    path = os.path.join(folder, "nginx.conf")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(main)
    return path


def request(port, method, path, body=None, headers=None):
    import http.client
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    except (ConnectionError, OSError) as error:   # nginx may close early on a refused body
        return None, {}, str(error).encode()
    finally:
        connection.close()


SECURITY_HEADERS = ("strict-transport-security", "x-content-type-options", "x-frame-options", "referrer-policy",
                    "content-security-policy")


def check_gateway(args):
    import signal
    import time

    root = args.root
    services = args.services.split(",")
    nginx = nginx_binary()
    if not nginx:
        fail("nginx is not installed (./dev install installs Debian's nginx)")
        return
    seen = []
    stubs = {service: stub_upstream(service, seen) for service in services}
    listen = free_port()
    with tempfile.TemporaryDirectory(prefix="qinqing-gateway-") as folder:
        os.chmod(folder, 0o755)   # nginx's workers (nobody, when run as root) buffer large bodies here
        conf = gateway_config(root, folder, listen, {s: stub.server_address[1] for s, stub in stubs.items()})
        test = subprocess.run([nginx, "-e", "stderr", "-t", "-q", "-p", folder, "-c", conf], capture_output=True, text=True)
        if test.returncode != 0:
            fail(f"nginx -t refuses deploy/gateway: {test.stderr.strip()}")
            return
        ok("nginx -t accepts deploy/gateway (nginx.conf, gateway.conf, upstreams on loopback)")
        process = subprocess.Popen([nginx, "-e", "stderr", "-p", folder, "-c", conf, "-g", "daemon off;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            for _ in range(100):
                if request(listen, "GET", "/gateway/health")[0] == 200:
                    break
                time.sleep(0.1)
            else:
                fail("the gateway did not answer /gateway/health")
                return
            gateway_journey(listen, services, seen)
        finally:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    for stub in stubs.values():
        stub.shutdown()


def gateway_journey(port, services, seen):
    def expect(condition, message):
        (ok if condition else fail)(message)

    def headers_present(headers, what):
        missing = [name for name in SECURITY_HEADERS if name not in headers]
        expect(not missing, f"{what} carries the security headers{' (missing ' + ', '.join(missing) + ')' if missing else ''}")

    # Routing: /api/<service>/<path> reaches <service> as /<path>, query kept; OpenAPI under each prefix.
    for service in services:
        seen.clear()
        status, headers, _ = request(port, "GET", f"/api/{service}/openapi.yaml")
        expect(status == 200 and seen and seen[-1]["service"] == service and seen[-1]["path"] == "/openapi.yaml",
               f"GET /api/{service}/openapi.yaml reaches {service} as /openapi.yaml")
    status, _, body = request(port, "GET", "/api/openapi")
    index = json.loads(body) if status == 200 else {}
    expect(index == {s: f"/api/{s}/openapi.yaml" for s in services}, "GET /api/openapi lists each service's OpenAPI document")
    seen.clear()
    status, headers, _ = request(port, "GET", "/api/appeals/appeals?queue=mine&q=%E7%8E%8B", headers={
        "X-Forwarded-For": "6.6.6.6, 7.7.7.7", "X-Request-Id": "client-chosen"})
    record = seen[-1] if seen else {"headers": {}}
    expect(status == 200 and record.get("path") == "/appeals?queue=mine&q=%E7%8E%8B",
           "the path and query string reach the service unchanged")
    expect(record["headers"].get("x-forwarded-for") == "127.0.0.1",
           "X-Forwarded-For is the client address the gateway saw, whatever the client sent")
    expect(bool(record["headers"].get("x-request-id")) and record["headers"].get("x-request-id") != "client-chosen",
           "the gateway gives every request its own X-Request-Id")
    headers_present(headers, "a proxied answer")
    expect("server" not in headers or "nginx/" not in headers.get("server", ""), "the gateway does not tell its version")

    # Internal endpoints are not exposed, however they are spelled.
    seen.clear()
    for method, path in (("GET", "/api/identity/metrics"), ("GET", "/api/appeals/metrics"), ("GET", "/api/notifications/metrics"),
                         ("GET", "/api/notifications/local/sms"), ("GET", "/api/notifications/local/sms?page=1"),
                         ("POST", "/api/identity/admin/signing-keys/rotate"), ("GET", "/api/identity/%6detrics"),
                         ("GET", "/api/identity//metrics"), ("GET", "/api/identity/Metrics"),
                         ("GET", "/api/identity/x/../metrics"), ("GET", "/api/unknown/metrics"), ("GET", "/metrics"),
                         ("GET", "/"), ("GET", "/api/unknown/openapi.yaml")):
        status, headers, body = request(port, method, path)
        expect(status == 404, f"{method} {path} answers 404 (got {status})")
    expect(not seen, f"no internal or unknown path reached a service ({[r['path'] for r in seen]})")
    status, headers, body = request(port, "GET", "/api/identity/metrics")
    expect(headers.get("content-type", "").startswith("application/json") and b'"not_found"' in body,
           "the gateway's 404 is a JSON error")
    headers_present(headers, "the gateway's 404")

    # Body size: JSON bodies up to 1 MB; attachments and CSV imports up to 6 MB.
    big, bigger = b"x" * (2 * 1024 * 1024), b"x" * (7 * 1024 * 1024)
    status, headers, body = request(port, "POST", "/api/appeals/appeals", big, {"Content-Type": "application/json"})
    expect(status == 413, f"a 2 MB appeal answers 413 (got {status})")
    headers_present(headers, "the 413")
    status, _, _ = request(port, "POST", "/api/appeals/attachments?fileName=a.pdf", big, {"Content-Type": "application/pdf"})
    expect(status == 200, f"a 2 MB attachment passes (got {status})")
    status, _, _ = request(port, "POST", "/api/appeals/attachments?fileName=a.pdf", bigger, {"Content-Type": "application/pdf"})
    expect(status == 413, f"a 7 MB attachment answers 413 (got {status})")
    status, _, _ = request(port, "POST", "/api/identity/enterprises/imports", big, {"Content-Type": "text/csv"})
    expect(status == 200, f"a 2 MB CSV import passes (got {status})")

    # Rate limits per client IP on sign-in, registration and submissions (POST only).
    # (burst + 1 pass at once; the bound leaves room for a refill on a slow machine.)
    for path, limit in (("/api/identity/sessions", 11), ("/api/identity/persons", 6), ("/api/appeals/complaints", 11)):
        statuses = [request(port, "POST", path, b"{}", {"Content-Type": "application/json"})[0] for _ in range(limit + 4)]
        passed = statuses.count(200)
        expect(passed >= 1 and 429 in statuses and passed <= limit + 2,
               f"POST {path}: {passed} pass, then 429 ({statuses.count(429)} of {len(statuses)})")
        if path == "/api/identity/persons":
            # Person and enterprise registrations share one budget per client IP, spent just now.
            status, _, _ = request(port, "POST", "/api/identity/enterprises/registrations", b"{}",
                                   {"Content-Type": "application/json"})
            expect(status == 429, f"registrations share the per-IP registration budget (got {status})")
    status, headers, body = request(port, "POST", "/api/identity/sessions", b"{}", {"Content-Type": "application/json"})
    expect(status == 429 and headers.get("retry-after") and b'"rate_limited"' in body,
           "a limited sign-in answers 429 with Retry-After and a JSON error")
    headers_present(headers, "the 429")
    status, _, _ = request(port, "GET", "/api/appeals/complaints")
    expect(status == 200, "reading is not limited by the submission limit")


# --- Kubernetes ------------------------------------------------------------------------------------

KUBERNETES_VERSION = "1.30.0"


def check_k8s(args):
    import kubernetes_validate

    root = args.root
    services = args.services.split(",")
    ports = default_ports(root)
    config_vars, per_service_port = configuration_variables(root)
    folder = os.path.join(root, "deploy/k8s")
    resources = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".yaml"):
            continue
        for doc in load_yaml_all(root, f"deploy/k8s/{name}"):
            where = f"deploy/k8s/{name}: {doc.get('kind')}/{doc.get('metadata', {}).get('name')}"
            try:
                kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)
            except Exception as error:   # ValidationError, SchemaNotFoundError
                fail(f"{where} does not follow the Kubernetes {KUBERNETES_VERSION} schema: {getattr(error, 'message', error)}")
            if doc.get("kind") == "Secret":
                fail(f"{where}: secrets are created by ops and referenced, never committed")
            resources[(doc.get("kind"), doc["metadata"]["name"])] = doc
    ok(f"{len(resources)} manifests follow the Kubernetes {KUBERNETES_VERSION} schemas (strict)")
    # The namespace enforces the restricted Pod Security Standard: every pod must meet it.
    for (kind, name), doc in sorted(resources.items()):
        template = doc.get("spec", {}).get("template", {}).get("spec") if kind in ("Deployment", "Job") else None
        if template is None:
            continue
        pod_context = template.get("securityContext", {})
        for container in template.get("containers", []) + template.get("initContainers", []):
            context = container.get("securityContext", {})
            where = f"deploy/k8s {kind}/{name} container {container['name']}"
            if not (context.get("runAsNonRoot") or pod_context.get("runAsNonRoot")):
                fail(f"{where}: runAsNonRoot is required (restricted Pod Security Standard)")
            if context.get("allowPrivilegeEscalation") is not False:
                fail(f"{where}: allowPrivilegeEscalation must be false")
            if context.get("capabilities", {}).get("drop") != ["ALL"] or set(context.get("capabilities", {}).get("add", [])) - {"NET_BIND_SERVICE"}:
                fail(f"{where}: capabilities must drop ALL (and add nothing but NET_BIND_SERVICE)")
            if (context.get("seccompProfile") or pod_context.get("seccompProfile") or {}).get("type") not in ("RuntimeDefault", "Localhost"):
                fail(f"{where}: a RuntimeDefault seccomp profile is required")
    with tempfile.TemporaryDirectory(prefix="qinqing-k8s-") as scratch:
        os.makedirs(os.path.join(scratch, "deploy/k8s"))
        for name in ("deploy/topics.txt", "deploy/kafka/create-topics.sh", "deploy/gateway/nginx.conf",
                     "deploy/gateway/gateway.conf", "deploy/gateway/upstreams.conf"):
            os.makedirs(os.path.dirname(os.path.join(scratch, name)), exist_ok=True)
            with open(os.path.join(scratch, name), "w", encoding="utf-8") as handle:
                handle.write(read(root, name))
        run = subprocess.run([sys.executable, os.path.join(root, "deploy/k8s/generate.py"), scratch],
                             capture_output=True, text=True)
        if run.returncode != 0:
            fail(f"deploy/k8s/generate.py failed: {run.stderr.strip()[-500:]}")
        for name in sorted(os.listdir(os.path.join(scratch, "deploy/k8s"))):
            with open(os.path.join(scratch, "deploy/k8s", name), encoding="utf-8") as handle:
                if handle.read() != read(root, f"deploy/k8s/{name}"):
                    fail(f"deploy/k8s/{name} differs from what deploy/k8s/generate.py writes: run "
                         "deploy/checks/run.sh k8s-generate and commit the result")
    common = (resources.get(("ConfigMap", "qinqing-common")) or {}).get("data", {})

    def container_env(container):
        env = {}
        for source in container.get("envFrom", []):
            if source.get("configMapRef", {}).get("name") == "qinqing-common":
                env.update(common)
        for item in container.get("env", []):
            if "value" in item:
                env[item["name"]] = item["value"]
            else:
                ref = item.get("valueFrom", {})
                secret = ref.get("secretKeyRef")
                config = ref.get("configMapKeyRef")
                if secret:
                    env[item["name"]] = f"<secret {secret['name']}/{secret['key']}>"
                elif config and config.get("name") == "qinqing-common":
                    env[item["name"]] = common.get(config["key"])
        return env

    for service in services:
        deployment = resources.get(("Deployment", service))
        if not deployment:
            fail(f"deploy/k8s: no Deployment {service}")
            continue
        where = f"deploy/k8s Deployment/{service}"
        spec = deployment["spec"]
        pod = spec["template"]["spec"]
        container = pod["containers"][0]
        if not isinstance(spec.get("replicas", 1), int) or spec.get("replicas", 1) < 2:
            fail(f"{where}: fewer than 2 replicas")
        if container.get("args", [None])[0] != service:
            fail(f"{where}: runs {container.get('args')}, not its own executable")
        if container["ports"][0]["containerPort"] != ports[service]:
            fail(f"{where}: port {container['ports'][0]['containerPort']}, the code's is {ports[service]}")
        if (container.get("readinessProbe") or {}).get("httpGet", {}).get("path") != "/health/ready":
            fail(f"{where}: the readiness probe must ask /health/ready")
        if (container.get("livenessProbe") or {}).get("httpGet", {}).get("path") != "/health/live":
            fail(f"{where}: the liveness probe must ask /health/live")
        resources_ = container.get("resources", {})
        if not resources_.get("requests") or not resources_.get("limits", {}).get("memory"):
            fail(f"{where}: resource requests and a memory limit are required")
        if not pod.get("securityContext", {}).get("runAsNonRoot"):
            fail(f"{where}: must run as non-root")
        env = container_env(container)
        if env.get("QINQING_SERVICE") != service:
            fail(f"{where}: QINQING_SERVICE is {env.get('QINQING_SERVICE')!r}")
        check_env(where, service, env, root, ports, config_vars, per_service_port, services)
        for name in ("PGPASSWORD", "QINQING_PII_KEYS", "QINQING_PII_CURRENT_KEY", "QINQING_PII_HASH_KEY",
                     "QINQING_SMS_ACCESS_KEY", "QINQING_SMS_SECRET"):
            if name in env and not str(env[name]).startswith("<secret "):
                fail(f"{where}: {name} must come from a Secret")
        selector = spec["selector"]["matchLabels"]
        svc = resources.get(("Service", service))
        if not svc or svc["spec"]["selector"] != selector or svc["spec"]["ports"][0]["port"] != ports[service]:
            fail(f"deploy/k8s: Service {service} must select the Deployment and serve port {ports[service]}")
        pdb = resources.get(("PodDisruptionBudget", service))
        if not pdb or pdb["spec"]["selector"]["matchLabels"] != selector:
            fail(f"deploy/k8s: PodDisruptionBudget {service} missing or not selecting the Deployment")
    migrate = resources.get(("Job", "qinqing-migrate"))
    if not migrate:
        fail("deploy/k8s: no migration Job qinqing-migrate")
    else:
        steps = {c.get("args", [None])[0]: c for c in migrate["spec"]["template"]["spec"].get("initContainers", [])}
        for service in services:
            step = steps.get(service)
            if not step or step.get("args") != [service, "migrate"]:
                fail(f"deploy/k8s: qinqing-migrate does not run `{service} migrate`")
                continue
            env = container_env(step)
            if not (env.get("QINQING_POSTGRES_URL") or "").startswith(f"postgresql://qinqing_{service}@"):
                fail(f"deploy/k8s: `{service} migrate` must sign in as qinqing_{service}")
    topics = resources.get(("ConfigMap", "qinqing-topics"), {}).get("data", {})
    if topics.get("topics.txt") != read(root, "deploy/topics.txt"):
        fail("deploy/k8s/30-jobs.yaml: ConfigMap qinqing-topics topics.txt differs from deploy/topics.txt")
    if topics.get("create-topics.sh") != read(root, "deploy/kafka/create-topics.sh"):
        fail("deploy/k8s/30-jobs.yaml: ConfigMap qinqing-topics create-topics.sh differs from deploy/kafka/create-topics.sh")
    if not resources.get(("Job", "qinqing-topics")):
        fail("deploy/k8s: no topic Job qinqing-topics")
    gateway = resources.get(("ConfigMap", "qinqing-gateway"), {}).get("data", {})
    for name in ("nginx.conf", "gateway.conf", "upstreams.conf"):
        if gateway.get(name) != read(root, f"deploy/gateway/{name}"):
            fail(f"deploy/k8s/40-gateway.yaml: ConfigMap qinqing-gateway {name} differs from deploy/gateway/{name}")
    for kind in ("Deployment", "Service", "PodDisruptionBudget"):
        if (kind, "gateway") not in resources:
            fail(f"deploy/k8s: no {kind} gateway")
    ok(f"deploy/k8s agrees with the code for {len(services)} services, the jobs and the gateway")


# --- a journey through nginx in front of the real services -----------------------------------------

def id_number(serial):
    """A valid GB 11643-1999 number: a Pingdingshan area code, a birth date, a serial, the check character."""
    body = f"410402199001{serial % 28 + 1:02d}{serial % 1000:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def check_journey(args):
    """Starts the five service executables (local mode, each in a fresh schema of the test PostgreSQL, on
    the test broker), puts Debian's nginx with deploy/gateway in front of them, and walks a user's path
    through the gateway: health and OpenAPI of each, registration, sign-in, authenticated reads on three
    services, and the gateway's own answers (404 on internal paths the services do serve, 413, 429)."""
    import secrets
    import signal
    import time

    root = args.root
    services = args.services.split(",")
    nginx = nginx_binary()
    if not nginx:
        fail("nginx is not installed (./dev install installs Debian's nginx)")
        return
    tag = secrets.token_hex(3)
    ports = {service: free_port() for service in services}
    processes, logs = {}, {}
    with tempfile.TemporaryDirectory(prefix="qinqing-journey-") as folder:
        os.chmod(folder, 0o755)
        try:
            for service in services:
                env = dict(os.environ)
                env.update({f"QINQING_{s.upper()}_PORT": str(p) for s, p in ports.items()})
                env.update({
                    "QINQING_ENVIRONMENT": "local", "QINQING_HTTP_HOST": "127.0.0.1",
                    "QINQING_POSTGRES_URL": args.postgres_url, "QINQING_POSTGRES_SCHEMA": f"gw{tag}_{service}",
                    "QINQING_POSTGRES_POOL_SIZE": "4", "QINQING_KAFKA_BROKERS": args.kafka,
                    "QINQING_IDENTITY_URL": f"http://127.0.0.1:{ports['identity']}", "QINQING_LOG_LEVEL": "warning",
                    "QINQING_SEED_DEMO": "0", "QINQING_BCRYPT_COST": "4",
                })
                logs[service] = open(os.path.join(folder, f"{service}.log"), "w")
                processes[service] = subprocess.Popen([os.path.join(args.bin_dir, service)], env=env, stdin=subprocess.DEVNULL,
                                                      stdout=logs[service], stderr=subprocess.STDOUT)
            deadline = time.time() + 120
            waiting = set(services)
            while waiting and time.time() < deadline:
                for service in sorted(waiting):
                    if processes[service].poll() is not None:
                        fail(f"{service} exited while starting: {tail(folder, service)}")
                        return
                    if request(ports[service], "GET", "/health/ready")[0] == 200:
                        waiting.discard(service)
                time.sleep(0.3)
            if waiting:
                fail(f"not ready within 120 s: {sorted(waiting)}: " + " | ".join(tail(folder, s) for s in waiting))
                return
            ok(f"the five services are ready on {sorted(ports.values())}")
            listen = free_port()
            conf = gateway_config(root, folder, listen, ports)
            gateway = subprocess.Popen([nginx, "-e", "stderr", "-p", folder, "-c", conf, "-g", "daemon off;"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                for _ in range(100):
                    if request(listen, "GET", "/gateway/health")[0] == 200:
                        break
                    time.sleep(0.1)
                walk(listen, ports, services, tag)
            finally:
                gateway.send_signal(signal.SIGQUIT)
                try:
                    gateway.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    gateway.kill()
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.terminate()
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


def walk(port, ports, services, tag):
    def expect(condition, message):
        (ok if condition else fail)(message)

    def call(method, path, body=None, token=None, extra=None):
        headers = {"Content-Type": "application/json"} if body is not None else {}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        headers.update(extra or {})
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        status, response_headers, raw = request(port, method, path, data, headers)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw
        return status, response_headers, parsed

    for service in services:
        status, _, _ = call("GET", f"/api/{service}/health/ready")
        expect(status == 200, f"GET /api/{service}/health/ready through the gateway: {status}")
        status, _, body = call("GET", f"/api/{service}/openapi.yaml")
        expect(status == 200 and isinstance(body, bytes) and body.startswith(b"openapi: 3.1"),
               f"GET /api/{service}/openapi.yaml through the gateway is the service's OpenAPI 3.1 document")
        servers = (yaml.safe_load(body) or {}).get("servers") if status == 200 and isinstance(body, bytes) else None
        expect(servers == [{"url": f"/api/{service}", "description": "through the gateway"}],
               f"its servers entry is the gateway's prefix /api/{service} (got {servers})")
    # Internal endpoints the services do serve are not reachable through the gateway.
    for service, path in (("identity", "/metrics"), ("appeals", "/metrics"), ("notifications", "/local/sms")):
        direct = request(ports[service], "GET", path)[0]
        through = call("GET", f"/api/{service}{path}")[0]
        served = direct == 401 if path == "/local/sms" else direct == 200  # /local/sms needs a platform-admin token
        expect(served and through == 404, f"{service} serves {path} ({direct}) but the gateway answers {through}")
    status, _, _ = call("POST", "/api/identity/admin/signing-keys/rotate", {})
    expect(status == 404, f"POST /api/identity/admin/signing-keys/rotate answers 404 at the gateway (got {status})")

    # Register, sign in, and read with the token on three services.
    username = f"gw{tag}"
    password = "Qinqing@2026"
    status, _, body = call("POST", "/api/identity/persons", {
        "username": username, "password": password, "realName": "张伟",
        "idNumber": id_number(int(tag, 16)), "phone": f"139{int(tag, 16) % 100000000:08d}"})
    expect(status == 201, f"POST /api/identity/persons registers a person through the gateway ({status}: {str(body)[:200]})")
    status, _, body = call("POST", "/api/identity/sessions", {"username": username, "password": password})
    token = body.get("accessToken") if isinstance(body, dict) else None
    expect(status == 200 and token, f"POST /api/identity/sessions signs in through the gateway ({status})")
    status, headers, body = call("GET", "/api/identity/me", token=token)
    expect(status == 200 and isinstance(body, dict) and username in json.dumps(body),
           f"GET /api/identity/me answers the signed-in person ({status})")
    expect(bool(headers.get("x-request-id")), "the answer carries the X-Request-Id the gateway gave the request")
    missing = [h for h in SECURITY_HEADERS if h not in headers]
    expect(not missing, f"a service's answer carries the gateway's security headers (missing {missing})")
    status, _, _ = call("GET", "/api/notifications/inbox/unread-count", token=token)
    expect(status == 200, f"GET /api/notifications/inbox/unread-count with the token ({status})")
    status, _, _ = call("GET", "/api/appeals/register")
    expect(status == 200, f"GET /api/appeals/register (public) ({status})")
    status, _, _ = call("GET", "/api/identity/me")
    expect(status == 401, f"GET /api/identity/me without a token is 401 from the service ({status})")

    # The gateway's limits in front of the real services.
    status, _, _ = call("POST", "/api/appeals/attachments?fileName=big.pdf", b"%PDF" + b"0" * (7 * 1024 * 1024), token=token,
                        extra={"Content-Type": "application/pdf"})
    expect(status == 413, f"a 7 MB attachment answers 413 at the gateway ({status})")
    statuses = [call("POST", "/api/identity/sessions", {"username": f"nobody{tag}", "password": "wrong-Pass1"})[0]
                for _ in range(18)]
    expect(429 in statuses, f"repeated sign-ins from one address reach the gateway's 429 ({statuses})")


# --- AsyncAPI ---------------------------------------------------------------------------------------

def check_asyncapi(args):
    import referencing
    from referencing.jsonschema import DRAFT7

    root = args.root
    sys.path.insert(0, os.path.join(root, "deploy/asyncapi"))
    import generate

    with open(args.events, encoding="utf-8") as handle:
        catalog = json.load(handle)   # [{"type", "topic", "version"}] from Contracts.EventCatalog
    committed_text = read(root, "deploy/asyncapi/asyncapi.yaml")
    if generate.render(generate.build(root)) != committed_text:
        fail("deploy/asyncapi/asyncapi.yaml is out of date: run deploy/checks/run.sh asyncapi-generate "
             "and commit the result")
    else:
        ok("deploy/asyncapi/asyncapi.yaml is what generate.py makes of the code and the golden files")
    document = yaml.safe_load(committed_text)

    schema = json.loads(read(root, "deploy/schemas/asyncapi-3.0.0.json"))
    registry = referencing.Registry().with_resource(schema["$id"], DRAFT7.create_resource(schema)).crawl()
    errors = list(jsonschema.Draft7Validator(schema, registry=registry).iter_errors(document))
    for error in errors[:20]:
        fail(f"asyncapi.yaml does not follow AsyncAPI 3.0.0 at {'/'.join(map(str, error.path))}: {error.message[:300]}")
    if not errors:
        ok("deploy/asyncapi/asyncapi.yaml follows the AsyncAPI 3.0.0 schema (deploy/schemas/asyncapi-3.0.0.json)")

    messages = document["components"]["messages"]
    channels = {channel["address"]: channel for channel in document["channels"].values()}
    strict = generate.build(root, strict=True)["components"]
    for event in catalog:
        event_type, topic = event["type"], event["topic"]
        if event_type not in messages:
            fail(f"asyncapi.yaml has no message for {event_type} (EventCatalog)")
            continue
        channel = channels.get(topic)
        if not channel or event_type not in channel.get("messages", {}):
            fail(f"asyncapi.yaml: {event_type} is not on the channel {topic}")
        if topic + ".dlq" not in channels:
            fail(f"asyncapi.yaml has no dead-letter channel {topic}.dlq")
        headers = messages[event_type]["headers"]["properties"]
        if headers["ce_type"].get("const") != event_type or not event_type.endswith(f".v{event['version']}"):
            fail(f"asyncapi.yaml: {event_type}: ce_type or version disagree with the code")
        sample_path = os.path.join(root, "Tests/ContractsTests/Golden", f"{event_type}.json")
        if not os.path.exists(sample_path):
            fail(f"no golden file for {event_type}")
            continue
        with open(sample_path, encoding="utf-8") as handle:
            sample = json.load(handle)
        validator = jsonschema.Draft202012Validator(
            {"$ref": f"#/components/schemas/{event_type}", "components": strict})
        for error in list(validator.iter_errors(sample))[:3]:
            fail(f"the golden {event_type}.json does not fit its AsyncAPI payload schema at "
                 f"{'/'.join(map(str, error.path))}: {error.message[:200]}")
    extra = set(messages) - {event["type"] for event in catalog}
    if extra:
        fail(f"asyncapi.yaml describes event types the code does not define: {sorted(extra)}")
    envelope = json.loads(read(root, "Tests/ContractsTests/Golden/envelope-headers.json"))
    if set(envelope) != set(generate.CE_HEADERS):
        fail(f"the CloudEvents headers of asyncapi.yaml ({sorted(generate.CE_HEADERS)}) differ from the golden envelope ({sorted(envelope)})")
    ok(f"asyncapi.yaml describes the {len(catalog)} event types of EventCatalog, each on its topic, each golden file fits")


# --- main ------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    sub = parser.add_subparsers(dest="check", required=True)
    compose = sub.add_parser("compose")
    compose.add_argument("--services", required=True)
    compose.add_argument("--topics", default="")
    gateway = sub.add_parser("gateway")
    gateway.add_argument("--services", required=True)
    postgres = sub.add_parser("postgres")
    postgres.add_argument("--services", required=True)
    postgres.add_argument("--url", required=True, help="a superuser URL of a PostgreSQL server to try the init step on")
    k8s = sub.add_parser("k8s")
    k8s.add_argument("--services", required=True)
    journey = sub.add_parser("journey")
    journey.add_argument("--services", required=True)
    journey.add_argument("--bin-dir", required=True)
    journey.add_argument("--postgres-url", required=True)
    journey.add_argument("--kafka", required=True)
    asyncapi = sub.add_parser("asyncapi")
    asyncapi.add_argument("--events", required=True, help="JSON list of {type, topic, version} from EventCatalog")
    args = parser.parse_args()
    {"compose": check_compose, "gateway": check_gateway, "postgres": check_postgres, "k8s": check_k8s,
     "asyncapi": check_asyncapi, "journey": check_journey}[args.check](args)
    if FAILURES:
        print(f"{len(FAILURES)} check(s) failed")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()

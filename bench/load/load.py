#!/usr/bin/env python3
"""The load benchmark of the running platform (`./dev bench load`, issue 17).

    load.py --root REPO --bin-dir DIR --postgres-url URL --kafka HOST:PORT [--seconds N]
            [--connections 1,4,16,64] [--members 64] [--label TEXT] [--results FILE] [--perf CONNECTIONS]

Starts the five release executables as `./dev up` runs them (local mode, demo data, default pool
sizes and log level) on free ports against the throw-away PostgreSQL and broker of `./dev bench`, each
in a schema of its own; imports MEMBERS enterprises and gives each its preset account (so every
submission is another enterprise's, and no row of one enterprise serialises them), signs them all in
beforehand; then, at each number of connections, drives over loopback with wrk (Lua scripts in
bench/load/): appeal submission as the members, the public register's first page as a guest, the
members' own queue, and /health/live of every service (the framework's ceiling), with pgbench
single-row insert transactions on the same PostgreSQL as the write baseline. Prints a markdown
section (requests/s, p50/p99, ratios to each baseline) and appends it to RESULTS (bench/RESULTS.md).
With --perf N, during submission at N connections: records `perf record -g` of the appeals process,
the CPU time each process group used (the five services, PostgreSQL, the broker, wrk; from /proc) and
what the appeals service's PostgreSQL sessions were doing (pg_stat_activity sampled every 20 ms), and
appends both tables to the section.
"""
import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

SERVICES = ["identity", "policy", "appeals", "filing", "notifications"]
DEMO_PASSWORD = "Qinqing@2026"
MEMBER_PASSWORD = "Load@Bench2026"
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
HERE = os.path.dirname(os.path.abspath(__file__))


def say(message):
    print(f"==> {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http(method, url, body=None, token=None, content_type="application/json"):
    if body is None:
        data = None
    elif isinstance(body, (bytes, str)):
        data = body.encode() if isinstance(body, str) else body
    else:
        data = json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        request.add_header("Content-Type", content_type)
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, error.read()[:300]


def must(result, what):
    status, body = result
    if status not in (200, 201):
        raise RuntimeError(f"{what}: {status} {body!r}")
    return body


def psql_binary():
    return next((p for p in (f"/usr/lib/postgresql/{v}/bin/psql" for v in ("17", "16", "15")) if os.access(p, os.X_OK)), "psql")


def psql(url, sql):
    result = subprocess.run([psql_binary(), url, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql], capture_output=True, text=True,
                            stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise RuntimeError(f"psql: {result.stderr.strip()}")
    return result.stdout.strip()


def uscc(n):
    body = f"91410400MAB{n:06d}"
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(body, USCC_WEIGHTS))
    return body + USCC_ALPHABET[(31 - total % 31) % 31]


class Stack:
    """The five services, started as `./dev up` starts them, in schemas ld_<service>."""

    def __init__(self, args, folder):
        self.args, self.folder = args, folder
        self.ports = {service: free_port() for service in SERVICES}
        self.urls = {service: f"http://127.0.0.1:{port}" for service, port in self.ports.items()}
        self.processes, self.logs = {}, {}

    def start(self):
        for service in SERVICES:
            env = dict(os.environ)
            env.update({f"QINQING_{s.upper()}_PORT": str(p) for s, p in self.ports.items()})
            env.update({
                "QINQING_ENVIRONMENT": "local", "QINQING_HTTP_HOST": "127.0.0.1",
                "QINQING_POSTGRES_URL": self.args.postgres_url, "QINQING_POSTGRES_SCHEMA": f"ld_{service}",
                "QINQING_KAFKA_BROKERS": self.args.kafka, "QINQING_IDENTITY_URL": self.urls["identity"],
                "QINQING_LOG_LEVEL": "info", "QINQING_SEED_DEMO": "1",
                # Seeding signs in hundreds of times from one address before the measured part; bcrypt's
                # cost and the captcha are sign-in's (see ./dev bench identity), not what is measured here.
                "QINQING_BCRYPT_COST": "4", "QINQING_SIGNIN_CAPTCHA": "afterFailure",
                "QINQING_SIGNIN_PER_IP_PER_MINUTE": "100000",
            })
            self.logs[service] = open(os.path.join(self.folder, f"{service}.log"), "w")
            self.processes[service] = subprocess.Popen(
                [os.path.join(self.args.bin_dir, service)], env=env, stdin=subprocess.DEVNULL,
                stdout=self.logs[service], stderr=subprocess.STDOUT)
        deadline = time.time() + 180
        waiting = set(SERVICES)
        while waiting:
            for service in sorted(waiting):
                if self.processes[service].poll() is not None:
                    raise RuntimeError(f"{service} exited while starting; log: {self.folder}/{service}.log")
                try:
                    if http("GET", f"{self.urls[service]}/health/ready")[0] == 200:
                        waiting.discard(service)
                except OSError:
                    pass
            if time.time() > deadline:
                raise RuntimeError(f"not ready within 180 s: {sorted(waiting)}")
            time.sleep(0.3)
        while psql(self.args.postgres_url, "SELECT count(*) FROM ld_identity.accounts WHERE username = 'admin'") != "1":
            if time.time() > deadline:
                raise RuntimeError("the demo accounts were not seeded within 180 s")
            time.sleep(0.3)

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        for handle in self.logs.values():
            handle.close()


def seed_members(args, stack):
    """MEMBERS imported enterprises, each with its preset account (admin of the enterprise), signed in."""
    identity = stack.urls["identity"]
    admin = must(http("POST", f"{identity}/sessions", {"username": "admin", "password": DEMO_PASSWORD}), "admin sign-in")
    admin_token = admin["accessToken"]
    header = ("uscc,name,region,industry,ownership,employeeBand,address,principalName,principalTitle,principalPhone,"
              "contactName,contactTitle,contactPhone,overview,tags")
    rows = [f"{uscc(n)},负载测试企业{n:04d}有限公司,410402,C,private,100-299,平顶山市,法人{n},董事长,13700000000,"
            f"联络员{n},办公室主任,13600000000,负载测试,制造业" for n in range(args.members)]
    report = must(http("POST", f"{identity}/enterprises/imports", "\r\n".join([header] + rows) + "\r\n", admin_token,
                       content_type="text/csv"), "import")
    if report.get("imported") != args.members:
        raise RuntimeError(f"import: {report}")
    wanted = {uscc(n) for n in range(args.members)}
    ids, page = [], 1
    while True:
        listed = must(http("GET", f"{identity}/enterprises?status=approved&size=100&page={page}", token=admin_token), "list")
        items = listed.get("items", [])
        ids += [item.get("id") or item.get("enterpriseID") for item in items if item.get("uscc") in wanted]
        if len(items) < 100:
            break
        page += 1
    if len(ids) != args.members:
        raise RuntimeError(f"found {len(ids)} of the {args.members} imported enterprises")
    tokens = []
    for enterprise in ids:
        preset = must(http("POST", f"{identity}/enterprises/{enterprise}/preset-account", None, admin_token), "preset account")
        first = must(http("POST", f"{identity}/sessions",
                          {"username": preset["username"], "password": preset["temporaryPassword"]}), "first sign-in")
        pair = must(http("POST", f"{identity}/sessions/password-change",
                         {"changeTicket": first["changeTicket"], "newPassword": MEMBER_PASSWORD}), "password change")
        tokens.append((preset["username"], pair["accessToken"]))
    # The appeals service learns the enterprises from identity's events.
    deadline = time.time() + 120
    while int(psql(args.postgres_url, "SELECT count(*) FROM ld_appeals.enterprises WHERE name LIKE '负载测试企业%'")) < args.members:
        if time.time() > deadline:
            raise RuntimeError("the appeals service did not learn every enterprise within 120 s")
        time.sleep(0.5)
    return [username for username, _ in tokens]


def sign_in_all(stack, usernames, path):
    """Fresh access tokens (15 minutes) for every member, one a line in PATH."""
    tokens = [must(http("POST", f"{stack.urls['identity']}/sessions", {"username": u, "password": MEMBER_PASSWORD}),
                   "member sign-in")["accessToken"] for u in usernames]
    with open(path, "w") as handle:
        handle.write("\n".join(tokens) + "\n")


def seed_register(args, cases):
    """CASES concluded public appeals copied from a submitted one (the form of a real submission)."""
    psql(args.postgres_url, f"""
        SET search_path TO ld_appeals, public;
        INSERT INTO ld_appeals.cases (id, kind, serial_number, enterprise_id, enterprise_name, region, category, title, form,
            status, scheme_code, public_requested, submitted_by, submitted_at, closed_at, replied_at, updated_at, solved, satisfied)
        SELECT gen_random_uuid(), 'appeal', 'LOAD' || lpad(g::text, 9, '0'), t.enterprise_id, t.enterprise_name, t.region,
            t.category, '标题 ' || g, t.form, 'closed', t.scheme_code, true, t.submitted_by,
            now() - (g || ' minutes')::interval - interval '20 days', now() - (g || ' minutes')::interval,
            now() - (g || ' minutes')::interval - interval '2 days', now() - (g || ' minutes')::interval, true, g % 5 <> 0
        FROM generate_series(1, {cases}) AS g,
             (SELECT * FROM ld_appeals.cases WHERE kind = 'appeal' ORDER BY submitted_at LIMIT 1) AS t;
        ANALYZE ld_appeals.cases""")


POLICY_LIST = "/policies?keyword=%E8%A1%A5%E8%B4%B4&region=410402&policyType=finance&page=1&size=20"


def seed_policies(args, count):
    """COUNT published policies as `./dev bench policy` makes them (bench/Sources/PolicyBench.swift): titles
    from a vocabulary with 补贴 in about one in eight, ten regions, six types; POLICY_LIST matches 238."""
    regions = "ARRAY['410400','410402','410403','410404','410411','410421','410422','410423','410425','410481']"
    types = "ARRAY['finance','industry','innovation','talent','tax','business']"
    psql(args.postgres_url, f"""
        SET search_path TO ld_policy, public;
        INSERT INTO ld_policy.policies (policy_id, status, review_state, version, title, document_number, agency_id, region,
            issued_at, published_at, first_published_at, policy_type, subsidy_type, tags, body, search_keys, hours_to_publish,
            late, created_by, created_at, updated_at)
        SELECT gen_random_uuid(), 'published', 'none', 1, t.title, '平财〔2026〕' || g || '号', u.id,
            ({regions})[1 + g % 10], now() - (g * 947 || ' seconds')::interval,
            now() - (g * 947 - 3600 || ' seconds')::interval, now() - (g * 947 - 3600 || ' seconds')::interval,
            ({types})[1 + (g / 10) % 6], NULL,
            CASE WHEN g % 3 = 0 THEN ARRAY['制造业'] ELSE ARRAY['商贸'] END, '<p>正文</p>',
            ARRAY(SELECT DISTINCT x FROM generate_series(1, char_length(t.title)) AS i,
                  LATERAL (VALUES (substr(t.title, i, 1)), (CASE WHEN i < char_length(t.title) THEN substr(t.title, i, 2) END)) AS v (x)
                  WHERE x IS NOT NULL)
              || ARRAY['r:' || ({regions})[1 + g % 10], 'a:' || u.id::text, 't:' || ({types})[1 + (g / 10) % 6],
                       CASE WHEN g % 3 = 0 THEN 'g:制造业' ELSE 'g:商贸' END],
            1.00, false, u.id, now(), now()
        FROM generate_series(1, {count}) AS g, (SELECT gen_random_uuid() AS id) AS u,
             LATERAL (SELECT (ARRAY['关于','平顶山市','关于印发','关于转发','叶县','河南省'])[1 + g % 6]
                             || (ARRAY['制造业高质量发展','技术改造补贴','中小微企业融资','人才引进','税收优惠','营商环境优化','信易贷','创业担保贷款'])[1 + (g / 7) % 8]
                             || (ARRAY['的通知','实施细则','管理办法','若干措施','工作方案'])[1 + (g / 3) % 5] || '（' || g || '）' AS title) AS t;
        ANALYZE ld_policy.policies""")


def wrk(url, script, connections, seconds, tokens_file):
    env = dict(os.environ, QINQING_LOAD_TOKENS=tokens_file, QINQING_LOAD_LUA_DIR=HERE)
    threads = min(connections, 2)
    result = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                             "-s", os.path.join(HERE, script), url], capture_output=True, text=True, env=env)
    line = next((l for l in result.stdout.splitlines() if l.startswith("{")), None)
    if result.returncode != 0 or line is None:
        raise RuntimeError(f"wrk {url}: {result.stdout}{result.stderr}")
    data = json.loads(line)
    return {"rate": data["requests"] / (data["duration_us"] / 1e6), "p50": data["p50_us"] / 1000,
            "p99": data["p99_us"] / 1000, "errors": data["non2xx"] + data["socket_errors"], "count": data["requests"]}


def pgbench(args, connections, seconds, folder):
    binary = next((p for p in (f"/usr/lib/postgresql/{v}/bin/pgbench" for v in ("17", "16", "15")) if os.access(p, os.X_OK)),
                  "pgbench")
    script = os.path.join(folder, "insert.sql")
    with open(script, "w") as handle:
        handle.write("INSERT INTO ld_bench.rows (enterprise_id, payload) VALUES (gen_random_uuid(), 'one row');\n")
    logs = os.path.join(folder, f"pgbench-{connections}")
    os.makedirs(logs, exist_ok=True)
    result = subprocess.run([binary, "-n", "-M", "prepared", "-c", str(connections), "-j", str(min(connections, 2)),
                             "-T", str(seconds), "-f", script, "-l", "--log-prefix", os.path.join(logs, "tx"),
                             args.postgres_url], capture_output=True, text=True, cwd=logs)
    match = re.search(r"tps = ([0-9.]+) \(without initial connection time\)", result.stdout)
    if result.returncode != 0 or not match:
        raise RuntimeError(f"pgbench: {result.stdout}{result.stderr}")
    latencies = []
    for name in os.listdir(logs):
        with open(os.path.join(logs, name)) as handle:
            latencies += [int(line.split()[2]) for line in handle if line.strip()]
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))] / 1000 if latencies else 0

    return {"rate": float(match.group(1)), "p50": pct(0.5), "p99": pct(0.99), "errors": 0, "count": len(latencies)}


def perf_record(pid, seconds, output):
    return subprocess.Popen(["perf", "record", "-F", "499", "-g", "-p", str(pid), "-o", output, "--", "sleep", str(seconds)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def cpu_ticks():
    """CPU clock ticks used so far per process (utime + stime), with each process's command name."""
    ticks = {}
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                text = handle.read()
        except OSError:
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        ticks[int(pid)] = (name, int(fields[11]) + int(fields[12]))
    return ticks


def machine_idle():
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    return values[3] + values[4], sum(values)


class CPUProfile:
    """Cores used per process group between `start` and `stop` (processes born in between count from zero)."""

    def __init__(self, services):
        self.services = services

    def group(self, pid, name):
        for service, process in self.services.items():
            if process.pid == pid:
                return f"{service} service"
        if name.startswith("postgres") or name.startswith("postmaster"):
            return "PostgreSQL (all backends)"
        if "tansu" in name:
            return "broker (tansu)"
        if name.startswith("wrk"):
            return "wrk (load generator)"
        return "everything else"

    def start(self):
        self.before, self.idle_before, self.started = cpu_ticks(), machine_idle(), time.monotonic()

    def stop(self):
        after, idle_after, seconds = cpu_ticks(), machine_idle(), time.monotonic() - self.started
        hertz = os.sysconf("SC_CLK_TCK")
        groups = {}
        for pid, (name, ticks) in after.items():
            used = ticks - (self.before[pid][1] if pid in self.before and self.before[pid][0] == name else 0)
            key = self.group(pid, name)
            groups[key] = groups.get(key, 0) + used / hertz / seconds
        idle = (idle_after[0] - self.idle_before[0]) / max(1, idle_after[1] - self.idle_before[1])
        return groups, idle


class WaitSampler:
    """What the appeals service's PostgreSQL sessions are doing, sampled every 20 ms by one psql `\\watch`."""

    QUERY = ("SELECT coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, state) FROM pg_stat_activity "
             "WHERE application_name = 'qinqing-appeals' AND pid <> pg_backend_pid()")

    def __init__(self, url, output):
        self.output = output
        self.process = subprocess.Popen([psql_binary(), url, "-XAtq", "-P", "pager=off"], stdin=subprocess.PIPE,
                                        stdout=open(output, "w"), stderr=subprocess.DEVNULL, text=True)
        self.process.stdin.write(self.QUERY + " \\watch 0.02\n")
        self.process.stdin.flush()

    def stop(self):
        self.process.terminate()
        self.process.wait()
        counts = {}
        with open(self.output) as handle:
            for line in handle:
                line = line.strip()
                if line and ":" in line and not line.startswith(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
                    counts[line] = counts.get(line, 0) + 1
        return counts


def profile_tables(connections, cpu, idle, waits):
    text = (f"\nWhere the machine's time went during submission at {connections} connections (CPU time per process group "
            f"from /proc, in cores; the machine was {idle * 100:.0f} % idle):\n\n| process group | cores used |\n|---|---:|\n")
    for name, cores in sorted(cpu.items(), key=lambda item: -item[1]):
        text += f"| {name} | {cores:.2f} |\n"
    total = sum(waits.values()) or 1
    text += ("\nWhat the appeals service's PostgreSQL sessions were doing (pg_stat_activity every 20 ms; `Client:ClientRead` "
             "is a session waiting for the service's next statement, `CPU:active` a statement running):\n\n"
             "| session state | share of samples |\n|---|---:|\n")
    for name, count in sorted(waits.items(), key=lambda item: -item[1])[:10]:
        text += f"| {name} | {count * 100 / total:.1f} % |\n"
    return text


def statement_table(url):
    """The statements PostgreSQL spent the most time on since the reset (pg_stat_statements), every service's."""
    rows = psql(url, "SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), "
                     "regexp_replace(left(query, 110), '[\\s|]+', ' ', 'g') FROM pg_stat_statements "
                     "ORDER BY total_exec_time DESC LIMIT 15")
    text = ("\nThe statements PostgreSQL spent its time on meanwhile (pg_stat_statements, every service's sessions):\n\n"
            "| calls | total ms | mean ms | statement |\n|---:|---:|---:|---|\n")
    for line in rows.splitlines():
        calls, total, mean, query = line.split("|", 3)
        text += f"| {calls} | {total} | {mean} | `{query.strip()}` |\n"
    return text


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--postgres-url", required=True)
    parser.add_argument("--kafka", required=True)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("QINQING_LOAD_SECONDS", "8")))
    parser.add_argument("--connections", default=os.environ.get("QINQING_LOAD_CONNECTIONS", "1,4,16,64"))
    parser.add_argument("--members", type=int, default=int(os.environ.get("QINQING_LOAD_MEMBERS", "128")))
    parser.add_argument("--register-cases", type=int, default=20000)
    parser.add_argument("--policies", type=int, default=int(os.environ.get("QINQING_LOAD_POLICIES", "100000")))
    parser.add_argument("--label", default=os.environ.get("QINQING_LOAD_LABEL", ""))
    parser.add_argument("--results", default="")
    parser.add_argument("--perf", type=int, default=int(os.environ.get("QINQING_LOAD_PERF", "0")))
    args = parser.parse_args()
    levels = [int(c) for c in args.connections.split(",")]
    load = open("/proc/loadavg").read().split()[:3]
    cores = os.cpu_count()
    commit = subprocess.run(["git", "-C", args.root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip() or "an unknown commit"
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    folder = tempfile.mkdtemp(prefix="qinqing-load-")
    stack = Stack(args, folder)
    results = {}
    profile = ""
    try:
        say(f"Starting the five services from {args.bin_dir} (logs in {folder})")
        stack.start()
        say(f"Importing {args.members} enterprises with their preset accounts")
        usernames = seed_members(args, stack)
        tokens_file = os.path.join(folder, "tokens.txt")
        sign_in_all(stack, usernames, tokens_file)
        psql(args.postgres_url, "CREATE SCHEMA ld_bench; CREATE TABLE ld_bench.rows (id bigserial PRIMARY KEY, "
                                "enterprise_id uuid NOT NULL, payload text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())")
        appeals = stack.urls["appeals"]
        say("Warming up (submissions at 4 connections)")
        warm = wrk(f"{appeals}/appeals", "submit.lua", 4, 3, tokens_file)
        if warm["errors"]:
            raise RuntimeError(f"warm-up submissions failed: {warm}; log: {folder}/appeals.log")
        say(f"Seeding the register: {args.register_cases} concluded public appeals")
        seed_register(args, args.register_cases)
        say(f"Seeding the policy library: {args.policies} published policies")
        seed_policies(args, args.policies)
        for connections in levels:
            sign_in_all(stack, usernames, tokens_file)
            say(f"{connections} connection(s), {args.seconds} s each")
            results[("insert", connections)] = pgbench(args, connections, args.seconds, folder)
            recorder = None
            if args.perf == connections:
                recorder = perf_record(stack.processes["appeals"].pid, args.seconds, os.path.join(folder, "perf.data"))
                psql(args.postgres_url, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()")
                cpu, waits = CPUProfile(stack.processes), WaitSampler(args.postgres_url, os.path.join(folder, "waits.txt"))
                cpu.start()
            results[("submit", connections)] = wrk(f"{appeals}/appeals", "submit.lua", connections, args.seconds, tokens_file)
            if recorder:
                groups, idle = cpu.stop()
                profile = profile_tables(connections, groups, idle, waits.stop()) + statement_table(args.postgres_url)
                recorder.wait()
                say(f"perf data of the submissions: {folder}/perf.data")
            results[("register", connections)] = wrk(f"{appeals}/register?page=1&size=20", "get.lua", connections,
                                                     args.seconds, tokens_file)
            results[("queue", connections)] = wrk(f"{appeals}/appeals", "queue.lua", connections, args.seconds, tokens_file)
            results[("policies", connections)] = wrk(stack.urls["policy"] + POLICY_LIST, "get.lua", connections, args.seconds,
                                                     tokens_file)
            for service in SERVICES:
                results[(f"live-{service}", connections)] = wrk(f"{stack.urls[service]}/health/live", "get.lua", connections,
                                                               max(3, args.seconds // 2), tokens_file)
            for key in [k for k in results if k[1] == connections]:
                r = results[key]
                print(f"    {key[0]:<22} {r['rate']:>9.1f}/s  p50 {r['p50']:7.1f} ms  p99 {r['p99']:7.1f} ms  errors {r['errors']}",
                      flush=True)
        submitted = psql(args.postgres_url, "SELECT count(*) FROM ld_appeals.cases WHERE serial_number NOT LIKE 'LOAD%'")
        events = psql(args.postgres_url, "SELECT count(*) FROM ld_appeals.outbox WHERE event_type LIKE 'qinqing.appeals.%'")
    finally:
        stack.stop()
    section = report(args, levels, results, cores, load, started, commit, submitted, events) + profile
    print(section)
    if args.results:
        with open(args.results, "a") as handle:
            handle.write(section)
        say(f"Appended to {args.results}")
    if any(r["errors"] for r in results.values()):
        say("some requests failed (see the errors column)")
        sys.exit(1)


def report(args, levels, results, cores, load, started, commit, submitted, events):
    def row(name, key, c, baseline, baseline_name):
        r = results[(key, c)]
        ratio = f"{r['rate'] / results[(baseline, c)]['rate']:.3f} × {baseline_name}" if baseline else "baseline"
        return f"| {name} | {c} | {r['rate']:,.1f} | {ratio} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} |\n"

    text = (f"\n### Load run {started}{' — ' + args.label if args.label else ''}\n\n"
            f"`./dev bench load` at {commit}: `nproc` = {cores}, load average at the start {' '.join(load)}; "
            f"{args.members} member enterprises, {args.register_cases:,} concluded public appeals in the register, "
            f"{args.policies:,} published policies in the library, "
            f"{args.seconds} s per point ({max(3, args.seconds // 2)} s for /health/live); "
            f"{submitted} appeals submitted in the run, {events} appeals events in the outbox.\n\n"
            "| measure | connections | requests/s | ratio | p50 ms | p99 ms | errors |\n|---|---:|---:|---|---:|---:|---:|\n")
    for c in levels:
        text += row("pgbench single-row INSERT transactions (A)", "insert", c, None, "A")
        text += row("POST /appeals as members", "submit", c, "insert", "A")
        text += row("GET /register (page 1 of 20, guest)", "register", c, "live-appeals", "L")
        text += row("GET /appeals?queue=mine (member)", "queue", c, "live-appeals", "L")
        text += row("GET /health/live, appeals (L)", "live-appeals", c, None, "L")
        text += row("GET /policies (keyword 补贴 + region + type; 238 of the library, guest)", "policies", c, "live-policy", "P")
        for service in SERVICES:
            if service == "policy":
                text += row("GET /health/live, policy (P)", "live-policy", c, None, "P")
            elif service != "appeals":
                text += row(f"GET /health/live, {service}", f"live-{service}", c, "live-appeals", "L")
    return text


if __name__ == "__main__":
    main()

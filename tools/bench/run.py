"""`make bench` (docs/benchmark.md): seed a dedicated PostgreSQL database at each engine scale
and time the engine there (`manage.py bench_engine`), then at BENCH_SCALE count each page's
queries (`manage.py bench_queries`), serve the portal with gunicorn as deployed, log in as the
audit chair and as the secretary, load every page for a fixed time at a fixed number of
connections, and print the tables (also written to bench-results.md). gunicorn is stopped
whatever happens.

Settings, all from the environment: DATABASE_URL (dropped and recreated: its name must contain
"bench"), REDIS_URL (its database is flushed), BENCH_SCALE, BENCH_ENGINE_SCALES, BENCH_SECONDS,
BENCH_CONNECTIONS, BENCH_WORKERS, BENCH_SEED_COMMAND, BENCH_PORT, BENCH_OUTPUT.
"""

import contextlib
import json
import os
import platform
import re
import secrets
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from tools.bench import report
from tools.bench.load import http_request, load
from tools.bench.login import Browser, cookie_header, log_in

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
CHAIR = "margaret.chen@northwind.example"
SECRETARY = "secretary@northwind.example"
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 (the demo's published password)
HOST = "127.0.0.1"
# The targets of issue 13 (docs/benchmark.md).
MAX_P99_RATIO = 3.0
MIN_SUBMISSIONS_PER_SECOND = 20.0
MAX_RUN_TIME_RATIO = 2.0
MAX_WORKER_RSS_MB = 150.0


@dataclass
class Config:
    database_url: str
    redis_url: str
    scale: str
    engine_scales: list[str]
    seconds: float
    connections: int
    workers: int
    seed_command: str
    port: int
    output: Path
    secrets: dict = field(default_factory=dict)
    # The private file store of the run: a temporary folder, never the development one.
    files_root: str = ""

    @classmethod
    def from_environment(cls, environ) -> "Config":
        return cls(
            database_url=environ.get(
                "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/charter_bench"
            ),
            redis_url=environ.get("REDIS_URL", "redis://127.0.0.1:6379/7"),
            scale=environ.get("BENCH_SCALE", "1"),
            engine_scales=environ.get("BENCH_ENGINE_SCALES", "0.1 1").split(),
            seconds=float(environ.get("BENCH_SECONDS", "10")),
            connections=int(environ.get("BENCH_CONNECTIONS", "8")),
            workers=int(environ.get("BENCH_WORKERS", "2")),
            seed_command=environ.get("BENCH_SEED_COMMAND", "seed_bench --scale {scale}"),
            port=int(environ.get("BENCH_PORT", "0")) or free_port(),
            output=ROOT / environ.get("BENCH_OUTPUT", "bench-results.md"),
        )

    def scales_in_order(self) -> list[str]:
        """Each data set to build: the engine's scales, the served scale last (it stays)."""
        return [s for s in self.engine_scales if s != self.scale] + [self.scale]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# -- the environments -----------------------------------------------------------------------


def generated_secrets(environ) -> dict:
    """One set of keys for every process of the run: cases encrypted while seeding must be read
    by the server. Taken from the environment when set there."""
    from cryptography.fernet import Fernet

    return {
        "SECRET_KEY": environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "COMPLAINTS_ENCRYPTION_KEYS": environ.get("COMPLAINTS_ENCRYPTION_KEYS")
        or Fernet.generate_key().decode(),
        "COMPLAINTS_RECEIPT_KEY": environ.get("COMPLAINTS_RECEIPT_KEY")
        or secrets.token_urlsafe(48),
    }


def development_env(config: Config) -> dict:
    """For seeding and the demo's codes, which refuse to run in production."""
    env = {k: v for k, v in os.environ.items() if k not in {"PRODUCTION", "DEBUG"}}
    env.update(config.secrets)
    env.update(
        DATABASE_URL=config.database_url,
        REDIS_URL=config.redis_url,
        SITE_URL=f"http://{HOST}:{config.port}",
        FILES_ROOT=config.files_root,
        LOG_LEVEL="WARNING",
    )
    return env


def production_env(config: Config) -> dict:
    """As deployed, without TLS: PRODUCTION's safeguards, no redirect to https, mail to a port
    nobody listens on (the Celery worker that would send it is not started), and the client's
    address taken from X-Forwarded-For as behind one proxy."""
    env = development_env(config)
    env.update(
        PRODUCTION="true",
        ALLOWED_HOSTS=f"{HOST},localhost",
        SECURE_SSL_REDIRECT="false",
        EMAIL_HOST=HOST,
        EMAIL_PORT="9",
        CLIENT_IP_PROXY_COUNT="1",
        WEB_CONCURRENCY=str(config.workers),
        GUNICORN_BIND=f"{HOST}:{config.port}",
    )
    return env


def manage(*args: str, env: dict, capture: bool = False) -> str:
    result = subprocess.run(  # noqa: S603
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


# -- the data ---------------------------------------------------------------------------------


def database_name(url: str) -> str:
    return urllib.parse.urlsplit(url).path.lstrip("/")


def _admin_execute(url: str, *statements) -> None:
    """Run statements on the server's maintenance database (outside any transaction)."""
    import psycopg2

    parts = urllib.parse.urlsplit(url)
    admin = psycopg2.connect(parts._replace(path="/postgres").geturl())
    admin.autocommit = True
    try:
        with admin.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        admin.close()


def recreate_database(url: str, template: str | None = None) -> None:
    """Drop and create the benchmark's own database, empty or as a copy of ``template``
    (refused for any name without "bench")."""
    from psycopg2 import sql

    name = database_name(url)
    if "bench" not in name:
        raise SystemExit(
            f"make bench drops and recreates its database; {name!r} does not look like a "
            "benchmark database (its name must contain 'bench')."
        )
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(name), sql.Identifier(template)
        )
    _admin_execute(
        url, sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)), create
    )


def migrated_template(config: Config) -> str:
    """Migrate once into ``<name>_migrated``; each scale starts from a copy of it (migrating
    takes longer than copying)."""
    template = f"{database_name(config.database_url)}_migrated"
    url = urllib.parse.urlsplit(config.database_url)._replace(path=f"/{template}").geturl()
    say(f"migrating a fresh {template}")
    recreate_database(url)
    manage("migrate", "--noinput", "-v", "0", env={**development_env(config), "DATABASE_URL": url})
    return template


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def seed(config: Config, scale: str, template: str) -> None:
    env = development_env(config)
    say(f"scale {scale}: recreating {database_name(config.database_url)} from {template}")
    recreate_database(config.database_url, template)
    flush_redis(config.redis_url)
    command = shlex.split(config.seed_command.format(scale=scale))
    say(f"scale {scale}: manage.py {' '.join(command)}")
    started = time.perf_counter()
    manage(*command, env=env, capture=True)
    say(f"scale {scale}: seeded in {time.perf_counter() - started:.0f} s")


def json_command(name: str, *args: str, env: dict) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as output:
        manage(name, *args, "--output", output.name, env=env, capture=True)
        return json.loads(Path(output.name).read_text(encoding="utf-8"))


def case_count(env: dict) -> int:
    code = "from complaints.models import Case; print(Case.objects.count())"
    return int(manage("shell", "-c", code, env=env, capture=True).split()[-1])


# -- the server -------------------------------------------------------------------------------


@contextlib.contextmanager
def gunicorn(config: Config, env: dict, log: Path):
    """gunicorn with the project's gunicorn.conf.py; stopped (its whole process group) on the
    way out, whatever happened."""
    gunicorn_bin = str(Path(PYTHON).parent / "gunicorn")
    with log.open("w") as log_file:
        process = subprocess.Popen(  # noqa: S603
            [gunicorn_bin, "-c", "gunicorn.conf.py", "charter_portal.wsgi:application"],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_up(config.port, process)
        yield process
    finally:
        stop(process)


def wait_until_up(port: int, process, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited at start-up; see its log.")
        with contextlib.suppress(OSError):
            browser = Browser(HOST, port, timeout=5)
            if browser.request("GET", "/healthz")[0] == 200:
                return
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz within a minute.")


def stop(process) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def worker_rss_mb(master_pid: int) -> list[float]:
    """Resident memory of each worker (the master's children), from /proc."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    sizes = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


# -- the load ---------------------------------------------------------------------------------


def demo_code(email: str, env: dict) -> str:
    return manage("demo_code", email, env=env, capture=True).split()[-1]


def complaint_factory(netloc: str):
    """Each submission: a fresh one-time form token and its own client address."""
    counter = iter(range(1, 10**9))

    def make() -> bytes:
        i = next(counter)
        body = urllib.parse.urlencode(
            {
                "form_token": secrets.token_urlsafe(32),
                "category": "accounting",
                "narrative": f"Benchmark report {i}: invoices split to stay under the limit.",
                "contact": "",
            }
        ).encode()
        return http_request(
            "POST",
            "/report/",
            host=netloc,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Forwarded-For": f"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}",
            },
            body=body,
        )

    return make


class Measurer:
    """Loads page after page against one server and keeps each result."""

    def __init__(self, config: Config):
        self.config = config
        self.address, self.netloc = (HOST, config.port), f"{HOST}:{config.port}"
        self.results: list[dict] = []

    def get(self, path: str, cookies: dict | None = None):
        headers = {"Cookie": cookie_header(cookies)} if cookies else {}
        request = http_request("GET", path, host=self.netloc, headers=headers)
        return lambda: request

    def measure(self, page: str, role: str, factory, queries) -> dict:
        for _ in range(2 * self.config.workers):  # every worker has served the page before
            load(self.address, factory, seconds=0, connections=1)
        summary, statuses = load(
            self.address, factory, seconds=self.config.seconds, connections=self.config.connections
        )
        result = {
            "page": page,
            "role": role,
            "summary": summary,
            "statuses": statuses,
            "queries": queries,
        }
        self.results.append(result)
        say(
            f"{page} ({role}): {summary.per_second:.1f} req/s, p50 {summary.p50_ms:.1f} ms, "
            f"p99 {summary.p99_ms:.1f} ms, statuses {statuses}"
        )
        return result


def run_load(config: Config, pages: list[dict], dev_env: dict) -> dict:
    """The static file, the login page, every page of each role, then complaint submissions."""
    queries = {(row["page"], row["role"]): row["queries"] for row in pages}
    bench = Measurer(config)
    _, _, login_page = Browser(HOST, config.port).request("GET", "/accounts/login/")
    sheets = _stylesheets(login_page)
    css = next((path for path in sheets if "portal/portal" in path), sheets[0])
    bench.measure("static file", "anonymous", bench.get(css), 0)
    login = bench.measure(
        "login page",
        "anonymous",
        bench.get("/accounts/login/"),
        queries.get(("login page", "anonymous")),
    )
    sessions = {}
    for role, email in (("chair", CHAIR), ("secretary", SECRETARY)):
        say(f"logging in as {email} over HTTP (password, then the code)")
        sessions[role] = log_in(
            Browser(HOST, config.port), email, DEMO_PASSWORD, lambda e=email: demo_code(e, dev_env)
        )
    for row in pages:
        if row["role"] not in sessions:
            continue  # the anonymous pages: measured above and below
        # A calendar application reads the feed: its secret token is the key, no cookie.
        cookies = None if row["path"].endswith(".ics") else sessions[row["role"]]
        bench.measure(row["page"], row["role"], bench.get(row["path"], cookies), row["queries"])
    before = case_count(dev_env)
    submission = bench.measure(
        "complaint submission (POST)",
        "anonymous",
        complaint_factory(bench.netloc),
        queries.get(("complaint submission (POST)", "anonymous")),
    )
    saved = case_count(dev_env) - before
    accepted = submission["statuses"].get(201, 0)
    login_p99 = login["summary"].p99_ms
    return {
        "rows": [
            report.page_row(r["page"], r["role"], r["summary"], login_p99, r["queries"])
            for r in bench.results
        ],
        "results": bench.results,
        "paths": [
            {"page": "static file", "role": "anonymous", "path": css},
            *(
                {"page": row["page"], "role": row["role"], "path": redacted(row["path"])}
                for row in pages
                if row["role"] != "anonymous"
            ),
            {"page": "login page", "role": "anonymous", "path": "/accounts/login/"},
            {"page": "complaint submission", "role": "anonymous", "path": "POST /report/"},
        ],
        "login_p99": login_p99,
        "submission": submission["summary"],
        "submissions_accepted": accepted,
        "cases_saved": saved,
        "submissions_lost": accepted - saved,
    }


FEED = re.compile(r"^/deadlines/feed/[A-Za-z0-9_-]+\.ics$")


def redacted(path: str) -> str:
    """A calendar feed's address is a secret: the report names it, never its token."""
    return "/deadlines/feed/<token>.ics" if FEED.match(path) else path


def _stylesheets(html: str) -> list[str]:
    return re.findall(r'<link rel="stylesheet" href="([^"]+\.css)"', html)


# -- the report -------------------------------------------------------------------------------


def machine(config: Config) -> dict:
    import psycopg2

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    connection = psycopg2.connect(config.database_url)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            postgres = cursor.fetchone()[0]
    finally:
        connection.close()
    commit = subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--short=12", "HEAD"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    dirty = subprocess.run(  # noqa: S603
        ["git", "status", "--porcelain", "--untracked-files=no"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return {
        "cpus": os.cpu_count(),
        "ram_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "postgresql": postgres,
        "python": platform.python_version(),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def verdicts(config, loaded, engine, rss) -> list[str]:
    """Each target of issue 13 with its figure, met or missed."""
    lines = []
    portal = [
        r for r in loaded["results"] if r["role"] in ("chair", "secretary") and loaded["login_p99"]
    ]
    worst = max(portal, key=lambda r: r["summary"].p99_ms, default=None)
    if worst:
        ratio = worst["summary"].p99_ms / loaded["login_p99"]
        lines.append(
            f"{'met' if ratio <= MAX_P99_RATIO else 'MISSED'}: every page's p99 <= "
            f"{MAX_P99_RATIO:g}x login p99 (worst: {worst['page']}, {worst['role']}, {ratio:.2f}x)"
        )
    failing = [r for r in loaded["results"] if r["summary"].errors]
    lines.append(
        ("met: no page answered an error" if not failing else "MISSED: errors on ")
        + ", ".join(f"{r['page']} ({r['role']}): {r['summary'].errors}" for r in failing)
    )
    sub = loaded["submission"]
    ok = (
        sub.per_second >= MIN_SUBMISSIONS_PER_SECOND
        and sub.errors == 0
        and loaded["submissions_lost"] == 0
    )
    lines.append(
        f"{'met' if ok else 'MISSED'}: complaint submissions >= {MIN_SUBMISSIONS_PER_SECOND:g}/s, "
        f"0 errors, 0 lost ({sub.per_second:.1f}/s, {sub.errors} errors, "
        f"{loaded['submissions_accepted']} receipts, {loaded['cases_saved']} cases saved)"
    )
    runs = {r["scale"]: r for r in engine}
    if len(runs) >= 2:
        small, large = (runs[s] for s in sorted(runs, key=float)[:: len(runs) - 1])
        first = {op["operation"]: op for op in small["operations"]}
        last = {op["operation"]: op for op in large["operations"]}
        name = "deadlines_run"
        if name in first and name in last:
            ratio = last[name]["seconds"] / first[name]["seconds"] if first[name]["seconds"] else 0
            same = last[name]["queries_per_committee"] == first[name]["queries_per_committee"]
            lines.append(
                f"{'met' if ratio <= MAX_RUN_TIME_RATIO and same else 'MISSED'}: deadline run at "
                f"scale {large['scale']} within {MAX_RUN_TIME_RATIO:g}x scale {small['scale']} "
                f"({ratio:.2f}x) with the same queries per committee "
                f"({first[name]['queries_per_committee']} and "
                f"{last[name]['queries_per_committee']})"
            )
    if rss:
        lines.append(
            f"{'met' if max(rss) < MAX_WORKER_RSS_MB else 'MISSED'}: worker RSS < "
            f"{MAX_WORKER_RSS_MB:g} MB ({', '.join(f'{mb:.0f} MB' for mb in rss)})"
        )
    return lines


def render(config, facts, loaded, engine, rss, markdown: bool) -> str:
    table = report.markdown_table if markdown else report.text_table
    head = (
        f"Scale {config.scale}, {config.connections} connections, {config.seconds:g} s per page, "
        f"gunicorn {config.workers} sync workers, PostgreSQL {facts['postgresql']}; "
        f"{facts['cpus']} CPUs ({facts['cpu']}), {facts['ram_gb']} GB RAM; "
        f"commit {facts['commit']}; {facts['date']}."
    )
    parts = [
        head,
        "",
        table(report.PAGE_HEADERS, loaded["rows"]),
        "",
        "Engine (bench_engine):",
        "",
        table(report.ENGINE_HEADERS, report.engine_rows(engine)),
        "",
        "Worker RSS after the run: " + ", ".join(f"{mb:.0f} MB" for mb in rss),
        "",
        "Targets:",
        "",
        *(("- " if markdown else "  ") + line for line in verdicts(config, loaded, engine, rss)),
    ]
    if markdown:
        paths = [f"- {r['page']} ({r['role']}): `{r['path']}`" for r in loaded["paths"]]
        parts = ["# Benchmark results", "", *parts, "", "Pages loaded:", "", *paths]
    return "\n".join(parts) + "\n"


def _terminate(signum, frame):
    raise SystemExit(128 + signum)  # so the way out stops gunicorn as an interrupt does


def main() -> int:
    signal.signal(signal.SIGTERM, _terminate)
    config = Config.from_environment(os.environ)
    config.secrets = generated_secrets(os.environ)
    with tempfile.TemporaryDirectory(prefix="charter-bench-files-") as files_root:
        config.files_root = files_root
        return bench(config)


def bench(config: Config) -> int:
    for scale in (config.scale, *config.engine_scales):
        float(scale)  # a typo stops the run here, not after minutes of seeding
    engine = []
    template = migrated_template(config)
    for scale in config.scales_in_order():
        seed(config, scale, template)
        if scale in config.engine_scales:
            say(f"scale {scale}: bench_engine")
            engine.append(
                json_command("bench_engine", "--scale", scale, env=development_env(config))
            )
    env = production_env(config)
    say("collectstatic")
    manage("collectstatic", "--noinput", "-v", "0", env=env)
    say("bench_queries: each page's queries")
    pages = json_command("bench_queries", env=env)["pages"]
    bad = [row for row in pages if not 200 <= row["status"] < 300]
    if bad:
        say(f"pages not answering 200 to the test client: {bad}")
    log = config.output.with_name("bench-gunicorn.log")
    say(f"gunicorn on {HOST}:{config.port}, {config.workers} workers (log: {log})")
    with gunicorn(config, env, log) as server:
        loaded = run_load(config, pages, development_env(config))
        rss = worker_rss_mb(server.pid)
    facts = machine(config)
    print()
    print(render(config, facts, loaded, engine, rss, markdown=False))
    config.output.write_text(render(config, facts, loaded, engine, rss, markdown=True))
    say(f"written to {config.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`manage.py complaints_benchmark --url http://127.0.0.1:8000`: send reports to a running
portal (gunicorn and PostgreSQL, as deployed) N at a time, each carrying its own fake address,
user agent and referrer and a canary phrase, then check this command's database (the same
DATABASE_URL), the private file store and, if given, the server's log file: every report saved,
no error, and none of those values in plain text anywhere.

Run the server with CLIENT_IP_PROXY_COUNT=1, so each report's X-Forwarded-For address is its
client and the per-client limit applies to each fake address in turn. The receipt's Argon2id
hashing runs in every request, so the submissions per second reported include it.
"""

import concurrent.futures
import http.client
import os
import re
import secrets
import time
import urllib.parse
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from complaints.models import Case

RECEIPT = re.compile(rb'id="receipt">(\d{5}(?: \d{5}){4})<')


class Command(BaseCommand):
    help = "Benchmark the public report form against a running server; check nothing leaked."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The server's root.")
        parser.add_argument("--count", type=int, default=1000)
        parser.add_argument("--concurrency", type=int, default=20)
        parser.add_argument("--log", help="The server's log file, searched for the traces.")

    def handle(self, *args, **options):
        count, concurrency = options["count"], options["concurrency"]
        if count < 1 or concurrency < 1:
            raise CommandError("--count and --concurrency must be at least 1.")
        target = urllib.parse.urlsplit(options["url"])
        if target.scheme != "http" or not target.hostname:
            raise CommandError("--url must be an http:// address of the running portal.")
        run = secrets.token_hex(4)
        before = Case.objects.count()
        self.stdout.write(f"Sending {count} reports, {concurrency} at a time, to {options['url']}")
        start = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(concurrency) as pool:
            results = list(pool.map(lambda i: _submit(target, run, i), range(count)))
        elapsed = time.perf_counter() - start
        errors = [r for r in results if r is not True]
        saved = Case.objects.count() - before
        self.stdout.write(
            f"{count - len(errors)} receipts shown, {saved} cases saved, {len(errors)} errors "
            f"in {elapsed:.1f} s: {count / elapsed:.1f} submissions per second."
        )
        for error in errors[:5]:
            self.stdout.write(f"  error: {error}")
        leaks = _leaks(run, count, options["log"])
        self.stdout.write(
            f"Canaries and traces found in plain text: {len(leaks)}"
            + (f" ({', '.join(sorted(leaks)[:5])})" if leaks else "")
        )
        if errors or leaks or saved != count:
            raise CommandError("The benchmark found errors, leaks or unsaved reports.")


def _traces(run: str, i: int) -> dict:
    return {
        "address": f"198.18.{i // 250}.{i % 250 + 1}",
        "agent": f"BenchAgent/{run}-{i}",
        "referrer": f"https://intranet.example/bench-{run}-{i}",
        "canary": f"BenchCanary-{run}-{i}",
    }


def _submit(target, run: str, i: int):
    t = _traces(run, i)
    body = urllib.parse.urlencode(
        {
            "form_token": secrets.token_urlsafe(32),
            "category": "accounting",
            "narrative": f"{t['canary']}: invoices split to stay under the approval limit.",
            "contact": f"{t['canary']}@example.test",
        }
    )
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Host": target.netloc,
        "User-Agent": t["agent"],
        "Referer": t["referrer"],
        "X-Forwarded-For": t["address"],
    }
    connection_ = http.client.HTTPConnection(target.hostname, target.port or 80, timeout=60)
    try:
        connection_.request("POST", "/report/", body=body, headers=headers)
        response = connection_.getresponse()
        content = response.read()
    except OSError as error:
        return f"report {i}: {error}"
    finally:
        connection_.close()
    if response.status != 201 or not RECEIPT.search(content):
        return f"report {i}: HTTP {response.status}"
    if response.getheader("Set-Cookie"):
        return f"report {i}: a cookie was set"
    return True


def _leaks(run: str, count: int, log: str | None) -> set[str]:
    """Which canaries or traces of this run appear in the database, the store or the log."""
    haystacks = [_database_text()]
    root = Path(settings.FILES_ROOT)
    if root.exists():
        haystacks += [p.read_bytes().decode("latin-1") for p in root.rglob("*") if p.is_file()]
    if log:
        haystacks.append(Path(log).read_text(errors="replace") if os.path.exists(log) else "")
    text = "\n".join(haystacks)
    found = {f"BenchCanary-{run}", f"BenchAgent/{run}", f"bench-{run}"} & _present(text, run)
    found |= {
        t["address"]
        for t in (_traces(run, i) for i in range(count))
        if re.search(rf"(?<![\d.]){re.escape(t['address'])}(?![\d])", text)
    }
    return found


def _present(text: str, run: str) -> set[str]:
    return {m for m in (f"BenchCanary-{run}", f"BenchAgent/{run}", f"bench-{run}") if m in text}


def _database_text() -> str:
    parts = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            parts += [" ".join(map(str, row)) for row in cursor.fetchall()]
    return "\n".join(parts)

"""`manage.py bench_engine`: time the engine's three whole-company computations on the current
database and print JSON: the daily deadline run for today, the composition evaluation of every
committee and `charter_status`, each with its wall time and query count, beside the number of
committees and open occurrences, so two scales can be compared (`make bench` runs it at each
BENCH_ENGINE_SCALES; docs/benchmark.md).

The run sends its outbox as the scheduled run does, to an in-memory mailbox: no mail leaves.
"""

import io
import json
import time
from contextlib import contextmanager, suppress
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from committees.compliance.composition import evaluate_committees
from committees.models import Committee
from deadlines.models import Occurrence
from deadlines.services.run import deadlines_run


class QueryCounter:
    """Counts every statement sent on the default connection while installed
    (``connection.execute_wrapper``): no SQL kept, so it costs nothing at any scale."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


@contextmanager
def measured():
    """Yields a dict filled on exit with ``seconds`` and ``queries``."""
    counter, result = QueryCounter(), {}
    start = time.perf_counter()
    try:
        with connection.execute_wrapper(counter):
            yield result
    finally:
        result["seconds"] = round(time.perf_counter() - start, 4)
        result["queries"] = counter.count


def _charter_status() -> None:
    """The management command as monitoring runs it (its exit status 1 only says that
    something is failing, which the benchmark does not judge)."""
    with suppress(SystemExit):
        call_command("charter_status", "--format", "json", stdout=io.StringIO())


def engine_figures(label: str = "") -> dict:
    """The figures `bench_engine` prints: one entry per operation, in the order run."""
    today = timezone.localdate()
    committees = Committee.objects.count()
    operations = [
        ("deadlines_run", lambda: deadlines_run(as_of=today)),
        ("deadlines_run (again)", lambda: deadlines_run(as_of=today)),
        ("evaluate_committees", lambda: evaluate_committees(Committee.objects.all(), today)),
        ("charter_status", _charter_status),
    ]
    results = []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for name, operation in operations:
            with measured() as figures:
                operation()
            per_committee = figures["queries"] / committees if committees else None
            results.append(
                {
                    "operation": name,
                    **figures,
                    "queries_per_committee": round(per_committee, 2) if committees else None,
                }
            )
    return {
        "scale": label,
        "as_of": today.isoformat(),
        "committees": committees,
        "open_occurrences": Occurrence.objects.open().count(),
        "occurrences": Occurrence.objects.count(),
        "operations": results,
    }


def write_json(command: BaseCommand, data: dict, output: str | None) -> None:
    """To ``output`` when given (nothing else the run prints can mix into it), else stdout."""
    text = json.dumps(data, indent=2)
    if output:
        Path(output).write_text(text + "\n", encoding="utf-8")
    else:
        command.stdout.write(text)


class Command(BaseCommand):
    help = "Time the daily deadline run, composition evaluation and charter_status (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", default="", help="A label for the data set (its scale).")
        parser.add_argument("--output", help="Write the JSON to this file instead of stdout.")

    def handle(self, *args, **options):
        write_json(self, engine_figures(options["scale"]), options["output"])

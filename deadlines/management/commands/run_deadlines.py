"""``manage.py run_deadlines [--as-of YYYY-MM-DD]``: the daily run, for a deployment with no
Celery worker (schedule it once a day with cron or a systemd timer). Same code as the beat task."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from deadlines.services import deadlines_run


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of must be a date written YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = "Open the periods that start, re-evaluate open deadlines and send the reminders due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", dest="as_of", help="Run as on this day (YYYY-MM-DD); default today."
        )

    def handle(self, *args, as_of=None, **options):
        day = _day(as_of) if as_of else timezone.localdate()
        report = deadlines_run(as_of=day)
        self.stdout.write(report.summary())
        for error in report.errors:
            self.stderr.write(error)
        if report.errors:
            raise CommandError(f"{len(report.errors)} requirement(s) could not be evaluated.")

"""``manage.py run_deadlines``: the daily run, for a deployment with no Celery worker (schedule it
once a day with cron or a systemd timer). Same code as the beat task.

Only today's run writes and sends. ``--as-of`` another day is a dry run: it prints what would
open, change and be sent, and writes nothing, because a run for 14 December would otherwise
store 14 December's statuses as today's and send the 14 December reminders thirteen days early
(after which they count as sent). ``--as-of`` a past day with ``--catch-up`` runs every day from
then to today in date order, writing, and sends the outbox once at the end (only the latest
reminder of each deadline goes: a stale one is superseded). A future day never writes.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from charter_portal.dates import long_date
from deadlines.services import deadlines_run, outbox_flush

MAX_CATCH_UP_DAYS = 366


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--as-of must be a date written YYYY-MM-DD, not {value!r}.") from None


class Command(BaseCommand):
    help = (
        "Open the periods that start, re-evaluate open deadlines and send the reminders due. "
        "Another day than today is a dry run unless --catch-up is given for a past day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of",
            dest="as_of",
            help="Run as on this day (YYYY-MM-DD); default today. Any other day is a dry run.",
        )
        parser.add_argument(
            "--catch-up",
            action="store_true",
            help="With a past --as-of: run every day from it to today in order, writing and "
            "sending (for days the daily run missed).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what today's run would open, change and send, without doing it.",
        )

    def handle(self, *args, as_of=None, catch_up=False, dry_run=False, verbosity=1, **options):
        today = timezone.localdate()
        day = _day(as_of) if as_of else today
        if catch_up and dry_run:
            raise CommandError("--catch-up writes and --dry-run does not: choose one.")
        if catch_up and day > today:
            raise CommandError(
                f"{long_date(day)} is in the future: a run for a future day never writes. "
                "Leave out --catch-up for a dry run of that day."
            )
        if catch_up and day == today:
            raise CommandError("--catch-up needs a past --as-of day; today's run is the default.")
        if catch_up and (today - day).days > MAX_CATCH_UP_DAYS:
            raise CommandError(f"--catch-up goes back at most {MAX_CATCH_UP_DAYS} days.")
        verbose = verbosity >= 2
        if catch_up:
            reports = self._catch_up(day, today, verbose)
        else:
            dry = dry_run or day != today
            reports = [deadlines_run(as_of=day, dry_run=dry)]
            self._print(reports[0], verbose or dry)
        errors = [error for report in reports for error in report.errors]
        if errors:
            raise CommandError(f"{len(errors)} requirement(s) could not be evaluated.")

    def _catch_up(self, first: datetime.date, today: datetime.date, verbose: bool) -> list:
        reports = []
        day = first
        while day <= today:
            # The outbox is sent once, after today's run: a reminder superseded on a later day
            # of the catch-up is cancelled rather than sent late.
            report = deadlines_run(as_of=day, flush=False)
            self._print(report, verbose)
            reports.append(report)
            day += datetime.timedelta(days=1)
        sent = outbox_flush()
        self.stdout.write(
            f"Outbox: {sent['sent']} sent, {sent['failed']} failed, {sent['cancelled']} cancelled."
        )
        return reports

    def _print(self, report, verbose: bool) -> None:
        self.stdout.write(report.summary())
        if verbose:
            for line in report.details():
                self.stdout.write(f"  {line}")
        for error in report.errors:
            self.stderr.write(error)

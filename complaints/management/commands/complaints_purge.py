"""`manage.py complaints_purge [--dry-run] [--as-of YYYY-MM-DD]`: the retention purge the beat
runs daily, for a deployment without a beat (cron) or to see what it would do."""

from django.core.management.base import BaseCommand

from committees.management.commands.charter_status import parse_as_of
from complaints.retention import cases_purge


class Command(BaseCommand):
    help = (
        "Purge closed complaint cases past the policy's retention period unless a legal hold "
        "is set. Prints and records counts only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="The day to judge (today).")

    def handle(self, *args, **options):
        report = cases_purge(as_of=parse_as_of(options["as_of"]), dry_run=options["dry_run"])
        self.stdout.write(report.summary())

"""`manage.py evaluate_composition`: the daily composition check and its notices, for deployments
with no Celery worker (the same service the beat task runs)."""

from django.core.management.base import BaseCommand

from committees.management.commands.charter_status import parse_as_of
from committees.models import CompositionNotice
from committees.services import composition_notify


class Command(BaseCommand):
    help = "Evaluate every committee's composition and send the notices now due (run daily)."

    def add_arguments(self, parser):
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="The date to evaluate (today).")

    def handle(self, *args, **options):
        as_of = parse_as_of(options["as_of"])
        claimed = composition_notify(as_of=as_of)
        pending = CompositionNotice.objects.pending().count()
        self.stdout.write(
            f"Evaluated composition as of {as_of.isoformat()}: {len(claimed)} new notice(s); "
            f"{pending} notice(s) waiting to be sent."
        )
        for notice in claimed:
            self.stdout.write(f"  {notice.get_kind_display()}: {notice.email_subject}")
        for notice in CompositionNotice.objects.pending().filter(attempts__gt=0).order_by("pk"):
            self.stderr.write(
                f"  Not sent yet after {notice.attempts} attempt(s): {notice.email_subject} "
                f"({notice.last_error})"
            )

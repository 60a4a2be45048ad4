"""`manage.py seed_demo`: fill the database with the Northwind Instruments demo (committees.demo)
and print the demo logins."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from charter_portal.dates import long_date
from committees.demo import (
    COMPANY,
    DEMO_PASSWORD,
    Seeder,
    demo_seed,
    demo_totp_secret,
    existing_anchor,
)
from committees.management.commands.charter_status import parse_as_of
from committees.models import CompanyProfile
from deadlines.services import deadlines_run
from meetings.demo import demo_meetings_seed


class Command(BaseCommand):
    help = (
        "Fill the database with a fictional company (Northwind Instruments) and its board, "
        "committees, determinations and demo logins. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--as-of", metavar="YYYY-MM-DD", help="The day the demo is set on (today)."
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run with PRODUCTION=true: demo logins share one password."
            )
        as_of = parse_as_of(options["as_of"])
        if as_of > timezone.localdate():
            raise CommandError(
                f"--as-of {long_date(as_of)} is in the future; board determinations cannot be "
                "dated after today."
            )
        profile = CompanyProfile.current()
        if profile is not None and profile.legal_name != COMPANY:
            raise CommandError(
                f"This database already holds {profile.legal_name}; seed_demo only fills an "
                "empty database or its own demo company."
            )
        anchor = existing_anchor() or as_of
        if options["as_of"] and anchor != as_of:
            self.stderr.write(
                f"The demo was first seeded as of {long_date(anchor)}; keeping those dates."
            )
        seeder = Seeder(anchor=anchor)
        with transaction.atomic():
            demo_seed(seeder)
            # The apps built on committees add their part of the demo (imported here, so the
            # committees app itself never depends on them).
            from complaints.demo import complaints_seed

            seeder.created += complaints_seed(seeder.anchor)
            demo_meetings_seed(seeder)
            from auditors.demo import demo_auditors_seed

            demo_auditors_seed(seeder)
        # Open and evaluate every deadline once, so the dashboard has its items on first start.
        run = deadlines_run(as_of=as_of)
        self.report(seeder)
        self.stdout.write(run.summary())

    def report(self, seeder: Seeder) -> None:
        if seeder.created:
            self.stdout.write(
                f"Seeded {COMPANY} as of {long_date(seeder.anchor)}: {seeder.created} records."
            )
        else:
            self.stdout.write(
                f"The demo data is already in place (as of {long_date(seeder.anchor)}); "
                "nothing added."
            )
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for accounts created here: {DEMO_PASSWORD}):")
        for email, what in seeder.logins:
            self.stdout.write(f"  {email:<38} {what}")
        self.stdout.write("")
        self.stdout.write(
            "Second factor: after the password the portal asks for a 6-digit code. The current one:"
        )
        self.stdout.write("  python manage.py demo_code EMAIL")
        self.stdout.write(
            f"or add this demo key to an authenticator app (all demo logins share it): "
            f"{demo_totp_secret()}"
        )
        self.stdout.write("")
        self.stdout.write(
            f"Portal: {settings.SITE_URL}/   Administration: {settings.SITE_URL}/admin/"
        )

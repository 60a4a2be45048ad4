"""`manage.py demo_code EMAIL`: the current one-time code of a demo login (development only)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from committees.demo import demo_second_factor_code


class Command(BaseCommand):
    help = "Print the current second-factor code of a demo login (refused in production)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The demo login's email address.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("demo_code refuses to run with PRODUCTION=true.")
        user = get_user_model().objects.filter(email__iexact=options["email"].strip()).first()
        code = demo_second_factor_code(user) if user is not None else None
        if code is None:
            raise CommandError(
                f"{options['email']} has no demo second factor: run `manage.py seed_demo` and use "
                "one of the demo logins it prints."
            )
        self.stdout.write(code)

"""`manage.py seed_bench --scale N`: the benchmark data set (charter_portal.bench): the demo
company with fifteen fiscal years of synthetic history, written in bulk."""

import datetime
import io
import random
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from charter_portal.bench import (
    DOMAIN,
    YEARS,
    Plan,
    auditors,
    committees,
    complaints,
    deadlines,
    meetings,
)
from charter_portal.bench.progress import Writer
from committees.models import CompanyProfile, Director
from deadlines.models import Occurrence
from meetings.models import Meeting


class Command(BaseCommand):
    help = (
        "Fill the database with the benchmark data set: the Northwind demo (seeded first when "
        "the database holds no company) and fifteen fiscal years of synthetic history around "
        "it. --scale 1 is a large listed company (150 directors, 1,000 meetings, 50,000 auditor "
        "fees and requests, 20,000 complaints with 100,000 messages); --scale N multiplies the "
        "counts. Runs once per database: a database that already holds the data set is "
        "refused (start from an empty one, e.g. `manage.py flush`). Refused with PRODUCTION=true."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="0.01, 0.1, 1, 10 ...")
        parser.add_argument("--seed", type=int, default=13, help="Random seed (deterministic).")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("seed_bench refuses to run with PRODUCTION=true.")
        scale = options["scale"]
        if not 0 < scale <= 100:
            raise CommandError("--scale must be above 0 and at most 100.")
        if Director.objects.filter(email__endswith=f"@{DOMAIN}").exists():
            raise CommandError(
                "This database already holds the benchmark data set; seed_bench runs once per "
                "database. Start from an empty database to seed it again."
            )
        began = time.monotonic()
        timings = {}
        if CompanyProfile.current() is None:
            out = self.stdout if options["verbosity"] > 1 else io.StringIO()
            call_command("seed_demo", stdout=out)
            timings["demo"] = time.monotonic() - began
        profile = CompanyProfile.current()
        today = timezone.localdate()
        writer = Writer(quiet=options["quiet"] or options["verbosity"] == 0)
        plan = Plan(
            scale=scale,
            rng=random.Random(options["seed"]),
            today=today,
            profile=profile,
            writer=writer,
        )
        plan.start = profile.fiscal_year_bounds(profile.fiscal_year_of(today) - YEARS + 1)[0]
        plan.cutoff = _cutoff(profile, today)
        try:
            with transaction.atomic():
                for module in (committees, meetings, auditors, complaints, deadlines):
                    step = time.monotonic()
                    module.seed(plan)
                    timings[module.__name__.rsplit(".", 1)[-1]] = time.monotonic() - step
        finally:
            writer.close()
        step = time.monotonic()
        run = deadlines.run_today(plan)
        timings["daily run"] = time.monotonic() - step
        self.report(plan, run, timings, time.monotonic() - began)

    def report(self, plan: Plan, run, timings: dict, seconds: float) -> None:
        self.stdout.write(
            f"Seeded the benchmark data set at scale {plan.scale:g}: history from "
            f"{plan.start.isoformat()}, synthetic records before {plan.cutoff.isoformat()}."
        )
        width = max(len(label) for label in plan.writer.counts) if plan.writer.counts else 0
        for label, count in sorted(plan.writer.counts.items()):
            self.stdout.write(f"  {label:<{width}} {count:>9,}")
        self.stdout.write(f"  {'total':<{width}} {sum(plan.writer.counts.values()):>9,}")
        self.stdout.write(run.summary())
        steps = ", ".join(f"{name} {spent:.1f} s" for name, spent in timings.items())
        self.stdout.write(f"Elapsed: {seconds:.1f} s ({steps}).")


def _cutoff(profile: CompanyProfile, today: datetime.date) -> datetime.date:
    """The start of the fiscal year holding the demo's earliest meeting or engagement year:
    synthetic dated records stay before it, the demo's story after."""
    from auditors.models import Engagement

    days = [today]
    first_meeting = Meeting.objects.order_by("starts_at").values_list("starts_at", flat=True)
    if first_meeting.exists():
        days.append(timezone.localdate(first_meeting.first()))
    first_year = Engagement.objects.order_by("fiscal_year").values_list("fiscal_year", flat=True)
    if first_year.exists():
        days.append(profile.fiscal_year_bounds(first_year.first())[0])
    first_due = Occurrence.objects.order_by("period_start").values_list("period_start", flat=True)
    if first_due.exists():
        days.append(first_due.first())
    return profile.fiscal_year_bounds(profile.fiscal_year_of(min(days)))[0]

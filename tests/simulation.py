"""A year of the demo, day by day: every view agrees at every check, and no reminder goes early or
twice (issue "One truth for every status"). Not part of the test suite: it takes minutes.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/charter_sim \\
        .venv/bin/python -m tests.simulation --start 2025-11-21 --days 365 --gap 2026-03-10:3

It empties the database it is given (it refuses one holding anything but the demo), seeds the demo
as of the start day, then for every day runs the daily deadline run twice (two schedulers), skips
the gap days (a scheduler that stopped), makes a few changes as the secretary and the chair would,
and reads every view as the secretary every week and after every change: dashboard, roster,
calendar, occurrence pages, evidence report and CSV, feed and charter_status must agree.
"""

import argparse
import datetime
import os
import sys
from collections import Counter

import django


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start", type=datetime.date.fromisoformat, required=True)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--gap", default="", help="FIRST_DAY:COUNT days with no run at all")
    parser.add_argument("--check-every", type=int, default=7)
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charter_portal.settings")
    django.setup()
    return simulate(args)


def simulate(args) -> int:
    import time_machine
    from django.conf import settings
    from django.core import mail
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from committees.duties import services as duties
    from committees.models import CharterReview, Committee, CompanyProfile
    from deadlines.models import Reminder
    from deadlines.services import deadlines_run
    from deadlines.services.feeds import calendar_feed_reset
    from tests.logins import verified_login
    from tests.one_truth import assert_agree, read_views

    setup_test_environment()  # the locmem mail backend: every email is counted
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    profile = CompanyProfile.current()
    if profile is not None and profile.legal_name != "Northwind Instruments, Inc.":
        print(f"This database holds {profile.legal_name}; give the simulation its own database.")
        return 2
    call_command("flush", "--no-input", verbosity=0)
    gap = set()
    if args.gap:
        first, count = args.gap.split(":")
        first = datetime.date.fromisoformat(first)
        gap = {first + datetime.timedelta(days=n) for n in range(int(count))}

    def at(day, hour):
        moment = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=datetime.UTC)
        return time_machine.travel(moment, tick=False)

    with at(args.start, 6):
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from django.contrib.auth import get_user_model

    secretary = get_user_model().objects.get(email="secretary@northwind.example")
    chair = get_user_model().objects.get(email="margaret.chen@northwind.example")
    client, feed_client = Client(), Client()
    verified_login(client, secretary)
    with at(args.start, 6):
        token = calendar_feed_reset(user=secretary, now=datetime.datetime.now(tz=datetime.UTC))
    feed_url = f"/deadlines/feed/{token}.ics"
    seeded_mail = len(mail.outbox)
    runs = checks = 0
    review_day = args.start + datetime.timedelta(days=40)
    for n in range(args.days + 1):
        day = args.start + datetime.timedelta(days=n)
        changed = False
        if day not in gap:
            with at(day, 5):
                for _ in range(2):  # two schedulers: the second must find nothing to send
                    report = deadlines_run(as_of=day)
                    runs += 1
                    if report.errors:
                        print(day, report.errors)
                        return 1
        if day == review_day:
            with at(day, 10):
                duties.charter_review_record(
                    committee=Committee.objects.get(slug="audit"),
                    reviewed_on=day,
                    held_at=CharterReview.HeldAt.MEETING,
                    held_at_reference=f"Audit committee meeting of {day:%d %B %Y}",
                    outcome=CharterReview.Outcome.NO_CHANGE,
                    recorded_by=chair,
                    as_of=day,
                )
            changed = True
        if changed or n % args.check_every == 0 or n == args.days:
            with at(day, 12):
                for committee in Committee.objects.order_by("pk"):
                    assert_agree(read_views(committee, client, feed_client, feed_url))
                    checks += 1
    return _report(args, runs, checks, seeded_mail, mail.outbox, Reminder)


def _report(args, runs, checks, seeded_mail, outbox, Reminder) -> int:
    from django.core.management import call_command

    claimed = Reminder.objects.exclude(occurrence=None)
    early = [r for r in claimed if r.claimed_on < r.due_date + datetime.timedelta(r.offset_days)]
    opened_early = [r for r in early if r.kind == "opened"]
    subjects = Counter((m.subject, tuple(m.to)) for m in outbox[seeded_mail:])
    print(
        f"Days: {args.days + 1} from {args.start}; runs: {runs}; view checks: {checks}, all agreed."
    )
    print(
        f"Reminders claimed: {claimed.count()}, sent: {claimed.exclude(sent_at=None).count()}, "
        f"pending: {claimed.filter(sent_at=None, cancelled_at=None).count()}, "
        f"cancelled: {claimed.exclude(cancelled_at=None).count()}."
    )
    print(
        f"Claimed before their threshold day: {len(early) - len(opened_early)} "
        f"('opened' notices are due the day a problem begins: {len(opened_early)})."
    )
    print(
        f"Emails after seeding: {len(outbox) - seeded_mail}; the most copies of one email to the "
        f"same people: {max(subjects.values(), default=0)}."
    )
    try:
        call_command("charter_status", stdout=open(os.devnull, "w"))  # noqa: SIM115
        status = 0
    except SystemExit as exit_:
        status = exit_.code
    print(f"charter_status exit status today: {status}")
    return 0 if len(early) == len(opened_early) and max(subjects.values(), default=0) <= 1 else 1


if __name__ == "__main__":
    sys.exit(main())

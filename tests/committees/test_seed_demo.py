"""`manage.py seed_demo`: the Northwind demo, safe to run twice, with a running cure period
(Nasdaq 5605(c)(4)) on first start. The clock is frozen on 15 June 2026."""

import datetime
import io
import json

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from charter_portal.models import User
from committees.management.commands.seed_demo import DEMO_PASSWORD
from committees.models import CompanyProfile, CurePeriod, Membership
from tests import factories as f

AS_OF = "2026-06-15"
NOW = datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(NOW, tick=False):
        yield


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def row_counts() -> dict[str, int]:
    models = [*apps.get_app_config("committees").get_models(), User, Group]
    return {model._meta.label: model.objects.count() for model in models}


def test_seeding_twice_adds_nothing_the_second_time(db):
    first = seed("--as-of", AS_OF)
    counts = row_counts()
    second = seed("--as-of", AS_OF)
    assert row_counts() == counts
    assert "Seeded Northwind Instruments, Inc. as of 2026-06-15" in first
    assert "already in place" in second and "nothing added" in second
    assert counts["committees.Director"] == 8
    assert counts["committees.Committee"] == 2


def test_a_later_run_on_another_day_keeps_the_first_dates(db):
    seed()
    counts = row_counts()
    with time_machine.travel(NOW + datetime.timedelta(days=40), tick=False):
        seed()
    assert row_counts() == counts


def test_the_seeded_portal_shows_a_cure_period_and_nothing_failing(db):
    """The audit committee relies on a cure period for Elena Petrova, whose brother became an
    executive officer of a newly acquired subsidiary (Nasdaq 5605(a)(2)(C))."""
    seed("--as-of", AS_OF)
    out = io.StringIO()
    call_command("charter_status", "--format", "json", "--as-of", AS_OF, stdout=out)  # exit 0
    data = json.loads(out.getvalue())
    audit = next(c for c in data["committees"] if c["slug"] == "audit")
    statuses = {req["key"]: req for req in audit["requirements"]}
    independence = statuses["committees.composition.independence"]
    cure = CurePeriod.objects.get()
    assert independence["status"] == "cure_period"
    assert independence["due"] == cure.deadline.isoformat()
    assert "Elena Petrova" in independence["detail"]
    assert cure.director.full_name == "Elena Petrova"
    assert cure.event_date == datetime.date(2026, 4, 18)
    assert cure.deadline == CompanyProfile.current().next_annual_meeting
    assert cure.deadline > datetime.date(2026, 6, 15)
    assert all(
        req["status"] not in ("failing", "overdue")
        for committee in data["committees"]
        for req in committee["requirements"]
    )


def test_the_board_and_committees(db):
    seed("--as-of", AS_OF)
    profile = CompanyProfile.current()
    assert (profile.ticker, profile.exchange, profile.fiscal_year_end_month) == (
        "NWIN",
        "nasdaq",
        12,
    )
    assert profile.next_annual_meeting.weekday() == 3  # a Thursday, a few months ahead
    chair = Membership.objects.get(committee__slug="audit", role="chair").director
    assert chair.expert_determinations.filter(is_designated=True).exists()
    assert Membership.objects.filter(committee__slug="compensation").count() == 3


def test_demo_logins_work_with_the_printed_password(db):
    out = seed("--as-of", AS_OF)
    assert DEMO_PASSWORD in out and "http://" in out
    emails = [
        "secretary@northwind.example",
        "margaret.chen@northwind.example",
        "david.okafor@northwind.example",
        "priya.raman@northwind.example",
        "board.reader@northwind.example",
        "investigator@northwind.example",
    ]
    for email in emails:
        assert email in out
        assert Client().login(email=email, password=DEMO_PASSWORD), email
    secretary = User.objects.get(email="secretary@northwind.example")
    assert secretary.is_staff and secretary.groups.filter(name="Secretary").exists()
    assert User.objects.get(email="board.reader@northwind.example").groups.filter(
        name="Board reader"
    )


def test_refuses_a_database_holding_another_company(db):
    f.CompanyProfileFactory(legal_name="Real Holdings plc", ticker="REAL")
    with pytest.raises(CommandError, match="already holds Real Holdings plc"):
        seed()


def test_refuses_a_future_date(db):
    with pytest.raises(CommandError, match="in the future"):
        seed("--as-of", "2026-06-16")


def test_refuses_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="PRODUCTION"):
        seed()

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
from django.utils import timezone

from charter_portal.models import User
from committees.demo import DEMO_PASSWORD
from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    CompanyProfile,
    CurePeriod,
    Membership,
)
from deadlines.models import Occurrence
from tests import factories as f
from tests.logins import log_in_fully

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
    assert "Seeded Northwind Instruments, Inc. as of 15 June 2026" in first
    assert "already in place" in second and "nothing added" in second
    assert counts["committees.Director"] == 8
    assert counts["committees.Committee"] == 2


def test_a_later_run_on_another_day_keeps_the_first_dates(db):
    seed()
    counts = row_counts()
    with time_machine.travel(NOW + datetime.timedelta(days=40), tick=False):
        seed()
    assert row_counts() == counts


def charter_status_json(*args) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command("charter_status", "--format", "json", *args, stdout=out)
    except SystemExit as stop:
        return stop.code, json.loads(out.getvalue())
    return 0, json.loads(out.getvalue())


def test_the_seeded_portal_shows_a_cure_period_and_no_composition_failure(db):
    """The audit committee relies on a cure period for Elena Petrova, whose brother became an
    executive officer of a newly acquired subsidiary (Nasdaq 5605(a)(2)(C))."""
    seed("--as-of", AS_OF)
    code, data = charter_status_json("--as-of", AS_OF)
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
    problems = {
        (committee["slug"], req["key"])
        for committee in data["committees"]
        for req in committee["requirements"]
        if req["status"] in ("failing", "overdue")
    }
    # Only the overdue charter review and the executive session with internal audit the demo
    # leaves out (Charter: Meetings) make the command exit 1: no composition rule fails.
    assert problems == {
        ("audit", "committees.charter_review"),
        ("audit", "meetings.executive_session_internal_auditor"),
    }
    assert code == 1


def test_the_demo_shows_overdue_due_soon_and_met_duties(db):
    """Charter: Responsibilities 7 and Nasdaq 5605(c)(1): the last charter review was on
    22 May 2025, so the next was due on 22 May 2026 and is 24 days overdue; last year's
    self-evaluation was complete on 5 July 2025, so this year's is due on 5 July 2026."""
    seed("--as-of", AS_OF)
    code, data = charter_status_json("--as-of", AS_OF, "--committee", "audit")
    statuses = {req["key"]: req for req in data["committees"][0]["requirements"]}
    review = statuses["committees.charter_review"]
    assert (review["status"], review["due"]) == ("overdue", "2026-05-22")
    evaluation = statuses["committees.self_evaluation"]
    assert (evaluation["status"], evaluation["due"]) == ("due_soon", "2026-07-05")
    assert "1 of 3 members have answered" in evaluation["detail"]
    assert statuses["committees.composition.size"]["status"] == "met"
    profile = CompanyProfile.current()
    assert profile.board_chair.full_name == "Thomas Brennan"
    register = AdvisorEngagement.objects.filter(committee__slug="audit")
    assert register.count() == 2
    assert AdvisorPayment.objects.filter(engagement__in=register).count() == 4


def test_the_engine_ran_once_so_the_dashboard_has_items(db):
    seed("--as-of", AS_OF)
    rows = dict(
        Occurrence.objects.filter(committee__slug="audit").values_list("requirement_key", "status")
    )
    assert rows["committees.charter_review"] == "overdue"
    assert rows["committees.self_evaluation"] == "due_soon"
    assert rows["committees.composition.size"] == "met"
    assert rows["committees.composition.independence"] == "cure_period"
    count = Occurrence.objects.count()
    seed("--as-of", AS_OF)
    assert Occurrence.objects.count() == count


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


def test_demo_logins_work_with_the_printed_password_and_demo_code(db):
    """Each demo login passes both steps: the printed password, then the code that
    `manage.py demo_code EMAIL` prints (the demo's fixed authenticator key)."""
    out = seed("--as-of", AS_OF)
    assert DEMO_PASSWORD in out and "http://" in out
    assert "manage.py demo_code EMAIL" in out
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
        code = io.StringIO()
        call_command("demo_code", email, stdout=code)
        client = Client()
        response = log_in_fully(client, email, DEMO_PASSWORD, code.getvalue().strip())
        assert response.status_code == 302, email
        assert client.get("/").status_code == 200, email
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


def test_the_readme_prints_the_demo_authenticator_key():
    """README: demo logins names the key `make run` prints (committees/demo/second_factor.py)."""
    from pathlib import Path

    from committees.demo import demo_totp_secret

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert f"`{demo_totp_secret()}`" in readme


def test_demo_records_carry_the_dates_they_would_have_been_recorded_on(db):
    """Issue 8: a determination is recorded on the day the board made it, a charter review on
    the day it was held, an exchange notice the day it was sent, a questionnaire a week before
    it opens; each history entry likewise, never the day seed_demo ran (unless the record is of
    that day). Seeded as of 1 June 2026 while the clock says 15 June 2026."""
    from committees.demo.backdate import TRACKED
    from committees.models import (
        CharterReview,
        ExchangeNotice,
        IndependenceDetermination,
        LiteracyDetermination,
        Questionnaire,
    )

    seed("--as-of", "2026-06-01")
    anchor = datetime.date(2026, 6, 1)

    def day(moment):
        return timezone.localdate(moment)

    for model in (IndependenceDetermination, LiteracyDetermination):
        rows = list(model.objects.all())
        assert rows and all(day(r.recorded_at) == r.determined_on for r in rows)
        for row in rows:
            first = row.history.order_by("history_date", "history_id").first()
            assert day(first.history_date) == row.determined_on
    reviews = list(CharterReview.objects.all())
    assert reviews and all(day(r.recorded_at) == r.reviewed_on for r in reviews)
    notices = list(ExchangeNotice.objects.all())
    assert notices and all(day(n.recorded_at) == n.sent_on for n in notices)
    for questionnaire in Questionnaire.objects.all():
        assert day(questionnaire.created_at) == questionnaire.opens_on - datetime.timedelta(7)
    elena = Membership.objects.get(committee__slug="audit", director__full_name="Elena Petrova")
    assert day(elena.history.earliest("history_date").history_date) == elena.start_date
    # Nothing is dated on the day the command ran, nor after the day the demo is set on.
    for model in TRACKED:
        for entry in model.history.model.objects.all():
            assert day(entry.history_date) <= anchor, (model.__name__, entry)
    assert not any(
        day(entry.history_date) == datetime.date(2026, 6, 15)
        for model in TRACKED
        for entry in model.history.model.objects.all()
    )


def test_a_record_added_after_the_demo_keeps_its_true_moment(db):
    """Seeding again dates only what that run wrote: the secretary's later literacy finding,
    made today, keeps today's moment."""
    from committees.models import Director, LiteracyDetermination

    seed("--as-of", AS_OF)
    director = Director.objects.get(full_name="Elena Petrova")
    later = LiteracyDetermination.objects.create(
        director=director, determined_on=datetime.date(2026, 6, 15), is_financially_literate=True
    )
    seed("--as-of", AS_OF)
    later.refresh_from_db()
    assert later.recorded_at == NOW
    assert later.history.get().history_date == NOW

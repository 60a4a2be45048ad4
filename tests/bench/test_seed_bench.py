"""`manage.py seed_bench` (issue 13): the benchmark data set at a tiny scale, on SQLite. Its
counts follow the scale, every row it writes passes the model's own checks, the demo's cast and
its current story are kept, and the benchmark's pages answer on it. The clock is frozen on
15 June 2026."""

import datetime
import io
import re

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Q
from django.test import Client, override_settings
from django.urls import reverse

from auditors.models import Engagement, Fee, ServiceRequest
from charter_portal.bench import DOMAIN
from committees.models import (
    BusinessRelationship,
    CharterVersion,
    Committee,
    Compensation,
    Director,
    FamilyMember,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    OrganisationPayment,
    SophisticationDetermination,
)
from complaints.models import Case, CaseMessage
from deadlines.models import Occurrence
from meetings.models import AgendaItem, Attendance, BoardReport, Meeting, Minutes
from tests.bench.conftest import NOW
from tests.logins import verified_login

SCALE = 0.005
CHAIR = "margaret.chen@northwind.example"
SECRETARY = "secretary@northwind.example"
BULK_MODELS = (
    Committee,
    CharterVersion,
    Director,
    Membership,
    IndependenceDetermination,
    LiteracyDetermination,
    SophisticationDetermination,
    FinancialExpertDetermination,
    FamilyMember,
    Compensation,
    BusinessRelationship,
    OrganisationPayment,
    Meeting,
    AgendaItem,
    Attendance,
    Minutes,
    BoardReport,
    Engagement,
    ServiceRequest,
    Fee,
    Case,
    CaseMessage,
    Occurrence,
)


def seed_bench(*args) -> str:
    out = io.StringIO()
    call_command("seed_bench", *args, "--quiet", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def counts() -> dict:
    return {model: model.objects.count() for model in BULK_MODELS}


def open_statuses(slug) -> list:
    return sorted(
        Occurrence.objects.open()
        .filter(committee__slug=slug)
        .values_list("requirement_key", "status")
    )


@pytest.fixture(scope="module")
def bench(django_db_setup, django_db_blocker, tmp_path_factory):
    """One seeding for the module's tests, rolled back after them: the demo first (its open
    statuses and its counts noted), then the data set at SCALE."""
    files = tmp_path_factory.mktemp("private-files")
    with (
        django_db_blocker.unblock(),
        override_settings(FILES_ROOT=files),
        time_machine.travel(NOW, tick=False),
        transaction.atomic(),
    ):
        call_command("seed_demo", stdout=io.StringIO())
        story = {slug: open_statuses(slug) for slug in ("audit", "compensation")}
        before = counts()
        output = seed_bench("--scale", str(SCALE))
        yield {"story": story, "before": before, "output": output}
        transaction.set_rollback(True)


@pytest.fixture
def seeded(bench, db):
    with time_machine.travel(NOW, tick=False):
        yield bench


def check_counts(scale, before, output) -> None:
    """The bulk counts are the scale-1 counts times N (1,000 meetings, 20,000 complaints with
    100,000 messages, 50,000 auditor requests and fees), and committees reach four."""
    added = {model: n - before[model] for model, n in counts().items()}
    assert added[Meeting] == round(1000 * scale)
    assert added[Case] == round(20000 * scale)
    assert added[CaseMessage] == round(100000 * scale)
    assert added[ServiceRequest] + added[Fee] == round(50000 * scale)
    assert Committee.objects.count() == 4
    assert added[Occurrence] > 0 and added[Membership] > 0
    assert f"{added[Case]:>9,}" in output and "Elapsed:" in output


def test_counts_follow_the_scale_and_the_demo_story_is_kept(seeded):
    """At scale 0.005: the counts follow the scale, and what the demo's committees owe today
    (their open occurrences' statuses) is what the demo alone showed: the synthetic history
    stays before the demo's own."""
    check_counts(SCALE, seeded["before"], seeded["output"])
    for slug, story in seeded["story"].items():
        assert open_statuses(slug) == story, slug


def test_every_written_row_passes_the_models_checks(seeded):
    """Constraints and clean() invariants hold on a sample of every model written in bulk: no
    overlapping seats and one chair at a time, approvals before starts, attendance by serving
    members only, fees resting on approved services (full_clean runs them all)."""
    for model in BULK_MODELS:
        rows = list(model.objects.order_by("pk"))
        assert rows, model
        for row in rows[:3] + rows[-3:] + rows[:: max(1, len(rows) // 10)]:
            row.full_clean()


def test_every_synthetic_meeting_was_quorate_and_its_minutes_approved_later(seeded):
    """Quorum facts are consistent: a majority of the members serving on the day is present,
    and approved minutes were approved at a later meeting of the same committee."""
    synthetic = Meeting.objects.filter(
        starts_at__lt=datetime.datetime(2022, 1, 1, tzinfo=datetime.UTC)
    )
    assert synthetic.exists()
    for meeting in synthetic:
        serving = meeting.committee.memberships.active_on(meeting.day).count()
        present = meeting.attendance.filter(status__in=Attendance.PRESENT).count()
        assert serving and present * 2 > serving, meeting
        minutes = meeting.minutes
        if minutes.status == Minutes.Status.APPROVED:
            assert minutes.approved_at.committee_id == meeting.committee_id
            assert minutes.approved_at.starts_at > meeting.starts_at


def test_history_rows_are_written_and_the_chair_has_a_large_file(seeded):
    """Every bulk row has its history row, and the audit chair's determinations were each
    edited several times (their history counts changes, not only creations)."""
    assert Meeting.history.count() >= Meeting.objects.count()
    assert Case.history.count() >= Case.objects.count()
    chair = Director.objects.get(email=CHAIR)
    edits = IndependenceDetermination.history.filter(director=chair, history_type="~").count()
    assert edits >= 3
    assert Compensation.objects.filter(director=chair).count() >= 12


def test_the_demo_cast_logs_in_with_the_demo_key(seeded):
    """The demo's logins exist with their authenticator, and demo_code prints a code for them."""
    users = get_user_model().objects
    for email in (CHAIR, SECRETARY):
        user = users.get(email=email)
        assert user.totpdevice_set.filter(confirmed=True).exists(), email
        out = io.StringIO()
        call_command("demo_code", email, stdout=out)
        assert re.search(r"\b\d{6}\b", out.getvalue()), email
    assert Director.objects.filter(email__endswith=f"@{DOMAIN}").count() >= 8


def test_the_benchmark_pages_answer_for_the_secretary_and_the_chair(seeded):
    """Dashboard, roster, the chair's director file, a meeting, the auditor's year, the case
    list, the evidence report: 200 for both. A case: 200 for the chair; for the secretary
    without a grant it does not exist (complaints/access.py)."""
    users = get_user_model().objects
    chair = Director.objects.get(email=CHAIR)
    meeting = Meeting.objects.filter(committee__slug="audit").order_by("starts_at").first()
    case = Case.objects.filter(number__regex=r"^\d{4}-\d{5}$").first()
    pages = [
        reverse("home"),
        reverse("committees:detail", args=["audit"]),
        reverse("committees:director", args=[chair.pk]),
        reverse("meetings:meeting", args=["audit", meeting.pk]),
        reverse("auditors:year", args=["audit"]),
        reverse("complaints:list"),
        reverse("deadlines:report"),
    ]
    for email in (CHAIR, SECRETARY):
        client = verified_login(Client(), users.get(email=email))
        for url in pages:
            assert client.get(url).status_code == 200, (email, url)
        expected = 200 if email == CHAIR else 404
        assert client.get(reverse("complaints:case", args=[case.pk])).status_code == expected


def test_it_runs_once_per_database(seeded):
    with pytest.raises(CommandError, match="already holds the benchmark data set"):
        seed_bench("--scale", str(SCALE))


def test_it_refuses_production(seeded, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="PRODUCTION"):
        seed_bench("--scale", str(SCALE))


def test_the_counted_rows_are_real(seeded):
    """Cases hold encrypted content the app reads back, and every case shares one receipt hash
    (no per-row Argon2)."""
    synthetic = Case.objects.filter(number__regex=r"^\d{4}-\d{5}$")
    assert synthetic.count() == round(20000 * SCALE)
    assert synthetic.values("receipt_hash").distinct().count() == 1
    assert synthetic.first().narrative and not synthetic.filter(~Q(status="closed")).exists()

"""The demo's complaints: cases in different states and both languages, one with a recused
member, one with an attachment, one waiting for acknowledgement; seeding again adds nothing."""

import io

import pytest
from django.core.management import call_command

from complaints.models import Case, CaseAttachment, CaseExclusion

pytestmark = pytest.mark.django_db


def test_the_demo_has_complaints_worth_showing(settings, tmp_path):
    settings.FILES_ROOT = tmp_path / "files"
    call_command("seed_demo", "--as-of", "2026-06-15", stdout=io.StringIO())
    cases = list(Case.objects.all())
    assert len(cases) == 4
    assert {c.language for c in cases} == {"en", "es"}
    assert {c.status for c in cases} >= {"new", "investigating", "closed"}
    assert CaseExclusion.objects.filter(reason="recused").count() == 1
    assert CaseAttachment.objects.count() == 1
    assert Case.objects.filter(acknowledged_at=None).count() == 1
    call_command("seed_demo", "--as-of", "2026-06-15", stdout=io.StringIO())
    assert Case.objects.count() == 4

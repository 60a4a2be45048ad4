"""Retention (RULES 6: the company's policy, 7 years after closure by default; legal holds stop
deletion): the daily purge, its dry run, and a record of counts without content."""

import datetime
import io

import pytest
from django.core.management import call_command

from complaints import services
from complaints.attachments import PreparedFile
from complaints.models import Case, CaseMessage, PurgeRecord
from complaints.retention import cases_purge

pytestmark = pytest.mark.django_db
D = datetime.date
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def closed_case(new_case, chair):
    def make(closed: D, hold=False):
        case, _ = new_case(files=[PreparedFile(PDF, "pdf", False)])
        services.committee_message_send(case=case, by=chair, body="Thanks")
        moment = datetime.datetime(closed.year, closed.month, closed.day, 12, tzinfo=datetime.UTC)
        services.case_status_set(case=case, by=chair, status="closed", now=moment)
        if hold:
            services.case_details_set(
                case=case, by=chair, severity="", legal_hold=True, legal_hold_note="Matter 9"
            )
        return case

    return make


def test_a_case_is_purged_the_day_after_its_retention_ends(
    closed_case, settings, django_capture_on_commit_callbacks
):
    case = closed_case(D(2019, 6, 15))
    stored = case.attachments.get().stored_name
    assert cases_purge(as_of=D(2026, 6, 15)).purged == 0  # exactly seven years: kept
    with django_capture_on_commit_callbacks(execute=True):
        report = cases_purge(as_of=D(2026, 6, 16))
    assert report.purged == 1
    assert not Case.objects.exists() and not CaseMessage.objects.exists()
    assert not Case.history.filter(id=case.pk).exists()
    assert not (settings.FILES_ROOT / stored).exists()


def test_a_legal_hold_keeps_the_case(closed_case):
    closed_case(D(2015, 1, 1), hold=True)
    report = cases_purge(as_of=D(2026, 6, 16))
    assert (report.purged, report.held) == (0, 1)
    assert Case.objects.count() == 1


def test_open_cases_are_never_purged(new_case):
    new_case()
    assert cases_purge(as_of=D(2060, 1, 1)).purged == 0


def test_a_dry_run_deletes_nothing_and_the_record_holds_counts_only(closed_case):
    case = closed_case(D(2010, 1, 1))
    out = io.StringIO()
    call_command("complaints_purge", "--dry-run", "--as-of", "2026-06-16", stdout=out)
    assert "would purge 1 case;" in out.getvalue()
    assert Case.objects.filter(pk=case.pk).exists()
    record = PurgeRecord.objects.get()
    assert (record.dry_run, record.purged, record.held) == (True, 1, 0)
    assert case.number not in str(record.__dict__)


def test_the_retention_period_comes_from_the_policy(closed_case, policy):
    policy.retention_years = 3
    policy.save()
    closed_case(D(2022, 6, 1))
    assert cases_purge(as_of=D(2025, 6, 2)).purged == 1


def test_the_daily_task_purges_and_logs_counts_only(closed_case, console_log):
    from complaints.tasks import purge_expired_cases

    case = closed_case(D(2001, 1, 1))
    assert purge_expired_cases() == {"purged": 1, "held": 0}
    logged = console_log.getvalue()
    assert "purged 1 case;" in logged and case.number not in logged

"""An admin save that breaks a committee's compliance says so at once (issue 8).

The stored evaluation every page shows is refreshed by deadlines/freshness.py only after the
admin's transaction commits, too late for the page the save returns to. So the admin asks the
same evaluation the stored results are computed from (committees.compliance, the composition
findings of every committee today) before the change is saved and again once it is saved, in the
same transaction: each finding the save turned into a problem becomes a warning naming it, with
its rule, what is wrong and a link to the committee's page in the portal; a problem the save
cleared is said too.
"""

from django.contrib import messages
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from committees.compliance import evaluate_committees
from committees.models import Committee
from deadlines.status import Status

PROBLEMS = frozenset({Status.FAILING, Status.OVERDUE, Status.CURE_PERIOD})
BEFORE = "_charter_compliance_before"


def open_problems() -> dict:
    """(committee id, finding key) -> (committee, Finding) for each composition finding a
    committee does not meet today."""
    reports = evaluate_committees(Committee.objects.order_by("name"), timezone.localdate())
    return {
        (report.committee.pk, finding.key): (report.committee, finding)
        for report in reports
        for finding in report.findings
        if finding.status in PROBLEMS
    }


def _warning(committee, item):
    status = "is in a cure period" if item.status == Status.CURE_PERIOD else "no longer complies"
    rule = f" ({item.rule})" if item.rule else ""
    return format_html(
        'After this change, {} {}: {}{}. {} <a href="{}">See {} in the portal</a>.',
        committee.name,
        status,
        item.title,
        rule,
        item.detail,
        reverse("committees:detail", args=[committee.slug]),
        committee.name,
    )


def _cleared(committee, item):
    return format_html(
        'After this change, {} meets {} again. <a href="{}">See {} in the portal</a>.',
        committee.name,
        item.title,
        reverse("committees:detail", args=[committee.slug]),
        committee.name,
    )


def tell_compliance_changes(request, before) -> None:
    after = open_problems()
    for key in sorted(after.keys() - before.keys()):
        messages.warning(request, _warning(*after[key]))
    for key in sorted(before.keys() - after.keys()):
        messages.info(request, _cleared(*before[key]))


class ComplianceWarnings:
    """Mix into a ModelAdmin: the change form's saves report the compliance they break."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            setattr(request, BEFORE, open_problems())
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _after_save(self, request) -> None:
        before = getattr(request, BEFORE, None)
        if before is not None:
            tell_compliance_changes(request, before)

    # After Django's "was added/changed successfully", so the warning reads as its sequel.
    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        self._after_save(request)
        return response

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        self._after_save(request)
        return response

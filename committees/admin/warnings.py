"""An admin save that breaks a committee's compliance says so at once (issue 8).

Before a change is saved, the open problems of every committee are read from the stored
evaluation (the one truth every page shows, committees.selectors.committee_summaries). After the
admin's transaction commits, deadlines/freshness.py has re-evaluated the committees the change
touched (its after-commit refresh was queued by the save, before this one), and the problems are
read again: each new one becomes a warning naming the finding, with its rule, what is wrong and
a link to the committee's page in the portal; a problem the save cleared is said too.
"""

from django.contrib import messages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from committees.models import Committee
from committees.selectors import committee_summaries
from deadlines.status import Status

PROBLEMS = frozenset({Status.FAILING, Status.OVERDUE, Status.CURE_PERIOD})
BEFORE = "_charter_compliance_before"


def open_problems() -> dict[tuple[int, str], tuple[Committee, object]]:
    """(committee id, requirement key) -> (committee, DeadlineItem) for each composition
    requirement a committee does not meet today."""
    summaries = committee_summaries(Committee.objects.order_by("name"), timezone.localdate())
    return {
        (summary.committee.pk, item.key): (summary.committee, item)
        for summary in summaries
        for item in summary.findings
        if item.status in PROBLEMS
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
            # After the admin's transaction commits, and after the refresh the save queued.
            transaction.on_commit(lambda: tell_compliance_changes(request, before))

    def response_add(self, request, obj, post_url_continue=None):
        self._after_save(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._after_save(request)
        return super().response_change(request, obj)

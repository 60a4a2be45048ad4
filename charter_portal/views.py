from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from charter_portal.permissions import (
    portal_view,
    reading_levels,
    visible_committee_ids,
    visible_committees,
)
from charter_portal.roles import Role, roles_of
from committees.dashboard import dashboard_next_steps
from committees.selectors import (
    committee_summaries,
    committees_with_serving,
    memberships_ended_for_user,
)
from deadlines.selectors import dashboard_reads


def _why_nothing_shows(user, as_of) -> dict:
    """What a user who may see no committee is told, instead of a blank dashboard."""
    if visible_committee_ids(user, as_of) is None:
        # The secretary and board readers see every committee: none has been set up yet.
        return {"sees_all": True}
    return {
        "ended_memberships": memberships_ended_for_user(user, as_of),
        "is_investigator": Role.INVESTIGATOR in roles_of(user, as_of),
    }


@portal_view
@require_GET
def home(request):
    """The compliance dashboard: the reader's own to-dos first, then each committee the user may
    see, its composition with each finding's next step, and its deadlines (overdue, due in 30
    and in 90 days, recently met or waived)."""
    as_of = timezone.localdate()
    user = request.user
    committees = committees_with_serving(visible_committees(user, as_of), as_of)
    # Built for this reader: an item links where it is done only if the reader may open it.
    reads = dashboard_reads([committee.pk for committee in committees], as_of, reader=user)
    summaries = committee_summaries(committees, as_of, standing=reads.standing)
    deadlines = reads.deadlines
    levels = reading_levels(user, [s.committee for s in summaries], as_of)
    steps = dashboard_next_steps(user, summaries, deadlines, levels, as_of)
    panels = [
        (summary, deadlines[summary.committee.pk], steps.with_steps(summary))
        for summary in summaries
    ]
    stamps = [s.evaluated_at for s in summaries if s.evaluated_at]
    context = {
        "as_of": as_of,
        "summaries": summaries,
        "panels": panels,
        "todos": steps.todos,
        "evaluated_at": min(stamps) if stamps else None,
    }
    if not summaries:
        context.update(_why_nothing_shows(request.user, as_of))
    return render(request, "home.html", context)


def csrf_failure(request, reason=""):
    """A form whose CSRF check failed: the styled 403 with the portal's navigation, saying what
    to do, instead of Django's bare page (settings.CSRF_FAILURE_VIEW)."""
    return render(request, "403_csrf.html", status=403)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001  (any failure means "down")
        return False


def _redis_ok() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:  # noqa: BLE001
        return False


@require_GET
@never_cache
def healthz(request):
    checks = {"database": "ok" if _database_ok() else "down"}
    if settings.REDIS_URL:
        checks["redis"] = "ok" if _redis_ok() else "down"
    healthy = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if healthy else "unavailable", **checks}
    return JsonResponse(body, status=200 if healthy else 503)

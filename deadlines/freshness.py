"""One truth for every page: the stored evaluation is brought up to date whenever something it
depends on changes, so the dashboard, the calendar, the evidence report, its CSV, the feed and
``charter_status`` all show the same status.

Apps declare which records their requirements depend on with ``registry.watch(app_label,
affected)`` (committees does it in its requirements.py; meetings, auditors and complaints will do
the same). A save or delete of any such record, made in the portal, the admin, a service or a
shell, then:

1. in its own transaction, marks the affected committees' open occurrences stale
   (``evaluated_on`` cleared), so anything that reads them before the refresh knows;
2. after that transaction commits, re-evaluates them for today through the daily run's own code
   (``deadlines_run`` limited to those committees), and queues the outbox to be sent.

Only the first change to a committee's stored results in a transaction queues the refresh; a
committee with nothing stored yet (the engine has not run) is left to its first reader or run.

Readers call ``occurrences_ensure_fresh`` before reading: it does nothing unless an occurrence is
marked stale or today's run has not happened yet (a day boundary with no beat), in which case it
performs the same refresh. A rolled-back change marks nothing and refreshes nothing.
"""

import logging
import threading

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from deadlines.models import Occurrence
from deadlines.registry import registry

logger = logging.getLogger(__name__)

ALL = None  # every committee

# Called as callback(committee_ids, as_of) after each successful refresh (committee_ids ALL: every
# committee), once the re-evaluated occurrences are stored: apps keep what they derive from the
# stored evaluation current (committees.compliance.stored registers its reports here).
after_refresh: list = []


class _Pending(threading.local):
    """Committees changed and not refreshed yet (per thread). Every change queues an
    after-commit callback (a rolled-back transaction drops its callbacks, so no flag may say
    "already queued"); the first callback to run refreshes everything pending and the others
    find nothing left to do."""

    def __init__(self):
        self.committee_ids: set[int] | None = set()


_pending = _Pending()


def _add(committee_ids) -> None:
    if committee_ids is ALL or _pending.committee_ids is ALL:
        _pending.committee_ids = ALL
    else:
        _pending.committee_ids.update(committee_ids)


def committees_changed(committee_ids) -> None:
    """Record that the open occurrences of ``committee_ids`` (ALL: every committee) may no longer
    be right: mark them stale now, in the caller's transaction, and refresh them after commit."""
    if committee_ids is not ALL:
        committee_ids = {int(pk) for pk in committee_ids if pk is not None}
        if not committee_ids:
            return
    rows = Occurrence.objects.open().exclude(evaluated_on=None)
    if committee_ids is not ALL:
        rows = rows.filter(committee_id__in=committee_ids)
    if not rows.update(evaluated_on=None):
        # Nothing stored that this change can make wrong: the engine has not run for these
        # committees yet, or an earlier change in this transaction already marked them and
        # queued their refresh. A reader refreshes what is stale (occurrences_ensure_fresh).
        return
    _add(committee_ids)
    transaction.on_commit(_refresh_pending, robust=True)


def _refresh_pending() -> None:
    committee_ids, _pending.committee_ids = _pending.committee_ids, set()
    if committee_ids is ALL or committee_ids:
        occurrences_refresh(committee_ids=committee_ids)


def occurrences_refresh(*, committee_ids=ALL, as_of=None):
    """Re-evaluate the committees' open occurrences (opening any period that starts) for today,
    with the daily run's own code, and queue the outbox. Never raises: the change that prompted
    it is saved, and the occurrences stay marked stale for the next reader or run."""
    from deadlines.services.run import deadlines_run
    from deadlines.tasks import flush_outbox

    as_of = as_of or timezone.localdate()
    ids = None if committee_ids is ALL else sorted(committee_ids)
    try:
        report = deadlines_run(as_of=as_of, committee_ids=ids, flush=False)
    except Exception:
        logger.exception("Refreshing the deadlines of committees %s failed", ids or "(all)")
        return None
    if report.claimed:
        transaction.on_commit(flush_outbox.delay, robust=True)
    for callback in after_refresh:
        try:
            callback(ids, as_of)
        except Exception:
            logger.exception("After refreshing the deadlines of committees %s", ids or "(all)")
    return report


def occurrences_ensure_fresh(committee_ids=ALL, *, as_of=None) -> None:
    """Bring the stored evaluation of these committees up to today before a page reads it: a
    no-op (one query) when every open occurrence was evaluated today."""
    today = timezone.localdate()
    if as_of is not None and as_of != today:
        return  # another day's page reads the record as it was stored
    rows = Occurrence.objects.open()
    if committee_ids is not ALL:
        committee_ids = list(committee_ids)
        if not committee_ids:
            return
        rows = rows.filter(committee_id__in=committee_ids)
    evaluated = {}
    for committee_id, day in rows.values_list("committee_id", "evaluated_on"):
        if evaluated.get(committee_id, today) == today:
            evaluated[committee_id] = day
    wanted = set(evaluated) if committee_ids is ALL else set(committee_ids)
    stale = {pk for pk in wanted if evaluated.get(pk) != today}
    if committee_ids is ALL and not evaluated:
        stale = ALL  # nothing was ever opened: the first refresh opens everything
    if stale is ALL or stale:
        occurrences_refresh(committee_ids=stale)


def _on_change(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return  # loading a fixture: the data is not real yet
    affected = registry.watched().get(sender._meta.app_label)
    if affected is None:
        return
    try:
        committee_ids = affected(instance)
    except Exception:
        logger.exception("Could not tell which committees a %s change affects", sender.__name__)
        committee_ids = ALL
    committees_changed(ALL if committee_ids is None else committee_ids)


def connect_watchers() -> None:
    """Connect the save and delete signals of every concrete model of each watched app (history
    rows excluded). Called once the apps' requirements.py have registered."""
    for app_label in registry.watched():
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.model_name.startswith("historical"):
                continue  # simple_history's copies; the record itself is watched
            uid = f"deadlines.freshness:{model._meta.label}"
            post_save.connect(_on_change, sender=model, dispatch_uid=f"{uid}:save", weak=False)
            post_delete.connect(_on_change, sender=model, dispatch_uid=f"{uid}:delete", weak=False)

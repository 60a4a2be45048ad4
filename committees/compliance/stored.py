"""The composition report a page shows, computed when its records change rather than on every
request.

Every change to a record a committee's standing depends on marks the committee's open
occurrences stale, and the re-evaluation that follows (deadlines.freshness, or the daily run)
stamps each of them with a new ``evaluated_at``; after that refresh, ``refreshed`` gives the
committee a new random token in the cache. The report for (committee, as_of) is kept in Django's
cache (Redis in production, shared by every gunicorn worker; per process when embedded) under a
key that holds both the committee's latest stamp and its token: a change moves both, so no
process can find a report computed before it (the stamp guards a process whose cache the writer
cannot reach, the token two refreshes within one clock tick). The key is always read before the
records the report is computed from, so a report is never older than the key it is stored
under. A committee with nothing stored, or with a stale occurrence (a re-evaluation pending), is
computed afresh and not kept.
"""

import datetime
import logging
import uuid

from django.core.cache import cache
from django.db.models import Count, Max, Q

from committees.compliance.composition import CompositionReport, evaluate_committees

logger = logging.getLogger(__name__)

TIMEOUT = 60 * 60 * 24 * 2  # two days: the daily run moves every stamp anyway
VERSION = 1  # raise when CompositionReport changes shape, so no worker reads an old pickle


def _stamps(committee_ids) -> dict[int, str]:
    """Committee id -> its latest stored evaluation stamp, for committees whose open
    occurrences are all evaluated (one query)."""
    from deadlines.models import Occurrence

    rows = (
        Occurrence.objects.open()
        .filter(committee_id__in=list(committee_ids))
        .values("committee_id")
        .annotate(latest=Max("evaluated_at"), stale=Count("pk", filter=Q(evaluated_on=None)))
    )
    return {
        row["committee_id"]: row["latest"].isoformat()
        for row in rows
        if row["latest"] is not None and not row["stale"]
    }


def _token_key(committee_id) -> str:
    return f"committees:composition:v{VERSION}:token:{committee_id}"


def _tokens(committee_ids) -> dict[int, str]:
    """Committee id -> its current token (one cache round trip; a missing one is created)."""
    keys = {_token_key(pk): pk for pk in committee_ids}
    found = _call("get_many", list(keys)) or {}
    tokens = {pk: found.get(key) for key, pk in keys.items()}
    for key, pk in keys.items():
        if tokens[pk] is None:
            token = uuid.uuid4().hex
            _call("add", key, token, None)
            tokens[pk] = _call("get", key) or token
    return tokens


def _key(committee_id: int, as_of: datetime.date, stamp: str, token: str) -> str:
    return f"committees:composition:v{VERSION}:{committee_id}:{as_of.isoformat()}:{stamp}:{token}"


def stored_report(committee, as_of: datetime.date) -> CompositionReport:
    """The committee's composition report on ``as_of``, from the cache when the stored
    evaluation has not moved since it was computed; computed (and kept) otherwise."""
    key = None
    stamp = _stamps([committee.pk]).get(committee.pk)
    if stamp:
        key = _key(committee.pk, as_of, stamp, _tokens([committee.pk])[committee.pk])
        report = _call("get", key)
        if report is not None:
            return report
    (report,) = evaluate_committees([committee], as_of)
    if key:
        _set({key: report})
    return report


def refreshed(committee_ids, as_of: datetime.date) -> None:
    """After the stored evaluation of these committees (None: all) was refreshed, committed:
    retire every report kept for them, then compute today's so the next page finds it ready."""
    from committees.models import Committee

    committees = Committee.objects.all()
    if committee_ids is not None:
        committees = committees.filter(pk__in=list(committee_ids))
    committees = list(committees)
    tokens = {_token_key(committee.pk): uuid.uuid4().hex for committee in committees}
    _call("set_many", tokens, None)
    stamps = _stamps(committee.pk for committee in committees)
    ready = [committee for committee in committees if committee.pk in stamps]
    if not ready:
        return
    tokens = _tokens(committee.pk for committee in ready)
    reports = evaluate_committees(ready, as_of)
    _set(
        {
            _key(r.committee.pk, as_of, stamps[r.committee.pk], tokens[r.committee.pk]): r
            for r in reports
        }
    )


def _call(method, *args):
    """A cache outage slows the page down; it never breaks it."""
    try:
        return getattr(cache, method)(*args)
    except Exception:
        logger.exception("The cache of composition reports failed (%s)", method)
        return None


def _set(values: dict) -> None:
    _call("set_many", values, TIMEOUT)

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
import hashlib
import logging
import uuid

from django.core.cache import cache
from django.db.models import Count, Max, Q

from committees.compliance.composition import CompositionReport, evaluate_committees

logger = logging.getLogger(__name__)

TIMEOUT = 60 * 60 * 24 * 2  # two days: the daily run moves every stamp anyway
VERSION = 1  # raise when CompositionReport changes shape, so no worker reads an old pickle


def _stamps(committee_ids) -> tuple[dict[int, str], bool]:
    """Committee id -> its latest stored evaluation stamp (committee_ids None: every committee
    with open occurrences), and whether any of them has a stale occurrence (one query)."""
    from deadlines.models import Occurrence

    rows = Occurrence.objects.open()
    if committee_ids is not None:
        rows = rows.filter(committee_id__in=list(committee_ids))
    rows = rows.values("committee_id").annotate(
        latest=Max("evaluated_at"), stale=Count("pk", filter=Q(evaluated_on=None))
    )
    stamps, stale = {}, False
    for row in rows:
        if row["latest"] is None or row["stale"]:
            stale = True
        else:
            stamps[row["committee_id"]] = row["latest"].isoformat()
    return stamps, stale


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


def _key(what: str, as_of: datetime.date, stamps: dict, tokens: dict) -> str:
    """The key of ``what`` on ``as_of`` while each committee's stored evaluation stands."""
    state = ",".join(f"{pk}={stamps[pk]}/{tokens[pk]}" for pk in sorted(stamps))
    digest = hashlib.sha256(state.encode()).hexdigest()
    return f"committees:{what}:v{VERSION}:{as_of.isoformat()}:{digest}"


def kept(what: str, committee_ids, as_of: datetime.date, compute):
    """``compute()``, kept while the stored evaluation of every committee in ``committee_ids``
    (None: of every committee) stands; what ``compute`` reads must change only with records
    those committees watch. With no stored evaluation, or a stale one, it is computed afresh and
    not kept."""
    ids = None if committee_ids is None else set(committee_ids)
    if ids is not None and not ids:
        return compute()
    stamps, stale = _stamps(ids)
    if stale or not stamps or (ids is not None and set(stamps) != ids):
        return compute()
    key = _key(what, as_of, stamps, _tokens(stamps))
    value = _call("get", key)
    if value is None:
        value = compute()
        _set({key: value})
    return value


def stored_report(committee, as_of: datetime.date) -> CompositionReport:
    """The committee's composition report on ``as_of``, from the cache when the stored
    evaluation has not moved since it was computed; computed (and kept) otherwise."""
    return kept(
        f"composition:{committee.pk}",
        [committee.pk],
        as_of,
        lambda: evaluate_committees([committee], as_of)[0],
    )


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
    stamps, _ = _stamps([committee.pk for committee in committees])
    ready = [committee for committee in committees if committee.pk in stamps]
    if not ready:
        return
    tokens = _tokens(committee.pk for committee in ready)
    reports = evaluate_committees(ready, as_of)
    values = {}
    for report in reports:
        pk = report.committee.pk
        key = _key(f"composition:{pk}", as_of, {pk: stamps[pk]}, {pk: tokens[pk]})
        values[key] = report
    _set(values)


def _call(method, *args):
    """A cache outage slows the page down; it never breaks it."""
    try:
        return getattr(cache, method)(*args)
    except Exception:
        logger.exception("The cache of reports kept for the stored evaluation failed (%s)", method)
        return None


def _set(values: dict) -> None:
    _call("set_many", values, TIMEOUT)

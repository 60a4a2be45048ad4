"""Opening the periods that start, and re-evaluating one open occurrence."""

import datetime
import logging
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from deadlines.models import Evidence, Occurrence
from deadlines.registry import Evaluation, Requirement
from deadlines.schedule import ReminderPolicy, due_status
from deadlines.services.reminders import reminder_claim
from deadlines.status import NOT_YET_MET, PROBLEMS, Status

logger = logging.getLogger(__name__)


def occurrences_open(
    *, subjects: list, requirements: list[Requirement], as_of: datetime.date, calendar, errors: list
) -> list[Occurrence]:
    """Open, for every committee and requirement, the period holding ``as_of`` if it has no row
    yet. Only the current period is considered, so history is never walked; the price is that a
    period that starts and ends while no run happens at all is not opened (an outage shorter
    than the shortest period loses nothing)."""
    if not subjects or not requirements:
        return []
    ids = [subject.pk for subject in subjects]
    keys = [requirement.key for requirement in requirements]
    open_pairs = set(
        Occurrence.objects.open()
        .filter(committee_id__in=ids, requirement_key__in=keys)
        .values_list("committee_id", "requirement_key")
    )
    wanted = {}
    for subject in subjects:
        for requirement in requirements:
            pair = (subject.pk, requirement.key)
            try:
                if not requirement.applies(subject):
                    continue
                cadence = requirement.cadence_for(subject, as_of)
                if cadence.rolling and pair in open_pairs:
                    continue  # a rolling duty has one open period at a time
                last_met = _rolling_anchor(subject, requirement, as_of) if cadence.rolling else None
                period = cadence.period(as_of=as_of, calendar=calendar, last_met=last_met)
            except Exception as exc:
                logger.exception("Opening %s for committee %s failed", requirement.key, subject.pk)
                errors.append(f"{requirement.key} for {subject}: {type(exc).__name__}: {exc}")
                continue
            if period.start <= as_of:
                wanted[pair] = (cadence, period)
    if not wanted:
        return []
    existing = set(
        Occurrence.objects.filter(
            committee_id__in=ids,
            requirement_key__in=keys,
            period_start__in={period.start for _, period in wanted.values()},
        ).values_list("committee_id", "requirement_key", "period_start")
    )
    opened = []
    for (committee_id, key), (cadence, period) in sorted(wanted.items()):
        if (committee_id, key, period.start) in existing:
            continue
        # get_or_create: a concurrent run that opened it first wins and this one reads its row.
        occurrence, created = Occurrence.objects.get_or_create(
            committee_id=committee_id,
            requirement_key=key,
            period_start=period.start,
            defaults={
                "cadence": cadence.label,
                "period_end": period.end,
                "scheduled_due": period.due,
                "due_date": period.due,
                "opened_on": as_of,
            },
        )
        if created:
            opened.append(occurrence)
    return opened


def _rolling_anchor(subject, requirement: Requirement, as_of) -> datetime.date | None:
    """When a rolling duty was last met: its latest closed occurrence (one index lookup, only
    for a pair with no open period), else what the domain says, else nothing."""
    latest = (
        Occurrence.objects.filter(committee_id=subject.pk, requirement_key=requirement.key)
        .order_by("-period_start")
        .values("met_on", "due_date", "period_end")
        .first()
    )
    if latest is not None:
        # A waived period counts as if met on its due date. Only an unrevoked waiver leaves it
        # closed as waived: revoking one reopens its period (services.waivers.waiver_revoke).
        return latest["met_on"] or latest["due_date"] or latest["period_end"]
    return requirement.last_met(subject, as_of) if requirement.last_met else None


@dataclass(frozen=True)
class EvaluationOutcome:
    changed: bool
    closed: bool
    claimed: bool
    old_status: str = ""
    new_status: str = ""
    reminder: object = None  # the Reminder claimed, if any


def occurrence_evaluate(
    *,
    occurrence_id: int,
    subject,
    requirement: Requirement,
    as_of: datetime.date,
    now: datetime.datetime,
    policy: ReminderPolicy,
) -> EvaluationOutcome | None:
    """Re-evaluate one open occurrence and claim the reminder it now calls for, in one
    transaction. None when it closed meanwhile (met or waived)."""
    with transaction.atomic():
        # Wait for a concurrent run that holds the row rather than skip it, then judge the row as
        # that run left it: its claim is then seen and never repeated, and nothing is skipped.
        occurrence = (
            Occurrence.objects.select_for_update().filter(pk=occurrence_id, is_open=True).first()
        )
        if occurrence is None:
            return None
        # A continuous duty is judged on its own year: after the year ends, at its last day.
        judged_on = min(as_of, occurrence.period_end) if occurrence.is_continuous else as_of
        evaluation = requirement.evaluator(subject, occurrence.period, judged_on)
        if not isinstance(evaluation, Evaluation):
            raise TypeError(f"The evaluator of {requirement.key} returned {evaluation!r}.")
        old_status = occurrence.status
        changed = _apply(occurrence, evaluation, requirement, as_of, judged_on, now)
        changed = _record_evidence(occurrence, evaluation) or changed
        reminder = reminder_claim(
            occurrence=occurrence,
            requirement=requirement,
            subject=subject,
            as_of=as_of,
            now=now,
            policy=policy,
        )
    return EvaluationOutcome(
        changed,
        not occurrence.is_open,
        reminder is not None,
        old_status=old_status,
        new_status=occurrence.status,
        reminder=reminder,
    )


def _apply(occurrence, evaluation, requirement, as_of, judged_on, now) -> bool:
    status = evaluation.status
    if occurrence.is_continuous:
        due = evaluation.due
        if status == Status.FAILING and due is None:
            # A failing continuous duty is due at once: keep the first day it was seen failing,
            # so reminders count from it and a later lapse starts reminders of its own.
            still_failing = occurrence.status == Status.FAILING and occurrence.due_date
            due = occurrence.due_date if still_failing else judged_on
    else:
        due = evaluation.due or occurrence.scheduled_due
    if status in NOT_YET_MET:
        status = due_status(due, as_of, requirement.due_soon_days)
    if occurrence.is_continuous and _waived_on(occurrence, requirement, judged_on):
        # A charter duty waived through a stated day (services.waivers): no deadline runs
        # meanwhile, and from the day after it is judged afresh, a lapse counted from then.
        status, due = Status.WAIVED, None
    met_on = None
    is_open = True
    if occurrence.is_continuous:
        is_open = as_of <= occurrence.period_end
    elif status == Status.MET:
        is_open = False
        met_on = evaluation.met_on or as_of
    elif status == Status.FAILING and as_of > occurrence.period_end:
        is_open = False  # the period is over and can no longer be met: its record stays failing
    new = {
        "status": str(status),
        "due_date": due,
        "met_on": met_on,
        "is_open": is_open,
        "detail": evaluation.detail,
        "problem_since": evaluation.since if status in PROBLEMS else None,
    }
    changed = [name for name, value in new.items() if getattr(occurrence, name) != value]
    occurrence.evaluated_on = as_of
    occurrence.evaluated_at = now
    if not changed:
        # Nothing to record in the history: only note when it was last looked at.
        Occurrence.objects.filter(pk=occurrence.pk).update(evaluated_on=as_of, evaluated_at=now)
        return False
    for name in changed:
        setattr(occurrence, name, new[name])
    occurrence.save(update_fields=[*changed, "evaluated_on", "evaluated_at"])
    return True


def _waived_on(occurrence, requirement, day) -> bool:
    if not requirement.may_be_waived:
        return False  # listing and SEC duties: no waiver excuses them, and no query is made
    covered = any(waiver.covers(day) for waiver in occurrence.waivers.active())
    return covered and requirement.is_waivable_for(occurrence.committee)


def _record_evidence(occurrence, evaluation) -> bool:
    """Keep the occurrence's evidence links equal to what its evaluator last reported."""
    wanted = []
    for link in evaluation.evidence:
        content_type = None
        object_id = ""
        if link.obj is not None and getattr(link.obj, "pk", None) is not None:
            content_type = ContentType.objects.get_for_model(link.obj)
            object_id = str(link.obj.pk)
        wanted.append((link.label[:200], link.resolved_url()[:500], content_type, object_id))
    current = list(occurrence.evidence.order_by("pk"))
    as_rows = [(e.label, e.url, e.content_type_id, e.object_id) for e in current]
    if as_rows == [(label, url, ct.pk if ct else None, oid) for label, url, ct, oid in wanted]:
        return False
    for old in current:
        old.delete()  # the history keeps what the evidence was
    for label, url, content_type, object_id in wanted:
        Evidence.objects.create(
            occurrence=occurrence,
            label=label,
            url=url,
            content_type=content_type,
            object_id=object_id,
        )
    return True

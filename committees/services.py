"""Every write to the roster, the board's determinations, cure periods, noncompliance episodes and
notices to the exchange.

Each service validates the whole row (``full_clean``) before saving, inside a transaction, so bad
input saves nothing. Roster writes lock the committee row first: two secretaries saving at once
cannot seat two chairs or two overlapping seats, because the second waits and then sees the first.
"""

import datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import transaction
from django.utils import timezone

from committees.models import (
    Committee,
    CurePeriod,
    ExchangeNotice,
    IndependenceDetermination,
    Membership,
    NoncomplianceEpisode,
)
from committees.models.determinations import Determination, ExceptionDetermination
from deadlines.wording import day_words

# What may still change on a recorded determination: the board's finding itself is never
# rewritten, it is superseded by a newer determination (its history stays).
DETERMINATION_ANNOTATIONS = ("board_resolution", "notes")
EXCEPTION_ANNOTATIONS = DETERMINATION_ANNOTATIONS + ("disclosed_on", "revoked_on")


def _lock_committees(*committee_ids: int) -> None:
    """Lock committee rows in a fixed order, so two writers never deadlock."""
    ids = sorted({pk for pk in committee_ids if pk is not None})
    list(Committee.objects.select_for_update().filter(pk__in=ids).order_by("pk"))


def _set_fields(instance, fields: dict) -> None:
    _field_names(type(instance), fields)  # refuses a name that is not a field
    for name, value in fields.items():
        setattr(instance, name, value)


def _field_names(model, fields: dict) -> set[str]:
    """Model field names for keyword arguments that may name a foreign key or its ``_id``."""
    names = set()
    for name in fields:
        try:
            field = model._meta.get_field(name.removesuffix("_id"))
        except FieldDoesNotExist:
            raise TypeError(f"{model.__name__} has no field {name!r}.") from None
        names.add(field.name)
    return names


# Memberships -------------------------------------------------------------------------------


@transaction.atomic
def membership_create(
    *,
    committee: Committee,
    director,
    start_date: datetime.date,
    role: str = Membership.Role.MEMBER,
    end_date: datetime.date | None = None,
) -> Membership:
    """Seat a director on a committee. Refuses an overlapping seat for the same director and a
    second chair at the same time."""
    _lock_committees(committee.pk)
    membership = Membership(
        committee=committee, director=director, role=role, start_date=start_date, end_date=end_date
    )
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_update(*, membership: Membership, **fields) -> Membership:
    """Correct a seat (role, dates, director or committee), with the same checks as a new one."""
    old_committee_id = Membership.objects.values_list("committee_id", flat=True).get(
        pk=membership.pk
    )
    _set_fields(membership, fields)
    _lock_committees(old_committee_id, membership.committee_id)
    membership.full_clean()
    membership.save(update_fields=sorted(_field_names(Membership, fields)))
    return membership


@transaction.atomic
def membership_end(*, membership: Membership, end_date: datetime.date) -> Membership:
    """End a seat on ``end_date`` (the member's last day). Seats are ended, never deleted."""
    _lock_committees(membership.committee_id)
    current = Membership.objects.get(pk=membership.pk)
    if current.end_date is not None:
        raise ValidationError(
            {"end_date": f"This membership already ended on {day_words(current.end_date)}."}
        )
    membership.end_date = end_date
    membership.full_clean()
    membership.save(update_fields=["end_date"])
    return membership


# Determinations ----------------------------------------------------------------------------


def bright_line_snapshot(director, as_of: datetime.date) -> dict:
    """The Nasdaq 5605(a)(2) bright-line tests (A)-(F) as the dated facts stood on ``as_of``."""
    from committees.compliance import director_independence

    result = director_independence(director, as_of)
    return {
        "as_of": as_of.isoformat(),
        "tests": [
            {
                "code": test.code,
                "rule": test.rule,
                "title": test.title,
                "passed": test.passed,
                "detail": test.detail,
            }
            for test in result.tests
        ],
    }


@transaction.atomic
def determination_record(*, model: type[Determination], recorded_by, **fields) -> Determination:
    """Record a board determination of any kind. An independence determination also keeps the
    bright-line tests as the facts stood on its date, so later edits to facts cannot rewrite it."""
    if not (isinstance(model, type) and issubclass(model, Determination)):
        raise TypeError(f"{model!r} is not a kind of board determination.")
    determination = model(recorded_by=recorded_by, **fields)
    determination.full_clean()
    if isinstance(determination, IndependenceDetermination):
        determination.bright_line_snapshot = bright_line_snapshot(
            determination.director, determination.determined_on
        )
    determination.save()
    return determination


@transaction.atomic
def determination_annotate(*, determination: Determination, **fields) -> Determination:
    """Change what may change on a recorded determination (its resolution reference and notes;
    for an exception also its disclosure and revocation dates)."""
    allowed = (
        EXCEPTION_ANNOTATIONS
        if isinstance(determination, ExceptionDetermination)
        else DETERMINATION_ANNOTATIONS
    )
    refused = sorted(set(fields) - set(allowed))
    if refused:
        raise ValidationError(
            "A board determination cannot be rewritten (" + ", ".join(refused) + "); record a "
            "newer determination instead."
        )
    _set_fields(determination, fields)
    determination.full_clean()
    if fields:
        determination.save(update_fields=sorted(fields))
    return determination


# Cure periods ------------------------------------------------------------------------------


def check_cure_member(cure: CurePeriod) -> None:
    """Refuse a cure period for someone not serving on the committee on the event date."""
    if not (cure.committee_id and cure.director_id and cure.event_date):
        return
    seated = Membership.objects.active_on(cure.event_date).filter(
        committee_id=cure.committee_id, director_id=cure.director_id
    )
    if not seated.exists():
        raise ValidationError(
            {
                "director": f"{cure.director} does not sit on {cure.committee} on "
                f"{day_words(cure.event_date)}; a cure period covers a serving member "
                "(5605(c)(4))."
            }
        )


def check_cure_event(cure: CurePeriod) -> None:
    """Nasdaq 5605(c)(4)(A): the cure runs from the event by which the member stopped being
    independent. A member already not independent the day before (or, on the audit committee,
    already failing Rule 10A-3(b)(1)) has no such event that day: a lapsed cure period cannot be
    restarted by recording a later one."""
    if not (cure.committee_id and cure.director_id and cure.event_date):
        return
    from committees.compliance import director_independence

    before = cure.event_date - datetime.timedelta(days=1)
    result = director_independence(cure.director, before)
    sec = cure.committee.is_audit_committee and not result.rule_10a3_met
    if result.is_independent and not sec:
        return
    reason = result.reasons[0] if result.reasons else ""
    raise ValidationError(
        {
            "event_date": f"{cure.director} was already not independent on {day_words(before)}"
            f" ({reason.rstrip('.')}). A cure period runs from the event that ended the member's "
            "independence, so it cannot start later (Nasdaq 5605(c)(4)): enter the first day "
            "the member was not independent."
        }
    )


@transaction.atomic
def cure_period_open(
    *,
    committee: Committee,
    director,
    event_date: datetime.date,
    reason: str,
    annual_meeting_date: datetime.date | None = None,
    ended_on: datetime.date | None = None,
) -> CurePeriod:
    """Open a 5605(c)(4) cure period for a member who lost independence for reasons outside
    their control; its deadline follows from the event and the next annual meeting."""
    _lock_committees(committee.pk)
    cure = CurePeriod(
        committee=committee,
        director=director,
        event_date=event_date,
        reason=reason,
        annual_meeting_date=annual_meeting_date,
        ended_on=ended_on,
    )
    cure.fill_annual_meeting()
    if cure.event_date:
        cure.deadline = cure.compute_deadline()
    check_cure_member(cure)
    cure.full_clean()
    check_cure_event(cure)
    cure.save()
    return cure


@transaction.atomic
def cure_period_update(*, cure_period: CurePeriod, **fields) -> CurePeriod:
    """Record the end of the cure, or correct its facts; the deadline is recomputed."""
    old_committee_id = CurePeriod.objects.values_list("committee_id", flat=True).get(
        pk=cure_period.pk
    )
    _set_fields(cure_period, fields)
    _lock_committees(old_committee_id, cure_period.committee_id)
    cure_period.fill_annual_meeting()
    cure_period.deadline = cure_period.compute_deadline()
    check_cure_member(cure_period)
    cure_period.full_clean()
    if {"event_date", "director", "director_id", "committee", "committee_id"} & set(fields):
        check_cure_event(cure_period)
    update = _field_names(CurePeriod, fields) | {"annual_meeting_date", "deadline"}
    cure_period.save(update_fields=sorted(update))
    return cure_period


# Noncompliance episodes and notices to the exchange ----------------------------------------


def episode_check(episode: NoncomplianceEpisode) -> None:
    """Refuse episode boundaries the composition findings do not bear out: an episode begins on a
    day the committee fails a listing standard or SEC rule (or relies on a cure period) and ends
    on a day it complies with all of them (Nasdaq 5625, 5605(c)(4), Rule 10A-3(a)(3))."""
    from committees.compliance import evaluate_committee
    from committees.compliance.exchange_notice import notifiable_problems

    if not (episode.committee_id and episode.began_on) or episode.began_on > timezone.localdate():
        return  # the model's own checks name what is missing or in the future
    committee = episode.committee
    if not notifiable_problems(evaluate_committee(committee, episode.began_on).findings):
        raise ValidationError(
            {
                "began_on": f"On {day_words(episode.began_on)} {committee} met every listing "
                "standard and SEC rule the portal checks, so no noncompliance began that day; "
                "enter the first day it did not comply."
            }
        )
    if episode.ended_on and episode.ended_on <= timezone.localdate():
        problems = notifiable_problems(evaluate_committee(committee, episode.ended_on).findings)
        if problems:
            titles = "; ".join(f"{item.title} ({item.rule})" for item in problems)
            raise ValidationError(
                {
                    "ended_on": f"On {day_words(episode.ended_on)} {committee} still did not "
                    f"comply: {titles}. Enter the first day it complied again, or leave this "
                    "empty while the noncompliance lasts."
                }
            )


@transaction.atomic
def episode_record(
    *,
    committee: Committee,
    began_on: datetime.date,
    description: str,
    recorded_by=None,
    ended_on: datetime.date | None = None,
) -> NoncomplianceEpisode:
    """Record when the committee stopped complying with a listing or SEC rule (and, once known,
    when it complied again). Episodes of one committee never overlap."""
    _lock_committees(committee.pk)
    episode = NoncomplianceEpisode(
        committee=committee,
        began_on=began_on,
        ended_on=ended_on,
        description=description,
        recorded_by=recorded_by,
    )
    episode.full_clean()
    episode_check(episode)
    episode.save()
    return episode


@transaction.atomic
def episode_update(*, episode: NoncomplianceEpisode, **fields) -> NoncomplianceEpisode:
    """Record the day the committee complied again, or correct the episode, with the same
    checks as a new one. An episode with notices keeps its committee and first day: a notice is
    never moved to another episode."""
    old = NoncomplianceEpisode.objects.get(pk=episode.pk)
    _set_fields(episode, fields)
    _lock_committees(old.committee_id, episode.committee_id)
    moved = episode.committee_id != old.committee_id or episode.began_on != old.began_on
    if moved and old.notices.exists():
        raise ValidationError(
            "This episode already has a notice to the exchange; its committee and first day "
            "stay as they were. Record a new episode instead."
        )
    episode.full_clean()
    episode_check(episode)
    if fields:
        episode.save(update_fields=sorted(_field_names(NoncomplianceEpisode, fields)))
    return episode


@transaction.atomic
def exchange_notice_record(
    *,
    episode: NoncomplianceEpisode,
    sent_on: datetime.date,
    rule: str,
    reported: str,
    sent_by: str,
    recorded_by=None,
    document: str = "",
) -> ExchangeNotice:
    """Record a notice the company gave the exchange about ``episode``. Refuses a notice dated
    in the future or before the episode began."""
    _lock_committees(episode.committee_id)
    notice = ExchangeNotice(
        episode=episode,
        sent_on=sent_on,
        rule=rule,
        reported=reported,
        sent_by=sent_by,
        document=document,
        recorded_by=recorded_by,
    )
    notice.full_clean()
    notice.save()
    return notice


@transaction.atomic
def exchange_notice_update(*, notice: ExchangeNotice, **fields) -> ExchangeNotice:
    """Correct a recorded notice, with the same checks as a new one."""
    _set_fields(notice, fields)
    _lock_committees(notice.episode.committee_id)
    notice.full_clean()
    if fields:
        notice.save(update_fields=sorted(_field_names(ExchangeNotice, fields)))
    return notice

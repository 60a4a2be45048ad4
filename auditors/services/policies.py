"""The committee's pre-approval policy (S-X 2-01(c)(7)) and its delegation to a member between
meetings (SOX 202): both decided at a held meeting with a quorum.

A policy is versioned: on any day the one in force is the highest version whose effective
period holds the day, so a new version replaces the old from its first day without editing it."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from auditors.models import Delegation, PolicyLine, PreApprovalPolicy
from auditors.services_catalogue import DELEGATION_RULE, PREAPPROVAL_RULE
from deadlines.wording import day_words
from files.services import upload_check
from meetings.models import Meeting
from meetings.services.common import clean_text


def policy_in_force(committee, day: datetime.date) -> PreApprovalPolicy | None:
    """The committee's policy in force on ``day``: the latest version whose period holds it."""
    return (
        PreApprovalPolicy.objects.filter(
            committee=committee, effective_from__lte=day, effective_to__gte=day
        )
        .order_by("-version")
        .first()
    )


def refuse_unless_decided_at(meeting: Meeting | None, committee, what: str, field: str) -> None:
    """A committee decision is taken at one of its own meetings that was held with a quorum."""
    from meetings.quorum import meeting_quorum

    if meeting is None:
        raise ValidationError({field: f"Choose the meeting that {what}."})
    if meeting.committee_id != committee.pk:
        raise ValidationError({field: "That meeting is another committee's."})
    if meeting.status != Meeting.Status.HELD:
        raise ValidationError(
            {
                field: f"{meeting.display_title} is not recorded as held; record its attendance "
                "first: only a meeting that was held decides."
            }
        )
    quorum = meeting_quorum(meeting)
    if not quorum.met:
        raise ValidationError(
            {field: f"{meeting.display_title} had no quorum ({quorum.words}) and decides nothing."}
        )


def policy_approve(
    *,
    committee,
    effective_from: datetime.date,
    effective_to: datetime.date,
    approved_at: Meeting,
    summary: str,
    lines: list[dict],
    document=None,
) -> PreApprovalPolicy:
    """Record a new version of the pre-approval policy, approved at ``approved_at``. Each line
    names one specific service, its nature and category, and a fee cap; a line that names only
    a category, or has no cap, is refused as too broad (S-X 2-01(c)(7))."""
    refuse_unless_decided_at(approved_at, committee, "approved the policy", "approved_at")
    if not effective_from or not effective_to:
        raise ValidationError({"effective_from": "Give the policy's effective period."})
    if effective_to < effective_from:
        raise ValidationError({"effective_to": "The policy cannot end before it starts."})
    if (effective_to - effective_from).days > 731:
        raise ValidationError(
            {
                "effective_to": "A policy runs for a stated period, typically twelve months; "
                "approve a new version after two years at most."
            }
        )
    rows = [line for line in lines if any(line.get(k) for k in ("service", "cap"))]
    if not rows:
        raise ValidationError(
            f"A policy lists the specific services it approves, each with a cap "
            f"({PREAPPROVAL_RULE}); add at least one line."
        )
    policy = PreApprovalPolicy(
        committee=committee,
        effective_from=effective_from,
        effective_to=effective_to,
        approved_at=approved_at,
        summary=clean_text(summary, "summary", required=True),
    )
    built, problems = [], []
    for number, row in enumerate(rows, 1):
        line = PolicyLine(
            service=clean_text(row.get("service"), "service", limit=300),
            nature=row.get("nature") or "",
            category=row.get("category") or "",
            cap=row.get("cap"),
        )
        try:
            line.full_clean(exclude=["policy"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                problems.extend(f"Line {number} ({name}): {m}" for m in messages)
        built.append(line)
    seen = {}
    for number, line in enumerate(built, 1):
        key = (line.nature, line.service.casefold())
        if key in seen:
            problems.append(f"Line {number} repeats line {seen[key]}; give each service once.")
        seen.setdefault(key, number)
    if problems:
        raise ValidationError({"lines": problems})
    if document is not None:
        upload_check(upload=document, kind_key="auditors.policy")
    with transaction.atomic():
        # The committee's row is the lock: two approvals at once get two version numbers.
        type(committee).objects.select_for_update(of=("self",)).filter(pk=committee.pk).order_by(
            "pk"
        ).first()
        last = PreApprovalPolicy.objects.filter(committee=committee).aggregate(Max("version"))
        policy.version = (last["version__max"] or 0) + 1
        policy.full_clean(exclude=["document"])
        if document is not None:
            policy.document.save(document.name, document, save=False)
        policy.save()
        for line in built:
            line.policy = policy
            line.save()
    return policy


# Delegation (SOX 202) -------------------------------------------------------------------------


def delegate_refusal(director, committee, day: datetime.date) -> str | None:
    """Why ``director`` cannot hold the committee's delegation on ``day``, or None: a member
    serving that day who is independent (the committees app's computed independence)."""
    from committees.compliance.independence import director_independence
    from committees.models import Membership

    serving = Membership.objects.active_on(day).filter(committee=committee, director=director)
    if not serving.exists():
        return f"{director} is not a member of {committee} on {day_words(day)}."
    independence = director_independence(director, day)
    if not (independence.is_independent and independence.rule_10a3_met):
        return (
            f"{director} is not independent on {day_words(day)}, and the committee delegates "
            f"pre-approval only to its independent members ({DELEGATION_RULE})."
        )
    return None


def delegation_grant(
    *,
    committee,
    director,
    granted_at: Meeting,
    starts_on: datetime.date,
    fee_limit: Decimal,
    ends_on: datetime.date | None = None,
) -> Delegation:
    """Delegate pre-approval between meetings to one independent member, up to ``fee_limit``
    per service, by a decision at a held meeting with a quorum (SOX 202)."""
    refuse_unless_decided_at(granted_at, committee, "granted the delegation", "granted_at")
    if starts_on is None:
        raise ValidationError({"starts_on": "Give the day the delegation starts."})
    why = delegate_refusal(director, committee, starts_on)
    if why:
        raise ValidationError({"director": why})
    delegation = Delegation(
        committee=committee,
        director=director,
        granted_at=granted_at,
        starts_on=starts_on,
        ends_on=ends_on,
        fee_limit=fee_limit,
    )
    with transaction.atomic():
        delegation.full_clean()
        delegation.save()
    return delegation


def delegation_revoke(*, delegation: Delegation, last_day: datetime.date) -> Delegation:
    """End the delegation after ``last_day`` (the committee's decision, or the member's)."""
    if last_day is None:
        raise ValidationError({"last_day": "Give the delegation's last day."})
    if last_day < delegation.starts_on:
        raise ValidationError(
            {
                "last_day": "The delegation starts on "
                f"{day_words(delegation.starts_on)}; end it on that day or later."
            }
        )
    if delegation.ends_on is not None and delegation.ends_on <= last_day:
        raise ValidationError(
            {"last_day": f"The delegation already ends on {day_words(delegation.ends_on)}."}
        )
    delegation.ends_on = last_day
    delegation.full_clean()
    delegation.save(update_fields=["ends_on"])
    return delegation


def delegation_of(user, committee, day: datetime.date) -> Delegation | None:
    """The delegation the user's director holds from ``committee`` on ``day``, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    rows = Delegation.objects.filter(
        committee=committee, director__user=user, starts_on__lte=day
    ).select_related("director")
    return next((d for d in rows.order_by("-starts_on", "-pk") if d.in_force_on(day)), None)

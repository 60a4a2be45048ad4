"""A service the company asks the auditor for, from intake to decision (S-X 2-01(c)(7)).

- A prohibited service (S-X 2-01(c)(4)), or a tax service for a person in a financial reporting
  oversight role (PCAOB 3523), is refused at intake and stored refused, with the rule named.
- Tax and internal-control services are approved only once the firm has described them in
  writing and the committee has documented its independence discussion (PCAOB 3524, 3525).
- A service a policy line in force covers, with room under the line's cap, is approved under the
  policy at once; otherwise the delegated member decides between meetings, or the committee at a
  held meeting with a quorum.
- A service never starts before its approval.
- Each policy use and each delegated decision goes on the agenda of the committee's next
  scheduled meeting, to be reported to the full committee (SOX 202): one agenda item per meeting
  lists them all, so the committee hears one report of everything decided since it last met and
  the item is minuted once; each request keeps its link to that item."""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from auditors.models import PolicyLine, ServiceRequest
from auditors.models.common import LARGEST_FEE
from auditors.services.policies import delegate_refusal, delegation_of, policy_in_force
from auditors.services_catalogue import (
    CATEGORY_OF,
    DELEGATION_RULE,
    NEEDS_DESCRIPTION,
    PREAPPROVAL_RULE,
    PROHIBITED_RULE,
    TAX_OVERSIGHT_RULE,
    Category,
    Nature,
    is_prohibited,
    prohibited_reason,
)
from deadlines.wording import day_words
from files.services import upload_check
from meetings.models import AgendaItem, Meeting, Topic
from meetings.services.common import clean_text

Status = ServiceRequest.Status
Route = ServiceRequest.Route
REPORTED_ROUTES = (Route.POLICY, Route.DELEGATE)
REPORT_TITLE = "Report of pre-approved auditor services"


def money(value, field: str) -> Decimal:
    """A fee as the ledger keeps it: not negative, not beyond any plausible fee."""
    if value is None or value == "":
        raise ValidationError({field: "Give the fee, in dollars."})
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            {field: "That is not an amount of money; give it in dollars."}
        ) from None
    if not amount.is_finite() or amount > LARGEST_FEE:
        raise ValidationError({field: "That amount is not a plausible fee; check the digits."})
    if amount < 0:
        raise ValidationError({field: "A fee cannot be negative."})
    return amount


def _words(amount: Decimal) -> str:
    return f"${amount:,.2f}"


# Intake ---------------------------------------------------------------------------------------


def request_submit(
    *,
    committee,
    engagement,
    service: str,
    nature: str,
    category: str,
    estimated_fee,
    starts_on: datetime.date,
    by,
    now: datetime.datetime,
    firm_description: str = "",
    document=None,
    for_oversight_person: bool = False,
    policy_line: PolicyLine | None = None,
) -> ServiceRequest:
    """Record a request the secretary enters for the company's finance staff. A prohibited
    service or a tax service for an oversight person is stored refused at once; one a policy line
    covers is approved under the policy at once; the rest wait for a decision."""
    as_of = now.date() if hasattr(now, "date") else now
    service = clean_text(service, "service", limit=300, required=True)
    firm_description = clean_text(firm_description, "firm_description")
    if nature not in Nature.values:
        raise ValidationError({"nature": "Choose what kind of service it is from the list."})
    if category not in Category.values:
        raise ValidationError(
            {
                "category": "Choose one of the four fee categories: audit, audit-related, tax or "
                "all other."
            }
        )
    fee = money(estimated_fee, "estimated_fee")
    if engagement is None or engagement.committee_id != committee.pk:
        raise ValidationError({"engagement": "Choose the engagement of this committee's auditor."})
    if not engagement.is_live:
        raise ValidationError(
            {"engagement": "That engagement was terminated; the firm is not engaged for it."}
        )
    if starts_on is None:
        raise ValidationError({"starts_on": "Give the day the service is planned to start."})
    prohibited = is_prohibited(nature)
    if not prohibited and CATEGORY_OF[Nature(nature)] != category:
        raise ValidationError(
            {
                "category": f"{Nature(nature).label} is reported as "
                f"{Category(CATEGORY_OF[Nature(nature)]).label.lower()}; choose that category."
            }
        )
    refusal = None
    if prohibited:
        refusal = (PROHIBITED_RULE, prohibited_reason(nature))
    elif nature == Nature.TAX and for_oversight_person:
        refusal = (
            TAX_OVERSIGHT_RULE,
            "The auditor may not provide tax services to a person in a financial reporting "
            f"oversight role at the company, or to their immediate family ({TAX_OVERSIGHT_RULE}). "
            "The person may engage another adviser.",
        )
    elif starts_on < as_of:
        raise ValidationError(
            {
                "starts_on": "The planned start has passed, and a service cannot start before "
                "it is approved; move the start date to today or later."
            }
        )
    if document is not None:
        upload_check(upload=document, kind_key="auditors.request_document")
    request = ServiceRequest(
        committee=committee,
        engagement=engagement,
        service=service,
        nature=nature,
        category=category,
        estimated_fee=fee,
        starts_on=starts_on,
        firm_description=firm_description,
        for_oversight_person=bool(for_oversight_person),
        requested_by=by,
        requested_at=now,
    )
    if refusal is not None:
        request.status = Status.REFUSED
        request.refusal_rule, request.refusal_reason = refusal
        request.decided_on = as_of
    with transaction.atomic():
        request.full_clean(exclude=["description_document"])
        if document is not None:
            request.description_document.save(document.name, document, save=False)
        request.save()
        if refusal is None:
            request.policy_note = _try_policy(request, as_of, policy_line)
    return request


def covering_line(request: ServiceRequest, chosen: PolicyLine | None = None):
    """(line, why not): the policy line in force on the planned start that covers the request,
    or None and the reason none does."""
    policy = policy_in_force(request.committee, request.starts_on)
    if policy is None:
        return None, f"No pre-approval policy is in force on {day_words(request.starts_on)}."
    lines = list(policy.lines.filter(nature=request.nature, category=request.category))
    if chosen is not None:
        if chosen.pk not in {line.pk for line in lines}:
            return None, (
                f"The line “{chosen.service}” is not a line of the policy in force on "
                f"{day_words(request.starts_on)} for this nature and category."
            )
        lines = [chosen]
    else:
        wanted = " ".join(request.service.casefold().split())
        lines = [line for line in lines if " ".join(line.service.casefold().split()) == wanted]
    if not lines:
        return None, (
            f"No line of policy v{policy.version} names this service; it needs specific approval."
        )
    return lines[0], ""


def line_committed(line: PolicyLine, *, excluding=None) -> Decimal:
    """The estimated fees of the services approved under ``line``."""
    rows = line.requests.filter(status=Status.APPROVED)
    if excluding is not None:
        rows = rows.exclude(pk=excluding.pk)
    return rows.aggregate(total=Sum("estimated_fee"))["total"] or Decimal("0")


def _try_policy(request: ServiceRequest, as_of: datetime.date, chosen=None) -> str:
    """Approve ``request`` under the policy when a line covers it with room under its cap;
    returns why not otherwise (for the page)."""
    line, why = covering_line(request, chosen)
    if line is None:
        return why
    missing = _description_missing(request, as_of)
    if missing:
        return f"The policy line “{line.service}” covers it once {missing}"
    # The line's row is the lock: two requests at once cannot both take the last room.
    PolicyLine.objects.select_for_update(of=("self",)).filter(pk=line.pk).order_by("pk").first()
    room = line.cap - line_committed(line, excluding=request)
    if request.estimated_fee > room:
        return (
            f"The policy line “{line.service}” has {_words(max(room, Decimal('0')))} left under "
            f"its cap of {_words(line.cap)}, less than the estimated fee; it needs specific "
            "approval."
        )
    request.status = Status.APPROVED
    request.route = Route.POLICY
    request.policy_line = line
    request.decided_on = as_of
    request.full_clean(exclude=["description_document"])
    request.save(update_fields=["status", "route", "policy_line", "decided_on"])
    reports_place(committee=request.committee)
    request.refresh_from_db(fields=["reported_at"])
    return ""


def _description_missing(request: ServiceRequest, day: datetime.date) -> str:
    """What PCAOB 3524/3525 still need before a tax or internal-control service is approved on
    ``day``: the firm's written description and the documented discussion; "" when none."""
    rule = (
        NEEDS_DESCRIPTION.get(Nature(request.nature)) if request.nature in Nature.values else None
    )
    if rule is None:
        return ""
    if not request.firm_description and not request.description_document:
        return (
            "the firm describes in writing its scope, fee structure and any side or referral "
            f"agreement ({rule})."
        )
    if not request.independence_discussed_on or not request.independence_discussion:
        return f"the committee documents its discussion of the firm's independence ({rule})."
    if request.independence_discussed_on > day:
        return (
            "the independence discussion comes first: it is dated "
            f"{day_words(request.independence_discussed_on)} ({rule})."
        )
    return ""


# Decisions ------------------------------------------------------------------------------------


def _refuse_unless_pending(request: ServiceRequest) -> None:
    if request.status != Status.PENDING:
        raise ValidationError(
            f"This request is already {request.get_status_display().lower()}; it is not "
            "decided again."
        )
    if is_prohibited(request.nature):
        raise ValidationError(prohibited_reason(request.nature))


def _refuse_unless_approvable(request: ServiceRequest, day: datetime.date) -> None:
    missing = _description_missing(request, day)
    if missing:
        raise ValidationError(f"This service can be approved only once {missing}")
    if day > request.starts_on:
        raise ValidationError(
            {
                "starts_on": f"The service is planned to start on {day_words(request.starts_on)}, "
                f"before this approval on {day_words(day)}; a service never starts before its "
                f"approval ({PREAPPROVAL_RULE}). Move the start date first."
            }
        )


def request_decide(
    *, request: ServiceRequest, by, approve: bool, as_of: datetime.date, reason: str = ""
) -> ServiceRequest:
    """The delegated member's decision between meetings (SOX 202), within the delegation's fee
    limit and period; reported to the full committee at its next meeting."""
    _refuse_unless_pending(request)
    committee = request.committee
    delegation = delegation_of(by, committee, as_of)
    if delegation is None:
        raise ValidationError(
            f"You hold no delegation from {committee} on {day_words(as_of)}; the committee "
            "decides this request at a meeting."
        )
    why = delegate_refusal(delegation.director, committee, as_of)
    if why:
        raise ValidationError(f"{why} The committee decides this request at a meeting.")
    reason = clean_text(reason, "reason")
    if approve:
        if request.estimated_fee > delegation.fee_limit:
            raise ValidationError(
                f"The estimated fee of {_words(request.estimated_fee)} is beyond the delegation, "
                f"which covers services up to {_words(delegation.fee_limit)} each "
                f"({DELEGATION_RULE}); the committee decides it at a meeting."
            )
        _refuse_unless_approvable(request, as_of)
    elif not reason:
        raise ValidationError({"reason": "Say why the service is refused."})
    request.status = Status.APPROVED if approve else Status.REFUSED
    request.route = Route.DELEGATE
    request.delegation = delegation
    request.decided_on = as_of
    request.decided_by = by
    request.refusal_reason = "" if approve else reason
    with transaction.atomic():
        request.full_clean(exclude=["description_document"])
        request.save(
            update_fields=[
                "status",
                "route",
                "delegation",
                "decided_on",
                "decided_by",
                "refusal_reason",
            ]
        )
        reports_place(committee=committee)
        request.refresh_from_db(fields=["reported_at"])
    return request


def request_approve_at_meeting(*, request: ServiceRequest, meeting: Meeting, by) -> ServiceRequest:
    """Specific approval by the committee at a held meeting with a quorum."""
    from auditors.services.policies import refuse_unless_decided_at

    _refuse_unless_pending(request)
    refuse_unless_decided_at(meeting, request.committee, "approved the service", "meeting")
    _refuse_unless_approvable(request, meeting.day)
    request.status = Status.APPROVED
    request.route = Route.COMMITTEE
    request.approved_at = meeting
    request.decided_on = meeting.day
    request.decided_by = by
    request.full_clean(exclude=["description_document"])
    request.save(update_fields=["status", "route", "approved_at", "decided_on", "decided_by"])
    return request


def request_refuse(
    *, request: ServiceRequest, by, reason: str, as_of: datetime.date, meeting=None
) -> ServiceRequest:
    """The committee refuses the service (at ``meeting`` when given), with its reason."""
    if request.status != Status.PENDING:
        raise ValidationError(
            f"This request is already {request.get_status_display().lower()}; it is not "
            "decided again."
        )
    reason = clean_text(reason, "reason", required=True)
    if meeting is not None and (
        meeting.committee_id != request.committee_id or meeting.status != Meeting.Status.HELD
    ):
        raise ValidationError({"meeting": "Choose a meeting of the committee that was held."})
    request.status = Status.REFUSED
    request.route = Route.COMMITTEE
    request.approved_at = meeting
    request.decided_on = meeting.day if meeting else as_of
    request.decided_by = by
    request.refusal_reason = reason
    request.save(
        update_fields=[
            "status",
            "route",
            "approved_at",
            "decided_on",
            "decided_by",
            "refusal_reason",
        ]
    )
    return request


def request_record_independence_discussion(
    *, request: ServiceRequest, discussed_on: datetime.date, text: str, as_of: datetime.date
) -> ServiceRequest:
    """Document the committee's discussion with the firm of a tax or internal-control service's
    effect on its independence (PCAOB 3524, 3525). A request a policy line covers is then
    approved under the policy."""
    if request.status != Status.PENDING:
        raise ValidationError("The discussion is documented before the service is decided.")
    if discussed_on is None:
        raise ValidationError({"discussed_on": "Give the day of the discussion."})
    if discussed_on > as_of:
        raise ValidationError({"discussed_on": "A discussion is recorded once it has taken place."})
    request.independence_discussed_on = discussed_on
    request.independence_discussion = clean_text(text, "independence_discussion", required=True)
    with transaction.atomic():
        request.save(update_fields=["independence_discussed_on", "independence_discussion"])
        if request.starts_on >= as_of:
            request.policy_note = _try_policy(request, as_of)
    return request


def request_move_start(
    *, request: ServiceRequest, starts_on: datetime.date, as_of: datetime.date
) -> ServiceRequest:
    """Move the planned start of a service not yet decided."""
    if request.status != Status.PENDING:
        raise ValidationError("Only a request awaiting its decision can move its start.")
    if starts_on is None or starts_on < as_of:
        raise ValidationError({"starts_on": "Move the start to today or later."})
    request.starts_on = starts_on
    request.save(update_fields=["starts_on"])
    return request


def request_record_start(
    *, request: ServiceRequest, started_on: datetime.date, as_of: datetime.date
) -> ServiceRequest:
    """Record the day the firm began the service: never before its approval."""
    if request.status != Status.APPROVED:
        raise ValidationError(
            "This service is not approved, so it may not start; the firm waits for the approval."
        )
    if started_on is None:
        raise ValidationError({"started_on": "Give the day the service started."})
    if started_on > as_of:
        raise ValidationError({"started_on": "Record a start once it has happened."})
    if request.decided_on and started_on < request.decided_on:
        raise ValidationError(
            {
                "started_on": f"The service was approved on {day_words(request.decided_on)}; it "
                f"cannot have started before its approval ({PREAPPROVAL_RULE}). If it did, it "
                "was not pre-approved: record it as such."
            }
        )
    request.started_on = started_on
    request.full_clean(exclude=["description_document"])
    request.save(update_fields=["started_on"])
    return request


# Reporting to the full committee (SOX 202) ----------------------------------------------------


def unreported(committee):
    """Policy uses and delegated decisions not yet on any agenda."""
    return ServiceRequest.objects.filter(
        committee=committee,
        route__in=REPORTED_ROUTES,
        status__in=(Status.APPROVED, Status.REFUSED),
        reported_at=None,
    ).exclude(decided_on=None)


def _route_words(request: ServiceRequest) -> str:
    if request.route == Route.POLICY:
        return "under the policy"
    return (
        "approved by delegation" if request.status == Status.APPROVED else "refused by delegation"
    )


def report_title(requests) -> str:
    """The agenda item's title: every service it reports, as many as fit."""
    names = [f"{r.service} ({_route_words(r)})" for r in requests]
    title = f"{REPORT_TITLE}: " + "; ".join(names)
    while len(title) > 300 and names:
        names.pop()
        rest = len(requests) - len(names)
        title = f"{REPORT_TITLE}: " + "; ".join(names) + f"; and {rest} more"
    return title[:300]


def _report_item(meeting: Meeting) -> AgendaItem | None:
    items = AgendaItem.objects.filter(meeting=meeting).order_by("position")
    return next(
        (
            item
            for item in items
            if Topic.PREAPPROVAL_REPORT in item.serves and item.title.startswith(REPORT_TITLE)
        ),
        None,
    )


def reports_place(*, committee) -> int:
    """Put each policy use and delegated decision not yet on an agenda onto the committee's next
    scheduled meeting after the day it was decided (SOX 202); returns how many were placed.
    Those with no such meeting yet wait for one (auditors.receivers)."""
    from meetings.requirements import moment
    from meetings.services import agenda_item_add

    pending = list(unreported(committee).order_by("decided_on", "pk"))
    if not pending:
        return 0
    first = min(r.decided_on for r in pending) + datetime.timedelta(days=1)
    meetings = list(
        Meeting.objects.filter(
            committee=committee, status=Meeting.Status.SCHEDULED, starts_at__gte=moment(first)
        ).order_by("starts_at", "pk")
    )
    by_meeting: dict[int, list] = {}
    targets = {}
    for request in pending:
        meeting = next((m for m in meetings if m.day > request.decided_on), None)
        if meeting is not None:
            by_meeting.setdefault(meeting.pk, []).append(request)
            targets[meeting.pk] = meeting
    placed = 0
    for meeting_id, requests in by_meeting.items():
        meeting = targets[meeting_id]
        item = _report_item(meeting)
        if item is None:
            item = agenda_item_add(
                meeting=meeting,
                title=report_title(requests),
                presenter="Chair of the committee",
                serves=[Topic.PREAPPROVAL_REPORT],
            )
        for request in requests:  # saved one by one, so each keeps its history
            request.reported_at = item
            request.save(update_fields=["reported_at"])
        listed = list(item.reported_services.order_by("decided_on", "pk"))
        title = report_title(listed)
        if title != item.title:
            item.title = title
            item.save(update_fields=["title"])
        placed += len(requests)
    return placed


def reports_withdraw_from(*, meeting: Meeting) -> int:
    """A cancelled meeting reports nothing: its reports go to the next scheduled meeting."""
    rows = list(ServiceRequest.objects.filter(reported_at__meeting=meeting))
    for request in rows:
        request.reported_at = None
        request.save(update_fields=["reported_at"])
    count = len(rows)
    if count:
        reports_place(committee=meeting.committee)
    return count

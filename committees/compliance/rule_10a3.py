"""SEC Rule 10A-3(b)(1): audit-committee independence. No look-back: during the member's current
audit committee service, no compensatory fee (direct or indirect) and not an affiliated person."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from committees.compliance import text
from committees.compliance.look_back import employer_words
from committees.models import Compensation, OrganisationPayment
from committees.models.common import years_before

ONE_DAY = datetime.timedelta(days=1)
SAFE_HARBOUR_PERCENT = Decimal("10")  # 10A-3(e)(1)(ii): at most 10% of any class of voting equity


@dataclass(frozen=True)
class Rule10A3Result:
    met: bool
    detail: str
    reasons: tuple[str, ...]


def audit_service_start(facts, as_of: datetime.date) -> datetime.date | None:
    """First day of the director's unbroken audit committee service that includes ``as_of``
    (back-to-back memberships, such as a change of role, count as one), or None."""
    active = [m for m in facts.audit_memberships if m.is_active_on(as_of)]
    if not active:
        return None
    start = min(m.start_date for m in active)
    extended = True
    while extended:
        extended = False
        for m in facts.audit_memberships:
            if m.start_date < start and (m.end_date is None or m.end_date >= start - ONE_DAY):
                start, extended = m.start_date, True
    return start


def _fee_reasons(facts, window_start, as_of, window_words):
    """10A-3(b)(1)(ii)(A): fees to the member, or to a spouse, minor child or stepchild, or a
    child or stepchild sharing the home, other than board fees and fixed retirement pay."""
    reasons = []
    for payment in facts.compensation:
        if payment.kind in Compensation.ALLOWED_BY_10A3:
            continue
        if not window_start <= payment.paid_on <= as_of:
            continue
        if payment.family_member_id and not payment.family_member.counts_for_rule_10a3:
            continue
        who = text.person(facts.director, payment.family_member)
        reasons.append(
            f"{who} accepted a payment of {text.money(payment.amount)} "
            f"({payment.get_kind_display().lower()}) from the company on "
            f"{text.day(payment.paid_on)}, {window_words}."
        )
    return reasons


def _firm_reasons(facts, as_of, profile):
    """10A-3(e)(8): fees paid to a firm providing professional services in which the member is a
    partner, member, managing director or executive officer are indirect fees to the member."""
    fiscal_year = profile.fiscal_year_of(as_of)
    reasons = []
    for rel in facts.relationships:
        if rel.family_member_id or not rel.provides_professional_services:
            continue
        if not rel.is_current(as_of):
            continue
        # Payments arising solely from investments or charitable matching are not fees.
        paid = sum(
            (
                p.amount
                for p in facts.payments.get(rel.pk, [])
                if p.fiscal_year == fiscal_year
                and p.direction == OrganisationPayment.Direction.FROM_COMPANY
                and not p.exclusion
            ),
            Decimal("0"),
        )
        if paid > 0:
            reasons.append(
                f"{facts.director.full_name} is a {rel.get_role_display().lower()} of "
                f"{rel.organisation} ({text.period(rel.start_date, rel.end_date)}), which provides "
                f"professional services and was paid {text.money(paid)} by the company in fiscal "
                f"year {fiscal_year}."
            )
    return reasons


def _affiliation_reasons(facts, as_of):
    """10A-3(b)(1)(ii)(B): not an affiliated person. The board decides; an executive officer of
    the company or an affiliate is always one."""
    name = facts.director.full_name
    determination = facts.independence
    reasons = []
    if determination is None:
        reasons.append(
            f"The board has not determined whether {name} accepts compensatory fees or is an "
            "affiliated person of the company."
        )
    else:
        on = text.day(determination.determined_on)
        if not determination.no_compensatory_fees:
            reasons.append(
                f"The board found on {on} that {name} accepts a consulting, advisory or other "
                "compensatory fee from the company."
            )
        if determination.is_affiliated_person:
            reasons.append(f"The board found on {on} that {name} is an affiliated person.")
    for job in facts.employments:
        if job.family_member_id or not job.is_executive_officer or not job.is_current(as_of):
            continue
        reasons.append(
            f"{name} is an executive officer ({job.title}) of {employer_words(job)} "
            f"({text.period(job.start_date, job.end_date)}), and so an affiliated person."
        )
    return reasons


def _safe_harbour_note(facts) -> str:
    determination = facts.independence
    if determination is None or determination.voting_equity_percent <= SAFE_HARBOUR_PERCENT:
        return ""
    name = facts.director.full_name
    finding = "is" if determination.is_affiliated_person else "is not"
    return (
        f" {name} holds {text.percent(determination.voting_equity_percent)} of a class of the "
        "company's voting equity, above the 10% safe harbour, so the board's finding of "
        f"{text.day(determination.determined_on)} that {name} {finding} an affiliated person "
        "decides."
    )


def rule_10a3(facts, as_of: datetime.date, profile) -> Rule10A3Result:
    """Rule 10A-3(b)(1) for one director on ``as_of``."""
    service_start = audit_service_start(facts, as_of)
    if service_start:
        window_start = service_start
        window_words = f"during audit committee service that began on {text.day(service_start)}"
    else:
        # Not on an audit committee today: judge the 12 months up to as_of.
        window_start = years_before(as_of, 1) + ONE_DAY
        window_words = f"within the 12 months before {text.day(as_of)}"
    reasons = (
        _fee_reasons(facts, window_start, as_of, window_words)
        + _firm_reasons(facts, as_of, profile)
        + _affiliation_reasons(facts, as_of)
    )
    note = _safe_harbour_note(facts)
    if reasons:
        detail = " ".join(reasons) + note
    else:
        detail = (
            f"{facts.director.full_name} meets Rule 10A-3(b)(1): no consulting, advisory or other "
            f"compensatory fee, directly or indirectly, {window_words}, and not an affiliated "
            f"person.{note}"
        )
    return Rule10A3Result(met=not reasons, detail=detail, reasons=tuple(reasons))

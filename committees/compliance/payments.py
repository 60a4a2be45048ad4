"""Bright-line tests about money (Nasdaq 5605(a)(2)(B) and (D)): compensation over $120,000 in
12 months, and business payments over the greater of $200,000 or 5% of revenues."""

import datetime
from collections import defaultdict
from decimal import Decimal

from committees.compliance import text
from committees.compliance.look_back import (
    LOOK_BACK_YEARS,
    BrightLineTest,
    is_interim_exception,
    look_back_start,
    look_back_words,
)
from committees.models import BusinessRelationship, Compensation, OrganisationPayment
from committees.models.common import years_after

COMPENSATION_LIMIT = Decimal("120000")  # 5605(a)(2)(B): more than this in 12 months fails
PAYMENT_FLOOR = Decimal("200000")  # 5605(a)(2)(D): the greater of this and 5% of revenues
REVENUE_SHARE = Decimal("0.05")

# 5605(a)(2)(D) names partners, controlling shareholders and executive officers only.
RELATIONSHIP_ROLES_D = {
    BusinessRelationship.Role.PARTNER: "a partner",
    BusinessRelationship.Role.CONTROLLING_SHAREHOLDER: "a controlling shareholder",
    BusinessRelationship.Role.EXECUTIVE_OFFICER: "an executive officer",
}


def largest_twelve_month_total(payments) -> tuple[Decimal, list]:
    """The largest sum of ``payments`` (sorted by date) paid within 12 consecutive months: each
    window starts at a payment and runs to the day before the same date a year later."""
    best_total, best_window = Decimal("0"), []
    for first in payments:
        window_end = years_after(first.paid_on, 1)
        window = [p for p in payments if first.paid_on <= p.paid_on < window_end]
        total = sum((p.amount for p in window), Decimal("0"))
        if total > best_total:
            best_total, best_window = total, window
    return best_total, best_window


def _family_employee_below_executive(facts, payment) -> bool:
    """The recorded employment shows the family member paid was, on the day of payment, an
    employee of the company, a parent or a subsidiary (IM-5605: "Company" includes them) and not
    an executive officer there."""
    jobs = [
        job
        for job in facts.employments
        if job.family_member_id == payment.family_member_id and job.is_current(payment.paid_on)
    ]
    return bool(jobs) and not any(job.is_executive_officer for job in jobs)


def _interim_service_excepted(facts, payment, as_of: datetime.date) -> bool:
    """The payment is for the director's own interim executive service that lasted one year or
    less and has ended by ``as_of`` (IM-5605), as the recorded employment shows."""
    return any(
        job.family_member_id is None
        and job.start_date <= payment.paid_on
        and is_interim_exception(job, as_of)
        for job in facts.employments
    )


def compensation_exclusion(facts, payment, as_of: datetime.date) -> str | None:
    """Why ``payment`` does not count towards the $120,000 of 5605(a)(2)(B), or None when it
    counts. Board fees, retirement benefits and non-discretionary pay are excluded by their kind;
    pay to a family member and pay for interim executive service only by the recorded facts."""
    if payment.kind in Compensation.EXCLUDED_FROM_120K:
        return payment.get_kind_display().lower()
    if payment.family_member_id and _family_employee_below_executive(facts, payment):
        return "pay to a family member employed below executive level"
    if payment.kind == Compensation.Kind.INTERIM_EXECUTIVE and _interim_service_excepted(
        facts, payment, as_of
    ):
        return "pay for interim executive service of one year or less that has ended"
    return None


def _unsupported_label(facts, payment) -> str:
    """A sentence when a payment is labelled as excluded but the recorded facts do not show it."""
    who = text.person(facts.director, payment.family_member)
    paid = f"The payment of {text.money(payment.amount)} to {who} on {text.day(payment.paid_on)}"
    if payment.kind == Compensation.Kind.FAMILY_NON_EXECUTIVE_PAY:
        return (
            f"{paid} is labelled as pay to a family member employed below executive level, but "
            "no recorded employment shows them as such an employee that day, so it counts."
        )
    if payment.kind == Compensation.Kind.INTERIM_EXECUTIVE:
        return (
            f"{paid} is labelled as pay for interim executive service, but no recorded interim "
            "executive service of one year or less that has ended covers it, so it counts."
        )
    return ""


def check_b_compensation(facts, as_of: datetime.date) -> BrightLineTest:
    """5605(a)(2)(B): more than $120,000 accepted by the director, or by any one family member,
    in any 12 consecutive months within the past 3 years (board fees and the like excluded)."""
    start = look_back_start(as_of)
    by_person = defaultdict(list)
    notes = []
    for payment in facts.compensation:
        if not start <= payment.paid_on <= as_of:
            continue
        if compensation_exclusion(facts, payment, as_of):
            continue
        by_person[payment.family_member_id].append(payment)
        note = _unsupported_label(facts, payment)
        notes += [note] if note else []
    failures, largest = [], (Decimal("0"), "")
    for payments in by_person.values():
        total, window = largest_twelve_month_total(payments)
        who = text.person(facts.director, window[0].family_member if window else None)
        if total > COMPENSATION_LIMIT:
            dates = text.names(text.day(p.paid_on) for p in window)
            paid = f"a payment on {dates}" if len(window) == 1 else f"payments on {dates}"
            failures.append(
                f"{who} accepted {text.money(total)} from the company within 12 consecutive "
                f"months ({paid}), more than {text.money(COMPENSATION_LIMIT)}"
            )
        elif total > largest[0]:
            largest = (total, who)
    if failures:
        detail = "; ".join(failures) + "."
    else:
        detail = (
            f"Neither {facts.director.full_name} nor a family member accepted more than "
            f"{text.money(COMPENSATION_LIMIT)} in any 12 consecutive months "
            f"{look_back_words(as_of)}"
        )
        if largest[1]:
            detail += f"; the largest 12-month total was {text.money(largest[0])} ({largest[1]})"
        detail += " (board and committee fees, non-executive family pay and retirement benefits "
        detail += "do not count)."
    if notes:
        detail += " " + " ".join(notes)
    return BrightLineTest(
        "B",
        "Nasdaq 5605(a)(2)(B)",
        "Compensation over $120,000 in 12 months",
        not failures,
        detail,
    )


def _payment_totals(payments, fiscal_years):
    """(fiscal year, direction) -> (total, recipient revenue) over counted payments. When rows
    disagree on the recipient's revenues for a year the smaller figure is used: its 5% is the
    lower threshold, so a doubtful revenue can never make a relationship pass (the stricter
    test)."""
    totals = {}
    for payment in payments:
        if payment.exclusion or payment.fiscal_year not in fiscal_years:
            continue
        key = (payment.fiscal_year, payment.direction)
        total, revenue = totals.get(key, (Decimal("0"), payment.recipient_gross_revenue))
        totals[key] = (total + payment.amount, min(revenue, payment.recipient_gross_revenue))
    return totals


def payment_threshold(revenue: Decimal) -> Decimal:
    return max(PAYMENT_FLOOR, revenue * REVENUE_SHARE)


def check_d_business_relationship(facts, as_of: datetime.date, profile) -> BrightLineTest:
    """5605(a)(2)(D): the director or a family member is now a partner, controlling shareholder
    or executive officer of an organisation whose payments with the company exceed the greater of
    $200,000 or 5% of the recipient's revenues in the current or any of the past 3 fiscal years.
    Payments are summed per organisation (BusinessRelationship.organisation_key), fiscal year and
    direction, however many relationship rows record them."""
    current_year = profile.fiscal_year_of(as_of)
    fiscal_years = range(current_year - LOOK_BACK_YEARS, current_year + 1)
    by_organisation = defaultdict(list)
    for rel in facts.relationships:
        if rel.role in RELATIONSHIP_ROLES_D and rel.is_current(as_of):
            by_organisation[rel.organisation_key].append(rel)
    failures = []
    for rels in by_organisation.values():
        rel = rels[0]
        roles = text.names(
            f"{text.person(facts.director, r.family_member)} is {RELATIONSHIP_ROLES_D[r.role]} "
            f"of {r.organisation} ({text.period(r.start_date, r.end_date)})"
            for r in rels
        )
        totals = _payment_totals(facts.payments.get(rel.pk, []), fiscal_years)
        for (year, direction), (total, revenue) in sorted(totals.items()):
            threshold = payment_threshold(revenue)
            if total <= threshold:
                continue
            if direction == OrganisationPayment.Direction.FROM_COMPANY:
                flow, recipient = f"the company paid {rel.organisation}", rel.organisation
            else:
                flow, recipient = f"{rel.organisation} paid the company", "the company"
            year_start, year_end = profile.fiscal_year_bounds(year)
            failures.append(
                f"{roles}, and {flow} "
                f"{text.money(total)} in fiscal year {year} ({text.day(year_start)} to "
                f"{text.day(year_end)}), more than {text.money(threshold)}, the greater of "
                f"{text.money(PAYMENT_FLOOR)} and 5% of {recipient}'s gross revenues of "
                f"{text.money(revenue)}"
            )
    detail = (
        "; ".join(failures) + "."
        if failures
        else f"Neither {facts.director.full_name} nor a family member is now a partner, "
        "controlling shareholder or executive officer of an organisation whose payments with the "
        "company exceeded the greater of $200,000.00 and 5% of the recipient's gross revenues in "
        f"fiscal years {current_year - LOOK_BACK_YEARS} to {current_year}."
    )
    return BrightLineTest(
        "D",
        "Nasdaq 5605(a)(2)(D)",
        "Business relationship with payments over the limit",
        not failures,
        detail,
    )

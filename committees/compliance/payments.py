"""Bright-line tests about money (Nasdaq 5605(a)(2)(B) and (D)): compensation over $120,000 in
12 months, and business payments over the greater of $200,000 or 5% of revenues."""

import datetime
from collections import defaultdict
from decimal import Decimal

from committees.compliance import text
from committees.compliance.look_back import (
    LOOK_BACK_YEARS,
    BrightLineTest,
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


def check_b_compensation(facts, as_of: datetime.date) -> BrightLineTest:
    """5605(a)(2)(B): more than $120,000 accepted by the director, or by any one family member,
    in any 12 consecutive months within the past 3 years (board fees and the like excluded)."""
    start = look_back_start(as_of)
    by_person = defaultdict(list)
    for payment in facts.compensation:
        if payment.kind in Compensation.EXCLUDED_FROM_120K:
            continue
        if start <= payment.paid_on <= as_of:
            by_person[payment.family_member_id].append(payment)
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
    return BrightLineTest(
        "B",
        "Nasdaq 5605(a)(2)(B)",
        "Compensation over $120,000 in 12 months",
        not failures,
        detail,
    )


def _payment_totals(payments, fiscal_years):
    """(fiscal year, direction) -> (total, recipient revenue) over counted payments. When rows
    disagree on the recipient's revenues the smaller figure is used, the stricter test."""
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
    $200,000 or 5% of the recipient's revenues in the current or any of the past 3 fiscal years."""
    current_year = profile.fiscal_year_of(as_of)
    fiscal_years = range(current_year - LOOK_BACK_YEARS, current_year + 1)
    failures = []
    for rel in facts.relationships:
        if rel.role not in RELATIONSHIP_ROLES_D or not rel.is_current(as_of):
            continue
        who = text.person(facts.director, rel.family_member)
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
                f"{who} is {RELATIONSHIP_ROLES_D[rel.role]} of {rel.organisation} "
                f"({text.period(rel.start_date, rel.end_date)}), and {flow} "
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

"""Bright-line tests about other roles (Nasdaq 5605(a)(2)(E) and (F)): compensation committee
interlocks and the outside auditor."""

import datetime

from committees.compliance import text
from committees.compliance.look_back import (
    BrightLineTest,
    look_back_start,
    look_back_words,
    past_fact_tail,
)
from committees.models import AuditorRelationship


def check_e_interlock(facts, as_of: datetime.date) -> BrightLineTest:
    """5605(a)(2)(E): the director or a family member was an executive officer of another entity
    whose compensation committee included a company executive officer, in the past 3 years."""
    start = look_back_start(as_of)
    failures = []
    for item in facts.interlocks:
        if not item.overlaps(start, as_of):
            continue
        who = text.person(facts.director, item.family_member)
        if item.is_current(as_of):
            failures.append(
                f"{who} has been an executive officer of {item.entity} "
                f"{text.period(item.start_date, item.end_date)}, whose compensation committee "
                f"includes the company's executive officer {item.company_executive}"
            )
        else:
            failures.append(
                f"{who} was an executive officer of {item.entity} "
                f"{text.period(item.start_date, item.end_date)} while the company's executive "
                f"officer {item.company_executive} sat on its compensation committee"
                f"{past_fact_tail(item.end_date, as_of)}"
            )
    detail = (
        "; ".join(failures) + "."
        if failures
        else f"No compensation committee interlock of {facts.director.full_name} or a family "
        f"member {look_back_words(as_of)}."
    )
    return BrightLineTest(
        "E",
        "Nasdaq 5605(a)(2)(E)",
        "Compensation committee interlock",
        not failures,
        detail,
    )


def check_f_auditor(facts, as_of: datetime.date) -> BrightLineTest:
    """5605(a)(2)(F): the director or a family member is a current partner of the outside auditor,
    or was a partner or employee who worked on the company's audit in the past 3 years."""
    start = look_back_start(as_of)
    failures = []
    for item in facts.auditor_relationships:
        who = text.person(facts.director, item.family_member)
        role = item.get_role_display().lower()
        article = "a" if role == "partner" else "an"
        current = item.is_current(as_of)
        if current and item.role == AuditorRelationship.Role.PARTNER:
            audit = " and works on the company's audit" if item.worked_on_company_audit else ""
            failures.append(
                f"{who} is a current partner of the company's outside auditor {item.firm} "
                f"({text.period(item.start_date, item.end_date)}){audit}"
            )
        elif item.worked_on_company_audit and item.overlaps(start, as_of):
            if current:
                failures.append(
                    f"{who} is {article} {role} of {item.firm} working on the company's audit "
                    f"({text.period(item.start_date, item.end_date)})"
                )
            else:
                failures.append(
                    f"{who} was {article} {role} of {item.firm} who worked on the company's audit "
                    f"{text.period(item.start_date, item.end_date)}"
                    f"{past_fact_tail(item.end_date, as_of)}"
                )
    detail = (
        "; ".join(failures) + "."
        if failures
        else f"Neither {facts.director.full_name} nor a family member is a partner of the outside "
        "auditor, or worked on the company's audit as its partner or employee, "
        f"{look_back_words(as_of)}."
    )
    return BrightLineTest(
        "F",
        "Nasdaq 5605(a)(2)(F)",
        "Outside auditor",
        not failures,
        detail,
    )

"""The bright-line independence tests of Nasdaq 5605(a)(2)(A)-(F), as pure functions of one
director's facts on ``as_of``. Failing any one means the director is not independent. Employment
tests (A) and (C) live here; money in payments.py, other roles in relationships.py."""

import datetime

from committees.compliance import text
from committees.compliance.look_back import (
    BrightLineTest,
    clears_on,
    employer_words,
    is_interim_exception,
    look_back_start,
    look_back_words,
    past_fact_tail,
)
from committees.compliance.payments import check_b_compensation, check_d_business_relationship
from committees.compliance.relationships import check_e_interlock, check_f_auditor

__all__ = ["BrightLineTest", "bright_line_tests", "clears_on", "employer_words", "look_back_start"]


def check_a_employment(facts, as_of: datetime.date) -> BrightLineTest:
    """5605(a)(2)(A): employed by the company, a parent or a subsidiary in the past 3 years."""
    start = look_back_start(as_of)
    name = facts.director.full_name
    failures, excepted = [], []
    for job in facts.employments:
        if job.family_member_id or not job.overlaps(start, as_of):
            continue
        if is_interim_exception(job, as_of):
            excepted.append(job)
        elif job.is_current(as_of):
            # Executive officers and employees are never independent.
            failures.append(
                f"{name} is currently employed by {employer_words(job)} as {job.title} "
                f"({text.period(job.start_date, job.end_date)})"
            )
        else:
            failures.append(
                f"{name} was employed by {employer_words(job)} as {job.title} "
                f"{text.period(job.start_date, job.end_date)}{past_fact_tail(job.end_date, as_of)}"
            )
    if failures:
        detail = "; ".join(failures) + "."
    elif excepted:
        detail = "; ".join(
            f"{name}'s interim executive service as {job.title} "
            f"{text.period(job.start_date, job.end_date)} lasted one year or less and has ended, "
            "so it does not count"
            for job in excepted
        )
        detail += "."
    else:
        detail = (
            f"{name} was not employed by the company, a parent or a subsidiary "
            f"{look_back_words(as_of)}."
        )
    return BrightLineTest(
        "A",
        "Nasdaq 5605(a)(2)(A)",
        "Employment by the company, a parent or a subsidiary",
        not failures,
        detail,
    )


def check_c_family_executive(facts, as_of: datetime.date) -> BrightLineTest:
    """5605(a)(2)(C): a family member is or was an executive officer of the company, a parent or
    a subsidiary in the past 3 years."""
    start = look_back_start(as_of)
    failures = []
    for job in facts.employments:
        if not job.family_member_id or not job.is_executive_officer:
            continue
        if not job.overlaps(start, as_of):
            continue
        who = text.person(facts.director, job.family_member)
        if job.is_current(as_of):
            failures.append(
                f"{who} has been an executive officer ({job.title}) of {employer_words(job)} "
                f"{text.period(job.start_date, job.end_date)}"
            )
        else:
            failures.append(
                f"{who} was an executive officer ({job.title}) of {employer_words(job)} "
                f"{text.period(job.start_date, job.end_date)}{past_fact_tail(job.end_date, as_of)}"
            )
    detail = (
        "; ".join(failures) + "."
        if failures
        else f"No family member of {facts.director.full_name} was an executive officer of the "
        f"company, a parent or a subsidiary {look_back_words(as_of)}."
    )
    return BrightLineTest(
        "C",
        "Nasdaq 5605(a)(2)(C)",
        "Family member who is or was an executive officer",
        not failures,
        detail,
    )


def bright_line_tests(facts, as_of: datetime.date, profile) -> tuple[BrightLineTest, ...]:
    """Tests (A) to (F) for one director on ``as_of``."""
    return (
        check_a_employment(facts, as_of),
        check_b_compensation(facts, as_of),
        check_c_family_executive(facts, as_of),
        check_d_business_relationship(facts, as_of, profile),
        check_e_interlock(facts, as_of),
        check_f_auditor(facts, as_of),
    )

"""What the bright-line tests of Nasdaq 5605(a)(2) share: the 3-year look-back, the result
record, and how employers and periods read in a sentence."""

import datetime
from dataclasses import dataclass

from committees.compliance import text
from committees.models import Employment
from committees.models.common import years_after, years_before

LOOK_BACK_YEARS = 3
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class BrightLineTest:
    code: str  # "A" .. "F"
    rule: str  # "Nasdaq 5605(a)(2)(A)"
    title: str
    passed: bool
    detail: str

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "rule": self.rule,
            "title": self.title,
            "passed": self.passed,
            "detail": self.detail,
        }


def look_back_start(as_of: datetime.date) -> datetime.date:
    """First day of the 3-year look-back: a fact counts when it overlaps [this, as_of]."""
    return years_before(as_of, LOOK_BACK_YEARS)


def clears_on(end: datetime.date) -> datetime.date:
    """The first day on which a fact that ended on ``end`` has left the look-back."""
    candidate = years_after(end, LOOK_BACK_YEARS) + ONE_DAY
    while look_back_start(candidate) <= end:  # 29 February falls back to the 28th
        candidate += ONE_DAY
    return candidate


def look_back_words(as_of: datetime.date) -> str:
    return f"between {text.day(look_back_start(as_of))} and {text.day(as_of)}"


def past_fact_tail(end: datetime.date, as_of: datetime.date) -> str:
    return (
        f", within the 3-year look-back that began on {text.day(look_back_start(as_of))}; "
        f"this stops counting on {text.day(clears_on(end))}"
    )


def employer_words(employment: Employment) -> str:
    if employment.employer == Employment.Employer.COMPANY:
        return "the company"
    kind = "parent company" if employment.employer == Employment.Employer.PARENT else "subsidiary"
    if employment.employer_name:
        return f"the {kind} {employment.employer_name}"
    return f"the company's {kind}"


def is_interim_exception(employment: Employment, as_of: datetime.date) -> bool:
    """5605(a)(2)(A): interim executive service of one year or less that has ended is excepted.
    Dates are inclusive, so service may end at the latest on the first anniversary of its start.
    The exception is for an executive officer's role: an "interim" label on any other job is not
    enough."""
    return bool(
        employment.interim_executive
        and employment.is_executive_officer
        and employment.end_date is not None
        and employment.end_date < as_of
        and employment.end_date <= years_after(employment.start_date, 1)
    )

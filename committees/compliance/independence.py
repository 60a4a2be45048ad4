"""Director independence on a date: the board's determination in force (Nasdaq 5605(a)(2)) and
the bright-line tests, plus Rule 10A-3(b)(1) for audit committee service."""

import datetime
from dataclasses import dataclass

from committees.compliance import text
from committees.compliance.bright_line import BrightLineTest, bright_line_tests
from committees.compliance.facts import DirectorFacts, company_profile, load_director_facts
from committees.compliance.rule_10a3 import rule_10a3
from committees.models import Director, IndependenceDetermination


@dataclass(frozen=True)
class IndependenceResult:
    director: Director
    as_of: datetime.date
    determination: IndependenceDetermination | None  # the board's finding in force on as_of
    tests: tuple[BrightLineTest, ...]  # A..F from the dated facts on as_of
    is_independent: bool  # board found independent AND every test passes
    rule_10a3_met: bool
    rule_10a3_detail: str
    reasons: tuple[str, ...]  # why not independent / not 10A-3; empty when fine

    @property
    def failed_tests(self) -> tuple[BrightLineTest, ...]:
        return tuple(test for test in self.tests if not test.passed)

    @property
    def independence_reasons(self) -> tuple[str, ...]:
        """Only the reasons the director is not independent under 5605(a)(2)."""
        return _independence_reasons(self.director, self.determination, self.tests)

    @property
    def independence_reasons_after_name(self) -> tuple[str, ...]:
        """The same reasons worded to follow "<name> is not independent:", so that the sentence
        names the director and says "not independent" once."""
        return _independence_reasons(self.director, self.determination, self.tests, named=False)

    def snapshot(self) -> dict:
        """The tests as JSON, for IndependenceDetermination.bright_line_snapshot."""
        return {
            "as_of": self.as_of.isoformat(),
            "tests": [test.as_json() for test in self.tests],
            "rule_10a3_met": self.rule_10a3_met,
            "rule_10a3_detail": self.rule_10a3_detail,
        }


def _determination_reason(director, determination, *, named: bool = True) -> str | None:
    """5605(a)(2): independence needs the board's affirmative, dated finding. ``named=False``
    words it to follow a sentence that already names the director as not independent."""
    if determination is None:
        if not named:
            return "The board has made no finding of independence."
        return f"The board has not determined that {director.full_name} is independent."
    if not determination.is_independent:
        day = text.day(determination.determined_on)
        if not named:
            return f"The board so found on {day}."
        return f"The board found on {day} that {director.full_name} is not independent."
    return None


def _independence_reasons(director, determination, tests, *, named=True) -> tuple[str, ...]:
    reasons = []
    board = _determination_reason(director, determination, named=named)
    if board:
        reasons.append(board)
    for test in tests:
        if not test.passed:
            reasons.append(f"{test.detail[:-1]} ({test.rule}).")
    return tuple(reasons)


def evaluate_independence(facts: DirectorFacts, as_of: datetime.date, profile):
    """Independence of one director from facts already loaded (no queries)."""
    tests = bright_line_tests(facts, as_of, profile)
    board_ok = facts.independence is not None and facts.independence.is_independent
    is_independent = board_ok and all(test.passed for test in tests)
    sec = rule_10a3(facts, as_of, profile)
    reasons = _independence_reasons(facts.director, facts.independence, tests)
    reasons += tuple(f"{reason[:-1]} (SEC Rule 10A-3(b)(1))." for reason in sec.reasons)
    return IndependenceResult(
        director=facts.director,
        as_of=as_of,
        determination=facts.independence,
        tests=tests,
        is_independent=is_independent,
        rule_10a3_met=sec.met,
        rule_10a3_detail=sec.detail,
        reasons=reasons,
    )


def director_independence(director, as_of: datetime.date) -> IndependenceResult:
    """Whether ``director`` is independent (5605(a)(2)) and meets Rule 10A-3(b)(1) on ``as_of``."""
    facts = load_director_facts([director], as_of)[director.pk]
    return evaluate_independence(facts, as_of, company_profile())

"""The charter evidence report: for one committee and fiscal year, every clause (the rule a
requirement cites), its requirements, each occurrence's outcome, waiver and evidence."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from deadlines.freshness import occurrences_ensure_fresh
from deadlines.registry import registry
from deadlines.selectors.fiscal import fiscal_year_bounds
from deadlines.selectors.items import (
    KIND_WORDS,
    DeadlineItem,
    evaluated_at,
    item_for,
    requirement_for,
)
from deadlines.selectors.notices import occurrences_between
from deadlines.status import SEVERITY, Status

KIND_ORDER = {"listing": 0, "sec": 1, "charter": 2}
UNREGISTERED = "No longer tracked"


@dataclass(frozen=True)
class ReportRequirement:
    key: str
    title: str
    items: tuple[DeadlineItem, ...]  # its occurrences in the year, earliest period first


@dataclass(frozen=True)
class ReportClause:
    rule: str
    kind: str

    requirements: tuple[ReportRequirement, ...]

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, "")


@dataclass(frozen=True)
class EvidenceReport:
    committee: object
    fiscal_year: int
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    clauses: tuple[ReportClause, ...]
    counts: tuple[tuple[Status, int], ...]  # occurrences by status, worst first

    @property
    def items(self) -> list[DeadlineItem]:
        return [
            item
            for clause in self.clauses
            for requirement in clause.requirements
            for item in requirement.items
        ]

    @property
    def evaluated_at(self):
        return evaluated_at(self.items)

    @property
    def waivers(self) -> list[DeadlineItem]:
        return [item for item in self.items if item.waiver is not None]


def evidence_report(committee, fiscal_year: int, as_of: datetime.date) -> EvidenceReport:
    """Every occurrence whose period overlaps the fiscal year (two queries), grouped by clause;
    requirements that apply to the committee but have no occurrence that year are listed too."""
    start, end = fiscal_year_bounds(fiscal_year)
    occurrences_ensure_fresh([committee.pk], as_of=as_of)
    by_key: dict[str, list[DeadlineItem]] = defaultdict(list)
    for occurrence in occurrences_between([committee.pk], start=start, end=end):
        by_key[occurrence.requirement_key].append(item_for(occurrence, as_of))
    for requirement in registry.all():
        if requirement.key not in by_key and requirement.applies(committee):
            by_key[requirement.key] = []
    clauses: dict[tuple[str, str], list[ReportRequirement]] = defaultdict(list)
    for key, items in by_key.items():
        requirement = requirement_for(key)
        rule = requirement.rule_for(committee) if requirement else UNREGISTERED
        kind = str(requirement.kind_for(committee)) if requirement else ""
        title = requirement.title if requirement else key
        clauses[(kind, rule)].append(ReportRequirement(key, title, tuple(items)))
    ordered = tuple(
        ReportClause(rule=rule, kind=kind, requirements=tuple(sorted(reqs, key=lambda r: r.title)))
        for (kind, rule), reqs in sorted(
            clauses.items(), key=lambda pair: (KIND_ORDER.get(pair[0][0], 9), pair[0][1])
        )
    )
    tally = Counter(item.status for reqs in clauses.values() for r in reqs for item in r.items)
    counts = tuple((status, tally[status]) for status in SEVERITY if tally[status])
    return EvidenceReport(committee, fiscal_year, start, end, as_of, ordered, counts)

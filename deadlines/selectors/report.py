"""The charter evidence report: for one committee and fiscal year, one table of every
requirement's occurrences, worst status first, each with the rule it cites for that committee,
its outcome, the day it was met, any waiver and its evidence."""

import datetime
from collections import Counter
from dataclasses import dataclass

from deadlines.freshness import occurrences_ensure_fresh
from deadlines.registry import registry
from deadlines.selectors.fiscal import fiscal_year_bounds
from deadlines.selectors.items import (
    KIND_WORDS,
    DeadlineItem,
    evaluated_at,
    item_for,
    problem_starts,
)
from deadlines.selectors.notices import occurrences_between
from deadlines.status import SEVERITY, Status

UNREGISTERED = "No longer tracked"
# The table's order: what needs action first (not met, overdue, a cure period running, then what
# falls due soonest), then what is settled; a requirement with nothing recorded that year last.
REPORT_ORDER = (
    Status.FAILING,
    Status.OVERDUE,
    Status.CURE_PERIOD,
    Status.DUE_SOON,
    Status.DUE,
    Status.WAIVED,
    Status.MET,
)
RANK = {status: index for index, status in enumerate(REPORT_ORDER)}
NOTHING_RECORDED = len(REPORT_ORDER)


@dataclass(frozen=True)
class ReportRow:
    """One line of the year's table: an occurrence of a requirement, or a requirement that
    applies but has no occurrence that year (``item`` None)."""

    key: str
    title: str
    rule: str  # the rule cited for this committee only (Requirement.rule_for)
    kind: str
    item: DeadlineItem | None
    began: datetime.date | None = None  # a problem of a duty that applies at all times

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, "")

    @property
    def status(self) -> str:
        return str(self.item.status) if self.item else ""


@dataclass(frozen=True)
class EvidenceReport:
    committee: object
    fiscal_year: int
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    rows: tuple[ReportRow, ...]  # worst status first (overdue and failing), then by due date
    counts: tuple[tuple[Status, int], ...]  # occurrences by status, worst first

    @property
    def items(self) -> list[DeadlineItem]:
        return [row.item for row in self.rows if row.item is not None]

    @property
    def evaluated_at(self):
        return evaluated_at(self.items)

    @property
    def waivers(self) -> list[DeadlineItem]:
        return [item for item in self.items if item.waiver is not None]


def _order(row: ReportRow):
    if row.item is None:
        return (NOTHING_RECORDED, datetime.date.max, row.title, datetime.date.min)
    occurrence = row.item.occurrence
    day = row.item.due or row.began or occurrence.due_date or datetime.date.max
    return (RANK[row.item.status], day, row.title, occurrence.period_start)


def evidence_report(
    committee, fiscal_year: int, as_of: datetime.date, calendar=None
) -> EvidenceReport:
    """Every occurrence whose period overlaps the fiscal year, in one table ordered by status
    (overdue and failing first), each citing only the rule that applies to this committee;
    requirements that apply to the committee but have no occurrence that year are listed last.
    A fixed number of queries."""
    start, end = fiscal_year_bounds(fiscal_year, calendar)
    occurrences_ensure_fresh([committee.pk], as_of=as_of)
    items = [item_for(o, as_of) for o in occurrences_between([committee.pk], start=start, end=end)]
    starts = problem_starts(items)
    rows = []
    seen = set()
    for item in items:
        requirement = item.requirement
        seen.add(item.key)
        rows.append(
            ReportRow(
                key=item.key,
                title=item.title,
                rule=item.rule if requirement else UNREGISTERED,
                kind=item.kind,
                item=item,
                began=starts.get(item.occurrence.pk),
            )
        )
    for requirement in registry.all():
        if requirement.key not in seen and requirement.applies(committee):
            rows.append(
                ReportRow(
                    key=requirement.key,
                    title=requirement.title,
                    rule=requirement.rule_for(committee),
                    kind=str(requirement.kind_for(committee)),
                    item=None,
                )
            )
    rows.sort(key=_order)
    tally = Counter(item.status for item in items)
    counts = tuple((status, tally[status]) for status in SEVERITY if tally[status])
    return EvidenceReport(committee, fiscal_year, start, end, as_of, tuple(rows), counts)

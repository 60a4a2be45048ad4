"""What a compliance check reports: one finding per requirement, with its rule and a plain
explanation a director can act on."""

import datetime
from dataclasses import dataclass, field

# One vocabulary for findings and occurrences.
from deadlines.status import SEVERITY, Kind, Status, worst_status


@dataclass(frozen=True)
class Finding:
    key: str  # stable dotted key, e.g. "committees.composition.size"
    kind: Kind
    rule: str  # rule id or charter clause, e.g. "Nasdaq 5605(c)(2)(A)"
    title: str  # short name of the requirement
    status: Status
    detail: str  # plain-language explanation of the outcome
    due: datetime.date | None = None  # a deadline, e.g. the end of a cure period
    director_ids: tuple[int, ...] = field(default=())  # the directors the finding is about
    since: datetime.date | None = None  # the day a running cure period began

    def as_json(self) -> dict:
        return {
            "key": self.key,
            "kind": str(self.kind),
            "rule": self.rule,
            "status": str(self.status),
            "due": self.due.isoformat() if self.due else None,
            "detail": self.detail,
        }


__all__ = ["SEVERITY", "Finding", "Kind", "Status", "worst_status"]

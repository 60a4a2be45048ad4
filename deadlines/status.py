"""The engine's own names for a requirement's kind and an occurrence's status.

The compliance findings of committees use these same enums, so a finding's status and an
occurrence's status are one vocabulary; deadlines itself never imports a domain app.
"""

from enum import StrEnum


class Kind(StrEnum):
    LISTING = "listing"  # exchange listing standard (Nasdaq 5605 and friends)
    SEC = "sec"  # SEC or PCAOB rule
    CHARTER = "charter"  # only because this company's charter says so


class Status(StrEnum):
    MET = "met"
    DUE = "due"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    FAILING = "failing"
    CURE_PERIOD = "cure_period"
    WAIVED = "waived"

    @property
    def is_problem(self) -> bool:
        return self in (Status.FAILING, Status.OVERDUE)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


# An evaluator reports one of these; DUE, DUE_SOON and OVERDUE all mean "not met yet", and the
# engine decides which of the three it is from the due date (Occurrence.due_status).
NOT_YET_MET = frozenset({Status.DUE, Status.DUE_SOON, Status.OVERDUE})
EVALUATOR_STATUSES = NOT_YET_MET | {Status.MET, Status.FAILING, Status.CURE_PERIOD}
# Statuses that call for reminders while the occurrence is open and has a due date.
# A duty that applies at all times and is not complied with now, with or without a cure period.
PROBLEMS = frozenset({Status.FAILING, Status.CURE_PERIOD})
REMINDABLE = NOT_YET_MET | PROBLEMS


# Severity, worst first: the order dashboards sort by and a report's status is chosen from.
SEVERITY: tuple[Status, ...] = (
    Status.FAILING,
    Status.OVERDUE,
    Status.CURE_PERIOD,
    Status.DUE,
    Status.DUE_SOON,
    Status.WAIVED,
    Status.MET,
)


def worst_status(statuses) -> Status:
    """The most severe of ``statuses`` (see SEVERITY); MET when there are none."""
    seen = {Status(status) for status in statuses}
    for status in SEVERITY:
        if status in seen:
            return status
    return Status.MET

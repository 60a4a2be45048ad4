from deadlines.cadences import FiscalYear
from deadlines.registry import Evaluation, Requirement, register
from deadlines.status import Kind, Status


def evaluate(committee, period, as_of):
    """Never met: this app exists only to be discovered."""
    return Evaluation(Status.DUE)


register(
    Requirement(
        key="discovered_app.yearly_duty",
        title="A duty declared in requirements.py",
        kind=Kind.CHARTER,
        rule="Charter: test clause",
        cadence=FiscalYear(),
        evaluator=evaluate,
    )
)

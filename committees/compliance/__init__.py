"""Committee composition compliance (Nasdaq 5605(a)(2), 5605(c), SEC Rule 10A-3, Regulation S-K
Item 407(d)(5)): pure rules over facts loaded in a fixed number of queries."""

from committees.compliance.bright_line import BrightLineTest
from committees.compliance.composition import (
    CompositionReport,
    MemberStatus,
    evaluate_committee,
    evaluate_committees,
)
from committees.compliance.findings import Finding, Kind, Status, worst_status
from committees.compliance.independence import IndependenceResult, director_independence

__all__ = [
    "BrightLineTest",
    "CompositionReport",
    "Finding",
    "IndependenceResult",
    "Kind",
    "MemberStatus",
    "Status",
    "director_independence",
    "evaluate_committee",
    "evaluate_committees",
    "worst_status",
]

"""The auditor's duties in the deadline engine (rules section 5, Charter: Responsibilities 1 to
4), one module per area, and the hook that re-evaluates the audit committee whenever one of the
auditor's records changes."""

from auditors.requirements import approvals, communications, rotation
from deadlines.registry import registry


def affected_committees(record) -> list[int]:
    """The committee the auditor's record belongs to (directly or through its engagement)."""
    committee_id = getattr(record, "committee_id", None)
    if committee_id is None:
        engagement = getattr(record, "engagement", None)
        committee_id = getattr(engagement, "committee_id", None)
    if committee_id is None:
        policy = getattr(record, "policy", None)
        committee_id = getattr(policy, "committee_id", None)
    # A firm or a partner belongs to no one committee: every committee is looked at.
    return None if committee_id is None else [committee_id]


registry.watch("auditors", affected_committees)

__all__ = ["approvals", "communications", "rotation"]

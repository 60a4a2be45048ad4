from auditors.models.approvals import (
    Delegation,
    Fee,
    PolicyLine,
    PreApprovalPolicy,
    ServiceRequest,
)
from auditors.models.communications import (
    As1301Item,
    As1301Topic,
    CommitteeReport,
    Communication,
    StatementsReview,
)
from auditors.models.firms import (
    AuditFirm,
    AuditPartner,
    Engagement,
    FormerStaffHire,
    PartnerAssignment,
)

__all__ = [
    "As1301Item",
    "As1301Topic",
    "AuditFirm",
    "AuditPartner",
    "CommitteeReport",
    "Communication",
    "Delegation",
    "Engagement",
    "Fee",
    "FormerStaffHire",
    "PartnerAssignment",
    "PolicyLine",
    "PreApprovalPolicy",
    "ServiceRequest",
    "StatementsReview",
]

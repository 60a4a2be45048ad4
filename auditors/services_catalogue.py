"""What the auditor may be asked to do, in one place: the four categories the proxy statement
reports fees in (Schedule 14A Item 9(e)), and the nature of each service, including the ten the
auditor may never provide (S-X 2-01(c)(4)) and those that need the firm's written description
and an independence discussion first (PCAOB 3524 and 3525)."""

from django.db import models

PROHIBITED_RULE = "S-X 2-01(c)(4)"
TAX_OVERSIGHT_RULE = "PCAOB 3523"
TAX_RULE = "PCAOB 3524"
INTERNAL_CONTROL_RULE = "PCAOB 3525"
PREAPPROVAL_RULE = "S-X 2-01(c)(7)"
DELEGATION_RULE = "SOX 202"
DE_MINIMIS_RULE = "S-X 2-01(c)(7)(i)(C)"
ROTATION_RULE = "S-X 2-01(c)(6)"
CONTINGENT_RULE = "S-X 2-01(c)(5)"
COOLING_OFF_RULE = "S-X 2-01(c)(2)(iii)(B)"
FIRST_ENGAGEMENT_RULE = "PCAOB 3526(a)"
ANNUAL_INDEPENDENCE_RULE = "PCAOB 3526(b)"
AS1301_RULE = "AS 1301"
FEE_TABLE_RULE = "Schedule 14A 9(e)"
REPORT_RULE = "S-K 407(d)(3)"


class Category(models.TextChoices):
    """The proxy statement's four fee categories."""

    AUDIT = "audit", "Audit fees"
    AUDIT_RELATED = "audit_related", "Audit-related fees"
    TAX = "tax", "Tax fees"
    ALL_OTHER = "all_other", "All other fees"


class Nature(models.TextChoices):
    """What a service is. The first group may be approved; the second never may."""

    AUDIT = "audit", "Audit of the annual financial statements"
    REVIEW = "review", "Review of interim financial statements"
    ATTEST = "attest", "Other attest or assurance service"
    AUDIT_RELATED = "audit_related", "Audit-related service (due diligence, benefit plan audits)"
    TAX = "tax", "Tax service (compliance, advice, planning)"
    INTERNAL_CONTROL = "internal_control", "Internal-control-related non-audit service"
    OTHER_PERMITTED = "other_permitted", "Other permitted non-audit service"
    # Never approvable (S-X 2-01(c)(4)).
    BOOKKEEPING = "bookkeeping", "Bookkeeping or preparing the financial statements"
    SYSTEMS = "systems", "Financial information systems design and implementation"
    VALUATION = "valuation", "Appraisal, valuation, fairness opinion or contribution-in-kind report"
    ACTUARIAL = "actuarial", "Actuarial services"
    INTERNAL_AUDIT = "internal_audit", "Internal audit outsourcing"
    MANAGEMENT = "management", "Management functions"
    HUMAN_RESOURCES = "human_resources", "Human resources"
    BROKER_DEALER = "broker_dealer", "Broker-dealer, investment adviser or investment banking"
    LEGAL = "legal", "Legal services"
    EXPERT = "expert", "Expert services unrelated to the audit"


PROHIBITED = frozenset(
    {
        Nature.BOOKKEEPING,
        Nature.SYSTEMS,
        Nature.VALUATION,
        Nature.ACTUARIAL,
        Nature.INTERNAL_AUDIT,
        Nature.MANAGEMENT,
        Nature.HUMAN_RESOURCES,
        Nature.BROKER_DEALER,
        Nature.LEGAL,
        Nature.EXPERT,
    }
)
AUDIT_NATURES = frozenset({Nature.AUDIT, Nature.REVIEW, Nature.ATTEST})
# The firm's written description and a documented discussion come first (PCAOB 3524, 3525).
NEEDS_DESCRIPTION = {Nature.TAX: TAX_RULE, Nature.INTERNAL_CONTROL: INTERNAL_CONTROL_RULE}
# The proxy category a nature's fees are reported in.
CATEGORY_OF = {
    Nature.AUDIT: Category.AUDIT,
    Nature.REVIEW: Category.AUDIT,
    Nature.ATTEST: Category.AUDIT_RELATED,
    Nature.AUDIT_RELATED: Category.AUDIT_RELATED,
    Nature.TAX: Category.TAX,
    Nature.INTERNAL_CONTROL: Category.ALL_OTHER,
    Nature.OTHER_PERMITTED: Category.ALL_OTHER,
}


def is_prohibited(nature: str) -> bool:
    return nature in PROHIBITED


def prohibited_reason(nature: str) -> str:
    return (
        f"{Nature(nature).label} is a service the company's auditor may never provide "
        f"({PROHIBITED_RULE}); it cannot be approved, under a policy or otherwise. Engage "
        "another firm for it."
    )

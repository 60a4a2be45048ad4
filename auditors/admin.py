"""The secretary's administration of the auditor: the firm and its partners, each fiscal year's
engagement (with its partners, AS 1301 matters and fees inline), the pre-approval policy (with its
lines inline), delegations, service requests, fees, the firm's communications, the statements
review and the committee report, and former audit staff hired by the company.

The admin refuses what the portal refuses: each model's ``clean()`` holds its rules, and Django's
admin runs it on every save. Governance records are never deleted, and every change is kept in
the record's history, which is read here but never restored."""

from django.contrib import admin

from auditors.models import (
    As1301Item,
    AuditFirm,
    AuditPartner,
    CommitteeReport,
    Communication,
    Delegation,
    Engagement,
    Fee,
    FormerStaffHire,
    PartnerAssignment,
    PolicyLine,
    PreApprovalPolicy,
    ServiceRequest,
    StatementsReview,
)
from committees.admin.base import GovernanceAdmin, GovernanceInline


class PartnerAssignmentInline(GovernanceInline):
    model = PartnerAssignment
    verbose_name_plural = "Partners on the year's audit"
    fields = ("partner", "role")
    autocomplete_fields = ("partner",)


class As1301ItemInline(GovernanceInline):
    model = As1301Item
    verbose_name = "AS 1301 matter"
    verbose_name_plural = "AS 1301 matters communicated for the year's audit"
    fields = ("topic", "communicated_on", "form", "meeting", "notes")
    autocomplete_fields = ("meeting",)


class FeeInline(GovernanceInline):
    model = Fee
    fk_name = "engagement"
    fields = ("service", "category", "amount", "state", "basis", "request", "recorded_on")
    autocomplete_fields = ("request",)


class PolicyLineInline(GovernanceInline):
    model = PolicyLine
    verbose_name_plural = "Lines: each a specific service with its fee cap"
    fields = ("service", "nature", "category", "cap")


@admin.register(AuditFirm)
class AuditFirmAdmin(GovernanceAdmin):
    list_display = ("name", "pcaob_id", "office")
    search_fields = ("name", "pcaob_id", "office")
    fields = ("name", "pcaob_id", "office")


@admin.register(AuditPartner)
class AuditPartnerAdmin(GovernanceAdmin):
    list_display = ("full_name", "firm")
    list_filter = ("firm",)
    list_select_related = ("firm",)
    search_fields = ("full_name", "firm__name")
    fields = ("firm", "full_name")


@admin.register(Engagement)
class EngagementAdmin(GovernanceAdmin):
    list_display = ("fiscal_year", "firm", "committee", "status", "audit_fee", "approved_on")
    list_filter = ("status", "committee", "firm")
    list_select_related = ("firm", "committee")
    search_fields = ("firm__name",)
    ordering = ("committee", "-fiscal_year")
    autocomplete_fields = ("approved_at",)
    fieldsets = (
        (None, {"fields": ("committee", "firm", "fiscal_year", "status")}),
        (
            "The committee's approval and the firm's compensation",
            {"fields": ("approved_at", "approved_on", "audit_fee", "letter")},
        ),
        ("The audit", {"fields": ("procedures_begin_on", "report_issued_on")}),
        (
            "The stockholders' ratification",
            {"fields": ("ratified_on", "votes_for", "votes_against", "votes_abstaining")},
        ),
        ("Termination", {"fields": ("terminated_on", "termination_reason")}),
    )
    inlines = (PartnerAssignmentInline, As1301ItemInline, FeeInline)


@admin.register(PartnerAssignment)
class PartnerAssignmentAdmin(GovernanceAdmin):
    list_display = ("partner", "role", "engagement")
    list_filter = ("role", "engagement__committee", "engagement__fiscal_year")
    list_select_related = ("partner", "engagement__firm")
    search_fields = ("partner__full_name",)
    fields = ("engagement", "partner", "role")
    autocomplete_fields = ("engagement", "partner")


@admin.register(PreApprovalPolicy)
class PreApprovalPolicyAdmin(GovernanceAdmin):
    list_display = ("version", "committee", "effective_from", "effective_to", "approved_at")
    list_filter = ("committee",)
    list_select_related = ("committee", "approved_at__committee")
    search_fields = ("summary",)
    fields = (
        "committee",
        "version",
        "effective_from",
        "effective_to",
        "approved_at",
        "summary",
        "document",
    )
    autocomplete_fields = ("approved_at",)
    inlines = (PolicyLineInline,)


@admin.register(PolicyLine)
class PolicyLineAdmin(GovernanceAdmin):
    list_display = ("service", "category", "nature", "cap", "policy")
    list_filter = ("category", "policy__committee")
    list_select_related = ("policy",)
    search_fields = ("service",)
    fields = ("policy", "service", "nature", "category", "cap")


@admin.register(Delegation)
class DelegationAdmin(GovernanceAdmin):
    list_display = ("director", "committee", "fee_limit", "starts_on", "ends_on", "granted_at")
    list_filter = ("committee",)
    list_select_related = ("director", "committee", "granted_at__committee")
    search_fields = ("director__full_name",)
    fields = ("committee", "director", "granted_at", "starts_on", "ends_on", "fee_limit")
    autocomplete_fields = ("director", "granted_at")


@admin.register(ServiceRequest)
class ServiceRequestAdmin(GovernanceAdmin):
    list_display = (
        "service",
        "category",
        "estimated_fee",
        "starts_on",
        "status",
        "route",
        "decided_on",
    )
    list_filter = ("status", "route", "category", "committee", "engagement__fiscal_year")
    list_select_related = ("engagement",)
    search_fields = ("service", "firm_description")
    date_hierarchy = "requested_at"
    autocomplete_fields = ("engagement", "policy_line", "delegation", "approved_at")
    readonly_fields = ("requested_by", "decided_by", "reported_at")
    fieldsets = (
        (
            "The service",
            {
                "fields": (
                    "committee",
                    "engagement",
                    "service",
                    "nature",
                    "category",
                    "estimated_fee",
                    "starts_on",
                    "for_oversight_person",
                    "requested_at",
                    "requested_by",
                )
            },
        ),
        (
            "The firm's description and the independence discussion (PCAOB 3524, 3525)",
            {
                "fields": (
                    "firm_description",
                    "description_document",
                    "independence_discussed_on",
                    "independence_discussion",
                )
            },
        ),
        (
            "The decision",
            {
                "fields": (
                    "status",
                    "route",
                    "policy_line",
                    "delegation",
                    "approved_at",
                    "decided_on",
                    "decided_by",
                    "refusal_rule",
                    "refusal_reason",
                    "reported_at",
                )
            },
        ),
        (
            "Not pre-approved (de minimis)",
            {"fields": ("found_on", "recognized_at_engagement")},
        ),
    )


@admin.register(Fee)
class FeeAdmin(GovernanceAdmin):
    list_display = ("service", "category", "amount", "state", "basis", "engagement")
    list_filter = ("category", "state", "basis", "engagement__fiscal_year")
    list_select_related = ("engagement__firm",)
    search_fields = ("service",)
    fields = (
        "engagement",
        "service",
        "category",
        "amount",
        "state",
        "basis",
        "request",
        "recorded_on",
    )
    autocomplete_fields = ("engagement", "request")


@admin.register(Communication)
class CommunicationAdmin(GovernanceAdmin):
    list_display = ("kind", "firm", "received_on", "states_independent", "discussed_at")
    list_filter = ("kind", "committee", "firm")
    list_select_related = ("firm", "discussed_at__committee")
    search_fields = ("discussion",)
    date_hierarchy = "received_on"
    fields = (
        "committee",
        "firm",
        "kind",
        "received_on",
        "document",
        "states_independent",
        "discussed_at",
        "discussion",
    )
    autocomplete_fields = ("discussed_at",)


@admin.register(As1301Item)
class As1301ItemAdmin(GovernanceAdmin):
    list_display = ("topic", "engagement", "communicated_on", "form", "meeting")
    list_filter = ("topic", "form", "engagement__fiscal_year")
    list_select_related = ("engagement__firm", "meeting__committee")
    search_fields = ("notes",)
    fields = ("engagement", "topic", "communicated_on", "form", "meeting", "notes")
    autocomplete_fields = ("engagement", "meeting")


@admin.register(StatementsReview)
class StatementsReviewAdmin(GovernanceAdmin):
    list_display = ("engagement", "meeting", "recommends_inclusion")
    list_filter = ("recommends_inclusion",)
    list_select_related = ("engagement__firm", "meeting__committee")
    fields = ("engagement", "meeting", "recommends_inclusion", "notes")
    autocomplete_fields = ("engagement", "meeting")


@admin.register(CommitteeReport)
class CommitteeReportAdmin(GovernanceAdmin):
    list_display = ("engagement", "dated")
    list_select_related = ("engagement__firm",)
    search_fields = ("text",)
    fields = ("engagement", "dated", "signers", "text")
    filter_horizontal = ("signers",)
    autocomplete_fields = ("engagement",)


@admin.register(FormerStaffHire)
class FormerStaffHireAdmin(GovernanceAdmin):
    list_display = ("full_name", "company_role", "oversight_role", "hired_on", "last_on_audit_on")
    list_filter = ("oversight_role", "committee", "firm")
    list_select_related = ("firm",)
    search_fields = ("full_name", "company_role")
    fields = (
        "committee",
        "firm",
        "full_name",
        "company_role",
        "oversight_role",
        "hired_on",
        "last_on_audit_on",
        "hours_on_audit",
        "was_lead_or_concurring",
    )

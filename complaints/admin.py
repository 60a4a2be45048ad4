"""The secretary's view of complaints: the policy to keep, and each case's number, dates and
status only (never its contents: a case's contents are read in the portal by those the chair's
rules allow). Cases are neither added nor deleted here: reports come from the public page and
leave only through the retention purge."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from committees.admin.base import KeptForever, SecretaryPermissions
from complaints.models import Case, ComplaintsPolicy, ProcedureReview, PurgeRecord, QuarterlySummary

CASE_FIELDS = (
    "number",
    "committee",
    "status",
    "received_at",
    "acknowledged_at",
    "last_contact_at",
    "closed_at",
    "legal_hold",
)


class ReadOnly(SecretaryPermissions):
    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnly, admin.ModelAdmin):
    list_display = CASE_FIELDS
    list_filter = ("status", "legal_hold")
    fields = CASE_FIELDS
    readonly_fields = CASE_FIELDS
    search_fields = ("number",)

    def get_queryset(self, request):
        # Nothing of the contents is even loaded, so nothing is decrypted for this page.
        return super().get_queryset(request).only(*CASE_FIELDS).select_related("committee")


@admin.register(ComplaintsPolicy)
class ComplaintsPolicyAdmin(KeptForever, SecretaryPermissions, SimpleHistoryAdmin):
    list_display = ("committee", "acknowledge_business_days", "silence_days", "retention_years")
    filter_horizontal = ("readers",)


@admin.register(QuarterlySummary)
class QuarterlySummaryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("committee", "period_start", "period_end", "presented_on", "recorded_by")


@admin.register(ProcedureReview)
class ProcedureReviewAdmin(KeptForever, SecretaryPermissions, SimpleHistoryAdmin):
    list_display = ("committee", "reviewed_on", "recorded_by")


@admin.register(PurgeRecord)
class PurgeRecordAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ("ran_at", "as_of", "dry_run", "purged", "held")

"""The secretary's read views of the engine. Occurrences, evidence and waivers are written only by
the engine and the waiver service, so every field here is read-only and nothing can be deleted."""

from django.contrib import admin, messages
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin_search import SafeSearchAdmin
from deadlines.models import Evidence, Occurrence, Reminder, Waiver
from deadlines.registry import registry
from deadlines.services import reminder_deliver


class ReadOnlyMixin:
    """Viewable by the user the domain's admin-viewer hook names (the secretary) or with the
    model's view permission; never added, changed or deleted here."""

    def has_module_permission(self, request):
        return registry.is_admin_viewer(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return registry.is_admin_viewer(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(ReadOnlyMixin, admin.TabularInline):
    model = Evidence
    fields = ("label", "url", "content_type", "object_id", "recorded_at")
    readonly_fields = fields
    extra = 0


WAIVER_FIELDS = (
    "granted_by",
    "granted_on",
    "granted_at",
    "until",
    "reason",
    "revoked_by",
    "revoked_on",
    "revoked_at",
    "revoke_reason",
)


class WaiverInline(ReadOnlyMixin, admin.StackedInline):
    model = Waiver
    fields = WAIVER_FIELDS
    readonly_fields = fields
    extra = 0


class ReminderInline(ReadOnlyMixin, admin.TabularInline):
    model = Reminder
    fields = ("kind", "threshold", "due_date", "created_at", "sent_at", "state", "attempts")
    readonly_fields = fields
    extra = 0

    @admin.display(description="state")
    def state(self, obj):
        return obj.state


@admin.register(Occurrence)
class OccurrenceAdmin(SafeSearchAdmin, ReadOnlyMixin, SimpleHistoryAdmin):
    list_display = (
        "requirement_key",
        "committee",
        "period_start",
        "period_end",
        "due_date",
        "status",
        "is_open",
        "met_on",
    )
    list_filter = ("status", "is_open", "requirement_key", "committee")
    search_fields = ("requirement_key", "detail")
    date_hierarchy = "period_start"
    list_select_related = ("committee",)
    inlines = (EvidenceInline, WaiverInline, ReminderInline)

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]


@admin.register(Waiver)
class WaiverAdmin(SafeSearchAdmin, ReadOnlyMixin, SimpleHistoryAdmin):
    """Granted and revoked only through the waiver services (the occurrence page), which check
    the requirement's kind and who may; here they are read, with their history."""

    list_display = ("occurrence", "granted_by", "granted_on", "until", "in_force", "reason")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter),)
    list_select_related = ("occurrence__committee", "granted_by")
    readonly_fields = ("occurrence", *WAIVER_FIELDS)

    @admin.display(description="in force", boolean=True)
    def in_force(self, obj):
        return obj.revoked_at is None


class ReminderStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("pending", "Pending"), ("sent", "Sent"), ("cancelled", "Cancelled")]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.pending()
        if self.value() == "sent":
            return queryset.filter(sent_at__isnull=False)
        if self.value() == "cancelled":
            return queryset.filter(cancelled_at__isnull=False)
        return queryset


@admin.register(Reminder)
class ReminderAdmin(SafeSearchAdmin, ReadOnlyMixin, admin.ModelAdmin):
    list_display = (
        "subject",
        "kind",
        "threshold",
        "due_date",
        "created_at",
        "state",
        "sent_at",
        "attempts",
        "last_error",
    )
    list_filter = (ReminderStateFilter, "kind")
    list_select_related = ("occurrence__committee",)
    search_fields = ("subject",)
    readonly_fields = (
        "occurrence",
        "kind",
        "threshold",
        "offset_days",
        "due_date",
        "claimed_on",
        "recipients",
        "subject",
        "body",
        "created_at",
        "sent_at",
        "cancelled_at",
        "cancel_reason",
        "delivered_channels",
        "attempts",
        "last_attempt_at",
        "last_error",
    )
    actions = ("send_now",)

    @admin.display(description="state")
    def state(self, obj):
        return obj.state

    @admin.action(description="Try sending the selected pending reminders now")
    def send_now(self, request, queryset):
        results = [reminder_deliver(reminder_id=pk) for pk in queryset.values_list("pk", flat=True)]
        sent = results.count("sent")
        failed = results.count("failed")
        level = messages.WARNING if failed else messages.SUCCESS
        self.message_user(request, f"{sent} sent, {failed} still pending.", level)

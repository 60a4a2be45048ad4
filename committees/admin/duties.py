"""The secretary's administration of the committee's own duties: charter reviews, self-evaluation
questionnaires (questions inline) and the advisors register. Members' answers are not here at all:
they are confidential to the committee, and the admin shows completion only."""

from django.contrib import admin
from django.utils import timezone

from committees.admin.base import GovernanceAdmin, GovernanceInline, SecretaryInline, adopt
from committees.duties import services
from committees.duties.completion import completions
from committees.models import (
    AdvisorEngagement,
    AdvisorPayment,
    CharterReview,
    Question,
    Questionnaire,
)


@admin.register(CharterReview)
class CharterReviewAdmin(GovernanceAdmin):
    list_display = ("committee", "reviewed_on", "held_at", "held_at_reference", "outcome")
    list_filter = ("committee", "outcome")
    list_select_related = ("committee",)
    date_hierarchy = "reviewed_on"
    fields = (
        "committee",
        "reviewed_on",
        "held_at",
        "held_at_reference",
        "outcome",
        "new_charter_version",
        "summary",
        "recorded_by",
    )
    readonly_fields = ("recorded_by",)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.readonly_fields
        # A recorded review stays as the committee held it; only its wording may be corrected.
        return tuple(f for f in self.fields if f not in ("held_at_reference", "summary"))

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=["held_at_reference", "summary"])
            return
        saved = services.charter_review_record(
            committee=obj.committee,
            reviewed_on=obj.reviewed_on,
            held_at=obj.held_at,
            held_at_reference=obj.held_at_reference,
            outcome=obj.outcome,
            summary=obj.summary,
            new_charter_version=obj.new_charter_version,
            recorded_by=request.user,
            as_of=timezone.localdate(),
        )
        adopt(obj, saved)


class QuestionInline(SecretaryInline):
    model = Question
    extra = 1
    show_change_link = False
    fields = ("order", "text", "kind", "required")

    def _answered(self, obj) -> bool:
        return obj is not None and obj.responses.exists()

    # Once a member has answered, the questions they answered stay as they were asked.
    def has_add_permission(self, request, obj=None):
        return not self._answered(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not self._answered(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return not self._answered(obj) and super().has_delete_permission(request, obj)


@admin.register(Questionnaire)
class QuestionnaireAdmin(GovernanceAdmin):
    list_display = ("title", "committee", "purpose", "fiscal_year", "opens_on", "closes_on")
    list_filter = ("committee", "purpose", "fiscal_year")
    list_select_related = ("committee",)
    fields = (
        "committee",
        "title",
        "purpose",
        "fiscal_year",
        "opens_on",
        "closes_on",
        "completion",
    )
    readonly_fields = ("completion",)
    inlines = (QuestionInline,)

    @admin.display(description="completion")
    def completion(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        done = completions([obj], timezone.localdate())[obj.pk]
        return f"{done.counted} (members who answered, of those expected)"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class AdvisorPaymentInline(GovernanceInline):
    model = AdvisorPayment
    extra = 1
    show_change_link = False
    fields = ("paid_on", "amount", "description")


@admin.register(AdvisorEngagement)
class AdvisorEngagementAdmin(GovernanceAdmin):
    list_display = ("name", "firm", "committee", "kind", "engaged_on", "ended_on", "fee_budget")
    list_filter = ("committee", "kind")
    list_select_related = ("committee",)
    search_fields = ("name", "firm", "purpose")
    inlines = (AdvisorPaymentInline,)

    def save_model(self, request, obj, form, change):
        if change:
            fields = {name: form.cleaned_data[name] for name in form.changed_data}
            fields.pop("committee", None)
            services.advisor_engagement_update(engagement=obj, **fields)
            return
        saved = services.advisor_engagement_record(
            committee=obj.committee,
            name=obj.name,
            firm=obj.firm,
            kind=obj.kind,
            purpose=obj.purpose,
            engaged_on=obj.engaged_on,
            ended_on=obj.ended_on,
            fee_budget=obj.fee_budget,
            approved_by_committee_on=obj.approved_by_committee_on,
        )
        adopt(obj, saved)

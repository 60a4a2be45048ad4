"""Committees, their charter versions and the roster. Seats go through the services, which lock
the committee so two saves at once cannot seat two chairs or overlapping seats."""

import datetime

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from committees import services
from committees.admin.base import GovernanceAdmin, GovernanceInline, adopt, changed_values
from committees.models import CharterVersion, Committee, Membership
from committees.models.common import overlaps

CHARTER_NUMBERS = (
    "min_members",
    "min_meetings_per_year",
    "executive_session_interval_months",
    "board_report_within_days",
    "charter_review_interval_months",
    "self_evaluation_interval_months",
    "requires_financial_expertise",
)


def membership_save(obj, form, change) -> None:
    if not change:
        saved = services.membership_create(
            committee=obj.committee,
            director=obj.director,
            role=obj.role,
            start_date=obj.start_date,
            end_date=obj.end_date,
        )
        adopt(obj, saved)
        return
    changed = changed_values(form)
    if set(changed) == {"end_date"} and form.initial.get("end_date") is None:
        services.membership_end(membership=obj, end_date=changed["end_date"])
    elif changed:
        services.membership_update(membership=obj, **changed)


class MembershipFormSet(forms.BaseInlineFormSet):
    """Seats entered together are checked against each other too (each row is already checked
    against the saved roster): one seat per director at a time, one chair at a time."""

    def clean(self):
        super().clean()
        seats = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("start_date")
        ]
        for index, seat in enumerate(seats):
            for other in seats[index + 1 :]:
                if not overlaps(
                    seat["start_date"],
                    seat.get("end_date"),
                    other["start_date"],
                    other.get("end_date") or datetime.date.max,
                ):
                    continue
                if seat.get("director") == other.get("director"):
                    raise ValidationError(
                        f"{seat['director']} is entered twice for overlapping dates; a director "
                        "holds one seat on a committee at a time."
                    )
                if seat.get("role") == other.get("role") == Membership.Role.CHAIR:
                    raise ValidationError(
                        f"{seat['director']} and {other['director']} would both chair the "
                        "committee at the same time; a committee has one chair at a time."
                    )


class CharterVersionInline(GovernanceInline):
    model = CharterVersion
    fields = ("label", "adopted_on", "effective_from", "document", *CHARTER_NUMBERS)


class MembershipInline(GovernanceInline):
    model = Membership
    formset = MembershipFormSet
    fields = ("director", "role", "start_date", "end_date")
    autocomplete_fields = ("director",)


@admin.register(Committee)
class CommitteeAdmin(GovernanceAdmin):
    list_display = ("name", "slug", "kind")
    list_filter = ("kind",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (CharterVersionInline, MembershipInline)

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)  # builds the instances and the change log; saves nothing
        for seat_form in formset.forms:
            if not seat_form.has_changed() or seat_form in formset.deleted_forms:
                continue
            seat = seat_form.instance
            seat.committee = form.instance
            membership_save(seat, seat_form, change=seat.pk is not None)
        return None


@admin.register(CharterVersion)
class CharterVersionAdmin(GovernanceAdmin):
    list_display = ("committee", "label", "adopted_on", "effective_from", "min_members")
    list_filter = ("committee",)
    list_select_related = ("committee",)
    search_fields = ("label", "committee__name")
    date_hierarchy = "effective_from"


@admin.register(Membership)
class MembershipAdmin(GovernanceAdmin):
    list_display = ("director", "committee", "role", "start_date", "end_date")
    list_filter = ("committee", "role")
    list_select_related = ("director", "committee")
    search_fields = ("director__full_name", "committee__name")
    autocomplete_fields = ("director",)
    date_hierarchy = "start_date"

    def save_model(self, request, obj, form, change):
        membership_save(obj, form, change)

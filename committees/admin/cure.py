"""Cure periods (Nasdaq 5605(c)(4)) and the composition notices sent about the roster."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from committees import services
from committees.admin.base import GovernanceAdmin, adopt, changed_values
from committees.models import CompanyProfile, CurePeriod


class CurePeriodForm(forms.ModelForm):
    """Shows the services' checks as form errors: the annual meeting defaults to the company's
    next one, only a serving member can be in a cure period, and it starts on the day the
    member stopped being independent (5605(c)(4))."""

    class Meta:
        model = CurePeriod
        fields = (
            "committee",
            "director",
            "event_date",
            "reason",
            "annual_meeting_date",
            "ended_on",
        )

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event_date")
        profile = CompanyProfile.current()
        if event and not cleaned.get("annual_meeting_date") and profile:
            meeting = profile.next_annual_meeting
            cleaned["annual_meeting_date"] = meeting if meeting and meeting > event else None
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        try:
            services.check_cure_member(self.instance)
            if not self.errors and (
                self.instance.pk is None
                or {"event_date", "director", "committee"} & set(self.changed_data)
            ):
                services.check_cure_event(self.instance)
        except ValidationError as error:
            self._update_errors(error)


@admin.register(CurePeriod)
class CurePeriodAdmin(GovernanceAdmin):
    form = CurePeriodForm
    list_display = (
        "director",
        "committee",
        "event_date",
        "deadline",
        "ended_on",
    )
    list_filter = ("committee",)
    list_select_related = ("director", "committee")
    search_fields = ("director__full_name", "committee__name", "reason")
    autocomplete_fields = ("director",)
    date_hierarchy = "event_date"
    readonly_fields = ("deadline",)

    def save_model(self, request, obj, form, change):
        if change:
            services.cure_period_update(cure_period=obj, **changed_values(form))
            return
        saved = services.cure_period_open(
            committee=obj.committee,
            director=obj.director,
            event_date=obj.event_date,
            reason=obj.reason,
            annual_meeting_date=obj.annual_meeting_date,
            ended_on=obj.ended_on,
        )
        adopt(obj, saved)

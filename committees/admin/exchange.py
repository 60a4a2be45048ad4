"""Noncompliance episodes and the notices to the exchange about them (Nasdaq 5625, 5605(c)(4),
SEC Rule 10A-3(a)(3)), saved through the services so their checks show as form errors."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError

from committees import services
from committees.admin.base import GovernanceAdmin, adopt, changed_values
from committees.models import ExchangeNotice, NoncomplianceEpisode

RECORDED = ("recorded_by", "recorded_at")


class EpisodeForm(forms.ModelForm):
    """Shows the services' check as form errors: an episode begins on a day of noncompliance
    and ends on a day of compliance."""

    class Meta:
        model = NoncomplianceEpisode
        fields = ("committee", "began_on", "ended_on", "description")

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            services.episode_check(self.instance)
        except ValidationError as error:
            self._update_errors(error)


class ExchangeNoticeInline(admin.TabularInline):
    """The episode's notices, read here; each is recorded on its own page."""

    model = ExchangeNotice
    fields = ("sent_on", "rule", "sent_by", "document")
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(NoncomplianceEpisode)
class NoncomplianceEpisodeAdmin(GovernanceAdmin):
    form = EpisodeForm
    list_display = ("committee", "began_on", "ended_on", "notice_count")
    list_filter = ("committee",)
    list_select_related = ("committee",)
    search_fields = ("committee__name", "description")
    date_hierarchy = "began_on"
    readonly_fields = RECORDED
    inlines = (ExchangeNoticeInline,)

    @admin.display(description="notices")
    def notice_count(self, obj):
        return obj.notices.count()

    def save_model(self, request, obj, form, change):
        if change:
            services.episode_update(episode=obj, **changed_values(form))
            return
        saved = services.episode_record(
            committee=obj.committee,
            began_on=obj.began_on,
            ended_on=obj.ended_on,
            description=obj.description,
            recorded_by=request.user,
        )
        adopt(obj, saved)


@admin.register(ExchangeNotice)
class ExchangeNoticeAdmin(GovernanceAdmin):
    fields = ("episode", "sent_on", "rule", "reported", "sent_by", "document", *RECORDED)
    list_display = ("episode", "sent_on", "rule", "sent_by")
    list_filter = ("rule", "episode__committee")
    list_select_related = ("episode__committee",)
    search_fields = ("episode__committee__name", "reported", "sent_by", "document")
    date_hierarchy = "sent_on"
    readonly_fields = RECORDED

    def save_model(self, request, obj, form, change):
        if change:
            services.exchange_notice_update(notice=obj, **changed_values(form))
            return
        saved = services.exchange_notice_record(
            episode=obj.episode,
            sent_on=obj.sent_on,
            rule=obj.rule,
            reported=obj.reported,
            sent_by=obj.sent_by,
            document=obj.document,
            recorded_by=request.user,
        )
        adopt(obj, saved)

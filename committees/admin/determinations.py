"""The board's determinations. A recorded finding is never rewritten: the secretary records a
newer one, which supersedes it; only the resolution reference and notes (and an exception's
disclosure and revocation dates) stay editable."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from committees import services
from committees.admin.base import GovernanceAdmin, adopt, changed_values
from committees.models import (
    ExceptionDetermination,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    SophisticationDetermination,
)

RECORDED = ("recorded_by", "recorded_at")


class DeterminationAdmin(GovernanceAdmin):
    finding_fields: tuple[str, ...] = ()
    extra_readonly: tuple[str, ...] = ()  # computed displays shown once recorded
    list_select_related = ("director", "recorded_by")
    search_fields = ("director__full_name", "board_resolution", "notes")
    autocomplete_fields = ("director",)
    date_hierarchy = "determined_on"
    readonly_fields = RECORDED

    def get_list_display(self, request):
        return ("director", "determined_on", *self.finding_fields, "board_resolution")

    def get_list_filter(self, request):
        return self.finding_fields

    def _model_fields(self) -> list[str]:
        return [f.name for f in self.model._meta.fields if f.editable and not f.primary_key]

    def get_fields(self, request, obj=None):
        # The model's own order, recorded findings included, rather than editable ones first.
        extra = self.extra_readonly if obj is not None else ()
        return (*self._model_fields(), *extra, *RECORDED)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return RECORDED
        editable = set(
            services.EXCEPTION_ANNOTATIONS
            if isinstance(obj, ExceptionDetermination)
            else services.DETERMINATION_ANNOTATIONS
        )
        fixed = [name for name in self._model_fields() if name not in editable]
        return (*fixed, *self.extra_readonly, *RECORDED)

    def save_model(self, request, obj, form, change):
        if change:
            services.determination_annotate(determination=obj, **changed_values(form))
            return
        fields = {name: value for name, value in form.cleaned_data.items() if name != "id"}
        saved = services.determination_record(model=self.model, recorded_by=request.user, **fields)
        adopt(obj, saved)


@admin.register(IndependenceDetermination)
class IndependenceDeterminationAdmin(DeterminationAdmin):
    finding_fields = ("is_independent", "no_compensatory_fees", "is_affiliated_person")
    extra_readonly = ("bright_line_tests",)

    @admin.display(description="bright-line tests when recorded (Nasdaq 5605(a)(2))")
    def bright_line_tests(self, obj):
        tests = (obj.bright_line_snapshot or {}).get("tests") or []
        if not tests:
            return "Not recorded."
        rows = format_html_join(
            "",
            "<li>({}) {}: {}. {}</li>",
            (
                (
                    test.get("code", ""),
                    test.get("title", ""),
                    "passed" if test.get("passed") else "NOT passed",
                    test.get("detail", ""),
                )
                for test in tests
            ),
        )
        return format_html("<ul>{}</ul>", rows)


@admin.register(LiteracyDetermination)
class LiteracyDeterminationAdmin(DeterminationAdmin):
    finding_fields = ("is_financially_literate",)


@admin.register(SophisticationDetermination)
class SophisticationDeterminationAdmin(DeterminationAdmin):
    finding_fields = ("is_financially_sophisticated", "basis")


@admin.register(FinancialExpertDetermination)
class FinancialExpertDeterminationAdmin(DeterminationAdmin):
    finding_fields = ("is_designated", "route")


@admin.register(ExceptionDetermination)
class ExceptionDeterminationAdmin(DeterminationAdmin):
    finding_fields = ("committee",)
    list_select_related = ("director", "committee", "recorded_by")

    def get_list_display(self, request):
        return (*super().get_list_display(request), "disclosed_on", "revoked_on")

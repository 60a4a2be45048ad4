"""Directors and the dated facts their independence depends on."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from charter_portal.accounts.invitations import INVITATION_VALID_DAYS
from charter_portal.roles import is_secretary
from committees.admin.base import KeptForever, SecretaryAdmin, SecretaryInline
from committees.director_accounts import Invitation, director_account_change, director_invite
from committees.models import (
    AuditorRelationship,
    BusinessRelationship,
    Compensation,
    CompensationInterlock,
    Director,
    Employment,
    FamilyMember,
    FinancialStatementPreparation,
    OrganisationPayment,
)

PERIOD = ("start_date", "end_date")

# Governance records are never deleted (security target 13). A director's independence facts
# are the record the board's determinations rest on, so they are ended like memberships.
FACTS_NOTE = (
    "Independence facts are never deleted: when one stops being true, enter its end date; a "
    "wrong entry is corrected in place, and its history keeps what it said before."
)


class KeptFact(KeptForever):
    """A fact admin without delete permission (so no delete button, action or checkbox), with
    the note saying how a fact is ended instead."""

    def get_fieldsets(self, request, obj=None):
        (name, options), *rest = super().get_fieldsets(request, obj)
        return [(name, {**options, "description": FACTS_NOTE}), *rest]


class FactInline(KeptForever, SecretaryInline):
    """An inline fact: no delete checkbox. The family member is chosen from the director's own
    family table, so the choice has no add/change/view icons crowding the row."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "family_member" and field is not None:
            widget = field.widget
            widget.can_add_related = widget.can_change_related = False
            widget.can_view_related = widget.can_delete_related = False
        return field


FAMILY_NOT_SAVED = (
    "You are adding family members in this save, and this row names no one, so it would be "
    "saved as the director's own. Save the family members first (remove this row, or save "
    "without it), then add the row again and choose whom it is about."
)
ABOUT_HELP = (
    "Whose fact it is. A family member can be chosen once saved: add them under Family members "
    "and save first."
)


class FactFormSet(forms.BaseInlineFormSet):
    """A new fact that names no family member is the director's own. A family member added in
    the same save cannot be chosen yet (it has no row to point to), so a new fact saved then
    with no one named is refused: a spouse's job is never saved as the director's (test (A))."""

    family_formset = None  # the director's family inline in the same save (DirectorAdmin)

    def clean(self):
        super().clean()
        family = self.family_formset
        if family is None or not any(form.has_changed() for form in family.extra_forms):
            return
        for form in self.extra_forms:
            data = getattr(form, "cleaned_data", None)
            if not form.has_changed() or not data or data.get("DELETE"):
                continue
            if data.get("family_member") is None and "family_member" in form.fields:
                form.add_error("family_member", FAMILY_NOT_SAVED)


class OwnFamilyOnly:
    """A fact about a family member may only name the director's own family, and the choice
    says plainly that leaving it is the director."""

    formset = FactFormSet

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("family_member")
        if field is not None:
            family = FamilyMember.objects
            field.queryset = family.filter(director=obj) if obj else family.none()
            field.label = "About"
            field.help_text = ABOUT_HELP
            field.empty_label = f"{obj.full_name} (the director)" if obj else "The director"
        return formset


class FamilyMemberInline(FactInline):
    model = FamilyMember
    fields = ("name", "relationship", "is_minor", "shares_home")


class EmploymentInline(OwnFamilyOnly, FactInline):
    model = Employment
    fields = (
        "family_member",
        "employer",
        "employer_name",
        "title",
        "is_executive_officer",
        "interim_executive",
        *PERIOD,
    )


class CompensationInline(OwnFamilyOnly, FactInline):
    model = Compensation
    fields = ("family_member", "paid_on", "amount", "kind", "description")


class BusinessRelationshipInline(OwnFamilyOnly, FactInline):
    model = BusinessRelationship
    fields = ("family_member", "organisation", "role", "provides_professional_services", *PERIOD)


class CompensationInterlockInline(OwnFamilyOnly, FactInline):
    model = CompensationInterlock
    fields = ("family_member", "entity", "company_executive", *PERIOD)


class AuditorRelationshipInline(OwnFamilyOnly, FactInline):
    model = AuditorRelationship
    fields = ("family_member", "firm", "role", "worked_on_company_audit", *PERIOD)


class FinancialStatementPreparationInline(FactInline):
    model = FinancialStatementPreparation
    fields = ("entity", "description", *PERIOD)


@admin.register(Director)
class DirectorAdmin(SecretaryAdmin):
    """Changing the linked account goes through director_account_change: recorded in the
    history, and the director told at the old and the new address (issue 7)."""

    list_display = ("full_name", "email", "user")
    search_fields = ("full_name", "email", "user__email")
    list_select_related = ("user",)
    inlines = (
        FamilyMemberInline,
        EmploymentInline,
        CompensationInline,
        BusinessRelationshipInline,
        CompensationInterlockInline,
        AuditorRelationshipInline,
        FinancialStatementPreparationInline,
    )
    fieldsets = (
        (None, {"fields": ("full_name", "email", "phone", "user", "biography")}),
        ("Independence facts", {"fields": (), "description": FACTS_NOTE}),
    )

    actions = ["invite_to_portal"]

    def _create_formsets(self, request, obj, change):
        # Each fact table sees the family table of the same save (FactFormSet.clean).
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        family = next((fs for fs in formsets if fs.model is FamilyMember), None)
        for formset in formsets:
            if isinstance(formset, FactFormSet):
                formset.family_formset = family
        return formsets, inline_instances

    def has_invite_permission(self, request):
        return is_secretary(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {**(extra_context or {}), "can_invite": self.has_invite_permission(request)}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(
        description="Invite to the portal by email (a login linked to the director)",
        permissions=["invite"],
    )
    def invite_to_portal(self, request, queryset):
        """Each selected director gets an email with a link to choose a password, then to set
        up a second factor; the account is linked to the director (issue 8)."""
        for director in queryset:
            try:
                outcome = director_invite(director=director, invited_by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                continue
            director.refresh_from_db()
            email = director.user.email
            if outcome == Invitation.SENT:
                self.message_user(
                    request,
                    f"Invitation sent to {director.full_name} at {email}. The link works once, "
                    f"for {INVITATION_VALID_DAYS} days: {director.full_name} chooses a password, "
                    "then sets up a second factor. Inviting again sends a new link and stops the "
                    "old one.",
                    messages.SUCCESS,
                )
            else:
                self.message_user(
                    request,
                    f"{director.full_name} already has a working login ({email}), now linked to "
                    "the director; no invitation was sent, since an invitation never replaces a "
                    "password. They log in with their own password, or reset it from the login "
                    "page.",
                    messages.WARNING,
                )
        selected = list(queryset.values_list("pk", flat=True))
        if request.POST.get("_from_change") and len(selected) == 1:
            url = reverse("admin:committees_director_change", args=[selected[0]])
            return HttpResponseRedirect(url)
        return None

    def save_model(self, request, obj, form, change):
        if not (change and "user" in form.changed_data):
            return super().save_model(request, obj, form, change)
        new_user = obj.user
        obj.user = Director.objects.get(pk=obj.pk).user  # the link changes through the service
        super().save_model(request, obj, form, change)
        director_account_change(director=obj, user=new_user, changed_by=request.user)
        return None


class DirectorFactAdmin(KeptFact, SecretaryAdmin):
    """The same facts, listed across all directors."""

    list_select_related = ("director", "family_member")
    search_fields = ("director__full_name", "family_member__name", "notes")
    autocomplete_fields = ("director",)
    date_hierarchy = "start_date"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "family_member":
            kwargs["queryset"] = FamilyMember.objects.select_related("director")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(FamilyMember)
class FamilyMemberAdmin(KeptFact, SecretaryAdmin):
    list_display = ("name", "relationship", "director", "is_minor", "shares_home")
    list_filter = ("relationship",)
    list_select_related = ("director",)
    search_fields = ("name", "director__full_name")
    autocomplete_fields = ("director",)


@admin.register(Employment)
class EmploymentAdmin(DirectorFactAdmin):
    list_display = (
        "director",
        "family_member",
        "title",
        "employer",
        "is_executive_officer",
        *PERIOD,
    )
    list_filter = ("employer", "is_executive_officer", "interim_executive")
    search_fields = (*DirectorFactAdmin.search_fields, "title", "employer_name")


@admin.register(Compensation)
class CompensationAdmin(KeptFact, SecretaryAdmin):
    list_display = ("director", "family_member", "paid_on", "amount", "kind", "description")
    list_filter = ("kind",)
    list_select_related = ("director", "family_member")
    search_fields = ("director__full_name", "family_member__name", "description")
    autocomplete_fields = ("director",)
    date_hierarchy = "paid_on"


class OrganisationPaymentInline(FactInline):
    model = OrganisationPayment
    fields = ("fiscal_year", "direction", "amount", "recipient_gross_revenue", "exclusion")
    show_change_link = False


@admin.register(BusinessRelationship)
class BusinessRelationshipAdmin(DirectorFactAdmin):
    list_display = ("director", "family_member", "organisation", "role", *PERIOD)
    list_filter = ("role", "provides_professional_services")
    search_fields = (*DirectorFactAdmin.search_fields, "organisation")
    inlines = (OrganisationPaymentInline,)


@admin.register(OrganisationPayment)
class OrganisationPaymentAdmin(KeptFact, SecretaryAdmin):
    list_display = ("relationship", "fiscal_year", "direction", "amount", "recipient_gross_revenue")
    list_filter = ("direction", "exclusion", "fiscal_year")
    list_select_related = ("relationship__director", "relationship__family_member")
    search_fields = ("relationship__organisation", "relationship__director__full_name")
    autocomplete_fields = ("relationship",)


@admin.register(CompensationInterlock)
class CompensationInterlockAdmin(DirectorFactAdmin):
    list_display = ("director", "family_member", "entity", "company_executive", *PERIOD)
    search_fields = (*DirectorFactAdmin.search_fields, "entity", "company_executive")


@admin.register(AuditorRelationship)
class AuditorRelationshipAdmin(DirectorFactAdmin):
    list_display = ("director", "family_member", "firm", "role", "worked_on_company_audit", *PERIOD)
    list_filter = ("role", "worked_on_company_audit")
    search_fields = (*DirectorFactAdmin.search_fields, "firm")


@admin.register(FinancialStatementPreparation)
class FinancialStatementPreparationAdmin(DirectorFactAdmin):
    list_display = ("director", "entity", "description", *PERIOD)
    list_filter = ("entity",)
    search_fields = ("director__full_name", "description")

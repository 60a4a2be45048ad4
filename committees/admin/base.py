"""What every committees admin shares: the Secretary group keeps these records, history is shown
but never reverted in place, and governance records cannot be deleted."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.admin_search import SafeSearchAdmin
from charter_portal.roles import is_secretary
from committees.admin.warnings import ComplianceWarnings


class SecretaryPermissions:
    """The corporate secretary (the Secretary group) keeps every committees record; others need
    the model permissions as usual."""

    def has_module_permission(self, request):
        return is_secretary(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_secretary(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return is_secretary(request.user) or super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return is_secretary(request.user) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return is_secretary(request.user) or super().has_delete_permission(request, obj)


class KeptForever:
    """Governance records are never deleted (memberships are ended, determinations superseded,
    cure periods closed); without the permission Django also drops the bulk delete action."""

    def has_delete_permission(self, request, obj=None):
        return False


class SecretaryAdmin(ComplianceWarnings, SafeSearchAdmin, SecretaryPermissions, SimpleHistoryAdmin):
    """A model the secretary keeps, with its history button; a save that breaks a committee's
    compliance says so at once (committees/admin/warnings.py)."""

    save_on_top = False

    def revert_disabled(self, request, obj=None):
        # Reverting would write an old version past the services' checks; history is read-only.
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Past versions can be viewed, not restored.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class GovernanceAdmin(KeptForever, SecretaryAdmin):
    pass


class SecretaryInline(SecretaryPermissions, admin.TabularInline):
    extra = 0
    show_change_link = True


class GovernanceInline(KeptForever, SecretaryInline):
    pass


def adopt(obj, saved) -> None:
    """Make the admin's unsaved form instance the row a service saved, so the admin's messages
    and redirects point at it."""
    obj.__dict__.update(saved.__dict__)


def changed_values(form) -> dict:
    """The model fields the form changed, with their new values."""
    model_fields = {field.name for field in form.instance._meta.concrete_fields}
    model_fields.discard(form.instance._meta.pk.name)
    return {
        name: form.cleaned_data[name]
        for name in form.changed_data
        if name in model_fields and name in form.cleaned_data
    }

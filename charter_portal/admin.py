from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from charter_portal.accounts.second_factor import recently_reauthenticated
from charter_portal.accounts.services import second_factor_reset
from charter_portal.models import User
from charter_portal.roles import is_secretary


class PortalUserCreationForm(UserCreationForm):
    class Meta:
        model = User
        fields = ("email", "full_name")


class PortalUserChangeForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(SimpleHistoryAdmin, BaseUserAdmin):
    form = PortalUserChangeForm
    add_form = PortalUserCreationForm
    ordering = ("full_name", "email")
    list_display = ("email", "full_name", "is_staff", "is_active", "last_login")
    list_filter = ("is_staff", "is_active", "groups")
    search_fields = ("email", "full_name")
    fieldsets = (
        (None, {"fields": ("email", "full_name", "password")}),
        ("Roles", {"fields": ("is_active", "is_staff", "is_superuser", "groups")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "full_name", "password1", "password2")}),
    )
    readonly_fields = ("last_login", "date_joined")
    actions = ["reset_second_factor"]

    # The secretary sees the accounts and resets a lost second factor; changing accounts (roles,
    # staff status) stays with those given the model permission.
    def has_module_permission(self, request):
        return is_secretary(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_secretary(request.user) or super().has_view_permission(request, obj)

    def has_reset_second_factor_permission(self, request):
        return is_secretary(request.user)

    @admin.action(
        description="Reset the second factor (lost phone): the member sets it up again",
        permissions=["reset_second_factor"],
    )
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            second_factor_reset(user=user, by=request.user)
        self.message_user(
            request,
            f"Second factor reset for {len(users)} account{'s' if len(users) != 1 else ''}: "
            "their sessions ended and each was told by email.",
            messages.SUCCESS,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """Changing the address an account logs in with (where reset links go) needs the
        secretary's password and a fresh code first (issue 7)."""
        if request.method == "POST" and not recently_reauthenticated(request):
            user = self.get_object(request, object_id)
            new_email = (request.POST.get("email") or "").strip().lower()
            if user is not None and "email" in request.POST and new_email != user.email.lower():
                self.message_user(
                    request,
                    "Changing the email address needs your password and a new code: confirm "
                    "them, then make the change again.",
                    messages.WARNING,
                )
                url = reverse("admin:charter_portal_user_change", args=[user.pk])
                return redirect_to_login(url, reverse("reauthenticate"))
        return super().change_view(request, object_id, form_url, extra_context)


def admin_change_url(obj) -> str:
    """The administration page where ``obj`` is changed (e.g. a portal finding's "fix it in the
    administration" link for the secretary): /admin/<app>/<model>/<pk>/change/."""
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from charter_portal import views
from charter_portal.accounts import views as accounts

admin.site.site_header = "Charter Portal administration"
admin.site.site_title = "Charter Portal"
admin.site.index_title = "Corporate secretary"

auth_patterns = [
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("verify/", accounts.verify, name="second_factor_verify"),
    path("reauthenticate/", accounts.reauthenticate, name="reauthenticate"),
    path("security/", accounts.account_security, name="account_security"),
    path(
        "security/authenticator/replace/",
        accounts.authenticator_replace,
        name="authenticator_replace",
    ),
    path("password/change/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "invitation/<uidb64>/<token>/",
        accounts.InvitationAcceptView.as_view(),
        name="invitation_accept",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

# django-two-factor-auth reverses its own names ("two_factor:setup" and so on); only the pages
# the portal uses are routed, in the portal's look. There is no "disable": the second factor is
# required, and changing it is accounts.authenticator_replace.
second_factor_patterns = (
    [
        path("setup/", accounts.setup, name="setup"),
        path("setup/complete/", accounts.setup_complete, name="setup_complete"),
        path("backup-codes/", accounts.backup_codes, name="backup_tokens"),
    ],
    "two_factor",
)

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include(auth_patterns)),
    path("accounts/second-factor/", include(second_factor_patterns)),
    path("committees/", include("committees.urls")),
    path("deadlines/", include("deadlines.urls")),
    path("files/", include("files.urls")),
    path("complaints/", include("complaints.urls")),
    # The public complaint pages: anyone, no account (complaints/public.py).
    path("report/", include("complaints.public_urls")),
    path("meetings/", include("meetings.urls")),
    path("auditor/", include("auditors.urls")),
    # Before the admin's own login page (still reversed as admin:login), which asks no code.
    path("admin/login/", accounts.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

"""The public pages, under /report/: no login, no second factor (EXEMPT_URL_NAMES)."""

from django.urls import path

from complaints import public

app_name = "report"
urlpatterns = [
    path("", public.report, name="form"),
    path("follow-up/", public.follow_up, name="follow_up"),
]

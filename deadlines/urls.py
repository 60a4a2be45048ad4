from django.urls import path, re_path

from deadlines.views import calendar, feeds, notifications, occurrences, report

app_name = "deadlines"
urlpatterns = [
    path("occurrences/<int:pk>/", occurrences.occurrence_detail, name="occurrence"),
    path("calendar/", calendar.compliance_calendar, name="calendar"),
    path("report/", report.evidence_report_page, name="report"),
    path("feed/", feeds.feed_settings, name="feed"),
    re_path(r"^feed/(?P<token>[A-Za-z0-9_-]{20,100})\.ics$", feeds.feed_ics, name="feed_ics"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notifications_read, name="notifications_read"),
]

from django.urls import path

from meetings import views

app_name = "meetings"
urlpatterns = [
    path("prepare/", views.prepare, name="prepare"),
    path("<slug:slug>/", views.meeting_list, name="list"),
    path("<slug:slug>/new/", views.meeting_schedule, name="schedule"),
    path("<slug:slug>/reports/", views.reports, name="reports"),
    path("<slug:slug>/reports/<int:pk>/", views.report, name="board_report"),
    path("<slug:slug>/materials/<int:pk>/", views.material_open, name="material"),
    path("<slug:slug>/actions/<int:pk>/close/", views.action_close, name="action_close"),
    path("<slug:slug>/<int:pk>/", views.meeting_detail, name="meeting"),
    path("<slug:slug>/<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<slug:slug>/<int:pk>/cancel/", views.meeting_cancel, name="cancel"),
    path("<slug:slug>/<int:pk>/invite/", views.meeting_invite, name="invite"),
    path("<slug:slug>/<int:pk>/meeting.ics", views.meeting_ics, name="ics"),
    path("<slug:slug>/<int:pk>/board-book.pdf", views.board_book, name="board_book"),
    path("<slug:slug>/<int:pk>/agenda/", views.agenda, name="agenda"),
    path("<slug:slug>/<int:pk>/materials/", views.materials, name="materials"),
    path("<slug:slug>/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/<int:pk>/minutes/", views.minutes, name="minutes"),
    path("<slug:slug>/<int:pk>/actions/", views.actions, name="actions"),
    path("<slug:slug>/<int:pk>/report/", views.report_edit, name="report_edit"),
]

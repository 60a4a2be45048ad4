from django.urls import path

from complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("statistics/", views.statistics, name="statistics"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/print/", views.case_print, name="case_print"),
    path("<int:pk>/log/", views.case_log, name="case_log"),
    path("<int:pk>/<slug:action>/", views.case_action, name="case_action"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
]

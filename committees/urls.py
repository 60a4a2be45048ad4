from django.urls import path

from committees import views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("directors/<int:pk>/", views.director_detail, name="director"),
    path("<slug:slug>/", views.committee_detail, name="detail"),
]

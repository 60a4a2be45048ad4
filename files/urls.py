from django.urls import path

from files import views

app_name = "files"
urlpatterns = [
    path("<str:kind>/<int:pk>/", views.download, name="download"),
]

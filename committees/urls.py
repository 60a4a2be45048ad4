from django.urls import path

app_name = "committees"
urlpatterns = [path("", lambda r: None, name="list")]  # TEMPORARY

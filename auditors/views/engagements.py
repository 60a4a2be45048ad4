"""The auditor pages: engagements."""

urlpatterns = []

"""The auditor pages: requests."""

urlpatterns = []

"""The auditor pages: outputs."""

urlpatterns = []

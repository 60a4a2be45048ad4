"""The auditor pages: overview."""

urlpatterns = []

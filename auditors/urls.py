"""The auditor's pages under /auditor/<committee>/: each area of views/ lists its own."""

from auditors.views import engagements, outputs, overview, requests

app_name = "auditors"
urlpatterns = [
    *overview.urlpatterns,
    *requests.urlpatterns,
    *outputs.urlpatterns,
    *engagements.urlpatterns,
]

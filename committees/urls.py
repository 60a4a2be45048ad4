from django.urls import path

from committees import duty_views, questionnaire_views, views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("directors/<int:pk>/", views.director_detail, name="director"),
    # The directors' annual questionnaire (issue 12), before "<slug>/" so no slug shadows it.
    *questionnaire_views.urlpatterns,
    path("<slug:slug>/", views.committee_detail, name="detail"),
    # The committee's own duties (Charter: Responsibilities 6 and 7).
    path("<slug:slug>/duties/", duty_views.duties, name="duties"),
    path(
        "<slug:slug>/duties/charter-reviews/new/",
        duty_views.charter_review_record,
        name="charter_review_record",
    ),
    path("<slug:slug>/duties/evaluations/<int:pk>/", duty_views.evaluation, name="evaluation"),
    path(
        "<slug:slug>/duties/evaluations/<int:pk>/results/",
        duty_views.evaluation_results,
        name="evaluation_results",
    ),
]

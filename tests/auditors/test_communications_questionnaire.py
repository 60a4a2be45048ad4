"""The auditor evaluation reuses the self-evaluation's questionnaire with a purpose (Charter:
Responsibilities 1 and 7): the committee's own self-evaluation counts only self-evaluation
questionnaires, and the secretary chooses the purpose in the administration."""

import datetime

import pytest
from django.urls import reverse

from committees.duties import services as duty_services
from committees.models import Questionnaire
from committees.requirements import duties
from deadlines.cadences import Period
from deadlines.status import Status
from tests.committees.test_duties_models import answers_for, make_questionnaire

D = datetime.date
pytestmark = pytest.mark.django_db


def test_a_questionnaire_is_a_self_evaluation_unless_told(committee):
    assert make_questionnaire(committee).purpose == Questionnaire.Purpose.SELF_EVALUATION


def test_an_auditor_evaluation_does_not_meet_the_self_evaluation(committee):
    """Charter: Responsibilities 7: the committee's own evaluation is not met by a questionnaire
    about the auditor, however complete."""
    auditor = make_questionnaire(committee, title="Auditor 2026")
    Questionnaire.objects.filter(pk=auditor.pk).update(
        purpose=Questionnaire.Purpose.AUDITOR_EVALUATION
    )
    for membership in committee.memberships.select_related("director__user"):
        if membership.director.user:
            duty_services.evaluation_submit(
                questionnaire=auditor,
                user=membership.director.user,
                answers=answers_for(auditor),
                as_of=D(2026, 6, 5),
            )
    period = Period(D(2025, 7, 1), D(2026, 6, 30), D(2026, 6, 30))
    result = duties.evaluate_self_evaluation(committee, period, D(2026, 6, 10))
    assert result.status == Status.DUE
    assert duties.self_evaluation_last_met(committee, D(2026, 6, 10)) is None


def test_the_secretary_chooses_the_purpose_in_the_administration(client_for, secretary, committee):
    response = client_for(secretary).get(reverse("admin:committees_questionnaire_add"))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert dict(form.fields["purpose"].choices) == dict(Questionnaire.Purpose.choices)

"""Issue 12: the questionnaire's pages run a bounded number of queries: the same with three times
the facts, answers and directors as with one."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from committees import models as m
from committees.questionnaire import services
from tests import factories as f
from tests.committees import questionnaire_support as q

D = datetime.date


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


def _build(member, audit_committee, size: int, tag: str):
    """``size`` family members with a job and a payment each on Bob's record, ``size`` new
    facts in his draft, and ``size`` other directors certified."""
    bob = q.director_of(member)
    for n in range(size):
        relative = f.FamilyMemberFactory(director=bob, name=f"Relative {tag}{n}")
        f.EmploymentFactory(director=bob, family_member=relative, title=f"Clerk {n}")
        f.CompensationFactory(director=bob, family_member=relative, amount=Decimal("100"))
        rel = f.BusinessRelationshipFactory(director=bob, organisation=f"Org {tag}{n}")
        f.OrganisationPaymentFactory(relationship=rel)
    questionnaire = q.start(member)
    for n in range(size):
        q.new_family(questionnaire, name=f"New {tag}{n}")
    for n in range(size):
        other = f.seat_qualified_member(audit_committee, full_name=f"Other {tag}{n}")
        row = m.DirectorQuestionnaire.objects.create(round=q.open_round(), director=other)
        services.seal(row, user=None, typed_name=other.full_name, as_of=q.TODAY)
    return questionnaire


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _pages(questionnaire):
    return [
        reverse("committees:dq_questionnaire", args=[questionnaire.pk]),
        reverse("committees:dq_home"),
        reverse("committees:dq_round", args=[2026]),
        reverse("committees:dq_batch", args=[2026]),
    ]


def test_the_pages_do_not_grow_with_the_data(member, secretary, audit_committee, client_for):
    q.open_round(secretary)
    small = _build(member, audit_committee, 1, "a")
    director, reviewer = client_for(member), client_for(secretary)
    before = {url: _count(reviewer, url) for url in _pages(small)[1:]}
    before_own = _count(director, _pages(small)[0])
    # Twice as much again on the same record: three of each.
    bob = q.director_of(member)
    for n in range(2):
        relative = f.FamilyMemberFactory(director=bob, name=f"Relative b{n}")
        f.EmploymentFactory(director=bob, family_member=relative, title=f"Clerk b{n}")
        f.CompensationFactory(director=bob, family_member=relative, amount=Decimal("100"))
        rel = f.BusinessRelationshipFactory(director=bob, organisation=f"Org b{n}")
        f.OrganisationPaymentFactory(relationship=rel)
        q.new_family(small, name=f"New b{n}")
        other = f.seat_qualified_member(audit_committee, full_name=f"Other b{n}")
        row = m.DirectorQuestionnaire.objects.create(round=q.open_round(), director=other)
        services.seal(row, user=None, typed_name=other.full_name, as_of=q.TODAY)
    assert _count(director, _pages(small)[0]) == before_own
    assert {url: _count(reviewer, url) for url in _pages(small)[1:]} == before


def test_the_printable_copy_does_not_grow_with_the_data(member, secretary, client_for):
    q.open_round(secretary)
    questionnaire = q.start(member)
    q.new_family(questionnaire, name="First")
    q.answer_every_section(questionnaire)
    q.certify(questionnaire, member)
    url = reverse("committees:dq_print", args=[questionnaire.pk])
    client = client_for(secretary)
    once = _count(client, url)
    for n in range(4):
        m.DirectorAnswer.objects.create(
            questionnaire=questionnaire,
            section="family",
            action="add",
            data={"name": f"More {n}", "relationship": "sibling"},
        )
    assert _count(client, url) == once

"""The deadline engine's tests register their own requirements and domain hooks; the registry and
the channels are restored after each test, so nothing leaks into another test or app."""

import pytest

from charter_portal.permissions import can_manage_committee
from charter_portal.roles import is_secretary
from committees.models import Committee, CompanyProfile, Membership
from deadlines.channels import channels
from deadlines.registry import registry
from tests import factories as f
from tests.deadlines.support import Done


@pytest.fixture(autouse=True)
def isolated_registry():
    saved = dict(vars(registry))
    saved_requirements = dict(registry._requirements)
    saved_channels = dict(channels._channels)
    fresh = type(registry)()
    vars(registry).clear()
    vars(registry).update(vars(fresh))
    yield registry
    vars(registry).clear()
    vars(registry).update(saved)
    registry._requirements = saved_requirements
    channels._channels = saved_channels


@pytest.fixture
def done():
    return Done()


@pytest.fixture
def board_chair(db):
    return f.UserFactory(email="bert.boardchair@example.test", full_name="Bert Boardchair")


def _fiscal_year(day):
    profile = CompanyProfile.current()
    return profile.fiscal_year_bounds(profile.fiscal_year_of(day))


def _members(committee, as_of):
    rows = Membership.objects.active_on(as_of).filter(
        committee=committee, director__user__isnull=False
    )
    return [row.director.user for row in rows.select_related("director__user")]


@pytest.fixture
def domain(db, company, audit_committee, chair, member, secretary, board_chair):
    """The hooks a domain registers: the audit committee as the only subject, the company's fiscal
    calendar, its members as responsible, the secretary and board chair for escalations."""
    registry.set_subjects(lambda as_of: Committee.objects.filter(pk=audit_committee.pk))
    registry.set_fiscal_calendar(_fiscal_year)
    registry.set_responsible(_members)
    registry.set_escalation_recipients(lambda committee, as_of: [secretary, board_chair])
    registry.set_waiver_permission(
        lambda user, occurrence, as_of: can_manage_committee(user, occurrence.committee, as_of)
    )
    registry.set_admin_viewer(is_secretary)
    return audit_committee

"""The requirement registry: keys are unique, each app's requirements.py is discovered, and the
engine's statuses keep the domain's names."""

import datetime
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from committees.compliance import findings
from deadlines.cadences import FiscalQuarter, RollingMonths
from deadlines.registry import Evaluation, Requirement, register, registry
from deadlines.status import Kind, Status


def evaluate(committee, period, as_of):
    """Never met."""
    return Evaluation(Status.DUE)


def make(key="tests.quarterly_review", **extra):
    fields = dict(
        key=key,
        title="Quarterly review",
        kind="charter",
        rule="Charter: test clause",
        cadence=FiscalQuarter(),
        evaluator=evaluate,
    )
    fields.update(extra)
    return Requirement(**fields)


def test_register_get_and_all_in_key_order():
    second = register(make("tests.second"))
    first = register(make("tests.first"))
    assert registry.all() == [first, second]
    assert registry.get("tests.second") is second
    assert first.kind is Kind.CHARTER
    assert "tests.first" in registry


def test_a_duplicate_key_is_refused():
    register(make())
    with pytest.raises(ImproperlyConfigured, match="registered twice"):
        register(make(title="Another"))


def test_an_unknown_key_says_so():
    with pytest.raises(KeyError, match="tests.nothing"):
        registry.get("tests.nothing")


@pytest.mark.parametrize("key", ["nodots", "Tests.Upper", "tests..double", "tests.has space"])
def test_keys_must_be_dotted_lower_case(key):
    with pytest.raises(ValueError, match="dotted lower-case"):
        make(key)


def test_a_requirement_needs_a_cadence_and_an_evaluator():
    with pytest.raises(TypeError, match="evaluator"):
        make(evaluator="not callable")
    with pytest.raises(TypeError, match="cadence"):
        make(cadence=12)
    with pytest.raises(ValueError):
        make(kind="nyse")


def test_a_cadence_can_come_from_the_charter_in_force():
    requirement = make(cadence=lambda committee, as_of: RollingMonths(committee["months"]))
    assert requirement.cadence_for({"months": 18}, datetime.date(2026, 1, 1)).months == 18


def test_evaluators_cannot_report_a_waiver():
    with pytest.raises(ValueError, match="waivers are granted"):
        Evaluation(Status.WAIVED)


def test_fiscal_cadences_need_the_calendar_hook():
    with pytest.raises(ImproperlyConfigured, match="set_fiscal_calendar"):
        registry.calendar()


def test_nobody_may_waive_until_the_domain_registers_who_may():
    assert registry.can_waive(object(), object(), datetime.date(2026, 1, 1)) is False


def test_statuses_and_kinds_keep_the_names_of_committees_findings():
    assert {s.value for s in Status} == {s.value for s in findings.Status}
    assert {k.value for k in Kind} == {k.value for k in findings.Kind}


def test_requirements_py_of_every_installed_app_is_discovered(settings):
    sys.modules.pop("tests.deadlines.discovered_app.requirements", None)
    settings.INSTALLED_APPS = [*settings.INSTALLED_APPS, "tests.deadlines.discovered_app"]
    assert registry.get("discovered_app.yearly_duty").title == "A duty declared in requirements.py"

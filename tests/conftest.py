"""The fixed cast every test shares: a chair and a member of the audit committee, a member of
another committee, an investigator, the secretary, a board reader and an outsider."""

import datetime
import io
import logging
import uuid

import pytest
from django.test import Client

from charter_portal.celery import app as celery_app
from tests import factories as f
from tests.logins import verified_login

# Tests never wait on a broker: tasks run inline. tests/test_infrastructure.py checks that the
# configured Redis broker itself answers.
celery_app.conf.task_always_eager = True
celery_app.conf.task_eager_propagates = True

PASSWORD = "correct horse battery"
TODAY = datetime.date(2026, 6, 15)
# Every role of the cast, by fixture name; "anonymous" is nobody logged in.
ROLES = (
    "chair",
    "member",
    "other_member",
    "investigator",
    "secretary",
    "board_reader",
    "outsider",
    "anonymous",
)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_throttles(settings):
    """Throttle counters live in the cache (Redis in CI): each test gets its own key prefix, so
    it starts with none, and parallel workers sharing one Redis never clear each other's."""
    settings.CACHES = {
        alias: {**config, "KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
        for alias, config in settings.CACHES.items()
    }


@pytest.fixture
def console_log():
    """What the configured log handlers (settings.LOGGING, filters included) write during the
    test, as one string."""
    stream = io.StringIO()
    handlers = {
        handler
        for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]
        for handler in getattr(logger, "handlers", [])
        if isinstance(handler, logging.StreamHandler) and handler.filters
    }
    previous = {handler: handler.setStream(stream) for handler in handlers}
    yield stream
    for handler, old in previous.items():
        handler.setStream(old)


@pytest.fixture
def company(db):
    return f.CompanyProfileFactory()


@pytest.fixture
def audit_committee(db, company):
    committee = f.CommitteeFactory()
    f.CharterVersionFactory(committee=committee)
    return committee


@pytest.fixture
def other_committee(db, company):
    committee = f.CommitteeFactory(
        name="Compensation Committee", slug="compensation", kind="compensation"
    )
    f.CharterVersionFactory(committee=committee)
    return committee


@pytest.fixture
def chair(audit_committee):
    user = f.UserFactory(email="alice.chair@example.test", full_name="Alice Chair")
    f.seat_qualified_member(
        audit_committee,
        role="chair",
        sophisticated=True,
        full_name="Alice Chair",
        user=user,
    )
    return user


@pytest.fixture
def member(audit_committee):
    user = f.UserFactory(email="bob.member@example.test", full_name="Bob Member")
    f.seat_qualified_member(audit_committee, full_name="Bob Member", user=user)
    return user


@pytest.fixture
def other_member(other_committee):
    user = f.UserFactory(email="carol.other@example.test", full_name="Carol Other")
    f.seat_qualified_member(other_committee, full_name="Carol Other", user=user)
    return user


@pytest.fixture
def investigator(db):
    return f.UserFactory(
        email="ivan.investigator@example.test",
        full_name="Ivan Investigator",
        roles=["investigator"],
    )


@pytest.fixture
def secretary(db):
    return f.UserFactory(
        email="sam.secretary@example.test", full_name="Sam Secretary", roles=["secretary"]
    )


@pytest.fixture
def board_reader(db):
    return f.UserFactory(
        email="bella.board@example.test", full_name="Bella Board", roles=["board_reader"]
    )


@pytest.fixture
def outsider(db):
    return f.UserFactory(email="otto.outsider@example.test", full_name="Otto Outsider")


@pytest.fixture
def client_for():
    """A client logged in as ``user`` with the second factor passed (tests/logins.py)."""

    def make(user) -> Client:
        return verified_login(Client(), user)

    return make


@pytest.fixture
def on_today():
    """The clock stands at noon on TODAY, for tests whose records are refreshed after commit
    (deadlines.freshness evaluates for the real today)."""
    import time_machine

    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield TODAY

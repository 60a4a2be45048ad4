"""The roster and the director's file read what was computed when their records last changed
(committees.compliance.stored), never a standing older than the stored evaluation."""

import datetime

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from committees.compliance import stored
from committees.models import IndependenceDetermination
from deadlines.services import deadlines_run

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today():
    # The clock stands still: a refresh stamps the same evaluated_at as the one before, so only
    # the token retired after each refresh tells the kept report apart.
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 12, 0, tzinfo=datetime.UTC), tick=False
    ):
        yield


@pytest.fixture
def roster(audit_committee, chair, member, secretary, client_for):
    deadlines_run(as_of=TODAY)
    client = client_for(secretary)
    url = reverse("committees:detail", args=[audit_committee.slug])
    assert client.get(url).status_code == 200  # fills what is kept
    return client, url, member.director


def _standing(response, director):
    report = response.context["report"]
    return next(ms for ms in report.members if ms.director.pk == director.pk).independence


def test_a_new_determination_shows_on_the_roster_at_once(roster):
    """Nasdaq 5605(a)(2): the board finds a member no longer independent; the roster shows it on
    the next read, and the stored findings with it, though a report was kept before."""
    client, url, bob = roster
    assert _standing(client.get(url), bob).is_independent
    IndependenceDetermination.objects.create(
        director=bob, determined_on=TODAY, is_independent=False
    )
    response = client.get(url)
    assert not _standing(response, bob).is_independent
    assert "Not independent" in response.content.decode() or "not independent" in (
        response.content.decode()
    )


def test_an_edited_determination_shows_on_another_date_at_once(roster):
    """Nasdaq 5605(a)(2): editing a past determination changes the roster on that past date."""
    client, url, bob = roster
    past = {"as_of": "2025-06-01"}
    assert _standing(client.get(url, past), bob).is_independent
    determination = IndependenceDetermination.objects.get(director=bob)
    determination.is_independent = False
    determination.save()
    assert not _standing(client.get(url, past), bob).is_independent


def test_the_director_file_shows_a_change_at_once(roster, client_for, secretary):
    """Nasdaq 5605(a)(2): the director's file follows a new determination at once."""
    client, _, bob = roster
    url = reverse("committees:director", args=[bob.pk])
    assert client.get(url).context["file"].independence.is_independent
    IndependenceDetermination.objects.create(
        director=bob, determined_on=TODAY, is_independent=False
    )
    assert not client.get(url).context["file"].independence.is_independent


def test_a_kept_report_is_read_not_recomputed(roster, monkeypatch):
    """The second read of an unchanged roster computes nothing."""
    client, url, _ = roster

    def fail(*args, **kwargs):
        raise AssertionError("recomputed")

    monkeypatch.setattr(stored, "evaluate_committees", fail)
    assert client.get(url).status_code == 200


def test_a_lost_token_never_brings_back_an_old_report(roster):
    """A cache that drops the token (eviction, a restart of Redis) starts a new one: whatever
    was kept under the old one is never read again."""
    client, url, bob = roster
    cache.clear()
    IndependenceDetermination.objects.create(
        director=bob, determined_on=TODAY, is_independent=False
    )
    assert not _standing(client.get(url), bob).is_independent


def test_a_committee_with_nothing_stored_is_computed(audit_committee, chair):
    """Before the engine has run, nothing is kept: every read computes."""
    computed = []

    def compute():
        computed.append(1)
        return "report"

    for _ in range(2):
        assert stored.kept("test", [audit_committee.pk], TODAY, compute) == "report"
    assert len(computed) == 2

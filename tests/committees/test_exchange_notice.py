"""The notice to the exchange: one per noncompliance episode with a listing standard or an SEC
rule, citing the rule that applies (Nasdaq 5625, Nasdaq 5605(c)(4), SEC Rule 10A-3(a)(3)); a
charter shortfall calls for none. Bad input (a notice dated in the future or before its episode,
an episode that the findings do not bear out) gets a clear message and saves nothing.

Bob Member is found not financially literate on 1 March 2026 (Nasdaq 5605(c)(2)(A)); the clock
is frozen on 15 June 2026."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from committees import services
from committees.compliance import Kind, Status, evaluate_committee
from committees.models import ExchangeNotice, LiteracyDetermination, NoncomplianceEpisode
from tests import factories as f

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 6, 15)
FOUND = D(2026, 3, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 12, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def committee(chair, member, audit_committee):
    """Three qualified members until Bob is found not literate on 1 March 2026."""
    f.seat_qualified_member(audit_committee, full_name="Carla Diaz")
    LiteracyDetermination.objects.create(
        director=member.director, determined_on=FOUND, is_financially_literate=False
    )
    return audit_committee


def notice_finding(committee, as_of):
    return evaluate_committee(committee, as_of).finding("committees.composition.exchange_notice")


def record_episode(committee, began_on=FOUND, **fields):
    fields.setdefault("description", "Bob Member was found not financially literate.")
    return services.episode_record(committee=committee, began_on=began_on, **fields)


def record_notice(episode, sent_on, **fields):
    fields.setdefault("rule", ExchangeNotice.Rule.NASDAQ_5625)
    fields.setdefault("reported", "A member was found not financially literate.")
    fields.setdefault("sent_by", "Mara Lind, Chief Executive Officer")
    return services.exchange_notice_record(episode=episode, sent_on=sent_on, **fields)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


# The finding ----------------------------------------------------------------------------------


def test_5625_listing_failure_is_due_until_its_episode_has_a_notice(committee):
    """Nasdaq 5625: due without an episode, still due the day before the notice, met on it."""
    item = notice_finding(committee, D(2026, 3, 2))
    assert (item.status, item.kind, item.rule) == (Status.DUE, Kind.LISTING, "Nasdaq 5625")
    assert "Every member financially literate (Nasdaq 5605(c)(2)(A))" in item.detail
    episode = record_episode(committee)
    assert notice_finding(committee, D(2026, 3, 2)).detail.startswith(
        "No notice to the exchange is recorded for the noncompliance that began on 1 March 2026"
    )
    record_notice(episode, D(2026, 3, 3))
    assert notice_finding(committee, D(2026, 3, 2)).status == Status.DUE
    item = notice_finding(committee, D(2026, 3, 3))
    assert item.status == Status.MET
    assert item.detail == (
        "On 3 March 2026 the committee does not comply: Every member financially literate "
        "(Nasdaq 5605(c)(2)(A)). The exchange was notified on 3 March 2026 of the noncompliance "
        "that began on 1 March 2026 (Nasdaq 5625)."
    )


def test_10a3a3_rule_10a3_failure_cites_the_sec_rule(chair, member, audit_committee):
    """SEC Rule 10A-3(a)(3): a consulting fee to Carla is also a Nasdaq 5605(c)(2)(A) failure,
    so both rules are cited and the finding is the SEC's."""
    carla = f.seat_qualified_member(audit_committee, full_name="Carla Diaz")
    f.CompensationFactory(director=carla, paid_on=D(2026, 2, 1))
    item = notice_finding(audit_committee, TODAY)
    assert item.status == Status.DUE
    assert (item.kind, item.rule) == (Kind.SEC, "Nasdaq 5625; SEC Rule 10A-3(a)(3)")
    assert item.director_ids == (carla.pk,)


def test_5625_a_past_episode_without_a_notice_stays_due_after_compliance_returns(committee):
    """Nasdaq 5625: Bob is found literate again on 1 April 2026; the episode of March still
    needs its notice."""
    bob = committee.memberships.get(director__full_name="Bob Member").director
    LiteracyDetermination.objects.create(
        director=bob, determined_on=D(2026, 4, 1), is_financially_literate=True
    )
    record_episode(committee, ended_on=D(2026, 4, 1))
    item = notice_finding(committee, TODAY)
    assert item.status == Status.DUE
    assert item.detail == (
        "No notice to the exchange is recorded for the noncompliance that began on 1 March "
        "2026: notify the exchange (Nasdaq 5625) and record the notice."
    )


def test_5625_an_episode_without_a_notice_names_what_it_covers_and_whom(committee):
    """Nasdaq 5625: while Bob is still not literate, the missing notice names the failure and
    the finding is about Bob; once notified it still names him."""
    bob = committee.memberships.get(director__full_name="Bob Member").director
    episode = record_episode(committee)
    item = notice_finding(committee, D(2026, 3, 2))
    assert item.detail == (
        "No notice to the exchange is recorded for the noncompliance that began on 1 March "
        "2026: notify the exchange (Nasdaq 5625) and record the notice. It covers: Every member "
        "financially literate (Nasdaq 5605(c)(2)(A))."
    )
    assert item.director_ids == (bob.pk,)
    record_notice(episode, D(2026, 3, 3))
    assert notice_finding(committee, D(2026, 3, 3)).director_ids == (bob.pk,)


def test_5625_a_compliant_committee_needs_no_notice(chair, member, audit_committee):
    f.seat_qualified_member(audit_committee, full_name="Carla Diaz")
    item = notice_finding(audit_committee, TODAY)
    assert (item.status, item.director_ids) == (Status.MET, ())
    assert item.detail == (
        "The committee meets every listing standard and SEC rule checked here on 15 June 2026: "
        "nothing calls for a notice to the exchange."
    )


def test_5625_an_open_episode_asks_for_its_end_once_the_committee_complies(committee):
    bob = committee.memberships.get(director__full_name="Bob Member").director
    LiteracyDetermination.objects.create(
        director=bob, determined_on=D(2026, 4, 1), is_financially_literate=True
    )
    record_notice(record_episode(committee), D(2026, 3, 2))
    item = notice_finding(committee, TODAY)
    assert item.status == Status.MET
    assert item.detail.endswith(
        "The episode that began on 1 March 2026 is still open: record the first day the "
        "committee complied again."
    )


def test_charter_finding_never_calls_for_a_notice(chair, member, audit_committee):
    """Charter: Membership. Three members meet Nasdaq 5605(c)(2)(A); a charter asking for four
    fails only the charter, which the exchange does not hear of."""
    from committees.compliance.exchange_notice import notifiable_problems

    f.seat_qualified_member(audit_committee, full_name="Carla Diaz")
    audit_committee.charter_versions.update(min_members=4)
    report = evaluate_committee(audit_committee, TODAY)
    assert report.finding("committees.composition.charter_size").status == Status.FAILING
    assert notifiable_problems(report.findings) == []


# Recording episodes and notices: bad input ----------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "refused"),
    [
        (FOUND - datetime.timedelta(days=1), True),
        (FOUND, False),
        (FOUND + datetime.timedelta(days=1), False),
    ],
)
def test_5625_a_notice_dated_before_its_episode_is_refused(committee, sent_on, refused):
    episode = record_episode(committee)
    if not refused:
        assert record_notice(episode, sent_on).pk
        return
    with pytest.raises(ValidationError) as caught:
        record_notice(episode, sent_on)
    assert "The episode began on 1 March 2026; a notice about it cannot be dated before that." in (
        messages(caught.value)
    )
    assert not ExchangeNotice.objects.exists()


@pytest.mark.parametrize(("sent_on", "refused"), [(TODAY, False), (D(2026, 6, 16), True)])
def test_5625_a_notice_dated_in_the_future_is_refused(committee, sent_on, refused):
    episode = record_episode(committee)
    if not refused:
        assert record_notice(episode, sent_on).pk
        return
    with pytest.raises(ValidationError) as caught:
        record_notice(episode, sent_on)
    assert "A notice to the exchange cannot be in the future." in messages(caught.value)
    assert not ExchangeNotice.objects.exists()


@pytest.mark.parametrize(
    ("began_on", "refused"),
    [(D(2026, 2, 28), True), (FOUND, False), (D(2026, 3, 2), False)],
)
def test_5625_an_episode_begins_only_on_a_day_of_noncompliance(committee, began_on, refused):
    if not refused:
        assert record_episode(committee, began_on=began_on).pk
        return
    with pytest.raises(ValidationError) as caught:
        record_episode(committee, began_on=began_on)
    assert (
        "On 28 February 2026 Audit Committee met every listing standard and SEC rule the portal "
        "checks, so no noncompliance began that day" in messages(caught.value)
    )
    assert not NoncomplianceEpisode.objects.exists()


@pytest.mark.parametrize(
    ("ended_on", "refused"),
    [(D(2026, 3, 31), True), (D(2026, 4, 1), False)],
)
def test_5625_an_episode_ends_only_on_a_day_of_compliance(committee, ended_on, refused):
    bob = committee.memberships.get(director__full_name="Bob Member").director
    LiteracyDetermination.objects.create(
        director=bob, determined_on=D(2026, 4, 1), is_financially_literate=True
    )
    if not refused:
        assert record_episode(committee, ended_on=ended_on).ended_on == ended_on
        return
    with pytest.raises(ValidationError) as caught:
        record_episode(committee, ended_on=ended_on)
    assert "On 31 March 2026 Audit Committee still did not comply: Every member financially" in (
        messages(caught.value)
    )
    assert not NoncomplianceEpisode.objects.exists()


def test_5625_episodes_of_one_committee_do_not_overlap(committee):
    record_episode(committee)
    with pytest.raises(ValidationError) as caught:
        record_episode(committee, began_on=D(2026, 3, 5))
    assert "already runs from 1 March 2026 and has not ended" in messages(caught.value)
    assert NoncomplianceEpisode.objects.count() == 1


def test_5625_an_episode_with_a_notice_keeps_its_first_day(committee):
    episode = record_episode(committee)
    record_notice(episode, D(2026, 3, 3))
    with pytest.raises(ValidationError, match="already has a notice"):
        services.episode_update(episode=episode, began_on=D(2026, 3, 2))
    episode.refresh_from_db()
    assert episode.began_on == FOUND


# The secretary's admin and the committee page -------------------------------------------------


def test_secretary_records_a_notice_in_the_admin_and_a_future_date_is_refused(
    committee, secretary, client_for
):
    episode = record_episode(committee)
    client = client_for(secretary)
    url = reverse("admin:committees_exchangenotice_add")
    data = {
        "episode": episode.pk,
        "sent_on": "2026-06-16",
        "rule": "nasdaq_5625",
        "reported": "A member was found not financially literate.",
        "sent_by": "Mara Lind, Chief Executive Officer",
        "document": "Listing Center submission 4411",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "A notice to the exchange cannot be in the future." in response.content.decode()
    assert not ExchangeNotice.objects.exists()
    data["sent_on"] = "2026-03-03"
    assert client.post(url, data).status_code == 302
    notice = ExchangeNotice.objects.get()
    assert (notice.recorded_by, notice.document) == (secretary, "Listing Center submission 4411")


def test_secretary_cannot_record_an_episode_on_a_day_of_compliance_in_the_admin(
    committee, secretary, client_for
):
    response = client_for(secretary).post(
        reverse("admin:committees_noncomplianceepisode_add"),
        {"committee": committee.pk, "began_on": "2026-02-28", "description": "Too early."},
    )
    assert response.status_code == 200
    assert "no noncompliance began that day" in response.content.decode()
    assert not NoncomplianceEpisode.objects.exists()


def test_committee_page_shows_the_notice_and_links_only_the_secretary(
    committee, secretary, member, client_for
):
    record_notice(record_episode(committee), D(2026, 3, 3), document="Submission 4411")
    url = reverse("committees:detail", args=[committee.slug])
    html = client_for(member).get(url).content.decode()
    assert "Notices to the exchange" in html
    assert "Bob Member was found not financially literate." in html
    assert "Submission 4411" in html
    assert "Nasdaq 5625: noncompliance with the 5600 series" in html
    assert reverse("admin:committees_exchangenotice_add") not in html
    html = client_for(secretary).get(url).content.decode()
    assert reverse("admin:committees_exchangenotice_add") in html
    # On a date before the notice was sent, the page says none was recorded by then.
    html = client_for(member).get(url, {"as_of": "2026-03-02"}).content.decode()
    assert "No notice recorded by 2 March 2026." in html


def test_5625_every_problem_is_named_and_the_finding_has_its_title(committee):
    """Nasdaq 5625, SEC Rule 10A-3(a)(3): two failures at once (Bob not literate, Carla paid a
    consulting fee) are both named in the finding, one after the other."""
    carla = committee.memberships.get(director__full_name="Carla Diaz").director
    f.CompensationFactory(director=carla, paid_on=D(2026, 3, 1))
    item = notice_finding(committee, D(2026, 3, 2))
    assert item.title == "Exchange notified of noncompliance"
    assert (
        "does not comply: Audit committee independence under Rule 10A-3 (SEC Rule 10A-3(b)(1)); "
        "Every member financially literate (Nasdaq 5605(c)(2)(A)). No noncompliance" in item.detail
    )

"""Charter: Meetings in the portal: who reads which meeting and which paper (a member, a member
recused from the item, a member of another committee, a board reader), the secretary's tools
refusing bad input, the invitation's iCalendar event parsed back, and the personal feed."""

import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from deadlines.services.feeds import calendar_feed_reset
from meetings import services
from meetings.models import Meeting, Minutes
from tests import factories as f
from tests.meetings.support import NOW, hold, pdf_upload, schedule

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 6, 15, 16, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def meeting(audit_committee, chair, member, secretary):
    held = hold(audit_committee, D(2026, 6, 10))
    return held


@pytest.fixture
def papers(meeting, member, secretary):
    """A paper on an item Bob is recused from, and one on an item he is not."""
    conflicted = services.agenda_item_add(meeting=meeting, title="Supplier contract")
    plain = services.agenda_item_add(meeting=meeting, title="Audit plan")
    services.recusal_record(
        item=conflicted, director=member.director, reason="Sits on the supplier's board"
    )
    hidden = services.material_upload(
        meeting=meeting,
        agenda_item=conflicted,
        upload=pdf_upload(),
        title="Contract terms",
        by=secretary,
        now=NOW,
    )
    shown = services.material_upload(
        meeting=meeting,
        agenda_item=plain,
        upload=pdf_upload(),
        title="Plan 2026",
        by=secretary,
        now=NOW,
    )
    services.item_minute_record(
        item=conflicted, minute="canary-recused-minute discussed the renewal", decision=""
    )
    return hidden, shown


def download(client, version):
    return client.get(reverse("files:download", args=["meetings.material", version.pk]))


def test_a_member_reads_the_meeting_and_downloads_its_papers(client_for, chair, papers, meeting):
    hidden, shown = papers
    client = client_for(chair)
    page = client.get(meeting.get_absolute_url())
    assert page.status_code == 200
    assert b"Contract terms" in page.content and b"canary-recused-minute" in page.content
    opened = client.get(reverse("meetings:material", args=["audit", hidden.pk]))
    assert opened.status_code == 302
    response = client.get(opened["Location"])
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_recused_member_sees_neither_the_items_papers_nor_its_minute(
    client_for, member, papers, meeting
):
    """A member recused from an item sees neither its materials nor its minutes text."""
    hidden, shown = papers
    client = client_for(member)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Supplier contract" in page  # the item itself is on the agenda
    assert "You are recused from this item" in page
    assert "Contract terms" not in page and "canary-recused-minute" not in page
    assert "Plan 2026" in page
    assert download(client, hidden).status_code == 404
    assert client.get(reverse("meetings:material", args=["audit", hidden.pk])).status_code == 404
    assert download(client, shown).status_code == 200
    prepare = client.get(reverse("meetings:prepare"))
    assert b"Contract terms" not in prepare.content


def test_a_member_of_another_committee_reads_nothing(client_for, other_member, papers, meeting):
    hidden, shown = papers
    client = client_for(other_member)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert client.get(reverse("meetings:list", args=["audit"])).status_code == 404
    assert download(client, shown).status_code == 404
    assert client.get(reverse("meetings:material", args=["audit", shown.pk])).status_code == 404


def test_a_board_reader_reads_delivered_reports_and_nothing_else(
    client_for, board_reader, papers, meeting
):
    """Board readers read reports to the board and nothing else of the committee's meetings."""
    hidden, shown = papers
    client = client_for(board_reader)
    assert client.get(meeting.get_absolute_url()).status_code == 404
    assert download(client, shown).status_code == 404
    listing = client.get(reverse("meetings:list", args=["audit"]))
    assert listing.status_code == 302 and listing["Location"].endswith("/meetings/audit/reports/")
    draft = services.board_report_save(meeting=meeting, summary="Draft words", as_of=D(2026, 6, 15))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert b"Draft words" not in client.get(reverse("meetings:reports", args=["audit"])).content
    services.board_report_save(
        meeting=meeting,
        summary="Delivered words",
        delivered_on=D(2026, 6, 12),
        as_of=D(2026, 6, 15),
    )
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200 and b"Delivered words" in page.content
    assert meeting.get_absolute_url().encode() not in page.content


def test_the_secretary_schedules_a_meeting_in_the_portal(
    client_for, secretary, audit_committee, chair
):
    client = client_for(secretary)
    url = reverse("meetings:schedule", args=["audit"])
    data = {
        "kind": "regular",
        "day": "2026-09-15",
        "start_time": "10:00",
        "end_time": "09:00",
        "time_zone": "Europe/London",
        "location": "London office",
        "invite": "on",
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "The meeting must end after it starts." in refused.content.decode()
    assert not Meeting.objects.exists()
    done = client.post(url, {**data, "end_time": "12:00"})
    meeting = Meeting.objects.get()
    assert done["Location"] == meeting.get_absolute_url()
    assert meeting.starts_at == datetime.datetime(2026, 9, 15, 9, tzinfo=datetime.UTC)  # BST
    assert meeting.notice_sent_at is not None


def test_a_clash_is_refused_on_the_form(client_for, secretary, meeting):
    client = client_for(secretary)
    response = client.post(
        reverse("meetings:schedule", args=["audit"]),
        {
            "kind": "special",
            "day": "2026-06-10",
            "start_time": "11:00",
            "end_time": "13:00",
            "time_zone": "America/New_York",
            "location": "Room 4",
        },
    )
    assert "cannot hold two meetings at once" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_a_member_cannot_use_the_secretarys_tools(client_for, member, meeting):
    client = client_for(member)
    for name in ("agenda", "materials", "attendance", "minutes", "actions", "report_edit", "edit"):
        assert (
            client.get(reverse(f"meetings:{name}", args=["audit", meeting.pk])).status_code == 403
        )
    assert client.get(reverse("meetings:schedule", args=["audit"])).status_code == 403


def test_a_refused_file_on_the_upload_form_says_why(client_for, secretary, meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(secretary)
    response = client.post(
        reverse("meetings:materials", args=["audit", meeting.pk]),
        {"title": "Notes", "file": SimpleUploadedFile("notes.pdf", b"plain text here")},
    )
    assert response.status_code == 200
    assert "only a" in response.content.decode()
    assert not meeting.materials.exists()


def test_approving_minutes_in_the_portal_at_their_own_meeting_is_refused(
    client_for, secretary, meeting
):
    client = client_for(secretary)
    url = reverse("meetings:minutes", args=["audit", meeting.pk])
    client.post(url, {"action": "draft"})
    refused = client.post(url, {"action": "approve", "approved_at": meeting.pk})
    # The approving meeting must be another one: it is not even offered.
    assert "Select a valid choice" in refused.content.decode()
    later = hold(meeting.committee, D(2026, 6, 12))
    client.post(url, {"action": "approve", "approved_at": later.pk})
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.is_locked and minutes.approved_at == later
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'data-minutes-status="approved"' in page


def parse(ics: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(ics)
    return next(iter(calendar.walk("VEVENT")))


def test_the_invitation_carries_an_icalendar_event_that_parses_back(
    audit_committee, chair, member, secretary
):
    meeting = schedule(audit_committee, D(2026, 9, 15), hour=14, zone="Europe/London")
    services.agenda_item_add(meeting=meeting, title="Audit plan")
    services.agenda_item_add(meeting=meeting, title="canary-confidential-item", confidential=True)
    mail.outbox.clear()
    services.meeting_invite(meeting=meeting, now=NOW)
    from deadlines.services import outbox_flush

    outbox_flush()
    [message] = [m for m in mail.outbox if "Invitation" in m.subject]
    assert "bob.member@example.test" in message.to
    [(name, content, mimetype)] = message.attachments
    assert name == "meeting.ics" and mimetype.startswith("text/calendar; method=REQUEST")
    event = parse(content if isinstance(content, bytes) else content.encode())
    assert str(event["uid"]) == f"meeting-{meeting.pk}@127.0.0.1"
    assert event["sequence"] == 0
    start = event.decoded("dtstart")
    assert start == datetime.datetime(2026, 9, 15, 13, tzinfo=datetime.UTC)
    assert str(start.tzinfo) == "Europe/London"
    assert "Audit plan" in str(event["description"])
    assert "canary-confidential-item" not in str(event["description"])
    assert "canary-confidential-item" not in message.body

    # A change keeps the UID and raises SEQUENCE; a cancellation marks the same event.
    start = meeting.starts_at + datetime.timedelta(hours=1)
    services.meeting_update(
        meeting=meeting, now=NOW, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    services.meeting_cancel(meeting=meeting, now=NOW)
    outbox_flush()
    updated = [m for m in mail.outbox if m.subject.startswith(("Updated", "Cancelled"))]
    assert len(updated) == 2
    cancelled = parse(updated[-1].attachments[0][1])
    assert str(cancelled["uid"]) == str(event["uid"])
    assert cancelled["sequence"] == 2 and str(cancelled["status"]) == "CANCELLED"
    assert updated[-1].attachments[0][2].startswith("text/calendar; method=CANCEL")


def test_meetings_join_the_members_personal_feed(
    client, audit_committee, chair, member, other_member
):
    meeting = schedule(audit_committee, D(2026, 7, 1))
    token = calendar_feed_reset(user=member, now=NOW)
    feed = icalendar.Calendar.from_ical(
        client.get(reverse("deadlines:feed_ics", args=[token])).content
    )
    uids = {str(e["uid"]) for e in feed.walk("VEVENT")}
    assert f"meeting-{meeting.pk}@127.0.0.1" in uids
    assert feed.walk("VTIMEZONE")
    other = calendar_feed_reset(user=other_member, now=NOW)
    other_feed = client.get(reverse("deadlines:feed_ics", args=[other])).content.decode()
    assert f"meeting-{meeting.pk}@" not in other_feed


def test_the_preparation_view_counts_unread_materials(
    client_for, audit_committee, chair, secretary
):
    meeting = schedule(audit_committee, D(2026, 7, 1))
    version = services.material_upload(
        meeting=meeting, upload=pdf_upload(), title="Pack", by=secretary, now=NOW
    )
    client = client_for(chair)
    assert 'data-unread="1"' in client.get(reverse("meetings:prepare")).content.decode()
    client.get(reverse("meetings:material", args=["audit", version.pk]))
    assert 'data-unread="0"' in client.get(reverse("meetings:prepare")).content.decode()
    services.material_upload(
        meeting=meeting, upload=pdf_upload(), material=version.material, by=secretary, now=NOW
    )
    assert 'data-unread="1"' in client.get(reverse("meetings:prepare")).content.decode()


def test_the_meeting_page_shows_the_quorum(client_for, audit_committee, chair, member):
    f.seat_qualified_member(audit_committee, full_name="Dana Third")
    meeting = hold(audit_committee, D(2026, 6, 10), present=[chair.director])
    page = client_for(chair).get(meeting.get_absolute_url()).content.decode()
    assert 'data-quorum="not met"' in page
    assert "1 of 3 members present; 2 needed: no quorum." in page


def book_text(response) -> list[str]:
    import io

    from pypdf import PdfReader

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_the_board_book_holds_the_agenda_and_papers_marked_with_the_reader(
    client_for, chair, member, papers, meeting
):
    url = reverse("meetings:board_book", args=["audit", meeting.pk])
    pages = book_text(client_for(chair).get(url))
    assert len(pages) == 3  # the agenda and the two one-page papers
    assert all("Prepared for Alice Chair" in text for text in pages)
    assert "Supplier contract: Contract terms" in pages[0]
    # A recused member's book leaves out the item's paper, and is marked with his name.
    recused = book_text(client_for(member).get(url))
    assert len(recused) == 2
    assert all("Prepared for Bob Member" in text for text in recused)
    assert "Contract terms" not in "".join(recused)


def test_the_board_book_is_for_the_committee_only(client_for, board_reader, other_member, meeting):
    url = reverse("meetings:board_book", args=["audit", meeting.pk])
    assert client_for(board_reader).get(url).status_code == 404
    assert client_for(other_member).get(url).status_code == 404


def test_executive_session_notes_are_for_the_members_only(client_for, chair, secretary, meeting):
    """Charter: Meetings: private notes for committee members only, not the secretary."""
    services.executive_session_record(
        meeting=meeting, counterpart="independent_auditor", notes="canary-notes-5150"
    )
    assert b"canary-notes-5150" in client_for(chair).get(meeting.get_absolute_url()).content
    page = client_for(secretary).get(meeting.get_absolute_url()).content.decode()
    assert "canary-notes-5150" not in page and "Notes kept for the committee's members" in page
    tools = client_for(secretary).get(reverse("meetings:attendance", args=["audit", meeting.pk]))
    assert b"Private notes" not in tools.content


def test_the_chair_records_a_conflict_on_the_agenda_page(client_for, chair, member, meeting):
    """A conflict declared in advance recuses by default; a stranger cannot be named."""
    item = services.agenda_item_add(meeting=meeting, title="Supplier contract")
    url = reverse("meetings:agenda", args=["audit", meeting.pk])
    client = client_for(chair)
    outsider = f.DirectorFactory(full_name="Gail Guest")
    refused = client.post(
        url,
        {
            "form": "conflict",
            "agenda_item": item.pk,
            "director": outsider.pk,
            "source": "declared",
            "recused": "on",
        },
    )
    assert "Select a valid choice" in refused.content.decode()
    client.post(
        url,
        {
            "form": "conflict",
            "agenda_item": item.pk,
            "director": member.director.pk,
            "source": "declared",
            "reason": "Supplier's board",
            "recused": "on",
        },
    )
    recusal = item.recusals.get()
    assert recusal.recused and recusal.director == member.director


def test_a_minuted_item_is_evidence_for_the_duty_it_serves(audit_committee, chair, member):
    """Holding the meeting with the item, minuted, is the evidence another app reads."""
    from meetings.selectors import items_serving

    meeting = hold(audit_committee, D(2026, 3, 10))
    plan = services.agenda_item_add(meeting=meeting, title="Audit plan", serves=["audit_plan"])
    services.agenda_item_add(meeting=meeting, title="Other", serves=["complaint_summary"])
    assert items_serving(audit_committee, "audit_plan", D(2026, 1, 1), D(2026, 12, 31)) == []
    services.item_minute_record(item=plan, minute="Reviewed the plan.")
    assert items_serving(audit_committee, "audit_plan", D(2026, 1, 1), D(2026, 12, 31)) == [plan]
    assert items_serving(audit_committee, "audit_plan", D(2026, 3, 11), D(2026, 12, 31)) == []


def test_moving_a_meeting_in_the_portal_updates_the_same_calendar_event(
    client_for, secretary, audit_committee, chair
):
    meeting = schedule(audit_committee, D(2026, 9, 15), zone="UTC")
    services.meeting_invite(meeting=meeting, now=NOW)
    client = client_for(secretary)
    client.post(
        reverse("meetings:edit", args=["audit", meeting.pk]),
        {
            "kind": "regular",
            "day": "2026-09-16",
            "start_time": "10:00",
            "end_time": "12:00",
            "time_zone": "UTC",
            "location": "Board room, 12th floor",
        },
    )
    meeting.refresh_from_db()
    assert meeting.sequence == 1 and meeting.day == D(2026, 9, 16)
    from deadlines.models import Reminder

    assert Reminder.objects.filter(key=f"meetings.invitation:{meeting.pk}:1").exists()
    event = parse(client.get(reverse("meetings:ics", args=["audit", meeting.pk])).content)
    assert event["sequence"] == 1 and str(event["uid"]) == f"meeting-{meeting.pk}@127.0.0.1"


def test_a_confidential_items_paper_is_not_named_in_the_notice(audit_committee, chair, secretary):
    from deadlines.models import Reminder

    meeting = schedule(audit_committee, D(2026, 9, 15))
    item = services.agenda_item_add(meeting=meeting, title="Investigation", confidential=True)
    version = services.material_upload(
        meeting=meeting,
        agenda_item=item,
        upload=pdf_upload(),
        title="canary-secret-paper",
        by=secretary,
        now=NOW,
    )
    notice = Reminder.objects.get(key=f"meetings.material:{version.pk}")
    assert "canary-secret-paper" not in notice.body and "a confidential item" in notice.body

"""The two reading levels of a committee (docs/architecture.md; issue 7), decided by
charter_portal.permissions.reading_level: detail for its members and the secretary, summary for
a board reader, nothing for anyone else; the CSV follows the same level."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from charter_portal.permissions import ReadingLevel, reading_level, reading_levels

TODAY = datetime.date(2026, 6, 15)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("chair", ReadingLevel.DETAIL),
        ("member", ReadingLevel.DETAIL),
        ("secretary", ReadingLevel.DETAIL),
        ("board_reader", ReadingLevel.SUMMARY),
        ("other_member", None),
        ("investigator", None),
        ("outsider", None),
    ],
)
def test_reading_level_of_each_role(role, expected, request, audit_committee, other_committee):
    user = request.getfixturevalue(role)
    assert reading_level(user, audit_committee, TODAY) == expected
    levels = reading_levels(user, [audit_committee, other_committee], TODAY)
    assert levels.get(audit_committee.pk) == expected


def test_a_member_reads_detail_only_while_seated(member, audit_committee):
    seat = member.director.memberships.get()
    seat.end_date = TODAY
    seat.save(update_fields=["end_date"])
    assert reading_level(member, audit_committee, TODAY) == ReadingLevel.DETAIL
    assert reading_level(member, audit_committee, TODAY + datetime.timedelta(days=1)) is None


def test_an_inactive_user_reads_nothing(board_reader, audit_committee):
    board_reader.is_active = False
    assert reading_level(board_reader, audit_committee, TODAY) is None


def _csv_header(client):
    response = client.get(reverse("deadlines:report") + "?committee=audit&format=csv")
    return next(csv.reader(io.StringIO(response.content.decode())))


def test_the_csv_leaves_out_the_detail_columns_for_a_summary_reader(
    client_for, chair, board_reader, audit_committee
):
    detail = _csv_header(client_for(chair))
    summary = _csv_header(client_for(board_reader))
    assert {"Waiver reason", "Evidence", "Detail"} <= set(detail)
    assert not {"Waiver reason", "Evidence", "Detail"} & set(summary)
    assert {"Requirement", "Status", "Clause or rule"} <= set(summary)

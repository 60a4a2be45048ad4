"""The compliance calendar: a fiscal year's occurrences by month, coloured by status, each linking
to its occurrence page; fiscal years come from the company profile through the registry."""

import pytest
from django.urls import reverse

from committees.models import CompanyProfile
from tests.deadlines import views_data
from tests.deadlines.support import run
from tests.deadlines.views_data import CAN_SEE, CANNOT_SEE, D

# Fixtures shared with the deadline engine's tests.
on_today = views_data.on_today
year = views_data.year

CALENDAR = reverse("deadlines:calendar")
# Session, user, the second-factor device (django_otp's middleware), roles, groups, the committees
# the user sees, the committee, occurrences, their evidence and their waivers in force, the unread
# count, the reader's reading level of the committee, and the fiscal years the projected periods
# are computed in (this year and the one before, once each): the same at any number of
# occurrences.
CALENDAR_QUERIES = 19


@pytest.mark.parametrize("who", CAN_SEE)
def test_who_sees_the_committee_sees_its_calendar(year, request, client_for, who):
    response = client_for(request.getfixturevalue(who)).get(CALENDAR, {"committee": "audit"})
    assert response.status_code == 200
    html = response.content.decode()
    q1 = year["q1"]
    assert f'data-occurrence="{q1.pk}"' in html
    assert f'href="{reverse("deadlines:occurrence", args=[q1.pk])}"' in html


@pytest.mark.parametrize("who", CANNOT_SEE)
def test_another_committees_calendar_is_404(year, request, client_for, who):
    client = client_for(request.getfixturevalue(who))
    assert client.get(CALENDAR, {"committee": "audit"}).status_code == 404
    assert client.get(CALENDAR, {"committee": "no-such"}).status_code == 404


def test_anonymous_goes_to_login(year, client):
    assert client.get(CALENDAR).url.startswith(reverse("login"))


def test_the_year_by_month_with_status_colours(year, client_for, chair):
    response = client_for(chair).get(CALENDAR, {"committee": "audit", "fy": "2026"})
    calendar = response.context["year"]
    assert (calendar.start, calendar.end) == (D(2026, 1, 1), D(2026, 12, 31))
    assert [m.first_day for m in calendar.months] == [D(2026, n, 1) for n in range(1, 13)]
    by_month = {
        m.first_day.month: [(i.title, str(i.status)) for i in m.items] for m in calendar.months
    }
    assert by_month[3] == [("Quarterly review", "overdue")]
    assert by_month[5] == [("Quarterly filing review", "overdue")]
    assert by_month[6] == [("Quarterly review", "due_soon")]
    assert by_month[8] == [("Quarterly filing review", "due")]
    assert by_month[12] == [("Auditor independence letter", "met")]
    html = response.content.decode()
    assert 'class="calendar-item status-overdue"' in html
    assert 'class="calendar-item status-met"' in html
    assert "?committee=audit&amp;fy=2025" in html and "?committee=audit&amp;fy=2027" in html


def test_another_year_has_nothing_yet(year, client_for, chair):
    response = client_for(chair).get(CALENDAR, {"committee": "audit", "fy": "2025"})
    assert response.context["year"].count == 0
    assert "Nothing is recorded for fiscal year 2025 yet" in response.content.decode()


@pytest.mark.parametrize("fy", ["abc", "1200", "99999"])
def test_a_bad_year_shows_the_current_one_and_says_why(year, client_for, chair, fy):
    response = client_for(chair).get(CALENDAR, {"committee": "audit", "fy": fy})
    assert response.status_code == 200
    assert response.context["year"].fiscal_year == 2026
    assert "Showing fiscal year 2026." in response.content.decode()


def test_the_fiscal_year_follows_the_company_profile(domain, client_for, chair, on_today):
    """Fiscal years are named by the calendar year they end in (CompanyProfile)."""
    CompanyProfile.objects.update(fiscal_year_end_month=6, fiscal_year_end_day=30)
    response = client_for(chair).get(CALENDAR, {"committee": "audit"})
    calendar = response.context["year"]
    assert calendar.fiscal_year == 2026
    assert (calendar.start, calendar.end) == (D(2025, 7, 1), D(2026, 6, 30))
    assert calendar.months[0].first_day == D(2025, 7, 1)
    assert calendar.months[-1].first_day == D(2026, 6, 1)


def test_without_a_committee_the_first_visible_one_shows(year, client_for, other_member, outsider):
    response = client_for(other_member).get(CALENDAR)
    assert response.context["committee"].slug == "compensation"
    response = client_for(outsider).get(CALENDAR)
    assert response.status_code == 200
    assert "There is no committee to show you" in response.content.decode()


@pytest.mark.parametrize(("runs", "shown"), [(0, 5), (2, 8)])
def test_calendar_queries_are_bounded(
    year, done, client_for, chair, django_assert_max_num_queries, runs, shown
):
    """More occurrences in the year (the runs of 1 July and 1 October open Q3 and Q4) do not
    add queries."""
    for day in [D(2026, 7, 1), D(2026, 10, 1)][:runs]:
        run(day)
    client = client_for(chair)
    client.get(CALENDAR, {"committee": "audit"})  # the refresh a commit would have done
    with django_assert_max_num_queries(CALENDAR_QUERIES):
        response = client.get(CALENDAR, {"committee": "audit"})
    assert response.status_code == 200
    assert response.context["year"].count == shown

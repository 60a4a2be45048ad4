"""Issue 8, the calendar and the evidence report as their readers meet them: problems of a duty
that applies at all times in the month they began, projected periods of the cadences, a legend
with only the colours shown; one table per fiscal year, worst first, a duty met late with both
dates, "met on" for continuous duties, and a CSV Excel opens as UTF-8."""

import csv
import io

import pytest
from django.urls import reverse

from deadlines.cadences import Continuous
from deadlines.registry import Evaluation, Requirement, registry
from deadlines.status import Kind, Status
from tests.deadlines import views_data
from tests.deadlines.support import occurrence, run
from tests.deadlines.views_data import FILING, QUARTERLY, TODAY, D

on_today = views_data.on_today
year = views_data.year

CALENDAR = reverse("deadlines:calendar")
REPORT = reverse("deadlines:report")
STANDING = "tests.standing_size"


class Standing:
    """A duty that applies at all times: failing from ``failing_from``, or in a cure period from
    ``cure_from`` until ``cure_until``."""

    failing_from = None
    cure_from = None
    cure_until = None

    def evaluate(self, committee, period, as_of):
        if self.cure_from and self.cure_from <= as_of <= self.cure_until:
            return Evaluation(Status.CURE_PERIOD, due=self.cure_until, detail="Cure period.")
        if self.failing_from and self.failing_from <= as_of:
            return Evaluation(Status.FAILING, detail="Too few members.")
        return Evaluation(Status.MET, detail="Enough members.")


@pytest.fixture
def standing(year):
    duty = Standing()
    registry.register(
        Requirement(
            key=STANDING,
            title="Minimum number of members",
            kind=Kind.LISTING,
            rule="Nasdaq 5605(c)(2)(A)",
            cadence=Continuous(),
            evaluator=duty.evaluate,
        )
    )
    return duty


def _calendar(client, fy=2026):
    return client.get(CALENDAR, {"committee": "audit", "fy": str(fy)})


def _entries(calendar):
    return {
        month.first_day.month: [(e.what, e.title, e.status) for e in month.entries]
        for month in calendar.months
    }


def test_a_cure_period_shows_in_the_month_it_began_and_the_month_it_ends(
    standing, client_for, member
):
    """Nasdaq 5605(c)(4): the cure period that began on 5 February (the run that day saw it)
    shows in February, and again in September when it ends; before, it was met."""
    standing.cure_from, standing.cure_until = D(2026, 2, 5), D(2026, 9, 30)
    for day in (D(2026, 1, 1), D(2026, 2, 5), D(2026, 4, 1), TODAY):
        run(day)
    calendar = _calendar(client_for(member)).context["year"]
    entries = _entries(calendar)
    assert ("began", "Minimum number of members", "cure_period") in entries[2]
    assert ("cure_ends", "Minimum number of members", "cure_period") in entries[9]
    began = next(e for e in calendar.months[1].entries if e.what == "began")
    assert began.day == D(2026, 2, 5)
    # It is still listed with the duties that apply at all times.
    assert [i.title for i in calendar.undated] == ["Minimum number of members"]


def test_a_cure_period_running_out_next_year_shows_in_that_years_calendar(
    standing, client_for, member
):
    """Nasdaq 5605(c)(4): a cure period of this year that runs until 31 March next year shows
    its end in next year's calendar too, before next year's record is opened, and only once."""
    standing.cure_from, standing.cure_until = D(2026, 5, 5), D(2027, 3, 31)
    for day in (D(2026, 1, 1), D(2026, 5, 5), TODAY):
        run(day)
    calendar = _calendar(client_for(member), fy=2027).context["year"]
    entries = {
        month: [entry for entry in rows if entry[0] != "projected"]
        for month, rows in _entries(calendar).items()
    }
    assert entries[3] == [("cure_ends", "Minimum number of members", "cure_period")]
    assert sum(len(rows) for month, rows in entries.items() if month != 3) == 0
    assert list(calendar.undated) == []


def test_a_period_of_last_year_due_this_year_shows_under_its_due_date(year, client_for, member):
    """The fourth quarter's filing review (October to December 2026) falls due 45 days after
    the quarter, on 14 February 2027: next year's calendar shows it there as due."""
    run(D(2026, 12, 15))
    calendar = _calendar(client_for(member), fy=2027).context["year"]
    assert ("due", "Quarterly filing review", "due") in _entries(calendar)[2]


def test_a_failing_duty_shows_in_the_month_it_began(standing, client_for, member):
    """Nasdaq 5605(c)(2)(A): failing since 10 March, it shows in March, not under its due date
    alone and not only in the list of standing duties."""
    standing.failing_from = D(2026, 3, 10)
    for day in (D(2026, 1, 1), D(2026, 3, 10), TODAY):
        run(day)
    response = _calendar(client_for(member))
    entries = _entries(response.context["year"])
    assert entries[3][0] == ("began", "Minimum number of members", "failing")
    html = response.content.decode()
    assert "Not met since this day." in html
    assert all(e[0] != "began" for month, rows in entries.items() if month != 3 for e in rows)


def test_next_years_periods_are_projected_from_the_cadences(year, client_for, member):
    """The quarterly review (a charter duty) and the yearly letter (PCAOB 3526(b)) of fiscal 2027
    are projected, marked as such, with no stored occurrence behind them."""
    response = _calendar(client_for(member), fy=2027)
    calendar = response.context["year"]
    assert calendar.count == 0  # nothing stored
    projected = {(p.title, p.due) for month in calendar.months for p in month.projected}
    assert ("Quarterly review", D(2027, 3, 31)) in projected
    assert ("Quarterly review", D(2027, 12, 31)) in projected
    assert ("Auditor independence letter", D(2027, 12, 31)) in projected
    # Q4 2026's filing review falls due on 14 February 2027, 45 days after its quarter.
    assert ("Quarterly filing review", D(2027, 2, 14)) in projected
    html = response.content.decode()
    assert 'class="calendar-item status-projected"' in html
    assert "Projected" in html and "Its period opens on" in html
    assert "the items marked projected are what the committee" in html


def test_this_years_later_periods_are_projected_not_stored(year, client_for, member):
    """Charter: Meetings: the third quarter's review opens on 1 July, after today (15 June): it is
    projected in September; the stored months are as before."""
    calendar = _calendar(client_for(member)).context["year"]
    september = calendar.months[8]
    assert [p.title for p in september.projected] == ["Quarterly review"]
    assert september.items == []
    assert all(p.start > TODAY for month in calendar.months for p in month.projected)


def test_the_past_is_never_projected(year, client_for, member):
    calendar = _calendar(client_for(member), fy=2025).context["year"]
    assert not calendar.has_projections


def test_the_legend_shows_only_the_colours_on_the_page(standing, client_for, member):
    standing.cure_from, standing.cure_until = D(2026, 2, 5), D(2026, 9, 30)
    for day in (D(2026, 1, 1), D(2026, 2, 5), D(2026, 4, 1), TODAY):
        run(day)
    response = _calendar(client_for(member))
    calendar = response.context["year"]
    legend = [css for css, _ in calendar.legend]
    assert legend == ["overdue", "cure_period", "due_soon", "met", "projected"]
    html = response.content.decode()
    for css in legend:
        assert f'class="legend-key status-{css}"' in html
        # Each colour of the legend is used by an item on the page.
        assert (
            f'class="calendar-item status-{css}' in html
            or (css == "overdue" and 'class="calendar-item status-failing' in html)
            or (css == "due_soon" and 'class="calendar-item status-due"' in html)
        )
    assert "legend-key status-waived" not in html  # nothing is waived: no grey key


def test_the_report_is_one_table_worst_first(year, client_for, member):
    """One table for the fiscal year, overdue first (oldest due first), then due soon, due, met."""
    response = client_for(member).get(REPORT, {"committee": "audit", "fy": "2026"})
    report = response.context["report"]
    assert [(r.title, r.status) for r in report.rows] == [
        ("Quarterly review", "overdue"),
        ("Quarterly filing review", "overdue"),
        ("Quarterly review", "due_soon"),
        ("Quarterly filing review", "due"),
        ("Auditor independence letter", "met"),
    ]
    html = response.content.decode()
    assert html.count("<table") == 1
    assert html.count('class="table table-sm table-bordered align-middle report-table') == 1
    # Every row names its own rule.
    assert "Charter: Responsibilities 3 (Our committee charter)" in html
    assert "PCAOB 3526(b) (SEC rule)" in html


def test_a_duty_met_after_its_due_date_is_met_late_with_both_dates(
    domain, done, client_for, member, on_today
):
    """Charter: Responsibilities 3: the first quarter's filing review, due 15 May, was done on
    20 May: met late, on 20 May, due 15 May, on the page and in the CSV."""
    views_data.register_requirements(done)
    done.record(FILING, D(2026, 1, 1), D(2026, 5, 20))
    views_data.run_the_year()
    client = client_for(member)
    response = client.get(REPORT, {"committee": "audit", "fy": "2026"})
    row = next(r for r in response.context["report"].rows if r.key == FILING and r.item.met_late)
    assert (row.item.met_on, row.item.occurrence.due_date) == (D(2026, 5, 20), D(2026, 5, 15))
    html = response.content.decode()
    assert "Met late" in html
    assert "Met on May 20, 2026, after its due date, May 15, 2026." in html or (
        "Met on 20 May 2026, after its due date, 15 May 2026." in html
    )
    rows = _csv_rows(client)
    late = next(r for r in rows if r["Requirement key"] == FILING and r["Met late"])
    assert (late["Status"], late["Met on"], late["Due"], late["Met late"]) == (
        "met",
        "2026-05-20",
        "2026-05-15",
        "yes",
    )
    # Met on time is not "late".
    letter = next(r for r in rows if r["Requirement"] == "Auditor independence letter")
    assert letter["Met late"] == ""


def test_a_continuous_duty_met_shows_the_day_it_was_last_confirmed(standing, client_for, member):
    """Nasdaq 5605(c)(2)(A): a duty that applies at all times is never closed as met; the report
    says it was last confirmed met on the day of its latest evaluation (today)."""
    run(TODAY)
    client = client_for(member)
    report = client.get(REPORT, {"committee": "audit", "fy": "2026"}).context["report"]
    (row,) = [r for r in report.rows if r.key == STANDING]
    assert row.item.status == Status.MET and row.item.met_on == TODAY
    (line,) = [r for r in _csv_rows(client) if r["Requirement key"] == STANDING]
    assert line["Met on"] == "2026-06-15"


def test_the_csv_starts_with_a_byte_order_mark(year, client_for, member):
    """Excel reads a CSV as UTF-8 only when it starts with the byte order mark."""
    response = client_for(member).get(REPORT, {"committee": "audit", "fy": "2026", "format": "csv"})
    assert response.content.startswith(b"\xef\xbb\xbf")
    text = response.content.decode("utf-8-sig")
    assert text.startswith("Committee,Fiscal year,")


def test_a_quarter_still_open_is_not_projected_twice(year, client_for, member):
    """The second quarter's review is stored (opened 1 April): it shows once, as stored."""
    calendar = _calendar(client_for(member)).context["year"]
    june = calendar.months[5]
    assert [(e.what, e.title) for e in june.entries] == [("due", "Quarterly review")]
    assert occurrence(QUARTERLY, D(2026, 4, 1)).pk == june.items[0].occurrence.pk


def _csv_rows(client):
    response = client.get(REPORT, {"committee": "audit", "fy": "2026", "format": "csv"})
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))

"""The calendar page's fiscal calendar asks the company's profile once per fiscal year it
touches (docs/rules.md: fiscal years and quarters come from the company profile), and answers
every other day of that year from the range it already has."""

import datetime

from deadlines.cadences import remember_ranges

D = datetime.date


def test_a_remembered_range_answers_every_day_of_it_with_one_question():
    asked = []

    def calendar_year(day):
        asked.append(day)
        return D(day.year, 1, 1), D(day.year, 12, 31)

    bounds = remember_ranges(calendar_year)
    assert bounds(D(2026, 3, 5)) == (D(2026, 1, 1), D(2026, 12, 31))
    assert bounds(D(2026, 1, 1)) == (D(2026, 1, 1), D(2026, 12, 31))
    assert bounds(D(2026, 12, 31)) == (D(2026, 1, 1), D(2026, 12, 31))
    assert asked == [D(2026, 3, 5)]


def test_a_day_outside_every_remembered_range_is_asked_and_then_remembered():
    asked = []

    def calendar_year(day):
        asked.append(day)
        return D(day.year, 1, 1), D(day.year, 12, 31)

    bounds = remember_ranges(calendar_year)
    bounds(D(2026, 6, 1))
    assert bounds(D(2027, 1, 1)) == (D(2027, 1, 1), D(2027, 12, 31))
    assert bounds(D(2026, 12, 31)) == (D(2026, 1, 1), D(2026, 12, 31))
    assert bounds(D(2027, 7, 4)) == (D(2027, 1, 1), D(2027, 12, 31))
    assert asked == [D(2026, 6, 1), D(2027, 1, 1)]

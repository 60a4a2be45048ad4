"""One date style everywhere (issue 8): "1 December 2026", "1 Dec 2026" where space is short, on
the pages and in the administration (the formats module wins over Django's en locale), in text
written in Python (charter_portal/dates.py), and ISO where a machine reads the date (the CSV's
date columns, date inputs, JSON)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import formats, translation

from charter_portal.dates import long_date, long_datetime, short_date, short_datetime

D = datetime.date


@pytest.mark.parametrize(
    ("day", "long", "short"),
    [
        (D(2026, 12, 1), "1 December 2026", "1 Dec 2026"),
        (D(2027, 2, 28), "28 February 2027", "28 Feb 2027"),
        (D(2028, 9, 9), "9 September 2028", "9 Sep 2028"),
    ],
)
def test_python_text_writes_the_one_style(day, long, short):
    assert (long_date(day), short_date(day)) == (long, short)


def test_a_moment_is_written_in_the_portals_time_zone(settings):
    moment = datetime.datetime(2026, 12, 1, 23, 30, tzinfo=datetime.UTC)
    with translation.override("en-us"):
        assert long_datetime(moment) == "1 December 2026, 23:30"
        assert short_datetime(moment) == "1 Dec 2026, 23:30"


@pytest.mark.parametrize("language", ["en", "en-us", "en-gb"])
def test_templates_and_the_admin_use_the_portals_formats_not_the_locales(language):
    """Django 5 always localizes: without the formats module the en locale would say
    "Dec. 1, 2026"."""
    day = D(2026, 12, 1)
    moment = datetime.datetime(2026, 12, 1, 9, 5)
    template = Template(
        '{{ day|date }}|{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day }}|'
        '{{ moment|date:"DATETIME_FORMAT" }}'
    )
    with translation.override(language):
        got = template.render(Context({"day": day, "moment": moment}))
        assert got == "1 December 2026|1 Dec 2026|1 December 2026|1 December 2026, 09:05"
        # What the administration's lists and read-only fields show.
        assert formats.localize(day) == "1 December 2026"
        # Date inputs keep ISO first, which the date pickers read.
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"

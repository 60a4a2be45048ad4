"""The evidence report's CSV keeps ISO dates (issue 8): Excel reads 2026-01-01 and
2026-06-15 12:00 as a date and a moment in any language, where "1 Jan 2026" would stay text outside
English and sort wrongly. The pages say "1 January 2026"."""

import csv
import datetime
import io

from django.urls import reverse

from tests.deadlines import views_data

on_today = views_data.on_today
year = views_data.year


def test_the_csv_keeps_iso_dates_for_spreadsheets(year, client_for, secretary):
    response = client_for(secretary).get(
        reverse("deadlines:report"), {"committee": "audit", "fy": "2026", "format": "csv"}
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and rows[0]["Period start"] == "2026-01-01"
    evaluated = [row[key] for row in rows for key in row if key.startswith("Evaluated")]
    assert evaluated and all(
        datetime.datetime.strptime(value, "%Y-%m-%d %H:%M") for value in evaluated if value
    )

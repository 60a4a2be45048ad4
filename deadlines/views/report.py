"""The charter evidence report for a fiscal year: a printable page and a CSV download."""

import csv

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from charter_portal.permissions import portal_view, reading_level
from deadlines.selectors import evidence_report
from deadlines.views.common import committee_year_from

CSV_HEADER = [
    "Committee",
    "Fiscal year",
    "Clause or rule",
    "Kind",
    "Requirement",
    "Requirement key",
    "Period start",
    "Period end",
    "Due",
    "Status",
    "Met on",
    "Met late",
    "Waived by",
    "Waived on",
    "Waived until",
    "Waiver reason",
    "Evidence",
    "Detail",
    "Evaluated at",
]
# A board reader's copy (ReadingLevel.SUMMARY): status, title and rule, never the explanation,
# the evidence or a waiver's reason (charter_portal.permissions).
DETAIL_ONLY = ("Waiver reason", "Evidence", "Detail")
SUMMARY_COLUMNS = [index for index, name in enumerate(CSV_HEADER) if name not in DETAIL_ONLY]

# A cell a spreadsheet would run as a formula (OWASP "CSV injection"); tab and carriage return
# can start one too once the cell is trimmed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


UTF8_BOM = "\ufeff"


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _absolute(url: str) -> str:
    return f"{settings.SITE_URL}{url}" if url.startswith("/") else url


def _csv_rows(report):
    """One line per occurrence, in the page's order (worst status first)."""
    for row in report.rows:
        item = row.item
        if item is None:
            continue
        occurrence = item.occurrence
        waiver = item.waiver
        evidence = "; ".join(
            f"{ref.label} <{_absolute(ref.url)}>" if ref.url else ref.label for ref in item.evidence
        )
        yield [
            report.committee.name,
            report.fiscal_year,
            row.rule,
            row.kind_words,
            row.title,
            row.key,
            occurrence.period_start.isoformat(),
            occurrence.period_end.isoformat(),
            occurrence.due_date.isoformat() if occurrence.due_date else "",
            item.status.label,
            item.met_on.isoformat() if item.met_on else "",
            "yes" if item.met_late else "",
            waiver.granted_by.get_full_name() if waiver else "",
            waiver.granted_on.isoformat() if waiver else "",
            waiver.until.isoformat() if waiver and waiver.until else "",
            waiver.reason if waiver else "",
            evidence,
            occurrence.detail,
            # ISO dates in every date column: Excel reads them as dates in any language
            # (a "1 Dec 2026" cell stays text outside English), and so does a script.
            f"{timezone.localtime(occurrence.evaluated_at):%Y-%m-%d %H:%M}"
            if occurrence.evaluated_at
            else "",
        ]


def _csv_response(report, *, detail: bool) -> HttpResponse:
    filename = f"evidence-{report.committee.slug}-fy{report.fiscal_year}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # The byte order mark tells Excel the file is UTF-8 (names such as "Müller" stay whole).
    response.write(UTF8_BOM)
    writer = csv.writer(response)
    columns = range(len(CSV_HEADER)) if detail else SUMMARY_COLUMNS
    writer.writerow([CSV_HEADER[index] for index in columns])
    for row in _csv_rows(report):
        writer.writerow([csv_safe(row[index]) for index in columns])
    return response


@portal_view
@require_GET
def evidence_report_page(request):
    today = timezone.localdate()
    choice = committee_year_from(request, today)
    report = None
    if choice.committee is not None:
        report = evidence_report(
            choice.committee, choice.fiscal_year, today, calendar=choice.calendar
        )
        if request.GET.get("format") == "csv":
            level = reading_level(request.user, choice.committee, today)
            return _csv_response(report, detail=level is not None and level.is_detail)
    return render(
        request,
        "deadlines/report.html",
        {"choice": choice, "committee": choice.committee, "report": report, "today": today},
    )

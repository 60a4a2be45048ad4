"""Reads for the rotation, former-staff and fee-table pages, each in a fixed number of queries."""

import datetime
from dataclasses import dataclass

from auditors.models import Engagement
from auditors.rotation import (
    Breach,
    PartnerHistory,
    Standing,
    breaches_from,
    history_of,
    standings_from,
)
from committees.models import CompanyProfile


def company_year(day: datetime.date) -> int:
    profile = CompanyProfile.current_or_default()
    return profile.fiscal_year_of(day)


def engagement_years(committee) -> list[int]:
    """The fiscal years of the committee's live engagements, latest first."""
    return list(
        Engagement.objects.filter(committee=committee)
        .exclude(status=Engagement.Status.TERMINATED)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
    )


def year_from(value, *, default: int) -> int:
    """A fiscal year from the query string; anything else gives ``default``."""
    text = str(value or "").strip()
    if text.isdigit() and 1900 <= int(text) <= 2999:
        return int(text)
    return default


@dataclass(frozen=True)
class PartnerRow:
    history: PartnerHistory
    # Per year shown: (year, role or "", its label, the assignment or None, beyond a limit).
    cells: list
    standing: Standing | None


@dataclass(frozen=True)
class RotationPage:
    fiscal_year: int
    years: list[int]  # the columns, earliest first
    rows: list[PartnerRow]
    standings: list[Standing]
    breaches: list[Breach]

    @property
    def rotating(self) -> list[Standing]:
        return [s for s in self.standings if s.rotates]


def rotation_page(committee, fiscal_year: int, *, years: list[int] | None = None) -> RotationPage:
    """Every partner's roles by year, the standings of the year shown and every recorded breach
    (two queries; one when the caller has read the ``years`` of the live engagements)."""
    histories = sorted(history_of(committee).values(), key=lambda h: str(h.partner))
    shown = set(engagement_years(committee) if years is None else years) | {fiscal_year}
    for entry in histories:
        shown |= set(entry.years)
    years = sorted(shown)
    found = breaches_from(histories, years[0])
    breached = {(b.partner.pk, b.year) for b in found}
    standings = standings_from(histories, fiscal_year)
    by_partner = {s.partner.pk: s for s in standings}
    rows = []
    for entry in histories:
        cells = []
        for year in years:
            role = entry.years.get(year)
            assignment = entry.assignments.get(year)
            label = assignment.get_role_display() if assignment else ""
            cells.append(
                (year, role or "", label, assignment, (entry.partner.pk, year) in breached)
            )
        rows.append(PartnerRow(entry, cells, by_partner.get(entry.partner.pk)))
    return RotationPage(fiscal_year, years, rows, standings, found)

"""The cooling-off year (S-X 2-01(c)(2)(iii)(B)): a former member of the audit engagement team who
takes a financial reporting oversight role at the company impairs the firm's independence if they
worked on the audit during the year before audit procedures began for the fiscal year that
includes the hire day.

The year looked at runs from the day one calendar year before procedures begin (that day
included) to the day before they begin; a last day on the audit on or after its first day falls
inside it. Someone with fewer than 10 hours on the audit who was neither lead nor concurring
partner is left out. ``cooling_off_check`` is pure; ``findings_for`` loads what it needs in two
queries. See docs/auditor-rotation.md.
"""

import datetime
from dataclasses import dataclass

from auditors.models import Engagement, FormerStaffHire
from auditors.services_catalogue import COOLING_OFF_RULE
from committees.models import CompanyProfile
from deadlines.cadences import add_months
from deadlines.wording import day_words

FEWEST_HOURS = 10

IMPAIRED = "impaired"
CLEAR = "clear"
EXCLUDED = "excluded"
NOT_OVERSIGHT = "not_oversight"
OTHER_FIRM = "other_firm"
UNKNOWN = "unknown"


@dataclass(frozen=True)
class CoolingOffFinding:
    state: str
    message: str
    fiscal_year: int
    window_start: datetime.date | None = None
    procedures_begin_on: datetime.date | None = None

    @property
    def impaired(self) -> bool:
        return self.state == IMPAIRED

    @property
    def unknown(self) -> bool:
        return self.state == UNKNOWN


def window_start(procedures_begin_on: datetime.date) -> datetime.date:
    """The first day of the year before procedures begin (29 February gives 28 February)."""
    return add_months(procedures_begin_on, -12)


def cooling_off_check(
    *,
    full_name: str,
    oversight_role: bool,
    hired_on: datetime.date,
    last_on_audit_on: datetime.date,
    hours_on_audit: int,
    was_lead_or_concurring: bool,
    fiscal_year: int,
    procedures_begin_on: datetime.date | None,
    audited_by_their_firm: bool = True,
) -> CoolingOffFinding:
    """Whether the hire impairs the independence of the fiscal year's audit, and why."""
    if not oversight_role:
        return CoolingOffFinding(
            NOT_OVERSIGHT,
            f"{full_name}'s role has no financial reporting oversight, so the cooling-off year "
            "does not apply.",
            fiscal_year,
        )
    if not audited_by_their_firm:
        return CoolingOffFinding(
            OTHER_FIRM,
            f"{full_name}'s former firm does not audit fiscal year {fiscal_year}, the year of the "
            "hire, so the cooling-off year does not apply to its audit.",
            fiscal_year,
        )
    if hours_on_audit < FEWEST_HOURS and not was_lead_or_concurring:
        return CoolingOffFinding(
            EXCLUDED,
            f"{full_name} worked {hours_on_audit} hours on the audit (fewer than "
            f"{FEWEST_HOURS}) and was neither lead nor concurring partner, so is left out of the "
            f"cooling-off check ({COOLING_OFF_RULE}).",
            fiscal_year,
        )
    if procedures_begin_on is None:
        return CoolingOffFinding(
            UNKNOWN,
            f"The hire falls in fiscal year {fiscal_year}, and the day audit procedures begin "
            "for that year is not recorded: record it on the year's engagement so the "
            "cooling-off check can be made.",
            fiscal_year,
        )
    start = window_start(procedures_begin_on)
    begins = day_words(procedures_begin_on)
    if last_on_audit_on >= start:
        return CoolingOffFinding(
            IMPAIRED,
            f"{full_name} took a financial reporting oversight role on {day_words(hired_on)} "
            f"after working on the audit until {day_words(last_on_audit_on)}, within the year "
            f"before audit procedures for fiscal year {fiscal_year} began on {begins} (from "
            f"{day_words(start)}). The firm's independence for that year's audit is impaired "
            f"({COOLING_OFF_RULE}); the committee should discuss it with the firm at once.",
            fiscal_year,
            start,
            procedures_begin_on,
        )
    return CoolingOffFinding(
        CLEAR,
        f"{full_name} last worked on the audit on {day_words(last_on_audit_on)}, before "
        f"{day_words(start)}, the start of the year before audit procedures for fiscal year "
        f"{fiscal_year} began on {begins}: the cooling-off year was kept.",
        fiscal_year,
        start,
        procedures_begin_on,
    )


def finding_from(hire: FormerStaffHire, fiscal_year: int, engagement) -> CoolingOffFinding:
    """The check for ``hire`` given the live engagement of its fiscal year (or None)."""
    return cooling_off_check(
        full_name=hire.full_name,
        oversight_role=hire.oversight_role,
        hired_on=hire.hired_on,
        last_on_audit_on=hire.last_on_audit_on,
        hours_on_audit=hire.hours_on_audit,
        was_lead_or_concurring=hire.was_lead_or_concurring,
        fiscal_year=fiscal_year,
        procedures_begin_on=engagement.procedures_begin_on if engagement else None,
        audited_by_their_firm=engagement is None or engagement.firm_id == hire.firm_id,
    )


def findings_for(
    committee, *, first: datetime.date | None = None, last: datetime.date | None = None
) -> list[tuple[FormerStaffHire, CoolingOffFinding]]:
    """Each recorded hire (hired from ``first`` to ``last`` when given), latest first, with its
    finding: three queries (the company profile, the hires, the engagements of their years)."""
    profile = CompanyProfile.current_or_default()
    hires = FormerStaffHire.objects.filter(committee=committee).select_related("firm")
    if first is not None:
        hires = hires.filter(hired_on__gte=first)
    if last is not None:
        hires = hires.filter(hired_on__lte=last)
    hires = list(hires.order_by("-hired_on", "-pk"))
    years = {hire.pk: profile.fiscal_year_of(hire.hired_on) for hire in hires}
    engagements = {
        e.fiscal_year: e
        for e in Engagement.objects.filter(
            committee=committee, fiscal_year__in=set(years.values())
        ).exclude(status=Engagement.Status.TERMINATED)
    }
    return [
        (hire, finding_from(hire, years[hire.pk], engagements.get(years[hire.pk])))
        for hire in hires
    ]

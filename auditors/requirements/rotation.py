"""The auditor's duties: partner rotation (S-X 2-01(c)(6)), the cooling-off year for former audit
staff (S-X 2-01(c)(2)(iii)(B)) and the de minimis exception (S-X 2-01(c)(7)(i)(C)).

Each evaluator reads the records through the pure checks of auditors.rotation,
auditors.cooling_off and auditors.de_minimis; records made in the admin or a data import are
judged the same as those made through the portal's forms."""

import datetime

from django.urls import reverse

from auditors.access import reads_auditor
from auditors.cooling_off import findings_for
from auditors.de_minimis import de_minimis_for
from auditors.requirements.common import fiscal_year_of
from auditors.rotation import breaches_from, history_of, still_to_replace
from auditors.services_catalogue import COOLING_OFF_RULE, DE_MINIMIS_RULE, ROTATION_RULE
from charter_portal.words import count_of
from deadlines.cadences import FiscalYear, Ongoing
from deadlines.registry import Evaluation, EvidenceLink, Requirement, register
from deadlines.status import Kind, Status
from deadlines.wording import day_words

ROTATION_KEY = "auditors.partner_rotation"
COOLING_OFF_KEY = "auditors.cooling_off"
DE_MINIMIS_KEY = "auditors.de_minimis"
ROTATION_KEYS = (ROTATION_KEY, COOLING_OFF_KEY, DE_MINIMIS_KEY)
# The audit report of a year is normally issued within three months of its end; until the
# engagement records the day, that is when the de minimis approvals are due.
REPORT_WITHIN_DAYS = 90


def rotation_url(committee, period=None) -> str:
    url = reverse("auditors:rotation", args=[committee.slug])
    return url if period is None else f"{url}?year={fiscal_year_of(period)}"


def hires_url(committee, period=None) -> str:
    return reverse("auditors:hires", args=[committee.slug])


def de_minimis_url(committee, period=None) -> str:
    url = reverse("auditors:de_minimis", args=[committee.slug])
    return url if period is None else f"{url}?year={fiscal_year_of(period)}"


def _first_lines(messages: list[str], shown: int = 3) -> str:
    more = len(messages) - shown
    return " ".join(messages[:shown]) + (f" ({more} more on the page.)" if more > 0 else "")


# Partner rotation (S-X 2-01(c)(6)) ----------------------------------------------------------


def evaluate_rotation(committee, period, as_of: datetime.date) -> Evaluation:
    """Failing when a recorded assignment of this fiscal year or later breaks a limit; due (on
    the year's last day) while a partner in their last allowed year has no successor recorded
    for the next year's audit; met otherwise."""
    year = fiscal_year_of(period)
    histories = list(history_of(committee).values())
    url = rotation_url(committee, period)
    evidence = tuple(
        EvidenceLink(
            f"{entry.partner}: {entry.assignments[year].get_role_display().lower()}, "
            f"fiscal year {year}",
            url=f"{url}#assignment-{entry.assignments[year].pk}",
        )
        for entry in histories
        if year in entry.years
    )
    found = breaches_from(histories, year)
    if found:
        return Evaluation(
            Status.FAILING,
            since=period.start,
            detail=_first_lines([b.recorded_message() for b in found]),
            evidence=evidence,
        )
    waiting = still_to_replace(histories, year)
    if waiting:
        return Evaluation(
            Status.DUE,
            due=period.end,
            detail=_first_lines([s.message for s in waiting]),
            evidence=evidence,
        )
    if not evidence:
        return Evaluation(
            Status.MET,
            detail=f"No partner is recorded on fiscal year {year}'s audit, so none is beyond a "
            "rotation limit.",
        )
    return Evaluation(
        Status.MET,
        detail=f"{count_of(len(evidence), 'partner')} on fiscal year {year}'s audit, each within "
        "the rotation limits, and none in a last allowed year without a successor.",
        evidence=evidence,
    )


# The cooling-off year (S-X 2-01(c)(2)(iii)(B)) ----------------------------------------------


def evaluate_cooling_off(committee, period, as_of: datetime.date) -> Evaluation:
    """Failing while a hire of the fiscal year impairs the audit's independence; due while a
    hire cannot be checked for want of the day audit procedures begin; met otherwise."""
    last = min(as_of, period.end)
    found = findings_for(committee, first=period.start, last=last)
    url = hires_url(committee)
    evidence = tuple(
        EvidenceLink(
            f"{hire.full_name}, hired {day_words(hire.hired_on)}", url=f"{url}#hire-{hire.pk}"
        )
        for hire, _ in found
    )
    impaired = [(hire, finding) for hire, finding in found if finding.impaired]
    if impaired:
        return Evaluation(
            Status.FAILING,
            since=min(hire.hired_on for hire, _ in impaired),
            detail=_first_lines([finding.message for _, finding in impaired]),
            evidence=evidence,
        )
    unknown = [finding.message for _, finding in found if finding.unknown]
    if unknown:
        return Evaluation(Status.DUE, detail=_first_lines(unknown), evidence=evidence)
    if not found:
        return Evaluation(
            Status.MET,
            detail="No former member of the audit team has been hired into the company this "
            "fiscal year.",
        )
    return Evaluation(
        Status.MET,
        detail=f"{count_of(len(found), 'former member')} of the audit team hired this fiscal "
        "year; none impairs the auditor's independence.",
        evidence=evidence,
    )


# The de minimis exception (S-X 2-01(c)(7)(i)(C)) -------------------------------------------


def evaluate_de_minimis(committee, period, as_of: datetime.date) -> Evaluation:
    """Failing when a condition of the exception fails for the fiscal year's services found not
    pre-approved; met once the year's audit is completed with every condition held; due until
    then (approvals can still come)."""
    year = fiscal_year_of(period)
    result = de_minimis_for(committee, [year], as_of)[year]
    url = de_minimis_url(committee, period)
    evidence = tuple(
        EvidenceLink(
            f"{found.service} (found {day_words(found.request.found_on)})"
            if found.request.found_on
            else found.service,
            obj=found.request.approved_at,
        )
        if found.request.approved_at
        else EvidenceLink(found.service, url=f"{url}#service-{found.request.pk}")
        for found in result.services
    )
    if result.failures:
        return Evaluation(
            Status.FAILING,
            since=max(
                period.start, min(s.request.found_on or period.start for s in result.services)
            ),
            detail=result.message,
            evidence=evidence,
        )
    report = result.report_issued_on
    if report is not None and report <= as_of:
        return Evaluation(Status.MET, met_on=report, detail=result.message, evidence=evidence)
    pending = (
        f" The test is final when the audit report is issued ({day_words(report)})."
        if report
        else " The test is final when the audit report is issued."
    )
    return Evaluation(Status.DUE, due=report, detail=result.message + pending, evidence=evidence)


def _audit_committees(committee) -> bool:
    return committee.is_audit_committee


_COMMON = {
    "kind": Kind.SEC,
    "may_act": reads_auditor,
    "may_see_evidence": reads_auditor,
    "applies_to": _audit_committees,
}
register(
    Requirement(
        key=ROTATION_KEY,
        title="Audit partner rotation",
        rule=ROTATION_RULE,
        cadence=Ongoing(),
        evaluator=evaluate_rotation,
        evidence_url=rotation_url,
        # The whole last allowed year is the warning: next year's audit needs a new partner.
        due_soon_days=366,
        description="Lead and concurring partners serve at most five years in the role, then "
        "five years out of it; any audit partner at most seven years, then two off. Flagged in a "
        "partner's last allowed year.",
        **_COMMON,
    )
)
register(
    Requirement(
        key=COOLING_OFF_KEY,
        title="Cooling-off year for former audit staff",
        rule=COOLING_OFF_RULE,
        # Continuous in substance (failing while an impairing hire stands), listed with the
        # deadlines: the committee's standing is its own composition.
        cadence=Ongoing(),
        evaluator=evaluate_cooling_off,
        evidence_url=hires_url,
        description="A former member of the audit team who worked on the audit in the year "
        "before audit procedures began may not take a financial reporting oversight role.",
        **_COMMON,
    )
)
register(
    Requirement(
        key=DE_MINIMIS_KEY,
        title="Services not pre-approved (de minimis exception)",
        rule=DE_MINIMIS_RULE,
        cadence=FiscalYear(due_days_after_end=REPORT_WITHIN_DAYS),
        evaluator=evaluate_de_minimis,
        evidence_url=de_minimis_url,
        description="A non-audit service provided without pre-approval keeps the auditor "
        "independent only within 5% of the year's fees, when it was not recognized as non-audit "
        "at engagement, and when the committee approves it before the audit is completed.",
        **_COMMON,
    )
)

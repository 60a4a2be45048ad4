"""`manage.py charter_status`: every registered requirement of each committee on a date, as a
table or JSON.

Exits 1 when anything is failing or overdue, so a deployment's monitoring can run it.
"""

import datetime
import json
import textwrap

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import timezone

from charter_portal.dates import long_date, short_date
from committees.compliance.findings import Finding, Kind, Status
from committees.models import Committee


def parse_as_of(value: str | None) -> datetime.date:
    """The --as-of option (YYYY-MM-DD); today when it is not given."""
    if value is None:
        return timezone.localdate()
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(
            f"--as-of must be a real date written YYYY-MM-DD, for example 2026-06-15; "
            f"got {value!r}."
        ) from None


def ordered_requirements() -> list:
    """Every registered requirement: the composition findings in the contract's order, then the
    others by key."""
    from committees.requirements import COMPOSITION_KEYS
    from deadlines.registry import registry

    by_key = {requirement.key: requirement for requirement in registry.all()}
    first = [by_key[key] for key in COMPOSITION_KEYS if key in by_key]
    return first + [r for key, r in by_key.items() if key not in COMPOSITION_KEYS]


def requirement_status(requirement, committee, as_of: datetime.date, calendar, waived) -> Finding:
    """One requirement on ``as_of``: its evaluator on the period holding that day, with the
    engine's date rules (due, due soon, overdue) and any waiver stored for that period."""
    from committees.requirements import COMPOSITION_KEYS, composition_report
    from deadlines.schedule import due_status
    from deadlines.status import NOT_YET_MET

    cadence = requirement.cadence_for(committee, as_of)
    last_met = None
    if cadence.rolling and requirement.last_met is not None:
        last_met = requirement.last_met(committee, as_of)
    period = cadence.period(as_of=as_of, calendar=calendar, last_met=last_met)
    kind, rule = requirement.kind_for(committee), requirement.rule_for(committee)
    title = requirement.title
    if requirement.key in COMPOSITION_KEYS:
        finding = composition_report(committee, as_of).finding(requirement.key)
        if finding is not None:
            kind, rule, title = finding.kind, finding.rule, finding.title
    waiver = waived.get((committee.pk, requirement.key, period.start))
    if waiver is not None:
        status, due, detail = Status.WAIVED, period.due, f"Waived: {waiver}"
    else:
        evaluation = requirement.evaluator(committee, period, as_of)
        status, detail = Status(str(evaluation.status)), evaluation.detail
        due = evaluation.due if cadence.continuous else (evaluation.due or period.due)
        if evaluation.status in NOT_YET_MET:
            status = Status(str(due_status(due, as_of, requirement.due_soon_days)))
        elif status == Status.MET:
            due = None
    return Finding(
        key=requirement.key,
        kind=Kind(str(kind)),
        rule=rule,
        title=title,
        status=status,
        detail=detail,
        due=due,
    )


def stored_requirements(committees, as_of: datetime.date) -> list[tuple[Committee, list]]:
    """Today: each committee's requirements exactly as the engine stored them (brought up to
    date first), the same record the dashboard, the calendar and the evidence report show."""
    from deadlines.freshness import occurrences_ensure_fresh
    from deadlines.models import Occurrence
    from deadlines.selectors.items import item_for

    committees = list(committees)
    occurrences_ensure_fresh([c.pk for c in committees], as_of=as_of)
    current = {}
    rows = (
        Occurrence.objects.filter(committee__in=committees, period_start__lte=as_of)
        .select_related("committee")
        .order_by("committee_id", "requirement_key", "period_start")
    )
    for occurrence in rows:  # the latest period that has begun wins
        current[(occurrence.committee_id, occurrence.requirement_key)] = occurrence
    results = []
    for committee in committees:
        findings = []
        for requirement in ordered_requirements():
            if not requirement.applies(committee):
                continue
            occurrence = current.get((committee.pk, requirement.key))
            if occurrence is None:
                findings.append(_not_opened(requirement, committee))
                continue
            item = item_for(occurrence, as_of)
            findings.append(
                Finding(
                    key=requirement.key,
                    kind=Kind(item.kind),
                    rule=item.rule,
                    title=item.title,
                    status=item.status,
                    detail=occurrence.detail,
                    due=None if item.status == Status.MET else item.due,
                )
            )
        results.append((committee, findings))
    return results


def _not_opened(requirement, committee) -> Finding:
    return Finding(
        key=requirement.key,
        kind=Kind(str(requirement.kind_for(committee))),
        rule=requirement.rule_for(committee),
        title=requirement.title,
        status=Status.DUE,
        detail="No period of this duty has begun yet.",
    )


def committee_requirements(committees, as_of: datetime.date) -> list[tuple[Committee, list]]:
    """Each committee with every registered requirement that applies to it on ``as_of``: the
    stored evaluation for today, computed afresh for any other day."""
    if as_of == timezone.localdate():
        return stored_requirements(committees, as_of)
    return computed_requirements(committees, as_of)


def computed_requirements(committees, as_of: datetime.date) -> list[tuple[Committee, list]]:
    """Each committee with every registered requirement that applies to it on ``as_of``,
    computed by the evaluators for that day (with any waiver stored for the period)."""
    from committees.requirements import composition_prime
    from deadlines.models import Occurrence
    from deadlines.registry import registry

    committees = list(committees)
    composition_prime(committees, as_of)
    requirements = ordered_requirements()
    calendar = registry.calendar()
    # The waiver in force: revoked ones stay on the record, and a continuous one ends.
    waived = {
        (committee_id, key, start): reason
        for committee_id, key, start, reason in Occurrence.objects.filter(
            Q(waivers__until__isnull=True) | Q(waivers__until__gte=as_of),
            committee__in=committees,
            status=Status.WAIVED,
            waivers__revoked_at__isnull=True,
        ).values_list("committee_id", "requirement_key", "period_start", "waivers__reason")
    }
    return [
        (
            committee,
            [
                requirement_status(requirement, committee, as_of, calendar, waived)
                for requirement in requirements
                if requirement.applies(committee)
            ],
        )
        for committee in committees
    ]


class Command(BaseCommand):
    help = (
        "Show each committee's compliance requirements on a date. Exit status 1 when anything "
        "is failing or overdue."
    )

    def add_arguments(self, parser):
        parser.add_argument("--committee", metavar="SLUG", help="Only this committee.")
        parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="The date to evaluate (today).")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, **options):
        as_of = parse_as_of(options["as_of"])
        committees = Committee.objects.order_by("name")
        slug = options["committee"]
        if slug is not None:
            committees = committees.filter(slug=slug)
            if not committees.exists():
                known = ", ".join(Committee.objects.order_by("slug").values_list("slug", flat=True))
                raise CommandError(
                    f"There is no committee with the slug {slug!r}. "
                    + (f"Known committees: {known}." if known else "No committee is recorded yet.")
                )
        results = committee_requirements(committees, as_of)
        if options["format"] == "json":
            self.stdout.write(json.dumps(as_json(results, as_of), indent=2))
        else:
            self.stdout.write(as_text(results, as_of))
        if any(finding.status.is_problem for _, findings in results for finding in findings):
            raise SystemExit(1)


def as_json(results, as_of: datetime.date) -> dict:
    """Machine-read: ISO dates and the status codes; each requirement's `title` added to the
    keys it always had."""
    return {
        "as_of": as_of.isoformat(),
        "committees": [
            {
                "slug": committee.slug,
                "name": committee.name,
                "requirements": [
                    {**finding.as_json(), "title": finding.title} for finding in findings
                ],
            }
            for committee, findings in results
        ],
    }


# The kinds as the pages write them; the statuses are their words (Status.label).
KIND_WORDS = {Kind.LISTING: "listing", Kind.SEC: "SEC", Kind.CHARTER: "charter"}
# The citation last: however long it is, it moves no other column.
COLUMNS = ("STATUS", "DUE", "KIND", "REQUIREMENT", "RULE")


def headline(findings) -> str:
    """What needs attention, in words: failing or overdue, and cure periods counted apart
    (a running cure period is not yet a failure, but someone has a deadline)."""
    problems = sum(1 for finding in findings if finding.status.is_problem)
    cures = sum(1 for finding in findings if finding.status == Status.CURE_PERIOD)
    words = f"{problems} failing or overdue" if problems else "nothing failing or overdue"
    if cures:
        words += f", {cures} in a cure period"
    return words


def as_text(results, as_of: datetime.date) -> str:
    lines = [f"Charter status as of {long_date(as_of)}"]
    if not results:
        lines.append("No committees are recorded.")
    for committee, findings in results:
        lines += ["", f"{committee.name} ({committee.slug}): {headline(findings)}"]
        rows = [_cells(finding) for finding in findings]
        # Each column as wide as its longest entry, however long a citation or a title is.
        widths = [max(len(cell) for cell in column) for column in zip(COLUMNS, *rows, strict=True)]
        lines.append(_line(COLUMNS, widths))
        for finding, cells in zip(findings, rows, strict=True):
            lines.append(_line(cells, widths))
            lines.append(
                textwrap.fill(
                    finding.detail,
                    width=96,
                    initial_indent="      ",
                    subsequent_indent="      ",
                )
            )
    return "\n".join(lines) + "\n"


def _cells(finding: Finding) -> tuple[str, ...]:
    return (
        finding.status.label,
        short_date(finding.due) if finding.due else "-",
        KIND_WORDS[finding.kind],
        finding.title,
        finding.rule,
    )


def _line(cells, widths) -> str:
    return (
        "  " + "  ".join(f"{cell:<{width}}" for cell, width in zip(cells, widths, strict=True))
    ).rstrip()

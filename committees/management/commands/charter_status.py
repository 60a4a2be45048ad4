"""`manage.py charter_status`: every committee's requirements on a date, as a table or JSON.

Exits 1 when anything is failing or overdue, so a deployment's monitoring can run it.
"""

import datetime
import json
import textwrap

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from committees.compliance.findings import Finding
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


def committee_requirements(committees, as_of: datetime.date) -> list[tuple[Committee, list]]:
    """Each committee with every requirement it is held to on ``as_of``, as findings. The one
    place that gathers requirements: each area of the charter adds its findings here."""
    from committees.compliance import evaluate_committees

    committees = list(committees)
    reports = {report.committee.pk: report for report in evaluate_committees(committees, as_of)}
    return [(committee, list(reports[committee.pk].findings)) for committee in committees]


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
    return {
        "as_of": as_of.isoformat(),
        "committees": [
            {
                "slug": committee.slug,
                "name": committee.name,
                "requirements": [finding.as_json() for finding in findings],
            }
            for committee, findings in results
        ],
    }


def as_text(results, as_of: datetime.date) -> str:
    lines = [f"Charter status as of {as_of.isoformat()}"]
    if not results:
        lines.append("No committees are recorded.")
    for committee, findings in results:
        problems = sum(1 for finding in findings if finding.status.is_problem)
        summary = f"{problems} failing or overdue" if problems else "nothing failing or overdue"
        lines += ["", f"{committee.name} ({committee.slug}): {summary}"]
        lines.append(f"  {'STATUS':<12} {'KIND':<8} {'DUE':<10}  {'RULE':<34} REQUIREMENT")
        lines += [_row(finding) for finding in findings]
    return "\n".join(lines) + "\n"


def _row(finding: Finding) -> str:
    due = finding.due.isoformat() if finding.due else "-"
    head = (
        f"  {str(finding.status):<12} {str(finding.kind):<8} {due:<10}  {finding.rule:<34} "
        f"{finding.title}"
    )
    detail = textwrap.fill(
        finding.detail, width=96, initial_indent="      ", subsequent_indent="      "
    )
    return f"{head}\n{detail}"

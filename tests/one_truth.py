"""Reading every view of the deadline engine's record as a user would, and checking that they all
tell the same status (tests/test_one_truth.py and the year's simulation, tests/simulation.py)."""

import contextlib
import csv
import io
import json

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Occurrence


def current_occurrences(committee, today=None) -> dict[str, Occurrence]:
    """Requirement key -> the occurrence whose period has begun most recently."""
    today = today or timezone.localdate()
    current = {}
    rows = Occurrence.objects.filter(committee=committee, period_start__lte=today)
    for occurrence in rows.order_by("requirement_key", "period_start"):
        current[occurrence.requirement_key] = occurrence
    return current


def read_views(committee, client, feed_client, feed_url) -> dict[str, dict[str, str]]:
    """Every view's status for each requirement it shows, keyed by requirement key."""
    current = current_occurrences(committee)
    pks = {occurrence.pk: key for key, occurrence in current.items()}
    views: dict[str, dict[str, str]] = {}

    def keep(view, items):
        views[view] = {
            pks[item.occurrence.pk]: str(item.status) for item in items if item.occurrence.pk in pks
        }

    home = client.get(reverse("home"))
    ((summary, deadlines, _),) = [p for p in home.context["panels"] if p[0].committee == committee]
    keep(
        "dashboard",
        [*summary.findings, *deadlines.overdue, *deadlines.next_30, *deadlines.next_90],
    )
    roster = client.get(reverse("committees:detail", args=[committee.slug])).context["roster"]
    keep("roster", roster.findings)
    year = client.get(reverse("deadlines:calendar"), {"committee": committee.slug}).context["year"]
    keep("calendar", [item for month in year.months for item in month.items] + list(year.undated))
    report = client.get(reverse("deadlines:report"), {"committee": committee.slug})
    keep("report", report.context["report"].items)
    views["occurrence page"] = {}
    for key, occurrence in current.items():
        page = client.get(reverse("deadlines:occurrence", args=[occurrence.pk]))
        views["occurrence page"][key] = str(page.context["item"].status)
    exported = client.get(
        reverse("deadlines:report"), {"committee": committee.slug, "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    column = {name: index for index, name in enumerate(header)}
    views["csv"] = {}
    for row in body:
        key = row[column["Requirement key"]]
        if key in current and row[column["Period start"]] == current[key].period_start.isoformat():
            views["csv"][key] = row[column["Status"]].replace(" ", "_")
    # Unfolded (RFC 5545 3.1): a long description is folded every 75 octets, anywhere.
    ics = feed_client.get(feed_url).content.decode().replace("\r\n ", "")
    views["feed"] = {}
    for key, occurrence in current.items():
        marker = f"deadline-occurrence-{occurrence.pk}@"
        if marker in ics:
            event = ics.split(marker, 1)[1].split("END:VEVENT", 1)[0]
            status = event.split("Status: ", 1)[1].split("\\n", 1)[0].split("\r\n", 1)[0]
            views["feed"][key] = status.replace(" ", "_")
    out = io.StringIO()
    with contextlib.suppress(SystemExit):  # exit status 1 when something is failing or overdue
        call_command("charter_status", "--format", "json", stdout=out)
    (listed,) = [c for c in json.loads(out.getvalue())["committees"] if c["slug"] == committee.slug]
    views["charter_status"] = {r["key"]: r["status"] for r in listed["requirements"]}
    return views


def _standing(key: str) -> bool:
    from deadlines.cadences import Cadence
    from deadlines.registry import registry

    cadence = registry.get(key).cadence
    # The committee's standing: continuous duties, not the Ongoing ones that owe dated things.
    return isinstance(cadence, Cadence) and cadence.continuous and cadence.standing


def assert_agree(views, **expected) -> None:
    truth = views["charter_status"]
    for view, statuses in views.items():
        for key, status in statuses.items():
            assert status == truth[key], (
                f"{view} says {key} is {status}; charter_status {truth[key]}"
            )
    for key, status in expected.items():
        assert truth[key] == status, f"{key} is {truth[key]}, expected {status}"
    # Every view covers what it is for: the roster the composition, the report everything.
    # The roster shows the committee's standing: the duties that apply at all times, but those
    # listed with the dated deadlines (the complaint duties).
    assert set(views["roster"]) == {k for k in truth if _standing(k)}
    assert set(views["report"]) == set(views["csv"]) == set(views["occurrence page"]) == set(truth)

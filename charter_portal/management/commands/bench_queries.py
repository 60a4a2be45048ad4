"""`manage.py bench_queries`: the pages `make bench` loads, and each page's query count.

Picks the benchmark's pages from the data (the audit committee, its chair's director file, its
meeting with the most agenda items, the newest case the chair reads), gives the chair and the
secretary a fresh calendar-feed address, then requests every page once as each of them with the
test client (a session verified by the second factor, as after a real login), and counts the
queries of a second, warm request. Prints JSON: the load generator (tools/bench/) requests the
same paths over HTTP (docs/benchmark.md).
"""

import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from charter_portal.management.commands.bench_engine import write_json
from committees.models import Committee
from complaints.access import readable_cases
from deadlines.services.feeds import calendar_feed_reset
from meetings.models import Meeting

CHAIR = "margaret.chen@northwind.example"
SECRETARY = "secretary@northwind.example"
# The Host every request names: one the deployment's ALLOWED_HOSTS admits.
HOST = "127.0.0.1"


def bench_pages(chair, committee, today) -> list[tuple[str, str, bool]]:
    """(page, path, chair only) for every portal page the benchmark loads."""
    director = getattr(chair, "director", None)
    meeting = (
        Meeting.objects.filter(committee=committee)
        .annotate(items=Count("agenda_items"))
        .order_by("-items", "-starts_at")
        .first()
    )
    case = readable_cases(chair, today).order_by("-pk").first()
    pages = [
        ("dashboard", "/", False),
        ("roster", f"/committees/{committee.slug}/", False),
    ]
    if director is not None:
        pages.append(("director file", f"/committees/directors/{director.pk}/", False))
    if meeting is not None:
        pages.append(("meeting", f"/meetings/{committee.slug}/{meeting.pk}/", False))
    pages += [
        ("auditor's year", f"/auditor/{committee.slug}/", False),
        ("case list", "/complaints/", False),
    ]
    if case is not None:
        # The secretary reads no case without the chair's grant.
        pages.append(("case", f"/complaints/{case.pk}/", True))
    pages += [
        ("evidence report", "/deadlines/report/", False),
        ("feed page", "/deadlines/feed/", False),
    ]
    return pages


def verified_client(user) -> Client:
    """A client logged in as ``user`` with the session marked verified by their authenticator,
    as django-otp marks it after a code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise CommandError(f"{user.email} has no confirmed authenticator.")
    client = Client(HTTP_HOST=HOST)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def count_queries(client: Client, path: str) -> tuple[int, int, int]:
    """(status, queries, bytes) of a warm request: one request first, then the counted one."""
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries), len(response.content)


def count_submission(client: Client) -> tuple[int, int, int]:
    """(status, queries, bytes) of a public report (the second of two, each from its own
    address and with its own one-time form token, as the load sends them). Two cases are
    saved; the load counts the cases it adds from its own starting count."""
    answers = []
    for address in ("192.0.2.1", "192.0.2.2"):
        data = {
            "form_token": secrets.token_urlsafe(32),
            "category": "accounting",
            "narrative": "Benchmark report: invoices split to stay under the approval limit.",
            "contact": "",
        }
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                "/report/", data, REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=address
            )
        answers.append((response.status_code, len(queries), len(response.content)))
    return answers[-1]


class Command(BaseCommand):
    help = "List the benchmark's pages per role with their query counts (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("--chair", default=CHAIR, help="The audit chair's login.")
        parser.add_argument("--secretary", default=SECRETARY, help="The secretary's login.")
        parser.add_argument("--committee", default="audit", help="The committee's slug.")
        parser.add_argument("--output", help="Write the JSON to this file instead of stdout.")

    def handle(self, *args, **options):
        users = get_user_model().objects
        chair = users.filter(email__iexact=options["chair"]).first()
        secretary = users.filter(email__iexact=options["secretary"]).first()
        committee = Committee.objects.filter(slug=options["committee"]).first()
        if chair is None or secretary is None or committee is None:
            raise CommandError(
                "The benchmark needs the demo cast: the audit chair, the secretary and the "
                "audit committee (seed_demo or seed_bench first)."
            )
        today, now = timezone.localdate(), timezone.now()
        pages = bench_pages(chair, committee, today)
        rows, feeds = [], {}
        for role, user in (("chair", chair), ("secretary", secretary)):
            token = calendar_feed_reset(user=user, now=now)
            feeds[role] = f"/deadlines/feed/{token}.ics"
            client = verified_client(user)
            role_pages = [
                (page, path)
                for page, path, chair_only in pages
                if role == "chair" or not chair_only
            ]
            role_pages.append(("calendar feed (.ics)", feeds[role]))
            for page, path in role_pages:
                status, queries, size = count_queries(client, path)
                rows.append(
                    {
                        "page": page,
                        "role": role,
                        "path": path,
                        "status": status,
                        "queries": queries,
                        "bytes": size,
                    }
                )
        anonymous = Client(HTTP_HOST=HOST)
        for page, path in (("login page", "/accounts/login/"), ("complaint form", "/report/")):
            status, queries, size = count_queries(anonymous, path)
            rows.append(
                {
                    "page": page,
                    "role": "anonymous",
                    "path": path,
                    "status": status,
                    "queries": queries,
                    "bytes": size,
                }
            )
        status, queries, size = count_submission(anonymous)
        rows.append(
            {
                "page": "complaint submission (POST)",
                "role": "anonymous",
                "path": "/report/",
                "status": status,
                "queries": queries,
                "bytes": size,
            }
        )
        write_json(self, {"as_of": today.isoformat(), "pages": rows}, options["output"])

"""The personal deadline feed: the page with its secret address, and the iCalendar feed."""

import datetime
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from charter_portal.dates import short_date, short_datetime
from charter_portal.permissions import portal_view, readable_committee_ids
from deadlines.registry import registry
from deadlines.selectors import calendar_feed_user, has_calendar_feed, responsible_deadlines
from deadlines.services.feeds import calendar_feed_reset
from deadlines.status import Status

ONE_DAY = datetime.timedelta(days=1)


def _feed_url(token: str) -> str:
    return f"{settings.SITE_URL}{reverse('deadlines:feed_ics', args=[token])}"


@portal_view
@never_cache
@require_http_methods(["GET", "POST"])
def feed_settings(request):
    """GET shows whether the user has a feed; POST makes a new address (the old one stops
    working) and shows it this once: only its hash is kept."""
    today = timezone.localdate()
    new_url = ""
    has_feed = has_calendar_feed(request.user)
    if request.method == "POST":
        if has_feed and not request.POST.get("confirm"):
            messages.error(
                request,
                "Tick the box to confirm: the address you use now will stop working at once.",
            )
        else:
            new_url = _feed_url(calendar_feed_reset(user=request.user, now=timezone.now()))
            has_feed = True
    items = responsible_deadlines(request.user, readable_committee_ids(request.user, today), today)
    return render(
        request,
        "deadlines/feed.html",
        {
            "new_url": new_url,
            "has_feed": has_feed,
            "items": items,
            "today": today,
        },
    )


def _event(item, host: str, now: datetime.datetime) -> icalendar.Event:
    # The feed leaves the portal for a calendar provider, so every event carries the summary
    # reading level only (charter_portal.permissions.ReadingLevel.SUMMARY): title, rule, period
    # and status; never the explanation, the evidence or a waiver's reason, whoever subscribes.
    occurrence = item.occurrence
    committee = occurrence.committee
    link = f"{settings.SITE_URL}{item.page_url}"
    event = icalendar.Event()
    # Stable per occurrence, so a calendar updates the event rather than adding another.
    event.add("uid", f"deadline-occurrence-{occurrence.pk}@{host}")
    event.add("dtstamp", now)
    event.add("dtstart", occurrence.due_date)
    event.add("dtend", occurrence.due_date + ONE_DAY)
    # A waived duty says waived, by whom and until when; why is on the linked page only.
    waived = item.status == Status.WAIVED
    event.add("summary", f"{'Waived' if waived else 'Due'}: {item.title} ({committee.name})")
    lines = [
        f"Committee: {committee.name}",
        f"Requirement: {item.title}",
        f"Rule: {item.rule}" + (f" ({item.kind_words})" if item.kind_words else ""),
        f"Period: {short_date(occurrence.period_start)} to {short_date(occurrence.period_end)}",
        f"Status: {item.status.label}",
        f"Evaluated: {short_datetime(occurrence.evaluated_at)}"
        if occurrence.evaluated_at
        else "Evaluated: not yet",
    ]
    if item.waiver is not None:
        lines.append(item.waiver_words)
    lines.append(f"Details: {link}")
    event.add("description", "\n".join(lines))
    event.add("url", link)
    event.add("categories", [committee.name])
    event.add("transp", "TRANSPARENT")
    return event


@never_cache
@require_GET
def feed_ics(request, token):
    """No login: the secret token is the key. Wrong or reset tokens are a plain 404, and the
    response never touches the session, so it sets no cookie."""
    user = calendar_feed_user(token)
    if user is None:
        raise Http404("No such feed.")
    today = timezone.localdate()
    items = responsible_deadlines(user, readable_committee_ids(user, today), today)
    host = urlsplit(settings.SITE_URL).hostname or "charter-portal"
    now = timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Charter Portal//Deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Charter Portal deadlines")
    for item in items:
        calendar.add_component(_event(item, host, now))
    # Other apps' events for the same person (a committee's meetings), through the registry.
    for source in registry.feed_sources():
        for event in source(user, today, now):
            calendar.add_component(event)
    if registry.feed_sources():
        calendar.add_missing_timezones()
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="deadlines.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response

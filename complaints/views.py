"""The committee's case pages. Every case comes through complaints.access.get_case_for_user
(a 404 for anyone who may not read it, the excluded included), and every read of a case's
contents is written to its access log."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Exists, F, OuterRef, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter_portal.permissions import can_manage_committee, portal_view
from charter_portal.roles import GROUP_NAMES, Role
from committees.models import Committee, Director, Membership
from complaints import selectors, services
from complaints.access import (
    can_see_statistics,
    get_case_for_user,
    readable_cases,
    rights_for,
    statistics_committees,
)
from complaints.attachments import attachment_read
from complaints.charts import grouped_bars, stacked_bars
from complaints.forms import (
    AssignForm,
    DetailsForm,
    EndForm,
    ExcludeForm,
    GrantForm,
    MessageForm,
    NoteForm,
    ProcedureReviewForm,
    StatusForm,
    SummaryForm,
)
from complaints.models import CaseAttachment
from files.types import FILE_TYPES


@portal_view
@require_GET
def case_list(request):
    """The cases the reader may read, those waiting for acknowledgement first."""
    today = timezone.localdate()
    cases = selectors.case_rows(
        readable_cases(request.user, today), today, page=request.GET.get("page") or 1
    )
    context = {
        "cases": cases,
        "statistics": list(statistics_committees(request.user, today)),
        "today": today,
    }
    return render(request, "complaints/list.html", context)


def _choose_from(field, rows) -> None:
    """Show ``rows`` (already read) as the field's choices; the field's queryset still decides
    what a POST may choose."""
    field.choices = [("", field.empty_label)] + [
        (row.pk, field.label_from_instance(row)) for row in rows
    ]


def _choices(case, excluded, today):
    """The querysets the chair's forms choose from: members, investigators, people to grant."""
    User = get_user_model()
    members = Director.objects.filter(
        pk__in=Membership.objects.active_on(today)
        .filter(committee_id=case.committee_id)
        .values("director_id")
    ).exclude(pk__in=excluded)
    investigators = User.objects.filter(
        groups__name=GROUP_NAMES[Role.INVESTIGATOR], is_active=True
    ).exclude(director__pk__in=excluded)
    # Whom the chair may let read one case: the secretary, or a member of the committee the
    # policy does not name as a reader; never anyone excluded from the case.
    people = User.objects.filter(
        Q(groups__name=GROUP_NAMES[Role.SECRETARY]) | Q(director__in=members), is_active=True
    ).exclude(director__pk__in=excluded)
    return members, investigators, people


def _forms(request, case, rights, page, today):
    User = get_user_model()
    excluded = [exclusion.director_id for exclusion in page.exclusions]
    members, investigators, people = _choices(case, excluded, today)
    forms = {
        "status_form": StatusForm(initial={"status": case.status, "resolution": case.resolution}),
        "details_form": DetailsForm(
            initial={
                "severity": case.severity,
                "legal_hold": case.legal_hold,
                "legal_hold_note": case.legal_hold_note,
            }
        ),
        "message_form": MessageForm(),
        "note_form": NoteForm(),
        "assign_form": AssignForm(investigators=investigators.distinct().order_by("full_name")),
        "exclude_form": ExcludeForm(directors=members.order_by("full_name")),
        "grant_form": GrantForm(users=people.distinct().order_by("full_name")),
    }
    if rights.manage:
        # The chair's three lists in two queries: the members, then everyone either list names.
        member_rows = list(members.order_by("full_name"))
        in_group = User.groups.through.objects.filter(user_id=OuterRef("pk"))
        candidates = list(
            (investigators | people)
            .annotate(
                investigates=Exists(in_group.filter(group__name=GROUP_NAMES[Role.INVESTIGATOR])),
                secretary=Exists(in_group.filter(group__name=GROUP_NAMES[Role.SECRETARY])),
                director_pk=F("director__pk"),
            )
            .distinct()
            .order_by("full_name")
        )
        member_ids = {row.pk for row in member_rows}
        _choose_from(forms["exclude_form"].fields["director"], member_rows)
        _choose_from(
            forms["assign_form"].fields["investigator"],
            [user for user in candidates if user.investigates],
        )
        _choose_from(
            forms["grant_form"].fields["user"],
            [user for user in candidates if user.secretary or user.director_pk in member_ids],
        )
    return forms


def _case_page(request, case, rights, today, bound=None, status=200):
    page = selectors.case_page(case, today)
    context = {
        "case": case,
        "rights": rights,
        "page": page,
        **_forms(request, case, rights, page, today),
        **(bound or {}),
    }
    return render(request, "complaints/case.html", context, status=status)


@portal_view
@require_GET
def case_detail(request, pk):
    today = timezone.localdate()
    case = get_case_for_user(request.user, pk, today)
    rights = rights_for(request.user, case, today)
    services.case_read_log(case=case, user=request.user, what="case file")
    return _case_page(request, case, rights, today)


@portal_view
@require_GET
def case_print(request, pk):
    """The printable case file for counsel: contents, messages, notes, attachments listed."""
    today = timezone.localdate()
    case = get_case_for_user(request.user, pk, today)
    services.case_read_log(case=case, user=request.user, what="printable case file")
    context = {"case": case, "page": selectors.case_page(case, today), "printed": timezone.now()}
    return render(request, "complaints/print.html", context)


@portal_view
@require_GET
def case_log(request, pk):
    """Who read the case, when and what: the chair's."""
    today = timezone.localdate()
    case = get_case_for_user(request.user, pk, today)
    if not rights_for(request.user, case, today).manage:
        raise Http404("No such case.")
    reads = case.reads.select_related("user")[:500]
    return render(request, "complaints/log.html", {"case": case, "reads": reads})


@portal_view
@require_GET
def attachment(request, pk):
    """One attachment, decrypted for a reader of its case, logged, served as a download."""
    today = timezone.localdate()
    item = CaseAttachment.objects.filter(pk=pk).only("case_id").first()
    if item is None:
        raise Http404("No such file.")
    case = get_case_for_user(request.user, item.case_id, today)
    item = case.attachments.get(pk=pk)
    file_type = FILE_TYPES[item.file_type]
    try:
        data = attachment_read(item.stored_name)
    except FileNotFoundError:
        raise Http404("No such file.") from None
    services.case_read_log(case=case, user=request.user, what=f"attachment {item.pk}")
    response = HttpResponse(data, content_type=file_type.mime)
    name = f"case-{case.number}-attachment-{item.pk}.{file_type.extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


ACTIONS = {
    # action: (right needed, form, handler)
    "status": "work",
    "message": "work",
    "note": "note",
    "details": "manage",
    "assign": "manage",
    "unassign": "manage",
    "exclude": "manage",
    "grant": "manage",
    "revoke": "manage",
}


def _run(action, request, case, rights, today):
    """(bound form or None, flash message) for one action; raises ValidationError."""
    user, post = request.user, request.POST
    if action == "status":
        form = StatusForm(post)
        if form.is_valid():
            services.case_status_set(case=case, by=user, **form.cleaned_data)
            return None, "The case's status was changed."
        return {"status_form": form}, None
    if action == "message":
        form = MessageForm(post)
        if form.is_valid():
            services.committee_message_send(case=case, by=user, body=form.cleaned_data["body"])
            return None, "Your message was sent; the reporter reads it with the receipt."
        return {"message_form": form}, None
    if action == "note":
        form = NoteForm(post)
        if form.is_valid():
            services.case_note_add(case=case, by=user, body=form.cleaned_data["body"])
            return None, "The note was added."
        return {"note_form": form}, None
    if action == "details":
        form = DetailsForm(post)
        if form.is_valid():
            services.case_details_set(case=case, by=user, **form.cleaned_data)
            return None, "Severity and legal hold were saved."
        return {"details_form": form}, None
    excluded = case.exclusions.values_list("director_id", flat=True)
    members, investigators, people = _choices(case, excluded, today)
    if action == "assign":
        form = AssignForm(post, investigators=investigators.distinct().order_by("full_name"))
        if form.is_valid():
            services.case_assign(case=case, by=user, investigator=form.cleaned_data["investigator"])
            return None, "The investigator was assigned and told."
        return {"assign_form": form}, None
    if action == "exclude":
        form = ExcludeForm(post, directors=members.order_by("full_name"))
        if form.is_valid():
            services.case_exclude(case=case, by=user, **form.cleaned_data)
            return None, "The member is excluded: the case no longer exists for them."
        return {"exclude_form": form}, None
    if action == "grant":
        form = GrantForm(post, users=people.distinct().order_by("full_name"))
        if form.is_valid():
            services.case_grant(case=case, by=user, user=form.cleaned_data["user"])
            return None, "That person can now read this case."
        return {"grant_form": form}, None
    form = EndForm(post)
    if not form.is_valid():
        raise ValidationError("Choose the assignment or access to end.")
    if action == "unassign":
        services.case_unassign(case=case, by=user, assignment_id=form.cleaned_data["id"])
        return None, "The assignment ended."
    services.case_grant_revoke(case=case, by=user, grant_id=form.cleaned_data["id"])
    return None, "The access was withdrawn."


@portal_view
@require_POST
def case_action(request, pk, action):
    today = timezone.localdate()
    case = get_case_for_user(request.user, pk, today)
    rights = rights_for(request.user, case, today)
    needed = ACTIONS.get(action)
    if needed is None or not getattr(rights, needed):
        raise Http404("No such action.")
    try:
        bound, done = _run(action, request, case, rights, today)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("complaints:case", pk=case.pk)
    if bound is not None:
        messages.error(request, "The form below was not saved; see what to correct.")
        case.refresh_from_db()
        return _case_page(request, case, rights, today, bound, status=400)
    messages.success(request, done)
    return redirect("complaints:case", pk=case.pk)


def _statistics_committee(request, today) -> Committee:
    slug = request.GET.get("committee") or request.POST.get("committee")
    owners = list(statistics_committees(request.user, today))
    chosen = next((c for c in owners if c.slug == slug), owners[0] if owners and not slug else None)
    if chosen is None or not can_see_statistics(request.user, chosen, today):
        raise Http404("No statistics to show.")
    return chosen


@portal_view
@require_http_methods(["GET", "POST"])
def statistics(request):
    """Cases by quarter and category, time to acknowledge and to close: charts drawn on the
    server and a CSV; the quarterly summary and the annual procedure review are recorded here."""
    today = timezone.localdate()
    committee = _statistics_committee(request, today)
    stats = selectors.statistics(committee, today)
    if request.GET.get("format") == "csv":
        return _statistics_csv(committee, stats)
    may_record = can_manage_committee(request.user, committee, today)
    summary_form, review_form = (
        SummaryForm(initial={"presented_on": today}),
        ProcedureReviewForm(initial={"reviewed_on": today}),
    )
    status = 200
    if request.method == "POST":
        if not may_record:
            raise Http404("No such action.")
        summary_form, review_form, status = _record(request, committee, stats, today)
        if status == 302:
            return redirect(f"{request.path}?committee={committee.slug}")
    context = {
        "committee": committee,
        "stats": stats,
        "charts": _charts(stats),
        "may_record": may_record,
        "summary_form": summary_form,
        "review_form": review_form,
        "summaries": selectors.summaries(committee),
        "reviews": selectors.procedure_reviews(committee),
    }
    return render(request, "complaints/statistics.html", context, status=status)


def _charts(stats) -> dict:
    labels = [row.label for row in stats.quarters]
    by_category = [
        (label, [row.by_category[i] for row in stats.quarters])
        for i, label in enumerate(stats.category_labels)
    ]
    timing = [
        ("Median days to acknowledge", [row.acknowledge_days for row in stats.quarters]),
        ("Median days to close", [row.close_days for row in stats.quarters]),
    ]
    return {
        "categories": stacked_bars("Cases received by quarter and category", labels, by_category),
        "timing": grouped_bars("Median days to acknowledge and to close", labels, timing),
    }


def _record(request, committee, stats, today):
    summary_form = SummaryForm(initial={"presented_on": today})
    review_form = ProcedureReviewForm(initial={"reviewed_on": today})
    try:
        if request.POST.get("action") == "summary":
            summary_form = SummaryForm(request.POST)
            if summary_form.is_valid():
                day = summary_form.cleaned_data["presented_on"]
                _check_day(day, today)
                quarter = stats.summary_quarter
                services.summary_record(
                    committee=committee,
                    period_start=quarter.start,
                    period_end=quarter.end,
                    presented_on=day,
                    counts=quarter.counts,
                    by=request.user,
                )
                messages.success(request, "The quarter's complaint summary is recorded.")
                return summary_form, review_form, 302
        elif request.POST.get("action") == "review":
            review_form = ProcedureReviewForm(request.POST)
            if review_form.is_valid():
                _check_day(review_form.cleaned_data["reviewed_on"], today)
                services.procedure_review_record(
                    committee=committee, by=request.user, **review_form.cleaned_data
                )
                messages.success(request, "The review of the complaint procedures is recorded.")
                return summary_form, review_form, 302
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return summary_form, review_form, 400


def _check_day(day: datetime.date, today: datetime.date) -> None:
    if day > today:
        raise ValidationError("The date cannot be in the future.")


def _statistics_csv(committee, stats) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="complaint-statistics-{committee.slug}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "quarter",
            *stats.category_labels,
            "total",
            "median days to acknowledge",
            "median days to close",
        ]
    )
    for row in stats.quarters:
        writer.writerow(
            [
                row.label,
                *row.by_category,
                row.total,
                _blank(row.acknowledge_days),
                _blank(row.close_days),
            ]
        )
    return response


def _blank(value):
    return "" if value is None else value

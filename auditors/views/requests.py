"""The auditor pages: pre-approval. The requests (list, detail, the secretary's intake form),
the decisions (the delegate's between meetings, the committee's at a held meeting, a refusal),
the independence discussion and the service's start, the policy with its caps, and the
delegation.

Access (auditors.access): the audit committee's members and the secretary read; the chair and
the secretary act; the member holding the committee's delegation decides between meetings.
Everyone else, board readers included, gets a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from auditors.access import can_manage_auditor, reads_auditor
from auditors.forms import requests as forms
from auditors.models import Delegation
from auditors.selectors import requests as reads
from auditors.services import policies
from auditors.services import requests as services
from auditors.services_catalogue import NEEDS_DESCRIPTION
from charter_portal.permissions import get_committee_for_user, portal_view
from committees.models import Membership
from meetings.views.common import apply_errors


def _committee(request, slug):
    """The audit committee, for those who read its auditor records; a 404 for everyone else."""
    today = timezone.localdate()
    committee = get_committee_for_user(request.user, slug, today)
    if not committee.is_audit_committee or not reads_auditor(request.user, committee, today):
        raise Http404("No such page.")
    return committee, today


def _managed(request, slug):
    committee, today = _committee(request, slug)
    if not can_manage_auditor(request.user, committee, today):
        raise PermissionDenied("Only the committee's chair or the secretary records this.")
    return committee, today


def _service_request(committee, pk):
    row = reads.request_of(committee, pk)
    if row is None:
        raise Http404("No such request.")
    return row


def _detail(row):
    return reverse("auditors:request", args=[row.committee.slug, row.pk])


# Reading ----------------------------------------------------------------------------------------


@portal_view
@require_GET
def request_list(request, slug):
    committee, today = _committee(request, slug)
    page = reads.requests_page(
        committee, status=request.GET.get("status", ""), page=request.GET.get("page", 1)
    )
    return render(
        request,
        "auditors/requests_list.html",
        {
            "committee": committee,
            "listing": page,
            "statuses": [(v, label, page.counts[v]) for v, label in services.Status.choices],
            "can_manage": can_manage_auditor(request.user, committee, today),
        },
    )


@portal_view
@require_GET
def request_detail(request, slug, pk):
    committee, today = _committee(request, slug)
    row = _service_request(committee, pk)
    manage = can_manage_auditor(request.user, committee, today)
    delegation = policies.delegation_of(request.user, committee, today)
    pending = row.status == services.Status.PENDING
    return render(
        request,
        "auditors/requests_detail.html",
        {
            "committee": committee,
            "row": row,
            "can_manage": manage,
            "can_decide": pending and delegation is not None,
            "delegation": delegation,
            "pending": pending,
            "needs_discussion": row.nature in NEEDS_DESCRIPTION,
            "rule_3524": NEEDS_DESCRIPTION.get(row.nature, ""),
        },
    )


@portal_view
@require_GET
def policy(request, slug):
    committee, today = _committee(request, slug)
    page = reads.policy_page(committee, today)
    return render(
        request,
        "auditors/requests_policy.html",
        {
            "committee": committee,
            "page": page,
            "usages": page.usages,
            "today": today,
            "can_manage": can_manage_auditor(request.user, committee, today),
        },
    )


# The secretary's intake -----------------------------------------------------------------------


@portal_view
@require_http_methods(["GET", "POST"])
def request_new(request, slug):
    committee, today = _managed(request, slug)
    form = forms.RequestForm(
        request.POST or None,
        request.FILES or None,
        committee=committee,
        policy_lines=reads.lines_open_from(committee, today),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = services.request_submit(
                committee=committee,
                engagement=data["engagement"],
                service=data["service"],
                nature=data["nature"],
                category=data["category"],
                estimated_fee=data["estimated_fee"],
                starts_on=data["starts_on"],
                firm_description=data["firm_description"],
                document=data["document"],
                for_oversight_person=data["for_oversight_person"],
                policy_line=data["policy_line"],
                by=request.user,
                now=timezone.now(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            _say_outcome(request, row)
            return redirect(_detail(row))
    return render(request, "auditors/requests_form.html", {"committee": committee, "form": form})


def _say_outcome(request, row) -> None:
    if row.status == services.Status.REFUSED:
        messages.error(request, f"Refused ({row.refusal_rule}): {row.refusal_reason}")
    elif row.status == services.Status.APPROVED:
        messages.success(
            request,
            "Approved under the pre-approval policy; it goes on the next meeting's agenda to be "
            "reported to the committee.",
        )
    else:
        note = getattr(row, "policy_note", "")
        messages.info(
            request,
            "The request awaits approval by the delegated member or the committee."
            + (f" {note}" if note else ""),
        )


# Decisions ------------------------------------------------------------------------------------


def _action_page(request, committee, row, form, title, action, submit):
    return render(
        request,
        "auditors/requests_action.html",
        {
            "committee": committee,
            "row": row,
            "form": form,
            "title": title,
            "action": action,
            "submit": submit,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def request_decide(request, slug, pk):
    committee, today = _committee(request, slug)
    delegation = policies.delegation_of(request.user, committee, today)
    if delegation is None:
        raise PermissionDenied("Only the member holding the committee's delegation decides here.")
    row = _service_request(committee, pk)
    form = forms.DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_decide(
                request=row,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                as_of=today,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Your decision is recorded ({row.get_status_display().lower()}); it goes on "
                "the next meeting's agenda to be reported to the full committee.",
            )
            return redirect(_detail(row))
    return _action_page(
        request,
        committee,
        row,
        form,
        f"Decide as the delegated member (up to ${delegation.fee_limit:,.0f} per service)",
        reverse("auditors:request_decide", args=[committee.slug, row.pk]),
        "Record the decision",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def request_approve(request, slug, pk):
    committee, _ = _managed(request, slug)
    row = _service_request(committee, pk)
    form = forms.ApproveAtMeetingForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_approve_at_meeting(
                request=row, meeting=form.cleaned_data["meeting"], by=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The committee's approval is recorded.")
            return redirect(_detail(row))
    return _action_page(
        request,
        committee,
        row,
        form,
        "Record the committee's approval at a meeting",
        reverse("auditors:request_approve", args=[committee.slug, row.pk]),
        "Record the approval",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def request_refuse(request, slug, pk):
    committee, today = _managed(request, slug)
    row = _service_request(committee, pk)
    form = forms.RefuseForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_refuse(
                request=row,
                by=request.user,
                reason=form.cleaned_data["reason"],
                meeting=form.cleaned_data["meeting"],
                as_of=today,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The refusal is recorded.")
            return redirect(_detail(row))
    return _action_page(
        request,
        committee,
        row,
        form,
        "Refuse the service",
        reverse("auditors:request_refuse", args=[committee.slug, row.pk]),
        "Record the refusal",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def request_discussion(request, slug, pk):
    committee, today = _managed(request, slug)
    row = _service_request(committee, pk)
    form = forms.DiscussionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_record_independence_discussion(
                request=row,
                discussed_on=form.cleaned_data["discussed_on"],
                text=form.cleaned_data["text"],
                as_of=today,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The independence discussion is documented.")
            if row.status == services.Status.APPROVED:
                messages.success(request, "The service is now approved under the policy.")
            return redirect(_detail(row))
    return _action_page(
        request,
        committee,
        row,
        form,
        "Document the independence discussion",
        reverse("auditors:request_discussion", args=[committee.slug, row.pk]),
        "Save the discussion",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def request_move(request, slug, pk):
    committee, today = _managed(request, slug)
    row = _service_request(committee, pk)
    form = forms.MoveForm(request.POST or None, initial={"starts_on": row.starts_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.request_move_start(
                request=row, starts_on=form.cleaned_data["starts_on"], as_of=today
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The planned start is moved.")
            return redirect(_detail(row))
    return _action_page(
        request,
        committee,
        row,
        form,
        "Move the planned start",
        reverse("auditors:request_move", args=[committee.slug, row.pk]),
        "Move the start",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def request_start(request, slug, pk):
    committee, today = _managed(request, slug)
    row = _service_request(committee, pk)
    form = forms.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_record_start(
                request=row, started_on=form.cleaned_data["started_on"], as_of=today
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The start of the service is recorded.")
            return redirect(_detail(row))
    return _action_page(
        request,
        committee,
        row,
        form,
        "Record the day the service started",
        reverse("auditors:request_start", args=[committee.slug, row.pk]),
        "Record the start",
    )


# The policy and the delegation ----------------------------------------------------------------


@portal_view
@require_http_methods(["GET", "POST"])
def policy_new(request, slug):
    committee, _ = _managed(request, slug)
    post = request.POST if request.method == "POST" else None
    form = forms.PolicyForm(post, request.FILES or None, committee=committee)
    lines = forms.LineFormSet(post, prefix="lines")
    if post is not None and form.is_valid() and lines.is_valid():
        data = form.cleaned_data
        try:
            policies.policy_approve(
                committee=committee,
                effective_from=data["effective_from"],
                effective_to=data["effective_to"],
                approved_at=data["approved_at"],
                summary=data["summary"],
                document=data["document"],
                lines=[line.cleaned_data for line in lines.forms if line.cleaned_data],
            )
        except ValidationError as error:
            problems = getattr(error, "error_dict", {}).get("lines")
            if problems:
                form.add_error(None, [m for e in problems for m in e.messages])
            else:
                apply_errors(form, error)
        else:
            messages.success(request, "The new version of the policy is recorded.")
            return redirect("auditors:policy", slug=committee.slug)
    return render(
        request,
        "auditors/requests_policy_form.html",
        {"committee": committee, "form": form, "lines": lines},
    )


def _serving_members(committee, today):
    from committees.models import Director

    seats = Membership.objects.active_on(today).filter(committee=committee)
    return Director.objects.filter(pk__in=seats.values("director_id")).order_by("full_name")


@portal_view
@require_http_methods(["GET", "POST"])
def delegation_new(request, slug):
    committee, today = _managed(request, slug)
    form = forms.DelegationForm(
        request.POST or None, committee=committee, members=_serving_members(committee, today)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            policies.delegation_grant(committee=committee, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The delegation is recorded.")
            return redirect("auditors:policy", slug=committee.slug)
    return render(
        request,
        "auditors/requests_delegation_form.html",
        {"committee": committee, "form": form, "delegation": None},
    )


@portal_view
@require_http_methods(["GET", "POST"])
def delegation_revoke(request, slug, pk):
    committee, today = _managed(request, slug)
    delegation = (
        Delegation.objects.filter(committee=committee, pk=pk).select_related("director").first()
    )
    if delegation is None:
        raise Http404("No such delegation.")
    form = forms.RevokeForm(request.POST or None, initial={"last_day": today})
    if request.method == "POST" and form.is_valid():
        try:
            policies.delegation_revoke(
                delegation=delegation, last_day=form.cleaned_data["last_day"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The delegation is ended.")
            return redirect("auditors:policy", slug=committee.slug)
    return render(
        request,
        "auditors/requests_delegation_form.html",
        {"committee": committee, "form": form, "delegation": delegation},
    )


urlpatterns = [
    path("<slug:slug>/requests/", request_list, name="requests"),
    path("<slug:slug>/requests/new/", request_new, name="request_new"),
    path("<slug:slug>/requests/<int:pk>/", request_detail, name="request"),
    path("<slug:slug>/requests/<int:pk>/decide/", request_decide, name="request_decide"),
    path("<slug:slug>/requests/<int:pk>/approve/", request_approve, name="request_approve"),
    path("<slug:slug>/requests/<int:pk>/refuse/", request_refuse, name="request_refuse"),
    path(
        "<slug:slug>/requests/<int:pk>/discussion/", request_discussion, name="request_discussion"
    ),
    path("<slug:slug>/requests/<int:pk>/move/", request_move, name="request_move"),
    path("<slug:slug>/requests/<int:pk>/start/", request_start, name="request_start"),
    path("<slug:slug>/policy/", policy, name="policy"),
    path("<slug:slug>/policy/new/", policy_new, name="policy_new"),
    path("<slug:slug>/delegations/new/", delegation_new, name="delegation_new"),
    path("<slug:slug>/delegations/<int:pk>/revoke/", delegation_revoke, name="delegation_revoke"),
]

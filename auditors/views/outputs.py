"""The auditor pages: outputs. Partner rotation (S-X 2-01(c)(6)), former audit staff hired by the
company (S-X 2-01(c)(2)(iii)(B)) and the proxy fee table (Schedule 14A 9(e)) with its CSV.

Access (auditors.access): the committee's members and the secretary read the rotation and the
hires, and the chair and the secretary record them; the fee table is read by board readers too.
Everyone else, and every page of a committee that is not an audit committee, gets a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from auditors import services_catalogue
from auditors.access import can_manage_auditor, reads_auditor, reads_auditor_summary
from auditors.cooling_off import findings_for
from auditors.de_minimis import de_minimis_for
from auditors.fee_table import fee_table, fee_table_and_tests, fee_table_csv
from auditors.forms.outputs import (
    AssignmentForm,
    DeMinimisApprovalForm,
    FoundServiceForm,
    HireForm,
    choices_listed,
)
from auditors.requirements.rotation import ROTATION_KEYS
from auditors.selectors.outputs import company_year, engagement_years, rotation_page, year_from
from auditors.services.de_minimis import de_minimis_approve, de_minimis_record
from auditors.services.hires import hire_record
from auditors.services.partners import partner_assign
from charter_portal.permissions import portal_view
from committees.models import CompanyProfile
from deadlines.selectors import current_items
from meetings.views.common import apply_errors, committee_of

UTF8_BOM = "\ufeff"


def _auditor_committee(request, slug, *, detail: bool = True):
    committee, today = committee_of(request, slug)
    readable = reads_auditor if detail else reads_auditor_summary
    if not committee.is_audit_committee or not readable(request.user, committee, today):
        raise Http404("No such page.")
    return committee, today


def _managing(request, committee, today) -> bool:
    can_manage = can_manage_auditor(request.user, committee, today)
    if request.method == "POST" and not can_manage:
        raise PermissionDenied("Only the committee's chair or the secretary records these.")
    return can_manage


def _duties(committee, today, *keys):
    items = current_items(committee, ROTATION_KEYS, today)
    return [items[key] for key in keys if key in items]


@portal_view
@require_http_methods(["GET", "POST"])
def rotation(request, slug):
    committee, today = _auditor_committee(request, slug)
    can_manage = _managing(request, committee, today)
    year = year_from(request.GET.get("year"), default=company_year(today))
    form = AssignmentForm(request.POST or None, committee=committee) if can_manage else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = partner_assign(
                engagement=data["engagement"],
                partner=data["partner"],
                full_name=data["full_name"],
                role=data["role"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Recorded: {assignment}.")
            url = reverse("auditors:rotation", args=[committee.slug])
            return redirect(f"{url}?year={assignment.engagement.fiscal_year}")
    # The form's engagements are the live ones whose years the table shows: read once.
    engagements = choices_listed(form, "engagement") if form is not None else None
    years = [e.fiscal_year for e in engagements] if engagements is not None else None
    return render(
        request,
        "auditors/outputs_rotation.html",
        {
            "committee": committee,
            "page": rotation_page(committee, year, years=years),
            "has_engagements": bool(engagements),
            "duties": _duties(committee, today, ROTATION_KEYS[0]),
            "form": form,
            "can_manage": can_manage,
            "rule": services_catalogue.ROTATION_RULE,
            "today": today,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def hires(request, slug):
    committee, today = _auditor_committee(request, slug)
    can_manage = _managing(request, committee, today)
    form = HireForm(request.POST or None, committee=committee) if can_manage else None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            hire, finding = hire_record(committee=committee, **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            (messages.error if finding.impaired else messages.success)(
                request, f"Recorded {hire.full_name}'s hire. {finding.message}"
            )
            return redirect(reverse("auditors:hires", args=[committee.slug]) + f"#hire-{hire.pk}")
    return render(
        request,
        "auditors/outputs_hires.html",
        {
            "committee": committee,
            "has_firms": bool(choices_listed(form, "firm")) if form is not None else False,
            "findings": findings_for(committee),
            "duties": _duties(committee, today, ROTATION_KEYS[1]),
            "form": form,
            "can_manage": can_manage,
            "rule": services_catalogue.COOLING_OFF_RULE,
            "today": today,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def de_minimis(request, slug):
    """Services found not pre-approved: the test per fiscal year, and (for the chair and the
    secretary) recording one and the committee's approval of it."""
    committee, today = _auditor_committee(request, slug)
    can_manage = _managing(request, committee, today)
    year = year_from(request.GET.get("year"), default=company_year(today))
    which = request.POST.get("form") if request.method == "POST" else None
    record_form = approve_form = None
    if can_manage:
        record_form = FoundServiceForm(
            request.POST if which == "record" else None, committee=committee
        )
        approve_form = DeMinimisApprovalForm(
            request.POST if which == "approve" else None, committee=committee
        )
    form = {"record": record_form, "approve": approve_form}.get(which)
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if which == "record":
                found = de_minimis_record(by=request.user, now=timezone.now(), **data)
                done = f"Recorded “{found.service}”; bring it to the committee for approval."
            else:
                found = de_minimis_approve(
                    request=data["request"], meeting=data["meeting"], by=request.user
                )
                done = f"Recorded the committee's approval of “{found.service}”."
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            url = reverse("auditors:de_minimis", args=[committee.slug])
            return redirect(f"{url}?year={found.engagement.fiscal_year}")
    results = de_minimis_for(committee, [year, year - 1], today)
    # The record form's engagements are the live ones whose years the page offers: read once.
    if record_form is not None:
        live_years = [e.fiscal_year for e in choices_listed(record_form, "engagement")]
        waiting = choices_listed(approve_form, "request")
        if waiting:
            choices_listed(approve_form, "meeting")
    else:
        live_years, waiting = engagement_years(committee), []
    return render(
        request,
        "auditors/outputs_de_minimis.html",
        {
            "committee": committee,
            "fiscal_year": year,
            "years": sorted(set(live_years) | {year}, reverse=True),
            "has_engagements": bool(live_years),
            "has_waiting": bool(waiting),
            "results": [results[year], results[year - 1]],
            "duties": _duties(committee, today, ROTATION_KEYS[2]),
            "record_form": record_form,
            "approve_form": approve_form,
            "rule": services_catalogue.DE_MINIMIS_RULE,
            "today": today,
        },
    )


def _table_year(request, today) -> int:
    """The year asked for, else the last fiscal year that has ended (the proxy's)."""
    return year_from(request.GET.get("year"), default=company_year(today) - 1)


@portal_view
@require_GET
def fee_table_page(request, slug):
    committee, today = _auditor_committee(request, slug, detail=False)
    profile = CompanyProfile.current_or_default()
    year = year_from(request.GET.get("year"), default=profile.fiscal_year_of(today) - 1)
    detail = reads_auditor(request.user, committee, today)
    # The table and the de minimis test of its years come from the same fees and requests.
    table, de_minimis = fee_table_and_tests(committee, year, as_of=today, profile=profile)
    years = sorted(set(engagement_years(committee)) | {year}, reverse=True)
    return render(
        request,
        "auditors/outputs_fee_table.html",
        {
            "committee": committee,
            "table": table,
            "years": years,
            "detail": detail,
            "de_minimis": [de_minimis[y] for y in (year, year - 1)] if detail else [],
            "duties": _duties(committee, today, ROTATION_KEYS[2]) if detail else [],
            "rule": services_catalogue.FEE_TABLE_RULE,
            "de_minimis_rule": services_catalogue.DE_MINIMIS_RULE,
            "today": today,
        },
    )


@portal_view
@require_GET
def fee_table_download(request, slug):
    committee, today = _auditor_committee(request, slug, detail=False)
    year = _table_year(request, today)
    table = fee_table(committee, year, as_of=today)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="fee-table-{committee.slug}-fy{year - 1}-fy{year}.csv"'
    )
    # The byte order mark tells Excel the file is UTF-8.
    response.write(UTF8_BOM + fee_table_csv(table))
    return response


urlpatterns = [
    path("<slug:slug>/rotation/", rotation, name="rotation"),
    path("<slug:slug>/former-staff/", hires, name="hires"),
    path("<slug:slug>/de-minimis/", de_minimis, name="de_minimis"),
    path("<slug:slug>/fee-table/", fee_table_page, name="fee_table"),
    path("<slug:slug>/fee-table.csv", fee_table_download, name="fee_table_csv"),
]

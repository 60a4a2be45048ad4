"""The auditor pages: one fiscal year's engagement, the tools of the chair and the secretary on
it (propose, approve at a meeting, ratify, start, complete, terminate; record a communication
and its discussion, an AS 1301 matter, the statements review; sign the report), and the
printable committee report.

Access (auditors.access): the committee's members and the secretary read the engagement; the
chair and the secretary act (a member gets a 403 on a tool); a board reader reads the signed
report only; everyone else gets a 404. Views parse, check, call a service or a selector, and
render."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from auditors import access
from auditors.forms import engagements as forms
from auditors.models import CommitteeReport, Communication, Engagement
from auditors.report_facts import missing_facts, report_facts
from auditors.selectors.engagements import engagement_of, engagement_page
from auditors.services import communications as communication_services
from auditors.services import engagements as services
from auditors.services import reports as report_services
from auditors.services.reports import report_draft
from charter_portal.permissions import get_committee_for_user, portal_view

FIRST_YEAR, LAST_YEAR = 1900, 2100


def apply_errors(form, error: ValidationError) -> None:
    """A service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def _year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such fiscal year.")
    return year


def _reader(request, slug, year):
    """The committee, when the user reads the auditor's records in detail; a 404 otherwise."""
    today = timezone.localdate()
    committee = get_committee_for_user(request.user, slug, today)
    if not access.reads_auditor(request.user, committee, today):
        raise Http404("No such engagement.")
    return committee, _year(year), today


def _manager(request, slug, year):
    committee, year, today = _reader(request, slug, year)
    if not access.can_manage_auditor(request.user, committee, today):
        raise PermissionDenied("Only the committee's chair or the secretary records this.")
    return committee, year, today


def page_url(committee, year: int) -> str:
    return reverse("auditors:engagement", args=[committee.slug, year])


@portal_view
@require_GET
def engagement_detail(request, slug, year):
    committee, year, today = _reader(request, slug, year)
    page = engagement_page(committee, year, today)
    can_act = access.can_manage_auditor(request.user, committee, today)
    return render(
        request,
        "auditors/engagement_detail.html",
        {
            "committee": committee,
            "page": page,
            "engagement": page.engagement,
            "year": year,
            "can_act": can_act,
            "today": today,
        },
    )


def _tool(request, *, committee, year, engagement, form, perform, title, done, submit):
    """GET shows the form; a valid POST calls ``perform(data)`` and returns to the engagement
    page, a refusal lands on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            perform(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(page_url(committee, year))
    return render(
        request,
        "auditors/engagement_form.html",
        {
            "committee": committee,
            "year": year,
            "engagement": engagement,
            "form": form,
            "title": title,
            "submit": submit,
            "multipart": any(f.widget.needs_multipart_form for f in form.fields.values()),
        },
    )


def _engagement(committee, year) -> Engagement:
    engagement = engagement_of(committee, year)
    if engagement is None:
        raise Http404("No engagement for that fiscal year.")
    return engagement


def _bound(request, form_class, **kwargs):
    if request.method == "POST":
        return form_class(request.POST, request.FILES, **kwargs)
    return form_class(**kwargs)


@portal_view
@require_http_methods(["GET", "POST"])
def engagement_propose(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    if engagement_of(committee, year) is not None:
        messages.info(request, f"Fiscal year {year} already has an engagement.")
        return redirect(page_url(committee, year))
    form = _bound(request, forms.ProposeForm)

    def perform(data):
        services.engagement_propose(
            committee=committee,
            firm=data["firm"],
            fiscal_year=year,
            proposed_fee=data["audit_fee"],
            letter=data["letter"],
            procedures_begin_on=data["procedures_begin_on"],
        )

    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=None,
        form=form,
        perform=perform,
        title=f"Propose the auditor for fiscal year {year}",
        done="The engagement is proposed; the committee approves it at a meeting.",
        submit="Propose",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def engagement_approve(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.ApproveForm, committee=committee)

    def perform(data):
        services.engagement_approve(
            engagement=engagement,
            meeting=data["meeting"],
            audit_fee=data["audit_fee"],
            letter=data["letter"],
        )

    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=perform,
        title="Record the committee's approval",
        done="The engagement is approved and its fee set.",
        submit="Record the approval",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def engagement_ratify(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.RatifyForm)

    def perform(data):
        services.engagement_ratify(
            engagement=engagement,
            voted_on=data["ratified_on"],
            votes_for=data["votes_for"],
            votes_against=data["votes_against"],
            votes_abstaining=data["votes_abstaining"] or 0,
            as_of=today,
        )

    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=perform,
        title="Record the stockholders' vote",
        done="The stockholders' vote is recorded.",
        submit="Record the vote",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def engagement_activate(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.ActivateForm)
    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=lambda data: services.engagement_activate(
            engagement=engagement,
            procedures_begin_on=data["procedures_begin_on"],
            as_of=today,
        ),
        title="Record that audit procedures began",
        done="The audit is under way.",
        submit="Record",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def engagement_complete(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.CompleteForm)
    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=lambda data: services.engagement_complete(
            engagement=engagement, report_issued_on=data["report_issued_on"], as_of=today
        ),
        title="Record that the audit report was issued",
        done="The audit is completed.",
        submit="Record",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def engagement_terminate(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.TerminateForm)
    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=lambda data: services.engagement_terminate(
            engagement=engagement,
            terminated_on=data["terminated_on"],
            reason=data["termination_reason"],
            as_of=today,
        ),
        title="Terminate the engagement",
        done="The engagement is terminated.",
        submit="Terminate",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def communication_record(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.CommunicationForm, committee=committee)

    def perform(data):
        communication_services.communication_record(
            committee=committee,
            firm=engagement.firm,
            kind=data["kind"],
            received_on=data["received_on"],
            document=data["document"],
            states_independent=data["states_independent"],
            discussed_at=data["discussed_at"],
            discussion=data["discussion"],
            as_of=today,
        )

    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=perform,
        title=f"Record a communication from {engagement.firm}",
        done="The communication is recorded.",
        submit="Record",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def communication_discuss(request, slug, year, pk):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    communication = Communication.objects.filter(
        pk=pk, committee=committee, firm_id=engagement.firm_id
    ).first()
    if communication is None:
        raise Http404("No such communication.")
    form = _bound(request, forms.DiscussForm, committee=committee)
    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=lambda data: communication_services.communication_discuss(
            communication=communication,
            meeting=data["discussed_at"],
            discussion=data["discussion"],
        ),
        title=f"Document the discussion of the {communication.get_kind_display().lower()}",
        done="The discussion is documented.",
        submit="Record",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def as1301_record(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    initial = {"topic": request.GET.get("topic")} if request.method == "GET" else {}
    form = _bound(request, forms.As1301Form, committee=committee, initial=initial)
    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=lambda data: communication_services.as1301_record(
            engagement=engagement,
            topic=data["topic"],
            communicated_on=data["communicated_on"],
            form=data["form"],
            meeting=data["meeting"],
            notes=data["notes"],
            as_of=today,
        ),
        title="Record an AS 1301 matter the auditor communicated",
        done="The matter is recorded on the checklist.",
        submit="Record",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def statements_review(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.ReviewForm, committee=committee)
    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=lambda data: communication_services.statements_review_record(
            engagement=engagement,
            meeting=data["meeting"],
            recommends_inclusion=data["recommends_inclusion"],
            notes=data["notes"],
        ),
        title="Record the review of the audited statements",
        done="The review is recorded.",
        submit="Record",
    )


@portal_view
@require_http_methods(["GET", "POST"])
def report_sign(request, slug, year):
    committee, year, today = _manager(request, slug, year)
    engagement = _engagement(committee, year)
    form = _bound(request, forms.SignForm, initial={"dated": today})
    return _tool(
        request,
        committee=committee,
        year=year,
        engagement=engagement,
        form=form,
        perform=lambda data: report_services.report_sign(
            engagement=engagement, dated=data["dated"], as_of=today
        ),
        title="Sign the audit committee report",
        done="The committee report is signed.",
        submit="Sign the report",
    )


@portal_view
@require_GET
def report_print(request, slug, year):
    """The committee report, printable: signed for whoever reads the committee (board readers
    too); the draft, or the facts it still lacks, for the members and the secretary."""
    today = timezone.localdate()
    committee = get_committee_for_user(request.user, slug, today)
    year = _year(year)
    detail = access.reads_auditor(request.user, committee, today)
    if not access.reads_auditor_summary(request.user, committee, today):
        raise Http404("No such report.")
    report = (
        CommitteeReport.objects.filter(
            engagement__committee=committee, engagement__fiscal_year=year
        )
        .exclude(engagement__status=Engagement.Status.TERMINATED)
        .select_related("engagement__firm")
        .first()
    )
    if report is None and not detail:
        raise Http404("No signed report.")
    engagement = report.engagement if report else _engagement(committee, year)
    facts = report_facts(engagement, report.dated if report else today)
    draft = None if report else report_draft(engagement, today)
    return render(
        request,
        "auditors/engagement_report.html",
        {
            "committee": committee,
            "year": year,
            "engagement": engagement,
            "report": report,
            "signers": list(report.signers.order_by("full_name")) if report else [],
            "draft": draft,
            "missing": missing_facts(facts),
            "detail": detail,
            "today": today,
        },
    )


base = "<slug:slug>/engagement/<int:year>/"
urlpatterns = [
    path(base, engagement_detail, name="engagement"),
    path(f"{base}propose/", engagement_propose, name="engagement_propose"),
    path(f"{base}approve/", engagement_approve, name="engagement_approve"),
    path(f"{base}ratify/", engagement_ratify, name="engagement_ratify"),
    path(f"{base}begin/", engagement_activate, name="engagement_activate"),
    path(f"{base}complete/", engagement_complete, name="engagement_complete"),
    path(f"{base}terminate/", engagement_terminate, name="engagement_terminate"),
    path(f"{base}communications/new/", communication_record, name="communication_record"),
    path(
        f"{base}communications/<int:pk>/discuss/",
        communication_discuss,
        name="communication_discuss",
    ),
    path(f"{base}as1301/", as1301_record, name="as1301_record"),
    path(f"{base}review/", statements_review, name="statements_review"),
    path(f"{base}report/", report_print, name="engagement_report"),
    path(f"{base}report/sign/", report_sign, name="report_sign"),
]

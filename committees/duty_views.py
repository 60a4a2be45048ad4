"""Portal pages for the committee's own duties: charter reviews, self-evaluations and advisors.

Access: the duties page follows the committee page (404 outside it) at the reader's reading level
(charter_portal.permissions: a board reader gets the summary); recording a review is the chair's
or the secretary's; a questionnaire is answered by serving members only, and a response is read
only by the account that submitted it; the aggregate is for the chair and the secretary once the
questionnaire has closed, and only the chair reads the free-text answers.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from charter_portal.permissions import can_manage_committee, get_committee_for_user, portal_view
from charter_portal.roles import Role, committee_roles, is_secretary
from committees.duties import selectors, services
from committees.duty_forms import CharterReviewForm, EvaluationForm
from committees.models import Director, Questionnaire
from committees.models.duties import RATING_MAX, RATING_MIN
from committees.requirements import CHARTER_REVIEW_KEY, SELF_EVALUATION_KEY
from deadlines.registry import registry
from deadlines.selectors import current_items


def _director(user):
    return Director.objects.filter(user=user).first()


def _questionnaire(committee, pk) -> Questionnaire:
    questionnaire = Questionnaire.objects.filter(pk=pk, committee=committee).first()
    if questionnaire is None:
        raise Http404("No such questionnaire.")
    return questionnaire


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


@portal_view
@require_GET
def duties(request, slug):
    today = timezone.localdate()
    committee = get_committee_for_user(request.user, slug, today)
    role = committee_roles(request.user, today).get(committee.pk)
    page = selectors.duties_page(
        committee,
        today,
        serving=role is not None,
        user=request.user,
        number=selectors.page_number(request.GET.get("page")),
    )
    # Where each annual duty stands, as the engine stored it (the dashboard, the calendar and the
    # evidence report show the same): an overdue review is marked overdue here too.
    standing = current_items(committee, (CHARTER_REVIEW_KEY, SELF_EVALUATION_KEY), today)
    return render(
        request,
        "committees/duties/page.html",
        {
            "committee": committee,
            "page": page,
            "review_item": standing.get(CHARTER_REVIEW_KEY),
            "evaluation_item": standing.get(SELF_EVALUATION_KEY),
            "today": today,
            "can_manage": can_manage_committee(request.user, committee, today),
            "can_see_results": role == Role.CHAIR or is_secretary(request.user),
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def charter_review_record(request, slug):
    today = timezone.localdate()
    committee = get_committee_for_user(request.user, slug, today)
    if not can_manage_committee(request.user, committee, today):
        raise PermissionDenied("Only the committee's chair or the secretary records a review.")
    form = CharterReviewForm(request.POST or None, committee=committee)
    if request.method == "POST" and form.is_valid():
        try:
            services.charter_review_record(
                committee=committee,
                recorded_by=request.user,
                as_of=today,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, "The charter review is recorded.")
            return redirect("committees:duties", slug=committee.slug)
    return render(
        request,
        "committees/duties/record_review.html",
        {
            "committee": committee,
            "form": form,
            "today": today,
            # The rule this committee's review answers to, not another kind of committee's.
            "rule": registry.get(CHARTER_REVIEW_KEY).rule_for(committee),
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def evaluation(request, slug, pk):
    today = timezone.localdate()
    committee = get_committee_for_user(request.user, slug, today)
    # Only a member serving today answers; nobody else sees a member's questionnaire page.
    if committee_roles(request.user, today).get(committee.pk) is None:
        raise Http404("No such questionnaire.")
    questionnaire = _questionnaire(committee, pk)
    director = _director(request.user)
    response, own = selectors.own_answers(questionnaire, request.user)
    elsewhere = None
    if response is None:
        elsewhere = selectors.answered_from_another_account(questionnaire, director, request.user)
    form = None
    if response is None and elsewhere is None and questionnaire.is_open_on(today):
        questions = questionnaire.questions.order_by("order", "pk")
        form = EvaluationForm(request.POST or None, questions=questions)
        if request.method == "POST" and form.is_valid():
            try:
                services.evaluation_submit(
                    questionnaire=questionnaire,
                    user=request.user,
                    answers=form.answers(),
                    as_of=today,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, "Your answers are submitted. Thank you.")
                return redirect("committees:evaluation", slug=committee.slug, pk=questionnaire.pk)
    elif request.method == "POST":
        messages.error(
            request,
            "Your answers are already submitted and final."
            if response or elsewhere
            else "This questionnaire is not open.",
        )
        return redirect("committees:evaluation", slug=committee.slug, pk=questionnaire.pk)
    return render(
        request,
        "committees/duties/evaluation.html",
        {
            "committee": committee,
            "questionnaire": questionnaire,
            "form": form,
            "response": response,
            "elsewhere": elsewhere,
            "own": own,
            "today": today,
        },
    )


@portal_view
@require_GET
def evaluation_results(request, slug, pk):
    today = timezone.localdate()
    committee = get_committee_for_user(request.user, slug, today)
    is_chair = committee_roles(request.user, today).get(committee.pk) == Role.CHAIR
    if not (is_chair or is_secretary(request.user)):
        raise Http404("No such page.")
    questionnaire = _questionnaire(committee, pk)
    # The answers are confidential to the committee: the secretary sees completion and the
    # rating summary, never the members' own words.
    aggregate = selectors.evaluation_aggregate(
        questionnaire, today, reader=request.user, include_text=is_chair
    )
    return render(
        request,
        "committees/duties/results.html",
        {
            "committee": committee,
            "questionnaire": questionnaire,
            "aggregate": aggregate,
            "is_chair": is_chair,
            "minimum": selectors.MIN_RESPONSES_FOR_AGGREGATE,
            "rating_scale": range(RATING_MIN, RATING_MAX + 1),
            "today": today,
        },
    )

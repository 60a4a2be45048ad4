"""Portal pages of the directors' annual questionnaire (issue 12).

Access (committees.questionnaire.access): a questionnaire and its answers are read by its
director and the secretary only (404 for everyone else, fellow members included); the director
alone answers and certifies; the secretary alone reviews and prepares the board's batch; the
year's status is read by the secretary, serving members and board readers; the board's
determinations by the secretary and serving members (board readers: the status only).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charter_portal.permissions import director_files_visible_to, portal_view
from charter_portal.roles import is_secretary
from committees.models import (
    DeterminationBatch,
    DirectorAnswer,
    DirectorQuestionnaire,
    QuestionnaireRound,
)
from committees.questionnaire import access, effects, selectors, services
from committees.questionnaire import sections as s
from committees.questionnaire.forms import (
    AdoptForm,
    BackgroundForm,
    BatchItemForm,
    CertifyForm,
    EquityForm,
    FactForm,
    QuestionForm,
    ReplyForm,
    RoundForm,
    page_links,
)
from deadlines.wording import day_words


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, texts in error.message_dict.items():
            form.add_error(name if name in form.fields else None, texts)
    else:
        form.add_error(None, error.messages)


def _round_or_404(fiscal_year) -> QuestionnaireRound:
    row = QuestionnaireRound.objects.filter(fiscal_year=fiscal_year).first()
    if row is None:
        raise Http404("No such year.")
    return row


# The director's and everyone's start page ------------------------------------------------------


@portal_view
@require_GET
def home(request):
    return _home_page(request)


def _home_page(request, round_form=None):
    today = timezone.localdate()
    director = access.own_director(request.user)
    level = access.status_level(request.user, today)
    secretary = is_secretary(request.user)
    if director is None and level is None:
        raise Http404("No such page.")
    current = selectors.current_round(today)
    mine = []
    if director is not None:
        mine = list(
            director.director_questionnaires.select_related("round").order_by("-created_at", "-pk")
        )
    return render(
        request,
        "committees/questionnaire/home.html",
        {
            "director": director,
            "mine": mine,
            "current": current,
            "current_mine": next((q for q in mine if current and q.round_id == current.pk), None),
            "rounds": QuestionnaireRound.objects.order_by("-fiscal_year") if level else [],
            "secretary": secretary,
            "round_form": (round_form or RoundForm()) if secretary else None,
            "awaiting": selectors.awaiting_review() if secretary else [],
            "today": today,
        },
    )


@portal_view
@require_POST
def round_open(request):
    if not is_secretary(request.user):
        raise Http404("No such page.")
    form = RoundForm(request.POST)
    if form.is_valid():
        try:
            row = services.round_open(opened_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, f"{row} is open from {day_words(row.opens_on)}.")
            return redirect(row.get_absolute_url())
    return _home_page(request, round_form=form)


@portal_view
@require_POST
def start(request, fiscal_year):
    today = timezone.localdate()
    director = access.own_director(request.user)
    if director is None:
        raise Http404("No such page.")
    row = _round_or_404(fiscal_year)
    if request.POST.get("start") != "1":  # the button's own field: an empty POST starts nothing
        return redirect("committees:dq_home")
    try:
        questionnaire = services.questionnaire_start(round=row, director=director, as_of=today)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("committees:dq_home")
    return redirect(questionnaire.get_absolute_url())


@portal_view
@require_POST
def change_start(request):
    director = access.own_director(request.user)
    if director is None:
        raise Http404("No such page.")
    if request.POST.get("report") != "1":  # the button's own field: an empty POST starts nothing
        return redirect("committees:dq_home")
    return redirect(services.change_report_start(director=director).get_absolute_url())


# The questionnaire ------------------------------------------------------------------------


def _row_forms(view, links, failed):
    """A form per row (prefilled with what the row says now) and one for a new fact."""
    forms_ = []
    for row in view.rows:
        prefix = f"{view.section.key}-" + (f"f{row.fact.pk}" if row.fact else f"a{row.answer.pk}")
        form = failed.get(prefix) or FactForm(
            prefix=prefix, initial=row.values, section=view.section, links=links
        )
        forms_.append((row, form))
    prefix = f"{view.section.key}-new"
    new = failed.get(prefix) or FactForm(prefix=prefix, section=view.section, links=links)
    return forms_, new


def _questionnaire_page(request, questionnaire, *, failed=None, certify_form=None):
    today = timezone.localdate()
    failed = failed or {}
    answers = list(questionnaire.answers.order_by("pk"))
    views = selectors.questionnaire_sections(questionnaire, today, answers)
    # The facts on record were read for the sections; the links' names reuse them.
    records = selectors.on_record(questionnaire, views)
    names = selectors.link_names(questionnaire.director, answers, records)
    own = questionnaire.director.user_id == request.user.pk
    editable = own and not questionnaire.is_certified
    links = page_links(questionnaire.director, answers, records) if editable else {}
    blocks = []
    for view in views:
        block = {"view": view, "rows": [], "new": None, "form": None}
        if view.section.is_fact:
            if editable:
                block["rows"], block["new"] = _row_forms(view, links, failed)
            else:
                block["rows"] = [(row, None) for row in view.rows]
            block["rows"] = [
                (
                    row,
                    form,
                    selectors.label_values(view.section, row.values, names),
                    selectors.label_values(view.section, row.record, names) if row.record else [],
                )
                for row, form in block["rows"]
            ]
        elif editable:
            form_class = EquityForm if view.section.key == "equity" else BackgroundForm
            block["form"] = failed.get(view.section.key) or form_class(
                prefix=view.section.key, initial=view.statement_values
            )
        blocks.append(block)
    return render(
        request,
        "committees/questionnaire/questionnaire.html",
        {
            "questionnaire": questionnaire,
            "blocks": blocks,
            "editable": editable,
            "own": own,
            "missing": services.unanswered(questionnaire),
            "certify_form": certify_form or (CertifyForm() if editable else None),
            "returned": [a for a in answers if a.review == DirectorAnswer.Review.RETURNED],
            "reply_form": ReplyForm(),
            "secretary": is_secretary(request.user),
            "today": today,
        },
    )


@portal_view
@require_GET
def questionnaire(request, pk):
    row = access.get_questionnaire_for_user(request.user, pk)
    return _questionnaire_page(request, row)


def _own_draft(request, pk) -> DirectorQuestionnaire:
    row = access.get_questionnaire_for_user(request.user, pk)
    if row.director.user_id != request.user.pk:
        raise Http404("No such questionnaire.")  # the secretary reads, never answers
    return row


@portal_view
@require_POST
def section_save(request, pk, section):
    """Saves one section's answer on its own: a correction, a new fact, a statement, or the
    director's confirmation that the section is complete."""
    today = timezone.localdate()
    row = _own_draft(request, pk)
    try:
        chosen = s.section(section)
    except KeyError:
        raise Http404("No such section.") from None
    action = request.POST.get("action", "")
    anchor = f"{row.get_absolute_url()}#section-{chosen.key}"
    if row.is_certified:
        messages.error(request, services.CERTIFIED_ALREADY.format(day=day_words(row.certified_on)))
        return redirect(anchor)
    try:
        if action == "confirm":
            services.section_confirm(questionnaire=row, section_key=chosen.key, as_of=today)
            messages.success(request, f"{chosen.title}: confirmed and saved.")
            return redirect(anchor)
        if not chosen.is_fact:
            form_class = EquityForm if chosen.key == "equity" else BackgroundForm
            form = form_class(request.POST, prefix=chosen.key)
            if form.is_valid():
                try:
                    services.statement_save(
                        questionnaire=row,
                        section_key=chosen.key,
                        values=form.cleaned_data,
                        as_of=today,
                    )
                except ValidationError as error:
                    _apply_errors(form, error)
                else:
                    messages.success(request, f"{chosen.title}: saved.")
                    return redirect(anchor)
            return _questionnaire_page(request, row, failed={chosen.key: form})
        target = request.POST.get("row", "new")
        prefix = f"{chosen.key}-{target}"
        answers = list(row.answers.order_by("pk"))
        form = FactForm(
            request.POST,
            prefix=prefix,
            section=chosen,
            links=page_links(row.director, answers),
        )
        if form.is_valid():
            kwargs = {}
            if target.startswith("f") and target[1:].isdigit():
                kwargs["fact_id"] = int(target[1:])
            elif target.startswith("a") and target[1:].isdigit():
                kwargs["answer"] = row.answers.filter(pk=int(target[1:])).first()
                if kwargs["answer"] is None:
                    raise Http404("No such answer.")
            try:
                services.answer_save(
                    questionnaire=row,
                    section_key=chosen.key,
                    values=form.values(),
                    as_of=today,
                    **kwargs,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, f"{chosen.title}: your answer is saved.")
                return redirect(anchor)
        return _questionnaire_page(request, row, failed={prefix: form})
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(anchor)


@portal_view
@require_POST
def certify(request, pk):
    row = _own_draft(request, pk)
    form = CertifyForm(request.POST)
    if form.is_valid():
        try:
            services.questionnaire_certify(
                questionnaire=row,
                user=request.user,
                typed_name=form.cleaned_data["typed_name"],
                code=form.cleaned_data["code"],
                as_of=timezone.localdate(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                "Certified. The secretary now reviews each answer that differs from the record.",
            )
            return redirect(row.get_absolute_url())
    return _questionnaire_page(request, row, certify_form=form)


@portal_view
@require_GET
def printable(request, pk):
    row = access.get_questionnaire_for_user(request.user, pk)
    if not row.is_certified:
        raise Http404("Only a certified questionnaire has a printable copy.")
    answers = list(row.answers.order_by("pk"))
    names = selectors.link_names(row.director, answers)
    views = selectors.questionnaire_sections(row, timezone.localdate())
    blocks = [
        {
            "view": view,
            "rows": [(r, selectors.label_values(view.section, r.values, names)) for r in view.rows],
        }
        for view in views
    ]
    return render(
        request, "committees/questionnaire/print.html", {"questionnaire": row, "blocks": blocks}
    )


@portal_view
@require_POST
def reply(request, pk):
    answer = access.get_answer_for_user(request.user, pk)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.answer_reply(
                answer=answer, user=request.user, reply=form.cleaned_data["reply"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Your reply is sent to the secretary.")
    else:
        messages.error(request, "Write your reply.")
    return redirect(answer.questionnaire.get_absolute_url())


# The secretary's review -------------------------------------------------------------------------


@portal_view
@require_http_methods(["GET", "POST"])
def answer(request, pk):
    if not is_secretary(request.user):
        raise Http404("No such answer.")
    row = access.get_answer_for_user(request.user, pk)
    section = s.section(row.section)
    question_form = QuestionForm(request.POST if request.POST.get("action") == "return" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                services.answer_accept(answer=row, reviewed_by=request.user)
                messages.success(
                    request, "Accepted: the record now says what the director reported."
                )
                return (
                    redirect("committees:dq_round", row.questionnaire.round.fiscal_year)
                    if row.questionnaire.round_id
                    else redirect("committees:dq_home")
                )
            if action == "return" and question_form.is_valid():
                services.answer_return(
                    answer=row,
                    reviewed_by=request.user,
                    question=question_form.cleaned_data["question"],
                )
                messages.success(request, "Returned: the director sees your question.")
                return redirect(row.get_absolute_url())
        except ValidationError as error:
            if action == "return":
                _apply_errors(question_form, error)
            else:
                messages.error(request, " ".join(error.messages))
        row.refresh_from_db()
    answers = list(row.questionnaire.answers.all())
    names = selectors.link_names(row.questionnaire.director, answers)
    preview = None
    if row.review in (DirectorAnswer.Review.PENDING, DirectorAnswer.Review.RETURNED):
        preview = effects.answer_preview(row, reviewed_by=request.user)
    if section.is_fact:
        reported = selectors.label_values(section, row.data, names)
        recorded = selectors.label_values(section, row.record, names) if row.record else []
    else:
        reported = sorted(row.data.items())
        recorded = sorted(row.record.items())
    pairs = [
        (label, value, recorded[i][1] if i < len(recorded) else "")
        for i, (label, value) in enumerate(reported)
    ]
    return render(
        request,
        "committees/questionnaire/answer.html",
        {
            "answer": row,
            "section": section,
            "pairs": pairs,
            "preview": preview,
            "question_form": question_form,
        },
    )


# The year's status and the board's batch ---------------------------------------------------


def _not_open(request, fiscal_year):
    """A year not opened yet (the deadlines link to it all year): say so, and where to open it."""
    if not 1900 <= fiscal_year <= 2100:
        raise Http404("No such year.")
    return render(
        request,
        "committees/questionnaire/not_open.html",
        {
            "fiscal_year": fiscal_year,
            "defaults": services.round_defaults(fiscal_year),
            "secretary": is_secretary(request.user),
        },
    )


def _visible(user, level, rows, today) -> list:
    """A member reads the directors they sit with (their files' readers, as on the committee
    pages); the secretary and board readers (the status only) read every director."""
    if is_secretary(user) or level.is_summary:
        return rows
    ids = director_files_visible_to(user, [row.director for row in rows], today)
    return [row for row in rows if row.director.pk in ids]


@portal_view
@require_GET
def round_page(request, fiscal_year):
    today = timezone.localdate()
    level = access.require_status_level(request.user, today)
    row = QuestionnaireRound.objects.filter(fiscal_year=fiscal_year).first()
    if row is None:
        return _not_open(request, fiscal_year)
    statuses = _visible(request.user, level, selectors.round_status(row), today)
    return render(
        request,
        "committees/questionnaire/round.html",
        {
            "round": row,
            "statuses": statuses,
            "certified": sum(1 for st in statuses if st.words == "certified"),
            "level": level,
            "secretary": is_secretary(request.user),
            "batch": DeterminationBatch.objects.filter(round=row).first(),
            "today": today,
        },
    )


@portal_view
@require_http_methods(["GET", "POST"])
def batch(request, fiscal_year):
    today = timezone.localdate()
    level = access.require_status_level(request.user, today)
    row = QuestionnaireRound.objects.filter(fiscal_year=fiscal_year).first()
    if row is None and request.method == "GET":
        return _not_open(request, fiscal_year)
    row = row or _round_or_404(fiscal_year)
    secretary = is_secretary(request.user)
    current = DeterminationBatch.objects.filter(round=row).first()
    adopt_form = AdoptForm(request.POST if request.POST.get("action") == "adopt" else None)
    if request.method == "POST":
        if not secretary:
            raise Http404("No such page.")
        action = request.POST.get("action")
        try:
            if action == "prepare":
                services.batch_prepare(round=row, prepared_by=request.user, as_of=today)
                messages.success(request, "The batch is prepared for the board.")
                return redirect("committees:dq_batch", fiscal_year)
            if action == "item" and current is not None:
                item = current.items.filter(pk=request.POST.get("item")).first()
                form = BatchItemForm(request.POST, prefix=f"item{item.pk}" if item else "x")
                if item is None or not form.is_valid():
                    raise Http404("No such director in the batch.")
                services.batch_item_update(item=item, **form.cleaned_data)
                messages.success(request, f"{item.director}: the board's proposal is changed.")
                return redirect("committees:dq_batch", fiscal_year)
            if action == "adopt" and current is not None and adopt_form.is_valid():
                services.batch_adopt(
                    batch=current, adopted_by=request.user, **adopt_form.cleaned_data
                )
                messages.success(request, "Adopted: every determination is recorded.")
                return redirect("committees:dq_batch", fiscal_year)
        except ValidationError as error:
            if action == "adopt":
                _apply_errors(adopt_form, error)
            else:
                messages.error(request, " ".join(error.messages))
    items = []
    if current is not None and level.is_detail:
        rows = _visible(request.user, level, list(current.items.select_related("director")), today)
        for item in rows:
            form = None
            if secretary and not current.is_adopted:
                form = BatchItemForm(
                    prefix=f"item{item.pk}",
                    initial={name: getattr(item, name) for name in BatchItemForm.base_fields},
                )
            items.append((item, form))
    return render(
        request,
        "committees/questionnaire/batch.html",
        {
            "round": row,
            "batch": current,
            "items": items,
            "level": level,
            "secretary": secretary,
            "blockers": services.batch_blockers(row)
            if secretary and not (current and current.is_adopted)
            else [],
            "adopt_form": adopt_form,
            "today": today,
        },
    )


Q = "director-questionnaires/"
urlpatterns = [
    path(Q, home, name="dq_home"),
    path(f"{Q}open/", round_open, name="dq_round_open"),
    path(f"{Q}changes/new/", change_start, name="dq_change_start"),
    path(f"{Q}<int:fiscal_year>/", round_page, name="dq_round"),
    path(f"{Q}<int:fiscal_year>/start/", start, name="dq_start"),
    path(f"{Q}<int:fiscal_year>/determinations/", batch, name="dq_batch"),
    path(f"{Q}q/<int:pk>/", questionnaire, name="dq_questionnaire"),
    path(f"{Q}q/<int:pk>/sections/<slug:section>/", section_save, name="dq_section"),
    path(f"{Q}q/<int:pk>/certify/", certify, name="dq_certify"),
    path(f"{Q}q/<int:pk>/print/", printable, name="dq_print"),
    path(f"{Q}answers/<int:pk>/", answer, name="dq_answer"),
    path(f"{Q}answers/<int:pk>/reply/", reply, name="dq_reply"),
]

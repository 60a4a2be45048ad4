"""Every write of the directors' questionnaire: opening a year, saving answers section by
section, certifying, the secretary's review (accept or return), and the board's batch.

An accepted answer becomes a dated fact the way the admin saves one: the fact model's
``full_clean()`` (its fields, ``clean()`` and constraints), then ``save()``; the fact's history
names the questionnaire (``history_change_reason``). The effect preview runs this very code in a
transaction it rolls back (committees.questionnaire.effects).
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django_otp import match_token

from committees import services as committee_services
from committees.compliance.facts import company_profile
from committees.models import (
    BatchItem,
    DeterminationBatch,
    Director,
    DirectorAnswer,
    DirectorQuestionnaire,
    FamilyMember,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    OrganisationPayment,
    QuestionnaireRound,
    SophisticationDetermination,
)
from committees.models.director_questionnaires import (
    ADOPT_DAYS_AFTER_YEAR_END,
    CERTIFY_DAYS_AFTER_YEAR_END,
    OPENS_DAYS_AFTER_YEAR_END,
)
from committees.questionnaire import sections as s
from deadlines.wording import day_words

Status = DirectorQuestionnaire.Status
Review = DirectorAnswer.Review
Action = DirectorAnswer.Action
CERTIFIED_ALREADY = (
    "This questionnaire was certified on {day} and cannot change. Report the change instead: "
    "'Report a change' on your questionnaires page."
)


# Opening a year --------------------------------------------------------------------------------


def round_defaults(fiscal_year: int) -> dict:
    """The default dates of a year's questionnaire: open 15, certified 45 and adopted 90 days
    after the fiscal year ends."""
    year_end = company_profile().fiscal_year_bounds(fiscal_year)[1]
    return {
        "opens_on": year_end + datetime.timedelta(days=OPENS_DAYS_AFTER_YEAR_END),
        "certify_by": year_end + datetime.timedelta(days=CERTIFY_DAYS_AFTER_YEAR_END),
        "adopt_by": year_end + datetime.timedelta(days=ADOPT_DAYS_AFTER_YEAR_END),
    }


@transaction.atomic
def round_open(
    *,
    fiscal_year: int,
    opened_by,
    opens_on: datetime.date | None = None,
    certify_by: datetime.date | None = None,
    adopt_by: datetime.date | None = None,
) -> QuestionnaireRound:
    """Open a fiscal year's questionnaire; each date left out takes its default."""
    defaults = round_defaults(fiscal_year)
    row = QuestionnaireRound(
        fiscal_year=fiscal_year,
        opens_on=opens_on or defaults["opens_on"],
        certify_by=certify_by or defaults["certify_by"],
        adopt_by=adopt_by or defaults["adopt_by"],
        opened_by=opened_by,
    )
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def questionnaire_start(
    *, round: QuestionnaireRound, director: Director, as_of
) -> DirectorQuestionnaire:
    """The director's questionnaire of the year, started (as an empty draft) on first opening."""
    if not round.is_open_on(as_of):
        raise ValidationError(
            f"The fiscal year {round.fiscal_year} questionnaire opens on "
            f"{day_words(round.opens_on)}."
        )
    questionnaire, _ = DirectorQuestionnaire.objects.get_or_create(
        round=round, director=director, kind=DirectorQuestionnaire.Kind.ANNUAL
    )
    return questionnaire


@transaction.atomic
def change_report_start(*, director: Director) -> DirectorQuestionnaire:
    """A change during the year ("my brother became CFO of a subsidiary on 4 October"): a draft
    of its own, reviewed like the annual answers. An unfinished one is reused."""
    draft = DirectorQuestionnaire.objects.filter(
        director=director, kind=DirectorQuestionnaire.Kind.CHANGE, status=Status.DRAFT
    ).first()
    return draft or DirectorQuestionnaire.objects.create(
        director=director, kind=DirectorQuestionnaire.Kind.CHANGE
    )


# Answers ------------------------------------------------------------------------------------


def _locked(questionnaire: DirectorQuestionnaire) -> DirectorQuestionnaire:
    """The questionnaire row, locked, refused once certified."""
    current = DirectorQuestionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if current.is_certified:
        raise ValidationError(CERTIFIED_ALREADY.format(day=day_words(current.certified_on)))
    return current


def _fact_of(section: s.Section, director, fact_id: int):
    model = section.model
    rows = model.objects.filter(pk=fact_id)
    rows = rows.filter(relationship__director=director) if model is OrganisationPayment else rows
    rows = rows if model is OrganisationPayment else rows.filter(director=director)
    fact = rows.first()
    if fact is None:
        raise ValidationError("That fact is not on your record.")
    return fact


def _resolve_link(section, field, ref: str, director, resolve):
    """A link's id: "f<id>" a fact of this director, "a<id>" a new one reported in an answer
    (``resolve`` turns it into the accepted fact's id, or None while a draft)."""
    if not ref:
        return None
    kind, number = ref[:1], ref[1:]
    if kind not in ("f", "a") or not number.isdigit():
        raise ValidationError({field.name: "Choose from the list."})
    if kind == "a":
        return resolve(int(number))
    target = field.related_model.objects.filter(pk=int(number))
    if field.related_model is FamilyMember or hasattr(field.related_model, "director"):
        target = target.filter(director=director)
    if not target.exists():
        raise ValidationError({field.name: "Choose from the list."})
    return int(number)


def build_fact(section: s.Section, director, values: dict, *, fact_id=None, resolve=None):
    """The fact an answer describes, unsaved: the record's row with the answer's values, or a
    new row. Returns (instance, fields left unvalidated because they name a fact not accepted
    yet)."""
    model = section.model
    instance = _fact_of(section, director, fact_id) if fact_id else model()
    if not fact_id and model is not OrganisationPayment:
        instance.director = director
    pending = []
    for name in section.fields:
        field = model._meta.get_field(name)
        value = values.get(name, "" if field.many_to_one else None)
        if field.many_to_one:
            pk = _resolve_link(section, field, value, director, resolve or (lambda _: None))
            if pk is None and value:
                pending.append(name)
            setattr(instance, field.attname, pk)
        else:
            try:
                setattr(instance, name, s.from_json(model, name, value))
            except (ValueError, InvalidOperation):
                raise ValidationError({name: "Enter a valid value."}) from None
    return instance, pending


def check_dates(section: s.Section, director, instance, as_of: datetime.date) -> None:
    """No fact is dated in the future or before the director's birth year."""
    errors = {}
    born = director.birth_year
    for name in section.fields:
        field = section.model._meta.get_field(name)
        value = getattr(instance, name, None) if not field.many_to_one else None
        if name == "fiscal_year" and value:
            if value > company_profile().fiscal_year_of(as_of):
                errors[name] = "That fiscal year has not begun; report payments once made."
            elif born and value < born:
                errors[name] = f"That is before your birth year ({born}); check the year."
        elif isinstance(value, datetime.date):
            if value > as_of:
                errors[name] = (
                    f"This date ({day_words(value)}) is in the future; report what has happened, "
                    "and report a later change when it does."
                )
            elif born and value.year < born:
                errors[name] = f"This date is before your birth year ({born}); check the year."
    if errors:
        raise ValidationError(errors)


def validate_answer(section, director, values, *, fact_id=None, as_of) -> None:
    """The fact model's own validation, as the admin applies it, plus the questionnaire's date
    checks. A link to a fact not accepted yet is checked on acceptance."""
    instance, pending = build_fact(section, director, values, fact_id=fact_id)
    errors = {}
    try:
        check_dates(section, director, instance, as_of)
    except ValidationError as error:
        errors.update(error.message_dict)
    exclude = set(pending) | {"director"}
    if isinstance(instance, OrganisationPayment) and instance.relationship_id is None:
        exclude.add("relationship")
    try:
        instance.full_clean(
            exclude=exclude, validate_unique=False, validate_constraints=not pending
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, messages)
    if errors:
        raise ValidationError(errors)


def _record_of(section, director, fact_id):
    return s.fact_values(section, _fact_of(section, director, fact_id)) if fact_id else {}


@transaction.atomic
def answer_save(
    *,
    questionnaire: DirectorQuestionnaire,
    section_key: str,
    values: dict,
    fact_id: int | None = None,
    answer: DirectorAnswer | None = None,
    as_of: datetime.date,
) -> DirectorAnswer:
    """Save (as a draft) a correction of a fact on record, or a new fact. Bad input saves
    nothing and says what to fix, field by field."""
    questionnaire = _locked(questionnaire)
    section = s.section(section_key)
    if not section.is_fact:
        raise ValidationError("That section takes a statement, not a fact.")
    director = questionnaire.director
    values = {name: s.to_json(values.get(name)) for name in section.fields}
    if answer is not None:
        answer = questionnaire.answers.filter(pk=answer.pk, section=section.key).first()
        if answer is None:
            raise ValidationError("That answer is not in this questionnaire.")
        fact_id = answer.fact_id
    elif fact_id:
        answer = questionnaire.answers.filter(section=section.key, fact_id=fact_id).first()
    validate_answer(section, director, values, fact_id=fact_id, as_of=as_of)
    record = _record_of(section, director, fact_id)
    if answer is None:
        answer = DirectorAnswer(questionnaire=questionnaire, section=section.key, fact_id=fact_id)
    answer.data = values
    answer.record = record
    answer.action = (
        Action.ADD if not fact_id else (Action.CONFIRM if values == record else Action.CORRECT)
    )
    answer.save()
    return answer


def statement_record(section_key: str, director, as_of: datetime.date) -> dict:
    """What the record says for a statement section: the board's findings in force."""
    if section_key == "equity":
        found = (
            IndependenceDetermination.objects.filter(director=director).in_force_on(as_of).first()
        )
        return {
            "voting_equity_percent": s.to_json(
                found.voting_equity_percent if found else Decimal("0.00")
            )
        }
    literacy = LiteracyDetermination.objects.filter(director=director).in_force_on(as_of).first()
    soph = SophisticationDetermination.objects.filter(director=director).in_force_on(as_of).first()
    expert = (
        FinancialExpertDetermination.objects.filter(director=director).in_force_on(as_of).first()
    )
    record = {
        "is_financially_literate": bool(literacy and literacy.is_financially_literate),
        "literacy_basis": "",
        "sophistication_basis": soph.basis if soph and soph.is_financially_sophisticated else "",
        "sophistication_description": soph.basis_description if soph else "",
        "expert_route": expert.route if expert else "",
        "expert_narrative": expert.narrative if expert else "",
    }
    for name in FinancialExpertDetermination.ATTRIBUTES:
        record[name] = bool(expert and getattr(expert, name))
    return record


def _check_statement(section_key: str, values: dict) -> dict:
    if section_key == "equity":
        raw = values.get("voting_equity_percent")
        try:
            percent = Decimal(str(raw)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            raise ValidationError({"voting_equity_percent": "Enter a percentage."}) from None
        if percent < 0:
            raise ValidationError({"voting_equity_percent": "A holding cannot be negative."})
        if percent > 100:
            raise ValidationError(
                {"voting_equity_percent": "A holding cannot be over 100% of a class."}
            )
        return {"voting_equity_percent": str(percent)}
    data = {name: values.get(name) for name in s.BACKGROUND_FIELDS}
    for name in ("is_financially_literate", *FinancialExpertDetermination.ATTRIBUTES):
        data[name] = bool(data[name])
    for name in ("literacy_basis", "sophistication_basis", "sophistication_description"):
        data[name] = (data[name] or "").strip()
    data["expert_route"] = data["expert_route"] or ""
    data["expert_narrative"] = (data["expert_narrative"] or "").strip()
    errors = {}
    if data["sophistication_basis"] not in ("", *s.SOPHISTICATION_BASES.values):
        errors["sophistication_basis"] = "Choose from the list."
    if (
        data["sophistication_basis"] == s.SOPHISTICATION_BASES.COMPARABLE
        and not data["sophistication_description"]
    ):
        errors["sophistication_description"] = "Describe the comparable experience."
    if data["expert_route"] not in ("", *s.EXPERT_ROUTES.values):
        errors["expert_route"] = "Choose from the list."
    if data["expert_route"] == s.EXPERT_ROUTES.OTHER and not data["expert_narrative"]:
        errors["expert_narrative"] = "Route (d) needs a description of the experience."
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def statement_save(
    *, questionnaire: DirectorQuestionnaire, section_key: str, values: dict, as_of
) -> DirectorAnswer:
    """Save the voting equity or financial background statement; it also answers the section."""
    questionnaire = _locked(questionnaire)
    if s.section(section_key).is_fact:
        raise ValidationError("That section asks about facts, not a statement.")
    data = _check_statement(section_key, values)
    answer, _ = DirectorAnswer.objects.get_or_create(
        questionnaire=questionnaire,
        section=section_key,
        action=Action.STATEMENT,
        defaults={"data": data},
    )
    answer.data = data
    answer.record = statement_record(section_key, questionnaire.director, as_of)
    answer.save()
    _mark_section(questionnaire, section_key, as_of)
    return answer


def _mark_section(questionnaire, section_key, as_of) -> None:
    questionnaire.sections = {**questionnaire.sections, section_key: as_of.isoformat()}
    questionnaire.save(update_fields=["sections"])


@transaction.atomic
def section_confirm(*, questionnaire: DirectorQuestionnaire, section_key: str, as_of):
    """The director confirms a section: the facts on record, with the corrections and new
    facts saved, are complete."""
    questionnaire = _locked(questionnaire)
    section = s.section(section_key)
    if not section.is_fact:
        raise ValidationError("Save this section's statement to answer it.")
    _mark_section(questionnaire, section_key, as_of)
    return questionnaire


def unanswered(questionnaire: DirectorQuestionnaire) -> list[s.Section]:
    if questionnaire.kind == DirectorQuestionnaire.Kind.CHANGE:
        return []
    return [section for section in s.SECTIONS if section.key not in questionnaire.sections]


def names_match(typed: str, full_name: str) -> bool:
    return " ".join(typed.split()).casefold() == " ".join(full_name.split()).casefold()


@transaction.atomic
def questionnaire_certify(
    *, questionnaire: DirectorQuestionnaire, user, typed_name: str, code: str, as_of, now=None
) -> DirectorQuestionnaire:
    """Certify with the typed name and a fresh second-factor code. Every section answered (a
    change report: at least one change); afterwards nothing in it changes. Refused as a whole:
    the draft stays as it was."""
    questionnaire = _locked(questionnaire)
    director = questionnaire.director
    if director.user_id != user.pk:
        raise ValidationError("Only the director certifies their own questionnaire.")
    errors = {}
    missing = unanswered(questionnaire)
    if missing:
        titles = "; ".join(section.title for section in missing)
        errors["__all__"] = [
            f"Answer every section before certifying. Still unanswered: {titles}. Open each, "
            "correct or add what is needed, then confirm it."
        ]
    answers = list(questionnaire.answers.all())
    if questionnaire.kind == DirectorQuestionnaire.Kind.CHANGE and not any(
        answer.differs for answer in answers
    ):
        errors["__all__"] = ["A change report needs at least one new or corrected fact."]
    if not names_match(typed_name or "", director.full_name):
        errors["typed_name"] = [f"Type your name exactly as on record: {director.full_name}."]
    if errors:
        raise ValidationError(errors)
    token = "".join((code or "").split())
    if not token.isalnum() or match_token(user, token) is None:
        raise ValidationError(
            {
                "code": "That code is not valid. Enter the code your authenticator app shows "
                "now (each code works once), or an unused backup code. Your answers are kept."
            }
        )
    return seal(questionnaire, user=user, typed_name=typed_name, as_of=as_of, now=now)


def seal(questionnaire, *, user, typed_name: str, as_of, now=None) -> DirectorQuestionnaire:
    """Certification once its checks passed (or, in the demo, a paper questionnaire keyed in):
    the confirmed facts kept as they stood, every difference sent to review."""
    _snapshot_confirmed(questionnaire, list(questionnaire.answers.all()), as_of)
    for answer in questionnaire.answers.all():
        if answer.differs and answer.review == Review.NONE:
            answer.review = Review.PENDING
            answer.save(update_fields=["review", "updated_at"])
    questionnaire.status = Status.CERTIFIED
    questionnaire.certified_on = as_of
    questionnaire.certified_at = now or timezone.now()
    questionnaire.certified_name = " ".join(typed_name.split())
    questionnaire.certified_by = user
    questionnaire.full_clean()
    questionnaire.save(
        update_fields=["status", "certified_on", "certified_at", "certified_name", "certified_by"]
    )
    return questionnaire


def _snapshot_confirmed(questionnaire, answers, as_of) -> None:
    """Every fact on record the director left as it was is kept in the certified copy as a
    confirmation, so the copy says what was certified even after the record changes."""
    if questionnaire.kind != DirectorQuestionnaire.Kind.ANNUAL:
        return
    answered = {(a.section, a.fact_id) for a in answers if a.fact_id}
    director = questionnaire.director
    for section in s.FACT_SECTIONS:
        for fact in s.facts_on_record(section, director):
            if (section.key, fact.pk) in answered:
                continue
            values = s.fact_values(section, fact)
            DirectorAnswer.objects.create(
                questionnaire=questionnaire,
                section=section.key,
                action=Action.CONFIRM,
                fact_id=fact.pk,
                data=values,
                record=values,
            )
    for key in ("equity", "background"):
        if not any(a.section == key for a in answers):
            record = statement_record(key, director, as_of)
            DirectorAnswer.objects.create(
                questionnaire=questionnaire,
                section=key,
                action=Action.STATEMENT,
                data=record,
                record=record,
            )


# The secretary's review --------------------------------------------------------------------


def change_reason(answer: DirectorAnswer) -> str:
    """The fact history's change reason: the questionnaire it came from (at most 100 chars)."""
    q = answer.questionnaire
    where = (
        f"FY{q.round.fiscal_year} questionnaire"
        if q.kind == DirectorQuestionnaire.Kind.ANNUAL
        else "change report"
    )
    return f"Director questionnaire {q.pk} ({where}), answer {answer.pk}"[:100]


def apply_answer(answer: DirectorAnswer, *, reviewed_by, now) -> object | None:
    """Make an answer the dated fact it describes (a new family member it names first), with
    the fact model's own validation; marks it (and those) accepted. The preview runs this too,
    in a transaction it rolls back."""
    answer = DirectorAnswer.objects.select_related(
        "questionnaire__director", "questionnaire__round"
    ).get(pk=answer.pk)
    section = s.section(answer.section)
    fact = None
    if section.is_fact and answer.action in (Action.CORRECT, Action.ADD):
        director = answer.questionnaire.director

        def resolve(answer_id):
            dependency = DirectorAnswer.objects.filter(
                pk=answer_id, questionnaire__director=director
            ).first()
            if dependency is None:
                raise ValidationError("That answer names a fact that is not on record.")
            if dependency.result_id is None:
                if not dependency.questionnaire.is_certified:
                    raise ValidationError(
                        "This answer names a fact from a questionnaire not certified yet."
                    )
                apply_answer(dependency, reviewed_by=reviewed_by, now=now)
                dependency.refresh_from_db()
            return dependency.result_id

        fact, _ = build_fact(
            section, director, answer.data, fact_id=answer.fact_id, resolve=resolve
        )
        check_dates(section, director, fact, timezone.localdate(now))
        fact.full_clean()
        fact._change_reason = change_reason(answer)
        fact.save()
        answer.result_id = fact.pk
    answer.review = Review.ACCEPTED
    answer.reviewed_by = reviewed_by
    answer.reviewed_at = now
    answer.save(update_fields=["review", "reviewed_by", "reviewed_at", "result_id", "updated_at"])
    return fact


def _reviewable(answer: DirectorAnswer) -> DirectorAnswer:
    current = DirectorAnswer.objects.select_for_update().get(pk=answer.pk)
    if current.review not in (Review.PENDING, Review.RETURNED):
        raise ValidationError(
            "This answer is not awaiting review"
            + (" (already accepted)." if current.review == Review.ACCEPTED else ".")
        )
    return current


@transaction.atomic
def answer_accept(*, answer: DirectorAnswer, reviewed_by, now=None):
    """Accept an answer: it becomes the dated fact (history naming the questionnaire)."""
    _reviewable(answer)
    return apply_answer(answer, reviewed_by=reviewed_by, now=now or timezone.now())


@transaction.atomic
def answer_return(
    *, answer: DirectorAnswer, reviewed_by, question: str, now=None
) -> DirectorAnswer:
    """Return an answer with a question the director sees and replies to."""
    answer = _reviewable(answer)
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": "Write the question the director should answer."})
    answer.review = Review.RETURNED
    answer.question = question
    answer.reply = ""
    answer.reviewed_by = reviewed_by
    answer.reviewed_at = now or timezone.now()
    answer.save(
        update_fields=["review", "question", "reply", "reviewed_by", "reviewed_at", "updated_at"]
    )
    return answer


@transaction.atomic
def answer_reply(*, answer: DirectorAnswer, user, reply: str) -> DirectorAnswer:
    """The director answers the secretary's question; the answer awaits review again. The
    certified answer itself never changes (a correction is a change report)."""
    answer = DirectorAnswer.objects.select_for_update().get(pk=answer.pk)
    if answer.questionnaire.director.user_id != user.pk:
        raise ValidationError("Only the director replies.")
    if answer.review != Review.RETURNED:
        raise ValidationError("This answer has no open question.")
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": "Write your reply."})
    answer.reply = reply
    answer.review = Review.PENDING
    answer.save(update_fields=["reply", "review", "updated_at"])
    return answer


# The board's batch of determinations ---------------------------------------------------------


def _latest_statement(director, round_, key):
    return (
        DirectorAnswer.objects.filter(
            questionnaire__director=director,
            questionnaire__round=round_,
            questionnaire__status=Status.CERTIFIED,
            section=key,
            action=Action.STATEMENT,
        )
        .order_by("-pk")
        .first()
    )


def _proposal(director, round_, as_of, audit_ids) -> dict:
    from committees.compliance import director_independence
    from committees.compliance.facts import load_director_facts
    from committees.compliance.rule_10a3 import (
        SAFE_HARBOUR_PERCENT,
        _fee_reasons,
        _firm_reasons,
        audit_service_start,
    )
    from committees.models.common import years_before

    result = director_independence(director, as_of)
    facts = load_director_facts([director], as_of)[director.pk]
    start = audit_service_start(facts, as_of) or years_before(as_of, 1)
    fees = _fee_reasons(facts, start, as_of, "in the period judged") + _firm_reasons(
        facts, as_of, company_profile()
    )
    equity = _latest_statement(director, round_, "equity")
    percent = Decimal(equity.data["voting_equity_percent"]) if equity else Decimal("0")
    executive = any(
        job.family_member_id is None and job.is_executive_officer and job.is_current(as_of)
        for job in facts.employments
    )
    background = _latest_statement(director, round_, "background")
    data = background.data if background else statement_record("background", director, as_of)
    attributes = {name: bool(data.get(name)) for name in FinancialExpertDetermination.ATTRIBUTES}
    designated = all(attributes.values()) and bool(data.get("expert_route"))
    return {
        "audit_member": director.pk in audit_ids,
        "is_independent": all(test.passed for test in result.tests),
        "no_compensatory_fees": not fees,
        "is_affiliated_person": executive or percent > SAFE_HARBOUR_PERCENT,
        "voting_equity_percent": percent,
        "is_financially_literate": bool(data.get("is_financially_literate")),
        "is_financially_sophisticated": bool(data.get("sophistication_basis")) or designated,
        "sophistication_basis": data.get("sophistication_basis")
        or (SophisticationDetermination.Basis.FINANCE_EMPLOYMENT if designated else ""),
        "sophistication_description": data.get("sophistication_description")
        or data.get("expert_narrative", ""),
        "expert": {
            "is_designated": designated,
            **attributes,
            "route": data.get("expert_route", "") if designated else "",
            "narrative": data.get("expert_narrative", "") if designated else "",
        },
        "explanation": {
            "as_of": as_of.isoformat(),
            "tests": [test.as_json() for test in result.tests],
            "fees": fees,
            "rule_10a3_detail": result.rule_10a3_detail,
        },
    }


def batch_blockers(round_: QuestionnaireRound) -> list[str]:
    """What keeps the year's batch from being prepared: a director without a certified
    questionnaire, an answer not reviewed yet."""
    problems = []
    certified = set(
        round_.questionnaires.filter(status=Status.CERTIFIED).values_list("director_id", flat=True)
    )
    missing = [d.full_name for d in Director.objects.order_by("full_name") if d.pk not in certified]
    if missing:
        problems.append("Not certified yet: " + ", ".join(missing) + ".")
    waiting = DirectorAnswer.objects.filter(
        Q(questionnaire__round=round_) | Q(questionnaire__kind=DirectorQuestionnaire.Kind.CHANGE),
        review__in=(Review.PENDING, Review.RETURNED),
        questionnaire__status=Status.CERTIFIED,
    )
    count = waiting.count()
    if count:
        problems.append(
            f"{count} answer{'s' if count != 1 else ''} still await{'s' if count == 1 else ''} "
            "review: accept or return each first."
        )
    return problems


@transaction.atomic
def batch_prepare(*, round: QuestionnaireRound, prepared_by, as_of) -> DeterminationBatch:
    """Prepare (or prepare again, before adoption) the year's determinations for every
    director from the reviewed answers and the tests computed on ``as_of``."""
    round_ = QuestionnaireRound.objects.select_for_update().get(pk=round.pk)
    batch = DeterminationBatch.objects.filter(round=round_).first()
    if batch and batch.is_adopted:
        raise ValidationError(
            f"The board adopted this year's determinations on {day_words(batch.adopted_on)}."
        )
    problems = batch_blockers(round_)
    if problems:
        raise ValidationError(" ".join(problems))
    if batch is None:
        batch = DeterminationBatch(round=round_, prepared_on=as_of, prepared_by=prepared_by)
    batch.prepared_on, batch.prepared_by = as_of, prepared_by
    batch.full_clean()
    batch.save()
    batch.items.all().delete()  # a batch not adopted yet is only a proposal: prepared afresh
    audit_ids = set(
        Membership.objects.active_on(as_of)
        .filter(committee__kind="audit")
        .values_list("director_id", flat=True)
    )
    for director in Director.objects.order_by("full_name"):
        item = BatchItem(
            batch=batch, director=director, **_proposal(director, round_, as_of, audit_ids)
        )
        item.full_clean()
        item.save()
    return batch


@transaction.atomic
def batch_item_update(*, item: BatchItem, **fields) -> BatchItem:
    """The board's own judgment before adoption: a director the tests pass may still be found
    not independent, or the board may find otherwise on literacy or expertise."""
    item = BatchItem.objects.select_related("batch").select_for_update().get(pk=item.pk)
    if item.batch.is_adopted:
        raise ValidationError("These determinations are adopted; the board records newer ones.")
    allowed = {
        "is_independent",
        "no_compensatory_fees",
        "is_affiliated_person",
        "is_financially_literate",
    }
    refused = set(fields) - allowed
    if refused:
        raise ValidationError(f"Cannot change {', '.join(sorted(refused))} here.")
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save(update_fields=sorted(fields))
    return item


@transaction.atomic
def batch_adopt(
    *, batch: DeterminationBatch, adopted_on: datetime.date, meeting_reference: str, adopted_by
) -> DeterminationBatch:
    """The board adopts the batch at a meeting: every determination is recorded dated that
    day, naming the meeting. All or nothing."""
    batch = DeterminationBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.is_adopted:
        raise ValidationError(
            f"These determinations were adopted on {day_words(batch.adopted_on)} "
            f"({batch.meeting_reference})."
        )
    meeting_reference = (meeting_reference or "").strip()
    if not meeting_reference:
        raise ValidationError(
            {
                "meeting_reference": "Name the board meeting, e.g. 'Board meeting of 19 "
                "February 2027'."
            }
        )
    if adopted_on > timezone.localdate():
        raise ValidationError({"adopted_on": "The board cannot adopt on a day still to come."})
    if adopted_on < batch.prepared_on:
        raise ValidationError(
            {
                "adopted_on": f"The batch was prepared on {day_words(batch.prepared_on)}; the "
                "board adopts it on or after that day."
            }
        )
    record = committee_services.determination_record
    note = f"Adopted with the fiscal year {batch.round.fiscal_year} determinations."
    common = {
        "recorded_by": adopted_by,
        "determined_on": adopted_on,
        "board_resolution": meeting_reference[:200],
        "notes": note,
    }
    for item in batch.items.select_related("director"):
        director = item.director
        item.independence = record(
            model=IndependenceDetermination,
            director=director,
            is_independent=item.is_independent,
            no_compensatory_fees=item.no_compensatory_fees,
            is_affiliated_person=item.is_affiliated_person,
            voting_equity_percent=item.voting_equity_percent,
            **common,
        )
        updated = ["independence"]
        if item.audit_member:
            item.literacy = record(
                model=LiteracyDetermination,
                director=director,
                is_financially_literate=item.is_financially_literate,
                **common,
            )
            item.sophistication = record(
                model=SophisticationDetermination,
                director=director,
                is_financially_sophisticated=item.is_financially_sophisticated,
                basis=item.sophistication_basis if item.is_financially_sophisticated else "",
                basis_description=item.sophistication_description,
                **common,
            )
            expert = item.expert or {}
            item.financial_expert = record(
                model=FinancialExpertDetermination,
                director=director,
                is_designated=bool(expert.get("is_designated")),
                route=expert.get("route", ""),
                narrative=expert.get("narrative", ""),
                **{
                    name: bool(expert.get(name)) for name in FinancialExpertDetermination.ATTRIBUTES
                },
                **common,
            )
            updated += ["literacy", "sophistication", "financial_expert"]
        item.save(update_fields=updated)
    batch.adopted_on = adopted_on
    batch.meeting_reference = meeting_reference[:200]
    batch.adopted_by = adopted_by
    batch.full_clean()
    batch.save(update_fields=["adopted_on", "meeting_reference", "adopted_by"])
    return batch

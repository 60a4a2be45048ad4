"""Reads of the questionnaire pages, in a fixed number of queries whatever the number of facts,
answers or directors."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import DateField

from committees.models import (
    Director,
    DirectorAnswer,
    DirectorQuestionnaire,
    QuestionnaireRound,
)
from committees.questionnaire import sections as s
from committees.questionnaire.services import statement_record
from deadlines.wording import day_words

Action = DirectorAnswer.Action
Review = DirectorAnswer.Review


@dataclass
class Row:
    """A fact on record, or a new one reported, with the director's answer to it."""

    fact: object | None
    answer: DirectorAnswer | None
    values: dict  # what the row says now: the answer's values, else the record's
    record: dict  # what the record says (empty for a new fact)


@dataclass
class SectionView:
    section: s.Section
    rows: list = field(default_factory=list)
    answered_on: str = ""
    statement: DirectorAnswer | None = None
    statement_values: dict = field(default_factory=dict)


def questionnaire_sections(
    questionnaire: DirectorQuestionnaire, as_of, answers=None
) -> list[SectionView]:
    """Each section with its rows; ``answers`` the questionnaire's answers by pk when the caller
    has read them already."""
    director = questionnaire.director
    if answers is None:
        answers = list(questionnaire.answers.order_by("pk"))
    by_fact = {(a.section, a.fact_id): a for a in answers if a.fact_id}
    certified = questionnaire.is_certified
    views = []
    for section in s.SECTIONS:
        view = SectionView(section, answered_on=questionnaire.sections.get(section.key, ""))
        if section.is_fact:
            if certified:
                # The certified copy: exactly what was certified, never today's record.
                for answer in answers:
                    if answer.section == section.key:
                        view.rows.append(Row(None, answer, answer.data, answer.record))
            else:
                for fact in s.facts_on_record(section, director):
                    answer = by_fact.get((section.key, fact.pk))
                    record = s.fact_values(section, fact)
                    view.rows.append(Row(fact, answer, answer.data if answer else record, record))
                for answer in answers:
                    if answer.section == section.key and answer.action == Action.ADD:
                        view.rows.append(Row(None, answer, answer.data, {}))
        else:
            view.statement = next((a for a in answers if a.section == section.key), None)
            view.statement_values = (
                view.statement.data
                if view.statement
                else statement_record(section.key, director, as_of)
            )
        views.append(view)
    return views


def label_values(section: s.Section, values: dict, names: dict) -> list[tuple[str, str]]:
    """(label, value in words) for a row's values; links by the names in ``names``."""
    items = []
    model = section.model
    for name in section.fields:
        model_field = model._meta.get_field(name)
        value = values.get(name)
        if model_field.many_to_one:
            words = (
                names.get(value, "")
                if value
                else ("" if name == "relationship" else "the director")
            )
        elif model_field.choices:
            words = dict(model_field.flatchoices).get(value, value or "")
        elif isinstance(model_field, DateField) and value:
            words = day_words(datetime.date.fromisoformat(value))
        elif isinstance(value, bool):
            words = "yes" if value else "no"
        else:
            words = "" if value in (None, "") else str(value)
        items.append((model_field.verbose_name.capitalize(), str(words)))
    return items


def on_record(questionnaire, views) -> dict | None:
    """Section key -> the facts on record the sections' rows were read from, so the links'
    names need not read them again; None for a certified copy (its rows are the answers)."""
    if questionnaire.is_certified:
        return None
    return {
        view.section.key: [row.fact for row in view.rows if row.fact is not None]
        for view in views
        if view.section.is_fact
    }


def _on_record(section_key, director, records):
    if records is not None and section_key in records:
        return records[section_key]
    return s.facts_on_record(s.section(section_key), director)


def link_names(director, answers, records=None) -> dict:
    """ "f<id>"/"a<id>" -> a name, for family members and business relationships."""
    names = {}
    for fact in _on_record("family", director, records):
        names[f"f{fact.pk}"] = fact.name
    for fact in _on_record("business", director, records):
        names[f"f{fact.pk}"] = fact.organisation
    for answer in answers:
        if answer.section == "family":
            names[f"a{answer.pk}"] = answer.data.get("name", "")
        elif answer.section == "business":
            names[f"a{answer.pk}"] = answer.data.get("organisation", "")
    return names


@dataclass(frozen=True)
class DirectorStatus:
    director: Director
    questionnaire: DirectorQuestionnaire | None
    pending: int
    returned: int
    accepted: int

    @property
    def words(self) -> str:
        q = self.questionnaire
        if q is None:
            return "not started"
        if not q.is_certified:
            return "draft"
        return "certified"


def round_status(round_: QuestionnaireRound) -> list[DirectorStatus]:
    """Every director with their questionnaire of the year and its review counts (3 queries)."""
    questionnaires = {
        q.director_id: q
        for q in round_.questionnaires.filter(kind=DirectorQuestionnaire.Kind.ANNUAL)
    }
    counts = defaultdict(lambda: defaultdict(int))
    rows = DirectorAnswer.objects.filter(questionnaire__round=round_).values_list(
        "questionnaire__director_id", "review"
    )
    for director_id, review in rows:
        counts[director_id][review] += 1
    return [
        DirectorStatus(
            director,
            questionnaires.get(director.pk),
            counts[director.pk][Review.PENDING],
            counts[director.pk][Review.RETURNED],
            counts[director.pk][Review.ACCEPTED],
        )
        for director in Director.objects.order_by("full_name")
    ]


def awaiting_review() -> list[DirectorAnswer]:
    """Every certified answer that differs from the record and is not accepted yet."""
    rows = DirectorAnswer.objects.filter(
        review__in=(Review.PENDING, Review.RETURNED),
        questionnaire__status=DirectorQuestionnaire.Status.CERTIFIED,
    ).select_related("questionnaire__director", "questionnaire__round")
    return list(rows.order_by("questionnaire__director__full_name", "section", "pk"))


def current_round(as_of: datetime.date) -> QuestionnaireRound | None:
    return QuestionnaireRound.objects.filter(opens_on__lte=as_of).order_by("-fiscal_year").first()

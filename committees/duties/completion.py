"""How far a self-evaluation has got: who was expected to answer and who has (Charter:
Responsibilities 7). Completion is the evidence; the answers themselves never leave the
questionnaire's aggregate."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from committees.models import Membership, Questionnaire, Response


@dataclass(frozen=True)
class Completion:
    """``expected``: the directors serving on the committee on the questionnaire's close date
    (their last day counts as serving) who can answer, that is who have an active portal login,
    or who answered already; ``submitted``: director id -> the day each of them submitted, on or
    before ``as_of``. A member who left before the close date keeps their answer (it counts in
    the aggregate) but is not expected, so it does not count towards completion."""

    questionnaire: Questionnaire
    expected: frozenset[int]
    submitted: dict[int, datetime.date]

    @property
    def total(self) -> int:
        return len(self.expected)

    @property
    def answered(self) -> int:
        return len(self.expected & set(self.submitted))

    @property
    def rate(self) -> int:
        """Whole per cent of the expected members who have answered, rounded half up ("2 of 3,
        67%"), so that it and the members still to answer (``outstanding_rate``) add up to 100.
        Never 100 before everyone has answered, never 0 once someone has."""
        if not self.expected:
            return 0
        rounded = (self.answered * 200 + self.total) // (self.total * 2)
        if self.answered < self.total:
            rounded = min(rounded, 99)
        if self.answered:
            rounded = max(rounded, 1)
        return rounded

    @property
    def outstanding_rate(self) -> int:
        """Whole per cent still to answer: 100 minus ``rate``, so the two always add up."""
        return 100 - self.rate if self.expected else 0

    @property
    def is_complete(self) -> bool:
        return bool(self.expected) and self.expected <= set(self.submitted)

    @property
    def completed_on(self) -> datetime.date | None:
        """The day the last expected member answered, once every one of them has."""
        if not self.is_complete:
            return None
        return max(self.submitted[pk] for pk in self.expected)

    @property
    def counted(self) -> str:
        """ "2 of 3, 67%": the one way completion is written on pages and in the admin."""
        return f"{self.answered} of {self.total}, {self.rate}%"

    @property
    def label(self) -> str:
        return (
            f"{self.questionnaire.title}: {self.answered} of {self.total} "
            f"member{'' if self.total == 1 else 's'} answered, {self.rate}%"
        )


def completions(questionnaires, as_of: datetime.date, responses=None) -> dict[int, Completion]:
    """Questionnaire id -> its completion on ``as_of``, in two queries whatever their number
    (one when the caller read the questionnaires' ``responses`` already, as
    (questionnaire_id, director_id, submitted_on) rows)."""
    questionnaires = list(questionnaires)
    if not questionnaires:
        return {}
    committee_ids = {q.committee_id for q in questionnaires}
    seats = defaultdict(list)
    can_answer = set()  # directors with an active portal login
    for membership in Membership.objects.filter(committee_id__in=committee_ids).values(
        "committee_id", "director_id", "start_date", "end_date", "director__user__is_active"
    ):
        seats[membership["committee_id"]].append(membership)
        if membership["director__user__is_active"]:
            can_answer.add(membership["director_id"])
    submitted = defaultdict(dict)
    if responses is None:
        responses = Response.objects.filter(
            questionnaire__in=[q.pk for q in questionnaires]
        ).values_list("questionnaire_id", "director_id", "submitted_on")
    for questionnaire_id, director_id, day in responses:
        if day <= as_of:
            submitted[questionnaire_id][director_id] = day
    return {
        q.pk: Completion(
            questionnaire=q,
            expected=frozenset(
                m["director_id"]
                for m in seats[q.committee_id]
                if _serving(m, q.closes_on)
                and (m["director_id"] in can_answer or m["director_id"] in submitted[q.pk])
            ),
            submitted=submitted[q.pk],
        )
        for q in questionnaires
    }


def _serving(membership: dict, day: datetime.date) -> bool:
    """Membership.is_active_on for a values() row: the start and the last day both count."""
    end = membership["end_date"]
    return membership["start_date"] <= day and (end is None or end >= day)

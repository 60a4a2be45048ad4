"""How far a self-evaluation has got: who was expected to answer and who has (Charter:
Responsibilities 7). Completion is the evidence; the answers themselves never leave the
questionnaire's aggregate."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from committees.models import Membership, Questionnaire, Response


@dataclass(frozen=True)
class Completion:
    """``expected``: the directors serving on the committee on the questionnaire's close date;
    ``submitted``: director id -> the day each of them submitted, on or before ``as_of``."""

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
        """Whole per cent of the expected members who have answered."""
        return 0 if not self.expected else self.answered * 100 // self.total

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
    def label(self) -> str:
        return (
            f"{self.questionnaire.title}: {self.answered} of {self.total} "
            f"member{'' if self.total == 1 else 's'} answered ({self.rate}%)"
        )


def completions(questionnaires, as_of: datetime.date) -> dict[int, Completion]:
    """Questionnaire id -> its completion on ``as_of``, in two queries whatever their number."""
    questionnaires = list(questionnaires)
    if not questionnaires:
        return {}
    committee_ids = {q.committee_id for q in questionnaires}
    seats = defaultdict(list)
    for membership in Membership.objects.filter(committee_id__in=committee_ids).only(
        "committee_id", "director_id", "start_date", "end_date"
    ):
        seats[membership.committee_id].append(membership)
    submitted = defaultdict(dict)
    rows = Response.objects.filter(
        questionnaire__in=[q.pk for q in questionnaires], submitted_on__lte=as_of
    ).values_list("questionnaire_id", "director_id", "submitted_on")
    for questionnaire_id, director_id, day in rows:
        submitted[questionnaire_id][director_id] = day
    return {
        q.pk: Completion(
            questionnaire=q,
            expected=frozenset(
                m.director_id for m in seats[q.committee_id] if m.is_active_on(q.closes_on)
            ),
            submitted=submitted[q.pk],
        )
        for q in questionnaires
    }

"""Who reads what of the directors' questionnaire (issue 12). A director's answers are the
director's and the secretary's only: everyone else, fellow members included, gets a 404. Fellow
members read the board's resulting determinations; board readers the status only."""

import datetime

from django.http import Http404

from charter_portal.permissions import ReadingLevel
from charter_portal.roles import Role, committee_roles, has_group_role, is_secretary
from committees.models import Director, DirectorAnswer, DirectorQuestionnaire


def own_director(user) -> Director | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Director.objects.filter(user=user).first()


def get_questionnaire_for_user(user, pk: int) -> DirectorQuestionnaire:
    """The questionnaire, for its director and the secretary only."""
    row = (
        DirectorQuestionnaire.objects.select_related("director", "round", "certified_by")
        .filter(pk=pk)
        .first()
    )
    if row is None or not (is_secretary(user) or row.director.user_id == user.pk):
        raise Http404("No such questionnaire.")
    return row


def get_answer_for_user(user, pk: int) -> DirectorAnswer:
    answer = (
        DirectorAnswer.objects.select_related("questionnaire__director", "questionnaire__round")
        .filter(pk=pk)
        .first()
    )
    if answer is None or not (
        is_secretary(user) or answer.questionnaire.director.user_id == user.pk
    ):
        raise Http404("No such answer.")
    return answer


def status_level(user, as_of: datetime.date) -> ReadingLevel | None:
    """The year's status and the board's determinations: DETAIL for the secretary and serving
    committee members (the determinations, never the answers), SUMMARY for board readers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    if is_secretary(user) or committee_roles(user, as_of):
        return ReadingLevel.DETAIL
    if has_group_role(user, Role.BOARD_READER):
        return ReadingLevel.SUMMARY
    return None


def require_status_level(user, as_of) -> ReadingLevel:
    level = status_level(user, as_of)
    if level is None:
        raise Http404("No such page.")
    return level

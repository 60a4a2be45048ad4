"""Cure periods under Nasdaq 5605(c)(4): recorded independence cures and vacancy cures derived
from the roster, taken in event order so that only one runs at a time."""

import datetime
from dataclasses import dataclass, replace

from committees.compliance import text
from committees.compliance.facts import next_meeting_after
from committees.models import CurePeriod, vacancy_cure_deadline
from committees.models.cure import VACANCY_SHORT_CURE

ONE_DAY = datetime.timedelta(days=1)
INDEPENDENCE = "independence"
VACANCY = "vacancy"


@dataclass(frozen=True)
class CureEpisode:
    """One cure period as relied on: from ``start`` to ``last_day`` (the deadline, or earlier when
    it ended, the member left or the seat was filled)."""

    kind: str  # INDEPENDENCE or VACANCY
    event: datetime.date  # the deadline runs from this day
    start: datetime.date  # first day the committee relies on it
    deadline: datetime.date
    last_day: datetime.date
    description: str  # "the cure period for Dana Whitfield (from 2 March 2026)"
    who: str = ""  # the directors concerned, in words
    director_ids: tuple[int, ...] = ()
    cure_period: CurePeriod | None = None
    still_short: bool = False  # vacancy: the seat is still empty on as_of
    meeting: datetime.date | None = None  # vacancy: the first annual meeting after the event
    blocked_by: "CureEpisode | None" = None

    @property
    def valid(self) -> bool:
        return self.blocked_by is None

    def covers(self, as_of: datetime.date) -> bool:
        return self.valid and self.start <= as_of <= self.last_day

    def blocked_words(self) -> str:
        """Why this one cures nothing; empty when valid."""
        if self.blocked_by is None:
            return ""
        other = self.blocked_by
        return (
            f"{other.description} was already running (until {text.day(other.last_day)}), and "
            "only one cure period may run at a time (Nasdaq 5605(c)(4)), so "
            f"{self.description} cures nothing"
        )


def _count(memberships, day: datetime.date) -> int:
    return sum(1 for m in memberships if m.is_active_on(day))


def vacancy_episodes(memberships, required: int, as_of: datetime.date, meetings):
    """Each time the roster fell from full to exactly one short of ``required``: a vacancy whose
    event is the departing member's last day (5605(c)(4)(B))."""
    change_days = sorted(
        {m.start_date for m in memberships if m.start_date <= as_of}
        | {m.end_date + ONE_DAY for m in memberships if m.end_date and m.end_date < as_of}
    )
    episodes = []
    for first_short in change_days:
        if _count(memberships, first_short) != required - 1:
            continue
        if _count(memberships, first_short - ONE_DAY) < required:
            continue
        event = first_short - ONE_DAY
        staying = {m.director_id for m in memberships if m.is_active_on(first_short)}
        leavers = [m.director for m in memberships if m.end_date == event]
        leavers = [d for d in leavers if d.pk not in staying]
        refill = next(
            (d for d in change_days if d > first_short and _count(memberships, d) >= required),
            None,
        )
        who = text.names(d.full_name for d in leavers) or "a member"
        meeting = next_meeting_after(meetings, event)
        deadline = vacancy_cure_deadline(event, meeting)
        last_day = deadline if refill is None else min(deadline, refill - ONE_DAY)
        episodes.append(
            CureEpisode(
                kind=VACANCY,
                event=event,
                start=first_short,
                deadline=deadline,
                last_day=last_day,
                description=(f"the vacancy cure after {who} left on {text.day(event)}"),
                who=who,
                director_ids=tuple(d.pk for d in leavers),
                still_short=refill is None,
                meeting=meeting,
            )
        )
    return episodes


def independence_episodes(cure_periods, memberships):
    """Recorded cure periods (5605(c)(4)(A)); one ends early when the member leaves."""
    episodes = []
    for cure in cure_periods:
        last_day = min(cure.deadline, cure.ended_on) if cure.ended_on else cure.deadline
        seat = next(
            (
                m
                for m in memberships
                if m.director_id == cure.director_id and m.is_active_on(cure.event_date)
            ),
            None,
        )
        if seat and seat.end_date and seat.end_date < last_day:
            last_day = seat.end_date
        episodes.append(
            CureEpisode(
                kind=INDEPENDENCE,
                event=cure.event_date,
                start=cure.event_date,
                deadline=cure.deadline,
                last_day=last_day,
                description=(
                    f"the cure period for {cure.director.full_name} "
                    f"(from {text.day(cure.event_date)})"
                ),
                who=cure.director.full_name,
                director_ids=(cure.director_id,),
                cure_period=cure,
            )
        )
    return episodes


def cure_episodes(committee_facts, required: int, as_of: datetime.date, meetings):
    """Every cure episode of the committee up to ``as_of`` in event order; an episode that starts
    while an earlier valid one runs is marked blocked (5605(c)(4): one at a time)."""
    episodes = independence_episodes(
        committee_facts.cure_periods, committee_facts.memberships
    ) + vacancy_episodes(committee_facts.memberships, required, as_of, meetings)
    episodes.sort(key=lambda e: (e.start, e.kind != INDEPENDENCE, e.event))
    running, result = [], []
    for episode in episodes:
        blocker = next((v for v in running if v.start <= episode.start <= v.last_day), None)
        if blocker:
            result.append(replace(episode, blocked_by=blocker))
        else:
            running.append(episode)
            result.append(episode)
    return result


def vacancy_deadline_words(episode: CureEpisode) -> str:
    """Explains which branch of 5605(c)(4)(B) set the vacancy deadline."""
    meeting = episode.meeting
    if meeting and meeting <= episode.event + VACANCY_SHORT_CURE:
        return (
            f"180 days after the vacancy, because the annual meeting on {text.day(meeting)} "
            "falls within 180 days of it"
        )
    if meeting and episode.deadline == meeting:
        return "the date of the next annual meeting"
    return "one year after the vacancy"

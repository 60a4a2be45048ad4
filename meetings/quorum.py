"""Quorum: how many of the committee's members must be present for it to act. The charter in
force on the meeting day may fix the number; without one, a majority of the members serving that
day. A member recused from an item does not count towards that item's quorum."""

from dataclasses import dataclass, field

from committees.models import CharterVersion, Membership
from meetings.models import Attendance, Meeting, Recusal


def majority(serving: int) -> int:
    return serving // 2 + 1 if serving else 1


def quorum_required(committee, day, serving: int) -> int:
    """The charter's quorum when its version sets one (a ``quorum`` field), else a majority.
    While charter versions have no such field, the charter is not read at all."""
    if not _charter_sets_quorum():
        return majority(serving)
    charter = committee.charter_on(day)
    fixed = getattr(charter, "quorum", None) if charter else None
    return fixed if fixed else majority(serving)


@dataclass(frozen=True)
class Quorum:
    serving: int  # members serving on the meeting day
    required: int
    present_ids: frozenset  # directors present (in person or remotely)
    recused_by_item: dict = field(default_factory=dict)  # item id -> director ids recused

    @property
    def present(self) -> int:
        return len(self.present_ids)

    @property
    def met(self) -> bool:
        return self.present >= self.required

    def present_for(self, item_id: int) -> int:
        return len(self.present_ids - self.recused_by_item.get(item_id, frozenset()))

    def met_for(self, item_id: int) -> bool:
        return self.present_for(item_id) >= self.required

    @property
    def words(self) -> str:
        state = "quorum present" if self.met else "no quorum"
        return f"{self.present} of {self.serving} members present; {self.required} needed: {state}."


def _charter_sets_quorum() -> bool:
    return any(f.name == "quorum" for f in CharterVersion._meta.get_fields())


def serving_member_ids(meeting: Meeting) -> set[int]:
    seats = Membership.objects.active_on(meeting.day).filter(committee_id=meeting.committee_id)
    return set(seats.values_list("director_id", flat=True))


def meeting_quorum(
    meeting: Meeting,
    *,
    serving_ids: set[int] | None = None,
    attendance: list | None = None,
    recusals: list | None = None,
) -> Quorum:
    """The quorum of ``meeting`` from its recorded attendance and recusals (three queries, none
    for what the caller already read: the serving ids, the attendance rows, the recusals)."""
    serving = serving_member_ids(meeting) if serving_ids is None else serving_ids
    if attendance is None:
        present = set(
            Attendance.objects.filter(
                meeting=meeting, status__in=Attendance.PRESENT, director_id__in=serving
            ).values_list("director_id", flat=True)
        )
    else:
        present = {
            row.director_id
            for row in attendance
            if row.status in Attendance.PRESENT and row.director_id in serving
        }
    if recusals is None:
        rows = Recusal.objects.filter(agenda_item__meeting=meeting, recused=True)
        pairs = list(rows.values_list("agenda_item_id", "director_id"))
    else:
        pairs = [(r.agenda_item_id, r.director_id) for r in recusals if r.recused]
    recused: dict[int, set] = {}
    for item_id, director_id in pairs:
        recused.setdefault(item_id, set()).add(director_id)
    return Quorum(
        serving=len(serving),
        required=quorum_required(meeting.committee, meeting.day, len(serving)),
        present_ids=frozenset(present),
        recused_by_item={k: frozenset(v) for k, v in recused.items()},
    )

"""What to do next, in words: for each composition finding that is not met, the step that cures
it and who can take it; for the reader, the things that are theirs to do (an unanswered
self-evaluation, a charter review to record, an advisor over budget, a notice to the exchange to
record).

Pure: every function takes what the dashboard already read (the finding's key, status and
deadline, the people concerned with the links this reader may follow) and returns words and
links, with no query. committees.selectors.dashboard_next_steps gathers the inputs.
"""

import datetime
from dataclasses import dataclass

from charter_portal.dates import long_date
from deadlines.status import Status

# Composition keys (committees.requirements.composition.COMPOSITION).
SIZE = "committees.composition.size"
CHARTER_SIZE = "committees.composition.charter_size"
INDEPENDENCE = "committees.composition.independence"
RULE_10A3 = "committees.composition.rule_10a3"
PREPARATION_BAR = "committees.composition.preparation_bar"
LITERACY = "committees.composition.literacy"
SOPHISTICATION = "committees.composition.sophistication"
FINANCIAL_EXPERTISE = "committees.composition.financial_expertise"
EXPERT_DISCLOSURE = "committees.composition.financial_expert_disclosure"
EXCEPTION = "committees.composition.exception"
EXCHANGE_NOTICE = "committees.composition.exchange_notice"

BOARD = "The board appoints and removes members; the corporate secretary records the change."
BOARD_FINDS = "The board makes the determination; the corporate secretary records it."
SECRETARY = "The corporate secretary."
NOTICE = "An executive officer notifies the exchange; the corporate secretary records the notice."

# The step for each finding other than independence (which names the people concerned): the
# words ("{by}" becomes " by <deadline>" when there is one) and who can take it.
PLAIN_STEPS = {
    SIZE: ("Appoint enough members to meet the minimum{by}", BOARD),
    CHARTER_SIZE: ("Appoint the members the charter asks for, or amend the charter", BOARD),
    RULE_10A3: (
        "Replace the member who does not meet Rule 10A-3, or correct the recorded facts",
        BOARD,
    ),
    PREPARATION_BAR: ("Replace the member who helped prepare the financial statements", BOARD),
    LITERACY: (
        "Record the board's financial-literacy finding for each member, or replace the member",
        BOARD_FINDS,
    ),
    SOPHISTICATION: (
        "Have the board find a member financially sophisticated, or appoint one who is",
        BOARD_FINDS,
    ),
    FINANCIAL_EXPERTISE: (
        "Have the board find a member with accounting or financial expertise, or appoint one",
        BOARD_FINDS,
    ),
    EXPERT_DISCLOSURE: (
        "Record the financial-expert designation, or why the committee has none",
        SECRETARY,
    ),
    EXCEPTION: (
        "Bring the exceptional-circumstances seat within its limits, or replace that member",
        BOARD,
    ),
    EXCHANGE_NOTICE: ("Notify the exchange and record the notice", NOTICE),
}
DEFAULT_STEP = "Open the roster to see what is missing and correct it"


@dataclass(frozen=True)
class Person:
    """A director a step is about: their file's address when this reader may open it, and their
    administration page when the reader is the secretary."""

    name: str
    file_url: str = ""
    admin_url: str = ""


@dataclass(frozen=True)
class Piece:
    """Part of a sentence; a piece with a url is a link (a person's name to their file)."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class NextStep:
    key: str
    pieces: tuple[Piece, ...]
    who: str = ""  # who can take it
    url: str = ""  # the portal page where it is done, only when this reader may open it
    admin_url: str = ""  # the administration page where it is fixed, for the secretary
    urgent: bool = False  # overdue or failing: listed first

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def admin_links(self) -> tuple[tuple[str, str], ...]:
        """(words, address) of each administration page where it is fixed."""
        return ()


@dataclass(frozen=True)
class FindingStep(NextStep):
    people: tuple[Person, ...] = ()

    @property
    def admin_links(self) -> tuple[tuple[str, str], ...]:
        links = tuple((f"{p.name} in the administration", p.admin_url) for p in self.people)
        links = tuple(link for link in links if link[1])
        if self.admin_url:
            links += (("Fix it in the administration", self.admin_url),)
        return links


def _named(people: tuple[Person, ...]) -> tuple[Piece, ...]:
    """'A', 'A and B', 'A, B and C', each name a link to the file where the reader may open it."""
    pieces: list[Piece] = []
    for index, person in enumerate(people):
        if index:
            pieces.append(Piece(" and " if index == len(people) - 1 else ", "))
        pieces.append(Piece(person.name, person.file_url))
    return tuple(pieces)


def _by(due: datetime.date | None) -> str:
    return f" by {long_date(due)}" if due else ""


def finding_step(
    key: str,
    status: Status | str,
    due: datetime.date | None = None,
    *,
    people: tuple[Person, ...] = (),
    admin_url: str = "",
) -> FindingStep | None:
    """The next step for a composition finding, or None when it is met or waived. ``people``
    are the directors concerned (empty for a reader who reads only the summary: the step then
    names no one); ``due`` is the end of a cure period."""
    status = Status(status)
    if status in (Status.MET, Status.WAIVED):
        return None
    urgent = status in (Status.FAILING, Status.OVERDUE)
    them = _named(people) or (Piece("the member who is not independent"),)
    if status == Status.CURE_PERIOD:
        independence = (
            Piece("Replace "),
            *them,
            Piece(", or restore their independence" + (f", by {long_date(due)}" if due else "")),
        )
    else:
        independence = (Piece("Replace "), *them, Piece(", or restore their independence, now"))
    if key == INDEPENDENCE:
        pieces, who = independence, BOARD
    else:
        words, who = PLAIN_STEPS.get(key, (DEFAULT_STEP, BOARD))
        pieces = (Piece(words.format(by=_by(due))),)
    return FindingStep(
        key=key,
        pieces=tuple(pieces),
        who=who,
        admin_url=admin_url,
        urgent=urgent,
        people=people if key == INDEPENDENCE else (),
    )


# The reader's own to-dos ----------------------------------------------------------------------


def unanswered_evaluation(
    fiscal_year: int, committee_name: str, closes_on: datetime.date, url: str
) -> NextStep:
    """A serving member who has not answered an open self-evaluation (Charter: Responsibilities
    7)."""
    return NextStep(
        key="committees.self_evaluation",
        pieces=(Piece(f"You have not answered the fiscal {fiscal_year} self-evaluation"),),
        who=f"{committee_name}; it closes on {long_date(closes_on)}.",
        url=url,
    )


def charter_review_to_record(
    committee_name: str, status: Status | str, due: datetime.date | None, url: str
) -> NextStep:
    """The chair or the secretary, while the annual charter review is not recorded."""
    status = Status(status)
    overdue = status == Status.OVERDUE
    when = ""
    if due is not None:
        when = f" (overdue since {long_date(due)})" if overdue else f" (due {long_date(due)})"
    return NextStep(
        key="committees.charter_review",
        pieces=(Piece(f"Record the charter review{when}"),),
        who=f"{committee_name}: its chair or the corporate secretary.",
        url=url,
        urgent=overdue,
    )


def advisor_over_budget(
    advisor: str, committee_name: str, paid: str, budget: str, url: str, admin_url: str = ""
) -> NextStep:
    """An advisor the committee engaged has been paid more than its approved budget (Charter:
    Responsibilities 6): the committee approves more, or the work stops."""
    return NextStep(
        key="committees.advisor_budget",
        pieces=(
            Piece(
                f"Approve a larger budget for {advisor}, or stop the work: {paid} paid against "
                f"a budget of {budget}"
            ),
        ),
        who=f"{committee_name}: the committee approves advisors' fees.",
        url=url,
        admin_url=admin_url,
        urgent=True,
    )


def exchange_notice_to_record(committee_name: str, url: str, admin_url: str = "") -> NextStep:
    """A noncompliance with no notice to the exchange recorded (Nasdaq 5625, 5605(c)(4))."""
    return NextStep(
        key=EXCHANGE_NOTICE,
        pieces=(Piece(f"Record the notice to the exchange for the {committee_name}"),),
        who=NOTICE,
        url=url,
        admin_url=admin_url,
        urgent=True,
    )


def ordered(steps) -> list[NextStep]:
    """Urgent ones (overdue, failing, over budget) first, otherwise in the order given."""
    return sorted(steps, key=lambda step: not step.urgent)

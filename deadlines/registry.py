"""The requirement registry: every duty the portal enforces, declared by the app that owns it.

A domain app declares its duties in its own ``requirements.py``, which DeadlinesConfig.ready()
imports at start-up, and registers the hooks that connect the engine to its data::

    from deadlines.cadences import FiscalYear
    from deadlines.registry import Evaluation, EvidenceLink, Requirement, register, registry
    from deadlines.status import Kind, Status

    def evaluate_charter_review(committee, period, as_of):
        # Met by a charter review recorded within the period (Nasdaq 5605(c)(1)).
        review = committee.charter_reviews.filter(held_on__range=(period.start, as_of)).first()
        if review is None:
            return Evaluation(Status.DUE, detail="No charter review recorded yet this year.")
        return Evaluation(Status.MET, met_on=review.held_on,
                          evidence=(EvidenceLink("Charter review", obj=review),))

    register(Requirement(
        key="committees.charter_review", title="Annual charter review", kind=Kind.CHARTER,
        rule="Charter: Responsibilities 7; Nasdaq 5605(c)(1)", cadence=FiscalYear(),
        evaluator=evaluate_charter_review,
    ))
    registry.set_subjects(lambda as_of: Committee.objects.order_by("pk"))

Like django.core.checks.registry, there is one module-level registry; deadlines never imports the
domain, it only calls what was registered.
"""

import datetime
import re
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from deadlines.cadences import Bounds, Cadence, FiscalCalendar, Period, remember_ranges
from deadlines.schedule import DEFAULT_DUE_SOON_DAYS
from deadlines.status import EVALUATOR_STATUSES, Kind, Status

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")

# What a requirement that cannot be waived is, in the words its refusal uses.
NOT_WAIVABLE = {Kind.LISTING: "a Nasdaq listing standard", Kind.SEC: "an SEC rule"}

Subject = Any  # a committee; typed loosely because deadlines never imports committees
Users = Callable[[Subject, datetime.date], Iterable[Any]]
# (a saved or deleted record) -> the ids of the committees whose duties it can change, or None
# when it can change any committee's (the company profile, say).
AffectedCommittees = Callable[[Any], Iterable[int] | None]


@dataclass(frozen=True)
class EvidenceLink:
    """A record that satisfies (or partly satisfies) a requirement: a meeting, a document, a
    determination. ``url`` may be left empty when ``obj`` has get_absolute_url()."""

    label: str
    url: str = ""
    obj: Any = None

    def resolved_url(self) -> str:
        if self.url:
            return self.url
        get_url = getattr(self.obj, "get_absolute_url", None)
        return get_url() if get_url else ""


@dataclass(frozen=True)
class Evaluation:
    """What an evaluator found for one committee and period on ``as_of``.

    ``status`` is MET, DUE (not met yet: the engine turns it into due, due soon or overdue from
    the due date), FAILING or CURE_PERIOD. ``due`` replaces the cadence's due date (a cure
    deadline, a filing date); ``met_on`` is the day the evidence was made (default: ``as_of``);
    ``since`` is the day a failure or cure period began, when the evaluator knows it (a cure
    period runs from its event, which may be earlier than the first run that saw it).
    """

    status: Status
    due: datetime.date | None = None
    met_on: datetime.date | None = None
    evidence: tuple[EvidenceLink, ...] = ()
    detail: str = ""
    since: datetime.date | None = None

    def __post_init__(self):
        if Status(self.status) not in EVALUATOR_STATUSES:
            raise ValueError(
                f"An evaluator cannot report {self.status!r}: waivers are granted, not evaluated."
            )
        object.__setattr__(self, "status", Status(self.status))
        object.__setattr__(self, "evidence", tuple(self.evidence))


Evaluator = Callable[[Subject, Period, datetime.date], Evaluation]


@dataclass(frozen=True)
class Requirement:
    """One duty. ``cadence`` is a Cadence, or a callable (committee, as_of) -> Cadence when the
    charter version in force sets it (a review every N months)."""

    key: str  # stable dotted key, e.g. "meetings.min_meetings_per_year"
    title: str
    kind: Kind
    rule: str  # rule id or charter clause, e.g. "Charter: Meetings"
    cadence: Cadence | Callable[[Subject, datetime.date], Cadence]
    evaluator: Evaluator
    # Who is reminded: (committee, as_of) -> users. Default: the registry's responsible hook.
    responsible: Users | None = None
    # Where the evidence is kept or recorded: (committee, period) -> URL path. Shown in reminders.
    evidence_url: Callable[[Subject, Period], str] | None = None
    # Who may follow evidence_url: (user, committee, as_of) -> bool, the same check the page
    # behind it makes (a link is shown only to someone it does not refuse). None: whoever reads
    # the committee.
    may_act: Callable[[Any, Subject, datetime.date], bool] | None = None
    # Who may follow the evidence links: (user, committee, as_of) -> bool. None: whoever reads
    # the committee. Others see the evidence's labels without links (a board reader is not let
    # into the meeting that is the evidence).
    may_see_evidence: Callable[[Any, Subject, datetime.date], bool] | None = None
    # Whether the duty applies to a committee at all (only audit committees, say).
    applies_to: Callable[[Subject], bool] | None = None
    # Rolling cadences: (committee, as_of) -> the day it was last met before the portal knew, or
    # the day the first interval counts from; used only when no occurrence exists yet.
    last_met: Callable[[Subject, datetime.date], datetime.date | None] | None = None
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS
    description: str = ""
    # (committee) -> (kind, rule) when the rule that applies depends on the committee (an audit
    # committee's size rule is not a compensation committee's); default: ``kind`` and ``rule``.
    citation: Callable[[Subject], tuple[Kind, str]] | None = None
    # False when the owning app already tells people about this duty through its own notices:
    # the engine then tracks and reports it but sends no reminders or escalations of its own.
    sends_reminders: bool = True
    # Whether the committee may waive it. None: only a charter-kind duty may be (a company may
    # relax its own charter's practice, never a listing standard or an SEC rule); False keeps a
    # charter duty from being waived at all.
    waivable: bool | None = None

    def __post_init__(self):
        if not KEY_PATTERN.match(self.key) or len(self.key) > 100:
            raise ValueError(
                f"Requirement key {self.key!r} must be dotted lower-case words, such as "
                "'meetings.min_meetings_per_year', at most 100 characters."
            )
        object.__setattr__(self, "kind", Kind(self.kind))
        if not callable(self.evaluator):
            raise TypeError(f"Requirement {self.key}: the evaluator must be callable.")
        if not isinstance(self.cadence, Cadence) and not callable(self.cadence):
            raise TypeError(f"Requirement {self.key}: cadence must be a Cadence or a callable.")
        if self.due_soon_days < 0:
            raise ValueError(f"Requirement {self.key}: due_soon_days cannot be negative.")
        if self.waivable and self.kind != Kind.CHARTER:
            raise ValueError(
                f"Requirement {self.key}: only a charter-kind requirement can be waivable; "
                f"{NOT_WAIVABLE[self.kind]} cannot be waived."
            )

    @property
    def is_waivable(self) -> bool:
        """Whether a waiver may excuse it as declared: charter-kind duties only, unless declared
        not waivable. Where the citation depends on the committee, see is_waivable_for."""
        return self.waivable is not False and self.kind == Kind.CHARTER

    def is_waivable_for(self, subject: Subject) -> bool:
        """Whether a waiver may excuse it for ``subject``: only where the rule it cites for that
        committee is the company's own charter (a nominating committee's size, say)."""
        return self.waivable is not False and self.kind_for(subject) == Kind.CHARTER

    @property
    def may_be_waived(self) -> bool:
        """Whether any committee's occurrence of it could carry a waiver (no query needed)."""
        return self.waivable is not False and (self.citation is not None or self.is_waivable)

    def cadence_for(self, subject: Subject, as_of: datetime.date) -> Cadence:
        if isinstance(self.cadence, Cadence):
            return self.cadence
        cadence = self.cadence(subject, as_of)
        if not isinstance(cadence, Cadence):
            raise TypeError(f"Requirement {self.key}: the cadence callable returned {cadence!r}.")
        return cadence

    def kind_for(self, subject: Subject) -> Kind:
        """The kind of rule this duty is for ``subject`` (a committee)."""
        return Kind(self.citation(subject)[0]) if self.citation else self.kind

    def rule_for(self, subject: Subject) -> str:
        """The rule cited for ``subject``: only the one that applies to that committee."""
        return self.citation(subject)[1] if self.citation else self.rule

    def applies(self, subject: Subject) -> bool:
        return self.applies_to is None or bool(self.applies_to(subject))


@dataclass
class RequirementRegistry:
    """Requirements by key, and the hooks through which the domain supplies its data."""

    _requirements: dict[str, Requirement] = field(default_factory=dict)
    _subjects: Callable[[datetime.date], Iterable[Subject]] | None = None
    _year_bounds: Callable[[datetime.date], Bounds] | None = None
    _quarter_bounds: Callable[[datetime.date], Bounds] | None = None
    _responsible: Users | None = None
    _escalation: Users | None = None
    _can_waive: Callable[[Any, Any, datetime.date], bool] | None = None
    _admin_viewer: Callable[[Any], bool] | None = None
    _watched: dict[str, AffectedCommittees] = field(default_factory=dict)
    _feed_sources: list[Callable] = field(default_factory=list)

    # Requirements.

    def register(self, requirement: Requirement) -> Requirement:
        """Add a requirement; a second one with the same key is refused."""
        if not isinstance(requirement, Requirement):
            raise TypeError("register() takes a deadlines.registry.Requirement.")
        if requirement.key in self._requirements:
            raise ImproperlyConfigured(
                f"Requirement {requirement.key!r} is registered twice; keys must be unique."
            )
        self._requirements[requirement.key] = requirement
        return requirement

    def all(self) -> list[Requirement]:
        return [self._requirements[key] for key in sorted(self._requirements)]

    def get(self, key: str) -> Requirement:
        try:
            return self._requirements[key]
        except KeyError:
            raise KeyError(f"No requirement is registered under {key!r}.") from None

    def __contains__(self, key: str) -> bool:
        return key in self._requirements

    # Hooks the domain registers.

    def set_subjects(self, subjects: Callable[[datetime.date], Iterable[Subject]]) -> None:
        """(as_of) -> the committees to evaluate on that day."""
        self._subjects = subjects

    def set_fiscal_calendar(
        self,
        year_bounds: Callable[[datetime.date], Bounds],
        quarter_bounds: Callable[[datetime.date], Bounds] | None = None,
    ) -> None:
        """(day) -> (first, last day) of the fiscal year holding it; quarters likewise, or the
        year's four three-month slices when not given."""
        self._year_bounds = year_bounds
        self._quarter_bounds = quarter_bounds

    def set_responsible(self, responsible: Users) -> None:
        """(committee, as_of) -> the users reminded when a requirement names no one itself."""
        self._responsible = responsible

    def set_escalation_recipients(self, recipients: Users) -> None:
        """(committee, as_of) -> the users told as well once an occurrence is long overdue (the
        board chair and the corporate secretary)."""
        self._escalation = recipients

    def set_waiver_permission(self, can_waive: Callable[[Any, Any, datetime.date], bool]) -> None:
        """(user, occurrence, as_of) -> whether the user may waive it (the committee's chair or
        the corporate secretary). With no hook registered nobody may waive anything."""
        self._can_waive = can_waive

    def set_admin_viewer(self, can_view: Callable[[Any], bool]) -> None:
        """(user) -> whether the user reads the engine's records in the admin without model
        permissions (the corporate secretary). Superusers and model permissions work as usual."""
        self._admin_viewer = can_view

    def watch(self, app_label: str, affected: AffectedCommittees) -> None:
        """Every record of the app ``app_label`` is evidence or a fact some requirement depends
        on: any committed save or delete of one re-evaluates the open occurrences of the
        committees ``affected(record)`` names (None: every committee). Apps still to come
        (meetings, auditors, complaints) register theirs the same way; see deadlines.freshness."""
        if app_label in self._watched:
            raise ImproperlyConfigured(f"The app {app_label!r} is watched twice.")
        self._watched[app_label] = affected

    def watched(self) -> dict[str, AffectedCommittees]:
        return dict(self._watched)

    def add_feed_source(self, source: Callable) -> None:
        """(user, as_of, now) -> iCalendar events that join the user's personal feed besides
        their deadlines (a committee's meetings). Each source decides what the user may see."""
        if source not in self._feed_sources:
            self._feed_sources.append(source)

    def feed_sources(self) -> list[Callable]:
        return list(self._feed_sources)

    # What the engine asks.

    def subjects(self, as_of: datetime.date) -> list[Subject]:
        return [] if self._subjects is None else list(self._subjects(as_of))

    def calendar(self) -> FiscalCalendar:
        """A fresh memoising calendar for one engine run."""
        if self._year_bounds is None:
            raise ImproperlyConfigured(
                "No fiscal calendar is registered: a requirements.py must call "
                "registry.set_fiscal_calendar(...) before fiscal cadences can be used."
            )
        return FiscalCalendar(self._year_bounds, self._quarter_bounds)

    def page_calendar(self) -> FiscalCalendar:
        """A calendar for one page that asks the domain once per fiscal year or quarter it
        touches, however many days it walks."""
        self.calendar()  # refuses, as the engine does, when no fiscal calendar is registered
        quarters = self._quarter_bounds
        return FiscalCalendar(
            remember_ranges(self._year_bounds),
            remember_ranges(quarters) if quarters is not None else None,
        )

    def has_subjects(self) -> bool:
        return self._subjects is not None

    def responsible_for(self, requirement: Requirement, subject, as_of) -> list:
        hook = requirement.responsible or self._responsible
        return [] if hook is None else list(hook(subject, as_of))

    def responsible_by_subject(self, requirement: Requirement, subjects, as_of) -> dict:
        """Subject pk -> the users ``responsible_for`` names, for many subjects at once. A hook
        that carries ``for_subjects`` ((subjects, as_of) -> {pk: users}) answers in one go, so
        a page listing every committee asks once, not once per committee; any other hook is
        asked per subject."""
        hook = requirement.responsible or self._responsible
        subjects = list(subjects)
        if hook is None:
            return {subject.pk: [] for subject in subjects}
        if getattr(hook, "for_subjects", None) is not None:
            found = ask_for_subjects(hook, subjects, as_of)
            return {subject.pk: list(found.get(subject.pk, ())) for subject in subjects}
        return {subject.pk: list(hook(subject, as_of)) for subject in subjects}

    def escalation_recipients(self, subject, as_of) -> list:
        return [] if self._escalation is None else list(self._escalation(subject, as_of))

    def can_waive(self, user, occurrence, as_of: datetime.date) -> bool:
        return self._can_waive is not None and bool(self._can_waive(user, occurrence, as_of))

    def is_admin_viewer(self, user) -> bool:
        return self._admin_viewer is not None and bool(self._admin_viewer(user))


# One read asks several hooks that share a part (the action hook extends the committee one):
# inside ``batch_reads()`` each ``for_subjects`` answer is read once (issue 13).
_batch_memo: ContextVar[dict | None] = ContextVar("deadline_batch_memo", default=None)


@contextmanager
def batch_reads():
    """Remember every ``ask_for_subjects`` answer until the block ends (one page's read)."""
    token = _batch_memo.set({})
    try:
        yield
    finally:
        _batch_memo.reset(token)


def ask_for_subjects(hook, subjects, as_of) -> dict:
    """``hook.for_subjects(subjects, as_of)``; inside ``batch_reads()`` asked once per hook,
    subjects and day, so a hook built on another shares its queries."""
    memo = _batch_memo.get()
    if memo is None:
        return hook.for_subjects(subjects, as_of)
    key = (hook, tuple(sorted(subject.pk for subject in subjects)), as_of)
    if key not in memo:
        memo[key] = hook.for_subjects(subjects, as_of)
    return memo[key]


registry = RequirementRegistry()
register = registry.register

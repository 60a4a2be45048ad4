"""Reads of the roster used by pages and by the portal's access rules.

Every page read here costs a fixed number of queries whatever the number of committees, members,
determinations or history rows: related rows come in one query per kind and are grouped in Python.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.utils import dateformat

from committees.models import (
    CharterVersion,
    Committee,
    CurePeriod,
    Director,
    ExceptionDetermination,
    ExchangeNotice,
    FinancialExpertDetermination,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    SophisticationDetermination,
)
from committees.models import directors as facts


def committee_roles_of_user(user, as_of: datetime.date) -> dict[int, str]:
    """Committee id -> 'chair' or 'member' for the committees the user's director sits on."""
    rows = Membership.objects.active_on(as_of).filter(director__user=user)
    return dict(rows.values_list("committee_id", "role"))


def committee_ids_by_director(director_ids, as_of: datetime.date) -> dict[int, set[int]]:
    """Director id -> ids of the committees the director sits on, on ``as_of`` (one query)."""
    seats: dict[int, set[int]] = defaultdict(set)
    rows = Membership.objects.active_on(as_of).filter(director_id__in=list(director_ids))
    for director_id, committee_id in rows.values_list("director_id", "committee_id"):
        seats[director_id].add(committee_id)
    return seats


def memberships_ended_for_user(user, as_of: datetime.date) -> list[Membership]:
    """The user's seats that ended before ``as_of``, newest first: why a former member sees
    nothing any more."""
    rows = Membership.objects.filter(director__user=user, end_date__lt=as_of)
    return list(rows.select_related("committee").order_by("-end_date"))


# Committee pages ----------------------------------------------------------------------------


def _composition_order(items) -> list:
    """Stored composition items in the contract's order (findings 1 to 10)."""
    from committees.requirements import COMPOSITION_KEYS

    order = {key: index for index, key in enumerate(COMPOSITION_KEYS)}
    return sorted(items, key=lambda item: (order.get(item.key, len(order)), item.key))


@dataclass(frozen=True)
class CommitteeSummary:
    """One committee on the dashboard and the committee list: its composition requirements as
    the deadline engine stored them today (the one truth every page shows), its charter in
    force and how many members serve."""

    committee: Committee
    findings: tuple  # deadlines DeadlineItems, in the contract's order
    charter: object  # CharterVersion or None
    member_count: int

    @property
    def status(self):
        from deadlines.status import worst_status

        return worst_status(item.status for item in self.findings)

    @property
    def open_findings(self) -> tuple:
        """The requirements not met today (waived ones included: they are not met either)."""
        from deadlines.status import Status

        return tuple(item for item in self.findings if item.status != Status.MET)

    @property
    def evaluated_at(self):
        from deadlines.selectors.items import evaluated_at

        return evaluated_at(self.findings)


def committees_with_serving(committees, as_of: datetime.date) -> list[Committee]:
    """The committees of a queryset, read once, each with ``serving``: its members on ``as_of``."""
    serving = (
        Membership.objects.active_on(as_of)
        .filter(committee=OuterRef("pk"))
        .order_by()
        .values("committee")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return list(committees.annotate(serving=Subquery(serving)))


def committee_summaries(committees, as_of: datetime.date, standing=None) -> list[CommitteeSummary]:
    """Each committee's stored composition status on ``as_of`` (today), in the given order, in a
    fixed number of queries whatever the committees or the years of history. ``committees`` is a
    queryset, or the list committees_with_serving read; ``standing`` the stored standing items
    when the page has read them already (deadlines.selectors.dashboard_reads)."""
    from deadlines.selectors import standing_items

    if isinstance(committees, QuerySet):
        committees = committees_with_serving(committees, as_of)
    ids = [committee.pk for committee in committees]
    items = standing if standing is not None else standing_items(ids, as_of)
    charters = _charters_in_force(ids, as_of)
    return [
        CommitteeSummary(
            committee=committee,
            findings=tuple(_composition_order(items.get(committee.pk, []))),
            charter=charters.get(committee.pk),
            member_count=committee.serving or 0,
        )
        for committee in committees
    ]


def _charters_in_force(committee_ids, as_of: datetime.date) -> dict:
    """Committee id -> the charter version in force on ``as_of`` (one query)."""
    found = {}
    rows = CharterVersion.objects.filter(
        committee_id__in=list(committee_ids), effective_from__lte=as_of
    ).order_by("committee_id", "-effective_from", "-pk")
    for charter in rows:
        found.setdefault(charter.committee_id, charter)
    return found


@dataclass(frozen=True)
class CommitteeRoster:
    """The committee page: the roster on ``as_of`` with each member's standing, the composition
    requirements, and every membership ever.

    Today the requirements are the engine's stored evaluation (what the dashboard, the calendar
    and the evidence report show); on another date they are computed for that date."""

    report: object  # compliance.CompositionReport: the members and their standing
    findings: tuple  # stored DeadlineItems today; the report's Findings on another date
    history: tuple[Membership, ...]  # every membership, newest start first
    stored: bool  # True when ``findings`` is the stored evaluation
    # (episode, its notices dated by as_of, oldest first) for every episode begun by as_of,
    # newest first (Nasdaq 5625, 5605(c)(4), SEC Rule 10A-3(a)(3))
    exchange_notices: tuple = ()

    @property
    def committee(self) -> Committee:
        return self.report.committee

    @property
    def status(self):
        from deadlines.status import worst_status

        return worst_status(finding.status for finding in self.findings)

    @property
    def evaluated_at(self):
        """When the stored findings were evaluated; None for a computed date."""
        from deadlines.selectors.items import evaluated_at

        return evaluated_at(self.findings) if self.stored else None


def committee_roster(
    committee: Committee, as_of: datetime.date, today: datetime.date
) -> CommitteeRoster:
    """The roster of ``committee`` on ``as_of``, its requirements and its membership history."""
    from committees.compliance.stored import stored_report
    from deadlines.freshness import occurrences_ensure_fresh
    from deadlines.selectors import standing_items

    stored = as_of == today
    if stored:
        # Read first: it brings a stale stored evaluation up to date, which the report follows.
        findings = tuple(_composition_order(standing_items([committee.pk], as_of)[committee.pk]))
    else:
        # Another date's report is kept against today's stored evaluation: bring it up to date.
        occurrences_ensure_fresh([committee.pk])
    # Computed when the records change (and kept), not on every request.
    report = stored_report(committee, as_of)
    if not stored:
        findings = report.findings
    history = (
        Membership.objects.filter(committee=committee)
        .select_related("director")
        .order_by("-start_date", "director__full_name", "pk")
    )
    notices = defaultdict(list)
    rows = ExchangeNotice.objects.filter(episode__committee=committee, sent_on__lte=as_of)
    for notice in rows.order_by("sent_on", "pk"):
        notices[notice.episode_id].append(notice)
    episodes = tuple((episode, tuple(notices[episode.pk])) for episode in reversed(report.episodes))
    return CommitteeRoster(
        report=report,
        findings=findings,
        history=tuple(history),
        stored=stored,
        exchange_notices=episodes,
    )


# The director's file ------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    field: str  # the field's label, e.g. "notes"
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    """One saved version of a record, from django-simple-history."""

    when: datetime.datetime
    who: object  # the user who saved it, or None when saved outside a request
    action: str  # "Recorded", "Changed" or "Deleted"
    changes: tuple[Change, ...]  # for "Changed": what differs from the version before


@dataclass(frozen=True)
class DeterminationEntry:
    record: object  # a determination, newest first within its kind
    history: tuple[HistoryEntry, ...]  # newest first
    in_force: bool  # the one the board's finding on ``as_of`` rests on


@dataclass(frozen=True)
class DeterminationKind:
    key: str  # anchor on the page, e.g. "independence"
    title: str
    noun: str  # what one record is called, e.g. "independence determination"
    rule: str
    entries: tuple[DeterminationEntry, ...]


@dataclass(frozen=True)
class RecordedFacts:
    """The dated facts the bright-line tests and Rule 10A-3 read, newest first."""

    family: tuple
    employment: tuple
    compensation: tuple
    business: tuple  # BusinessRelationship rows with their payments prefetched
    interlocks: tuple
    auditor: tuple
    preparation: tuple

    @property
    def is_empty(self) -> bool:
        return not any(
            (
                self.family,
                self.employment,
                self.compensation,
                self.business,
                self.interlocks,
                self.auditor,
                self.preparation,
            )
        )


@dataclass(frozen=True)
class DirectorFile:
    director: Director
    as_of: datetime.date
    memberships: tuple[Membership, ...]  # every seat, newest start first
    independence: object  # compliance.IndependenceResult on ``as_of``
    determinations: tuple[DeterminationKind, ...]
    cure_periods: tuple[tuple[CurePeriod, bool], ...]  # (cure period, running on as_of)
    facts: RecordedFacts


# (key, title, noun, rule, model): the board's findings about a director, each with its history.
DETERMINATION_KINDS = (
    ("independence", "Independence", "independence determination",
     "Nasdaq 5605(a)(2), SEC Rule 10A-3(b)(1)", IndependenceDetermination),
    ("literacy", "Financial literacy", "financial literacy determination",
     "Nasdaq 5605(c)(2)(A)", LiteracyDetermination),
    ("sophistication", "Financial sophistication", "financial sophistication determination",
     "Nasdaq 5605(c)(2)(A)", SophisticationDetermination),
    ("expert", "Audit committee financial expert", "financial expert designation",
     "Regulation S-K Item 407(d)(5)", FinancialExpertDetermination),
    ("exception", "Exception for a non-independent member", "exception",
     "Nasdaq 5605(c)(2)(B)", ExceptionDetermination),
)  # fmt: skip

_ACTIONS = {"+": "Recorded", "~": "Changed", "-": "Deleted"}


def _display(field, value) -> str:
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return dateformat.format(value, "j F Y")
    choices = dict(field.flatchoices) if field.choices else {}
    return str(choices.get(value, value))


def _history_entries(versions: list) -> tuple[HistoryEntry, ...]:
    """``versions`` oldest first; each change is described against the version before it."""
    entries = []
    previous = None
    for version in versions:
        changes: tuple[Change, ...] = ()
        if previous is not None and version.history_type == "~":
            delta = version.diff_against(previous)
            model = version.instance_type
            changes = tuple(
                Change(
                    field=str(model._meta.get_field(change.field).verbose_name),
                    old=_display(model._meta.get_field(change.field), change.old),
                    new=_display(model._meta.get_field(change.field), change.new),
                )
                for change in sorted(delta.changes, key=lambda c: c.field)
            )
        entries.append(
            HistoryEntry(
                when=version.history_date,
                who=version.history_user,
                action=_ACTIONS.get(version.history_type, version.history_type),
                changes=changes,
            )
        )
        previous = version
    return tuple(reversed(entries))


def _determination_kind(key, title, noun, rule, model, director, as_of) -> DeterminationKind:
    records = model.objects.filter(director=director).order_by("-determined_on", "-pk")
    if model is ExceptionDetermination:
        records = records.select_related("committee")
    records = list(records.select_related("recorded_by"))
    versions_by_record = defaultdict(list)
    versions = (
        model.history.filter(director_id=director.pk)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    for version in versions:
        versions_by_record[version.id].append(version)
    if model is ExceptionDetermination:
        in_force = {r.pk for r in records if r.is_in_force_on(as_of)}
    else:
        current = next((r for r in records if r.determined_on <= as_of), None)
        in_force = {current.pk} if current else set()
    entries = tuple(
        DeterminationEntry(
            record=record,
            history=_history_entries(versions_by_record[record.pk]),
            in_force=record.pk in in_force,
        )
        for record in records
    )
    return DeterminationKind(key=key, title=title, noun=noun, rule=rule, entries=entries)


def _recorded_facts(director: Director) -> RecordedFacts:
    def rows(model, *related):
        return tuple(model.objects.filter(director=director).select_related(*related))

    business = facts.BusinessRelationship.objects.filter(director=director)
    return RecordedFacts(
        family=rows(facts.FamilyMember),
        employment=rows(facts.Employment, "family_member"),
        compensation=rows(facts.Compensation, "family_member"),
        business=tuple(business.select_related("family_member").prefetch_related("payments")),
        interlocks=rows(facts.CompensationInterlock, "family_member"),
        auditor=rows(facts.AuditorRelationship, "family_member"),
        preparation=rows(facts.FinancialStatementPreparation, "family_member"),
    )


def director_file(director: Director, as_of: datetime.date) -> DirectorFile:
    """Everything the portal knows about ``director``'s independence and expertise on ``as_of``,
    with the full history of every board determination."""
    from committees.compliance import director_independence

    memberships = director.memberships.select_related("committee").order_by("-start_date", "pk")
    cure_periods = director.cure_periods.select_related("committee").order_by("-event_date")
    return DirectorFile(
        director=director,
        as_of=as_of,
        memberships=tuple(memberships),
        independence=director_independence(director, as_of),
        determinations=tuple(
            _determination_kind(*kind, director=director, as_of=as_of)
            for kind in DETERMINATION_KINDS
        ),
        cure_periods=tuple((cure, cure.is_running_on(as_of)) for cure in cure_periods),
        facts=_recorded_facts(director),
    )


# The director's file shows each record's latest versions and its newest payments; the rest is a
# page away, so the page does not grow with the years of history.
HISTORY_SHOWN = 3  # versions of each record on the file itself
HISTORY_PAGE = 25  # versions per page of a kind's full history
PAYMENTS_PAGE = 10  # payments per page


def _file_committee_ids(director: Director) -> set[int]:
    """The committees whose stored evaluation follows every record of ``director``'s file (one
    query): a change to a record of the director marks each committee the director has sat on
    (committees.requirements.hooks.affected_committees), and one that names a committee (a seat,
    a cure period, an exception) marks that committee, so each of those is listed here while the
    record exists."""
    from committees.models import CurePeriod, ExceptionDetermination

    def ids(model):
        return model.objects.filter(director=director).order_by().values_list("committee_id")

    rows = ids(Membership).union(ids(CurePeriod), ids(ExceptionDetermination))
    return {pk for (pk,) in rows}


def director_file_kept(director: Director, as_of: datetime.date) -> DirectorFile:
    """``director_file``, computed when the director's records change rather than on every
    request (committees.compliance.stored), kept against the stored evaluation of the committees
    those changes re-evaluate (``_file_committee_ids``), not every committee's: a change to
    another committee's records, still being refreshed, does not send every reader of the file
    back to computing it. A director no committee follows is read afresh."""
    from committees.compliance.stored import kept

    committee_ids = _file_committee_ids(director)
    if not committee_ids:
        return director_file(director, as_of)
    # Read only while those committees' stored evaluation is fresh (the refresh after each
    # change sees to it); the file never refreshes them itself.
    return kept(
        f"director:{director.pk}", committee_ids, as_of, lambda: director_file(director, as_of)
    )


@dataclass(frozen=True)
class KindHistory:
    """Every saved version of one kind of determination about a director, newest record first,
    one page at a time."""

    kind: DeterminationKind
    page: object  # a Paginator page of (DeterminationEntry, HistoryEntry)


def determination_history(file: DirectorFile, key: str, page) -> KindHistory | None:
    """The full history of the ``key`` determinations in ``file`` (None: no such kind)."""
    kind = next((kind for kind in file.determinations if kind.key == key), None)
    if kind is None:
        return None
    versions = [(entry, version) for entry in kind.entries for version in entry.history]
    return KindHistory(kind=kind, page=Paginator(versions, HISTORY_PAGE).get_page(page))


def payments_page(file: DirectorFile, page):
    """One page of the payments recorded for the director, newest first."""
    return Paginator(file.facts.compensation, PAYMENTS_PAGE).get_page(page)

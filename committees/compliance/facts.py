"""Every fact the compliance rules read, loaded for a whole set of directors and committees in a
fixed number of queries; the rules then run as pure Python over these snapshots."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Min, OuterRef, Q, Subquery

from committees.models import (
    AuditorRelationship,
    BusinessRelationship,
    CharterVersion,
    Committee,
    CompanyProfile,
    Compensation,
    CompensationInterlock,
    CurePeriod,
    Employment,
    ExceptionDetermination,
    FinancialExpertDetermination,
    FinancialStatementPreparation,
    IndependenceDetermination,
    LiteracyDetermination,
    Membership,
    NoncomplianceEpisode,
    OrganisationPayment,
    SophisticationDetermination,
)


@dataclass
class DirectorFacts:
    """One director's dated facts (theirs and their family's) and the board findings in force."""

    director: object
    employments: list = field(default_factory=list)
    compensation: list = field(default_factory=list)
    relationships: list = field(default_factory=list)
    # relationship id -> [OrganisationPayment] of every row naming the same organisation (test (D)
    # sums per organisation, however many relationship rows record its payments)
    payments: dict = field(default_factory=dict)
    interlocks: list = field(default_factory=list)
    auditor_relationships: list = field(default_factory=list)
    preparations: list = field(default_factory=list)
    audit_memberships: list = field(default_factory=list)  # on any audit committee, any time
    independence: IndependenceDetermination | None = None
    literacy: LiteracyDetermination | None = None
    sophistication: SophisticationDetermination | None = None
    expert: FinancialExpertDetermination | None = None


@dataclass
class CommitteeFacts:
    committee: Committee
    charter: CharterVersion | None = None
    memberships: list = field(default_factory=list)  # every membership that began by as_of
    exceptions: list = field(default_factory=list)  # ExceptionDetermination made by as_of
    cure_periods: list = field(default_factory=list)  # CurePeriod with event by as_of
    # NoncomplianceEpisode begun by as_of, each with ``notified_on``: its first notice to the
    # exchange sent by as_of, or None
    episodes: list = field(default_factory=list)


def company_profile() -> CompanyProfile:
    """The company profile, or an unsaved default (calendar fiscal year, no meeting date)."""
    return CompanyProfile.current_or_default()


def annual_meeting_dates(profile) -> list[datetime.date]:
    return profile.annual_meeting_dates()


def next_meeting_after(meetings, event: datetime.date) -> datetime.date | None:
    return next((meeting for meeting in meetings if meeting > event), None)


def _group(rows, key="director_id"):
    grouped = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


def _in_force(model, ids, as_of):
    """The latest finding of ``model`` made on or before ``as_of``, per director id: only that
    row is read (the newest pk per director in SQL, portable to SQLite and PostgreSQL), never
    every finding ever recorded with its snapshot."""
    made = model.objects.filter(determined_on__lte=as_of)
    newest = made.filter(director_id=OuterRef("director_id")).order_by("-determined_on", "-pk")
    rows = made.filter(director_id__in=ids, pk=Subquery(newest.values("pk")[:1]))
    return {row.director_id: row for row in rows}


def load_director_facts(directors, as_of: datetime.date) -> dict[int, DirectorFacts]:
    """Facts for ``directors`` keyed by director id, in a fixed number of queries."""
    directors = {director.pk: director for director in directors}
    ids = list(directors)
    facts = {pk: DirectorFacts(director=director) for pk, director in directors.items()}
    if not ids:
        return facts

    def person_facts(model):
        # Facts that begin after as_of cannot count on as_of.
        rows = model.objects.filter(director_id__in=ids, start_date__lte=as_of)
        return _group(rows.select_related("family_member").order_by("start_date", "pk"))

    employments = person_facts(Employment)
    relationships = person_facts(BusinessRelationship)
    interlocks = person_facts(CompensationInterlock)
    auditor = person_facts(AuditorRelationship)
    preparations = person_facts(FinancialStatementPreparation)
    compensation = _group(
        Compensation.objects.filter(director_id__in=ids, paid_on__lte=as_of)
        .select_related("family_member")
        .order_by("paid_on", "pk")
    )
    keys = {rel.organisation_key for rows in relationships.values() for rel in rows}
    payments = defaultdict(list)
    rows = OrganisationPayment.objects.filter(relationship__organisation_key__in=keys)
    for payment in rows.select_related("relationship").order_by("fiscal_year", "pk"):
        payments[payment.relationship.organisation_key].append(payment)
    audit_memberships = _group(
        Membership.objects.filter(
            director_id__in=ids, committee__kind=Committee.Kind.AUDIT, start_date__lte=as_of
        ).order_by("start_date", "pk")
    )
    independence = _in_force(IndependenceDetermination, ids, as_of)
    literacy = _in_force(LiteracyDetermination, ids, as_of)
    sophistication = _in_force(SophisticationDetermination, ids, as_of)
    expert = _in_force(FinancialExpertDetermination, ids, as_of)

    for pk, item in facts.items():
        item.employments = employments.get(pk, [])
        item.relationships = relationships.get(pk, [])
        item.payments = {
            rel.pk: payments.get(rel.organisation_key, []) for rel in item.relationships
        }
        item.interlocks = interlocks.get(pk, [])
        item.auditor_relationships = auditor.get(pk, [])
        item.preparations = preparations.get(pk, [])
        item.compensation = compensation.get(pk, [])
        item.audit_memberships = audit_memberships.get(pk, [])
        item.independence = independence.get(pk)
        item.literacy = literacy.get(pk)
        item.sophistication = sophistication.get(pk)
        item.expert = expert.get(pk)
    return facts


def load_committee_facts(committees, as_of: datetime.date) -> dict[int, CommitteeFacts]:
    """Roster history, charter in force, exceptions and cure periods per committee id."""
    committees = list(committees)
    facts = {committee.pk: CommitteeFacts(committee=committee) for committee in committees}
    ids = list(facts)
    if not ids:
        return facts
    charters = CharterVersion.objects.filter(
        committee_id__in=ids, effective_from__lte=as_of
    ).order_by("committee_id", "-effective_from", "-pk")
    for charter in charters:
        if facts[charter.committee_id].charter is None:
            facts[charter.committee_id].charter = charter
    memberships = Membership.objects.filter(committee_id__in=ids, start_date__lte=as_of)
    for membership in memberships.select_related("director").order_by("start_date", "pk"):
        facts[membership.committee_id].memberships.append(membership)
    exceptions = ExceptionDetermination.objects.filter(
        committee_id__in=ids, determined_on__lte=as_of
    ).order_by("determined_on", "pk")
    for exception in exceptions:
        facts[exception.committee_id].exceptions.append(exception)
    cures = CurePeriod.objects.filter(committee_id__in=ids, event_date__lte=as_of)
    for cure in cures.select_related("director").order_by("event_date", "pk"):
        facts[cure.committee_id].cure_periods.append(cure)
    episodes = NoncomplianceEpisode.objects.filter(committee_id__in=ids, began_on__lte=as_of)
    episodes = episodes.annotate(
        notified_on=Min("notices__sent_on", filter=Q(notices__sent_on__lte=as_of))
    )
    for episode in episodes.order_by("began_on", "pk"):
        facts[episode.committee_id].episodes.append(episode)
    return facts

"""A committee's composition on a date: who sits on it, each member's standing, and the findings
of Nasdaq 5605(c) and Rule 10A-3 in a fixed order (see contract: findings 1-10)."""

import datetime
from dataclasses import dataclass

from committees.compliance.audit_findings import audit_findings
from committees.compliance.cure import cure_episodes
from committees.compliance.exception import exception_uses
from committees.compliance.facts import (
    annual_meeting_dates,
    company_profile,
    load_committee_facts,
    load_director_facts,
)
from committees.compliance.findings import Finding, Kind, Status, worst_status
from committees.compliance.independence import IndependenceResult, evaluate_independence
from committees.compliance.look_back import look_back_start
from committees.compliance.roster import (
    charter_size_finding,
    independence_finding,
    required_members,
    rules_for,
    size_finding,
)
from committees.models import CharterVersion, Committee, CurePeriod, Director, Membership


@dataclass(frozen=True)
class MemberStatus:
    membership: Membership
    director: Director
    independence: IndependenceResult
    literate: bool  # latest literacy determination on as_of says literate
    sophisticated: bool  # sophistication determination, or a designated financial expert
    financial_expert: bool  # designated audit committee financial expert on as_of
    preparation_bar_clear: bool  # no preparation of the statements in the past 3 years
    under_exception: bool  # serving under a 5605(c)(2)(B) exception in force
    cure_period: CurePeriod | None  # an independence cure period running on as_of


@dataclass(frozen=True)
class CompositionReport:
    committee: Committee
    as_of: datetime.date
    charter: CharterVersion | None
    members: tuple[MemberStatus, ...]  # active on as_of, chair first, then by name
    findings: tuple[Finding, ...]
    status: Status
    # NoncomplianceEpisode begun by as_of, oldest first, each with ``notified_on``
    episodes: tuple = ()

    @property
    def has_financial_expert(self) -> bool:
        return any(ms.financial_expert for ms in self.members)

    def finding(self, key: str) -> Finding | None:
        return next((f for f in self.findings if f.key == key), None)


@dataclass(frozen=True)
class Context:
    """Everything the finding builders read for one committee on one day (no queries)."""

    committee_facts: object
    director_facts: dict
    members: tuple[MemberStatus, ...]
    episodes: tuple
    exceptions: dict  # director id -> ExceptionUse
    profile: object
    meetings: tuple  # annual meeting dates known to the portal
    as_of: datetime.date

    @property
    def committee(self) -> Committee:
        return self.committee_facts.committee

    @property
    def charter(self) -> CharterVersion | None:
        return self.committee_facts.charter


def _is_expert(facts) -> bool:
    expert = facts.expert
    return bool(expert and expert.is_designated and expert.has_all_attributes)


def _member_status(membership, facts, independence, committee_facts, uses, as_of):
    sophistication = facts.sophistication
    start = look_back_start(as_of)
    running = [
        cure
        for cure in committee_facts.cure_periods
        if cure.director_id == membership.director_id and cure.is_running_on(as_of)
    ]
    return MemberStatus(
        membership=membership,
        director=membership.director,
        independence=independence,
        literate=bool(facts.literacy and facts.literacy.is_financially_literate),
        sophisticated=bool(sophistication and sophistication.is_financially_sophisticated)
        or _is_expert(facts),
        financial_expert=_is_expert(facts),
        preparation_bar_clear=not any(
            p.family_member_id is None and p.overlaps(start, as_of) for p in facts.preparations
        ),
        under_exception=membership.director_id in uses,
        cure_period=running[-1] if running else None,
    )


def _report(committee_facts, director_facts, as_of, profile, meetings) -> CompositionReport:
    active = sorted(
        (m for m in committee_facts.memberships if m.is_active_on(as_of)),
        key=lambda m: (m.role != Membership.Role.CHAIR, m.director.full_name, m.pk),
    )
    rows = []
    for membership in active:
        facts = director_facts[membership.director_id]
        rows.append((membership, facts, evaluate_independence(facts, as_of, profile)))
    uses = exception_uses(committee_facts, rows, as_of)
    members = tuple(
        _member_status(membership, facts, independence, committee_facts, uses, as_of)
        for membership, facts, independence in rows
    )
    # 5605(c)(4)(B): a vacancy cure is about the listing rule's number, never the charter's; a
    # committee whose size only its charter sets has no vacancy cure (0: never one short).
    committee = committee_facts.committee
    listing_size = rules_for(committee).size_kind == Kind.LISTING
    required = required_members(committee)[0] if listing_size else 0
    episodes = cure_episodes(committee_facts, required, as_of, meetings)
    context = Context(
        committee_facts=committee_facts,
        director_facts=director_facts,
        members=members,
        episodes=tuple(episodes),
        exceptions=uses,
        profile=profile,
        meetings=tuple(meetings),
        as_of=as_of,
    )
    charter_size = charter_size_finding(context)
    findings = [size_finding(context), *([charter_size] if charter_size else [])]
    findings.append(independence_finding(context))
    if committee_facts.committee.is_audit_committee:
        findings += audit_findings(context, findings)
    return CompositionReport(
        committee=committee_facts.committee,
        as_of=as_of,
        charter=committee_facts.charter,
        members=members,
        findings=tuple(findings),
        status=worst_status(f.status for f in findings),
        episodes=tuple(committee_facts.episodes),
    )


def evaluate_committees(committees, as_of: datetime.date) -> list[CompositionReport]:
    """Composition reports for ``committees`` on ``as_of``, in a fixed number of queries."""
    committees = list(committees)
    profile = company_profile()
    meetings = annual_meeting_dates(profile)
    committee_facts = load_committee_facts(committees, as_of)
    directors = {
        m.director_id: m.director
        for facts in committee_facts.values()
        for m in facts.memberships
        if m.is_active_on(as_of)
    }
    director_facts = load_director_facts(directors.values(), as_of)
    return [
        _report(committee_facts[committee.pk], director_facts, as_of, profile, meetings)
        for committee in committees
    ]


def evaluate_committee(committee, as_of: datetime.date) -> CompositionReport:
    """The composition report of one committee on ``as_of``."""
    return evaluate_committees([committee], as_of)[0]

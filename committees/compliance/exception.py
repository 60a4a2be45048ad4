"""The exceptional-circumstances exception of Nasdaq 5605(c)(2)(B) and its limits: one member,
at most two years, not the chair, meets Rule 10A-3, not a current officer or employee nor a family
member of an executive officer, and disclosed."""

import datetime
from dataclasses import dataclass, replace

from committees.compliance import text
from committees.compliance.findings import Finding, Kind, Status
from committees.compliance.look_back import employer_words
from committees.models import ExceptionDetermination, Membership
from committees.models.common import years_after

MAX_YEARS = 2
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class ExceptionUse:
    """A member serving under an exception in force on ``as_of``."""

    membership: Membership
    determination: ExceptionDetermination  # the earliest in force on as_of
    expires_on: datetime.date  # last day of the two years, counting all service under it
    first_day: datetime.date  # the first day the member ever served under an exception here
    relies: bool  # the member is not independent, so the exception is what keeps them seated
    breaches: tuple[str, ...]  # broken limits, plain words; committee-wide ones included
    approvals: tuple[datetime.date, ...] = ()  # every approval counted, oldest first

    @property
    def within_limits(self) -> bool:
        return not self.breaches


def exception_in_force(exceptions, director_id, as_of) -> ExceptionDetermination | None:
    """The earliest of the director's exceptions on this committee still in force on as_of."""
    in_force = [e for e in exceptions if e.director_id == director_id and e.is_in_force_on(as_of)]
    return min(in_force, key=lambda e: (e.determined_on, e.pk), default=None)


def _served_stretches(exceptions, memberships, director_id, as_of):
    """The merged day ranges, up to ``as_of``, in which the director sat on the committee with an
    exception in force: every approval counts, revoked or not (5605(c)(2)(B))."""
    seats = [m for m in memberships if m.director_id == director_id]
    ranges = []
    for exception in exceptions:
        if exception.director_id != director_id:
            continue
        end = min(exception.revoked_on or as_of, as_of)
        for seat in seats:
            start = max(exception.determined_on, seat.start_date)
            stop = min(end, seat.end_date or as_of)
            if start <= stop:
                ranges.append((start, stop))
    merged = []
    for start, stop in sorted(ranges):
        if merged and start <= merged[-1][1] + ONE_DAY:
            merged[-1] = (merged[-1][0], max(merged[-1][1], stop))
        else:
            merged.append((start, stop))
    return merged


def service_limit_day(stretches, as_of) -> datetime.date:
    """The last day the member may serve under the exception: two years of service counted from
    the first day under it (a year is the calendar year, so 10 January 2025 to 10 January 2027
    inclusive, as for one unbroken approval), spent across every stretch. A revocation and a new
    approval pause the count, never restart it. Service from ``as_of`` on is taken as unbroken."""
    first = stretches[0][0]
    budget = (years_after(first, MAX_YEARS) - first).days + 1
    for start, stop in stretches:
        days = (stop - start).days + 1
        if days >= budget:
            return start + datetime.timedelta(days=budget - 1)
        budget -= days
    return stretches[-1][1] + datetime.timedelta(days=budget)


def _member_breaches(membership, use_facts, facts, independence, as_of):
    determination, expires_on, first_day, approvals = use_facts
    name = membership.director.full_name
    breaches = []
    if as_of > expires_on:
        if len(approvals) == 1:
            breaches.append(
                f"the exception approved on {text.day(determination.determined_on)} allowed at "
                f"most 2 years, which ended on {text.day(expires_on)}"
            )
        else:
            breaches.append(
                f"{name} has served under the exception since {text.day(first_day)} (approvals "
                f"of {text.names(text.day(day) for day in approvals)}, counted together), and "
                f"the 2 years it allows were used up on {text.day(expires_on)}"
            )
    if membership.role == Membership.Role.CHAIR:
        breaches.append(f"{name} chairs the committee, which a member under the exception may not")
    if not independence.rule_10a3_met:
        breaches.append(f"{name} does not meet SEC Rule 10A-3(b)(1)")
    for job in facts.employments:
        if not job.is_current(as_of):
            continue
        if job.family_member_id is None:
            role = "executive officer" if job.is_executive_officer else "employee"
            breaches.append(f"{name} is a current {role} ({job.title}) of {employer_words(job)}")
        elif job.is_executive_officer:
            breaches.append(
                f"{text.person(facts.director, job.family_member)} is a current executive officer "
                f"({job.title}) of {employer_words(job)}"
            )
    if determination.disclosed_on is None or determination.disclosed_on > as_of:
        breaches.append(
            f"the exception for {name} has not been disclosed in the proxy statement or annual "
            "report"
        )
    return breaches


def exception_uses(committee_facts, member_rows, as_of: datetime.date) -> dict[int, ExceptionUse]:
    """Director id -> ExceptionUse for every active member with an exception in force.
    ``member_rows`` are (membership, director facts, IndependenceResult)."""
    uses = {}
    for membership, facts, independence in member_rows:
        determination = exception_in_force(
            committee_facts.exceptions, membership.director_id, as_of
        )
        if determination is None:
            continue
        stretches = _served_stretches(
            committee_facts.exceptions, committee_facts.memberships, membership.director_id, as_of
        )
        expires_on = service_limit_day(stretches, as_of)
        approvals = tuple(
            sorted(
                {
                    e.determined_on
                    for e in committee_facts.exceptions
                    if e.director_id == membership.director_id
                }
            )
        )
        use_facts = (determination, expires_on, stretches[0][0], approvals)
        breaches = _member_breaches(membership, use_facts, facts, independence, as_of)
        uses[membership.director_id] = ExceptionUse(
            membership=membership,
            determination=determination,
            expires_on=expires_on,
            first_day=stretches[0][0],
            approvals=approvals,
            relies=not independence.is_independent,
            breaches=tuple(breaches),
        )
    relying = [use for use in uses.values() if use.relies]
    if len(relying) > 1:
        # At most one member may serve under the exception at a time.
        names = text.names(use.membership.director.full_name for use in relying)
        extra = f"{len(relying)} members ({names}) serve under the exception; at most one may"
        for use in relying:
            uses[use.membership.director_id] = replace(use, breaches=(extra, *use.breaches))
    return uses


def exception_finding(ctx) -> Finding:
    """9. Nasdaq 5605(c)(2)(B): the exception, when used, stays within every limit."""
    sentences, ids, broken = [], [], False
    for ms in ctx.members:
        use = ctx.exceptions.get(ms.director.pk)
        if use is None:
            continue
        name = ms.director.full_name
        approved = text.day(use.determination.determined_on)
        ids.append(ms.director.pk)
        if not use.relies:
            sentences.append(
                f"{name} has an exception approved on {approved} but is independent, so does not "
                "rely on it."
            )
        elif use.breaches:
            broken = True
            sentences.append(
                f"{name} serves under the exception approved on {approved}, but "
                f"{'; '.join(use.breaches)}."
            )
        else:
            sentences.append(
                f"{name} serves under the exception approved on {approved} and disclosed on "
                f"{text.day(use.determination.disclosed_on)}: the only member under it, not the "
                "chair, meets Rule 10A-3(b)(1), is not a current officer or employee nor a "
                "family member of an executive officer, and may serve under it until "
                f"{text.day(use.expires_on)}."
            )
    detail = (
        " ".join(sentences)
        if sentences
        else "No member serves under the exceptional-circumstances exception."
    )
    return Finding(
        key="committees.composition.exception",
        kind=Kind.LISTING,
        rule="Nasdaq 5605(c)(2)(B)",
        title="Exceptional-circumstances exception within its limits",
        status=Status.FAILING if broken else Status.MET,
        detail=detail,
        director_ids=tuple(ids),
    )

"""Audit partner rotation (S-X 2-01(c)(6)), as pure arithmetic on a partner's roles by fiscal year.

Two limits, each a number of years counted together and a time-out that must follow:

- in the lead role, and likewise in the concurring role: 5 years, then 5 years out of that role;
- as an audit partner of any role (lead, concurring or other): 7 years, then 2 years off the audit.

A lead or concurring partner is held to both. Years are counted along the fiscal years of the
committee's live engagements: a year the partner did not serve in the roles counted is a gap; a gap
at least as long as the time-out starts the count again, a shorter one only pauses it (5 years
lead, 1 year off and back as lead is a sixth year, refused). See docs/auditor-rotation.md.

The functions below take the history as data (fiscal year -> role) and never touch the database;
``history_of`` and ``standing_for`` load it in one query.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from auditors.models import Engagement, PartnerAssignment
from auditors.services_catalogue import ROTATION_RULE
from charter_portal.words import count_of

Role = PartnerAssignment.Role

OK = "ok"
ROTATES = "rotates_after_this_year"
BREAKS = "breaks_rule"

NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def number_words(n: int) -> str:
    return NUMBER_WORDS.get(n, str(n))


@dataclass(frozen=True)
class Limit:
    """How long a partner may serve in ``roles`` before the time-out, and how long it lasts."""

    key: str
    roles: frozenset[str]
    years: int
    time_out: int
    serving_words: str  # "lead partner", "an audit partner"
    return_words: str  # "as lead", "to the audit"


LEAD = Limit("lead", frozenset({Role.LEAD}), 5, 5, "lead partner", "as lead")
CONCURRING = Limit(
    "concurring", frozenset({Role.CONCURRING}), 5, 5, "concurring partner", "as concurring partner"
)
ANY_PARTNER = Limit(
    "any", frozenset(Role.values), 7, 2, "an audit partner on the audit", "to the audit"
)
LIMITS_FOR_ROLE = {
    Role.LEAD: (LEAD, ANY_PARTNER),
    Role.CONCURRING: (CONCURRING, ANY_PARTNER),
    Role.OTHER: (ANY_PARTNER,),
}
ALL_LIMITS = (LEAD, CONCURRING, ANY_PARTNER)


def counted_years(served: Iterable[int], time_out: int, through: int) -> tuple[int, ...]:
    """The years served up to ``through`` that count together towards the limit: a gap of at
    least ``time_out`` years (counting up to ``through`` itself when it is not served) starts
    the count again; a shorter gap pauses it."""
    run: list[int] = []
    for year in sorted(set(served)):
        if year > through:
            break
        if run and year - run[-1] - 1 >= time_out:
            run = []
        run.append(year)
    if run and run[-1] < through and through - run[-1] >= time_out:
        return ()
    return tuple(run)


def years_words(years: tuple[int, ...], serving_words: str) -> str:
    """ "lead partner for fiscal years 2022 to 2026, five in a row" and how a gap counted."""
    first, last, count = years[0], years[-1], len(years)
    span = f"fiscal year {first}" if first == last else f"fiscal years {first} to {last}"
    if count == last - first + 1:
        run = "one year" if count == 1 else f"{number_words(count)} in a row"
    else:
        run = (
            f"{number_words(count)} years counted together (a break shorter than the "
            "time-out does not restart the count)"
        )
    return f"{serving_words} for {span}, {run}"


@dataclass(frozen=True)
class Breach:
    """A year in which a partner served beyond a limit."""

    partner: object
    year: int
    role: str
    limit: Limit
    counted: tuple[int, ...]  # the years counted, the breaching year last

    @property
    def may_return_year(self) -> int:
        return self.year + self.limit.time_out + 1

    def message(self) -> str:
        before = self.counted[:-1]
        off = self.year - before[-1] - 1
        gap = (
            f"; after {count_of(off, 'year')} off, shorter than the {self.limit.time_out}-year "
            "time-out, "
            if off
            else "; "
        )
        return (
            f"{self.partner} has been {years_words(before, self.limit.serving_words)}{gap}"
            f"fiscal year {self.year} would be year {len(self.counted)}, beyond the limit of "
            f"{self.limit.years} ({ROTATION_RULE}). {self.partner} may return "
            f"{self.limit.return_words} from {before[-1] + self.limit.time_out + 1}."
        )

    def recorded_message(self) -> str:
        """The breach as a recorded fact (an assignment made outside the portal's form)."""
        return (
            f"{self.partner} is recorded as {Role(self.role).label.lower()} for fiscal year "
            f"{self.year}, year {len(self.counted)} counted as {self.limit.serving_words} "
            f"(from fiscal year {self.counted[0]}), beyond the limit of {self.limit.years} "
            f"({ROTATION_RULE}). Assign another partner; {self.partner} may return "
            f"{self.limit.return_words} from {self.may_return_year}."
        )


def breaches(partner, history: Mapping[int, str]) -> list[Breach]:
    """Every year of ``history`` (fiscal year -> role) served beyond a limit, in year order."""
    found = []
    for year in sorted(history):
        role = history[year]
        for limit in LIMITS_FOR_ROLE[Role(role)]:
            served = [y for y, r in history.items() if r in limit.roles]
            counted = counted_years(served, limit.time_out, year)
            if len(counted) > limit.years:
                found.append(Breach(partner, year, role, limit, counted))
    return found


def assignment_breach(partner, history: Mapping[int, str], year: int, role: str) -> Breach | None:
    """The first breach that assigning ``role`` in ``year`` would add to ``history``, or None."""
    before = {(b.year, b.limit.key) for b in breaches(partner, history)}
    after = breaches(partner, {**history, year: role})
    new = [b for b in after if (b.year, b.limit.key) not in before]
    # The year being assigned first, then later years it pushes over a limit.
    new.sort(key=lambda b: (b.year != year, b.year, b.limit.key == ANY_PARTNER.key))
    return new[0] if new else None


@dataclass(frozen=True)
class Standing:
    """Where one partner on a fiscal year's audit stands against the limit that binds first."""

    partner: object
    role: str
    consecutive_years: int
    limit: int
    last_allowed_year: int
    may_return_year: int
    state: str
    message: str
    limit_key: str = ANY_PARTNER.key  # which limit binds: "lead", "concurring" or "any"

    @property
    def role_label(self) -> str:
        return Role(self.role).label

    @property
    def rotates(self) -> bool:
        return self.state == ROTATES

    @property
    def breaks(self) -> bool:
        return self.state == BREAKS


def _standing_against(partner, history, year, limit: Limit) -> Standing:
    role = history[year]
    served = [y for y, r in history.items() if r in limit.roles]
    counted = counted_years(served, limit.time_out, year)
    n = len(counted)
    if n > limit.years:
        last_allowed = counted[limit.years - 1]
        may_return = year + limit.time_out + 1
        state = BREAKS
        message = (
            f"{partner} is {limit.serving_words} in fiscal year {year} for year {n} counted "
            f"(fiscal years {counted[0]} to {year}), beyond the limit of {limit.years}; the last "
            f"allowed year was {last_allowed} ({ROTATION_RULE}). Assign another partner; "
            f"{partner} may return {limit.return_words} from {may_return}."
        )
    else:
        last_allowed = year + limit.years - n
        may_return = last_allowed + limit.time_out + 1
        state = ROTATES if n == limit.years else OK
        if state == ROTATES:
            message = (
                f"Fiscal year {year} is {partner}'s last allowed year as "
                f"{limit.serving_words} ({years_words(counted, limit.serving_words)}). Fiscal "
                f"year {year + 1}'s audit needs another partner; {partner} may return "
                f"{limit.return_words} from {may_return}."
            )
        else:
            message = (
                f"{partner}: year {n} of {limit.years} as {limit.serving_words}; may serve "
                f"through fiscal year {last_allowed}."
            )
    return Standing(
        partner, role, n, limit.years, last_allowed, may_return, state, message, limit.key
    )


SEVERITY = {BREAKS: 0, ROTATES: 1, OK: 2}


def standing_in(partner, history: Mapping[int, str], year: int) -> Standing:
    """The partner's standing in ``year`` (which they serve in) against the limit that binds
    first: a breach, else the earliest last allowed year (the role's own limit on a tie)."""
    role = history[year]
    standings = [
        _standing_against(partner, history, year, limit) for limit in LIMITS_FOR_ROLE[role]
    ]
    return min(
        enumerate(standings),
        key=lambda pair: (SEVERITY[pair[1].state], pair[1].last_allowed_year, pair[0]),
    )[1]


# Loading the history ------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerHistory:
    partner: object
    years: dict[int, str]  # fiscal year -> role
    assignments: dict[int, PartnerAssignment]  # fiscal year -> the record


def history_of(committee, *, partner_id: int | None = None) -> dict[int, PartnerHistory]:
    """Partner id -> the partner's roles on the committee's live engagements (one query)."""
    rows = (
        PartnerAssignment.objects.filter(engagement__committee=committee)
        .exclude(engagement__status=Engagement.Status.TERMINATED)
        .select_related("partner__firm", "engagement")
        .order_by("engagement__fiscal_year", "pk")
    )
    if partner_id is not None:
        rows = rows.filter(partner_id=partner_id)
    found: dict[int, PartnerHistory] = {}
    for row in rows:
        entry = found.setdefault(row.partner_id, PartnerHistory(row.partner, {}, {}))
        entry.years[row.engagement.fiscal_year] = row.role
        entry.assignments[row.engagement.fiscal_year] = row
    return found


ROLE_ORDER = {Role.LEAD: 0, Role.CONCURRING: 1, Role.OTHER: 2}


def standings_from(histories: Iterable[PartnerHistory], fiscal_year: int) -> list[Standing]:
    """The standings of the partners serving in ``fiscal_year``, lead first (pure)."""
    found = [
        standing_in(entry.partner, entry.years, fiscal_year)
        for entry in histories
        if fiscal_year in entry.years
    ]
    return sorted(found, key=lambda s: (ROLE_ORDER[s.role], str(s.partner)))


def standing_for(committee, fiscal_year: int) -> list[Standing]:
    """Each partner on the fiscal year's audit and where they stand (one query)."""
    return standings_from(history_of(committee).values(), fiscal_year)


def breaches_from(histories: Iterable[PartnerHistory], first_year: int) -> list[Breach]:
    """Every recorded year from ``first_year`` on served beyond a limit (pure)."""
    found = []
    for entry in histories:
        found += [b for b in breaches(entry.partner, entry.years) if b.year >= first_year]
    return sorted(found, key=lambda b: (b.year, str(b.partner)))


def still_to_replace(histories: list[PartnerHistory], fiscal_year: int) -> list[Standing]:
    """Partners in their last allowed year whose successor the next fiscal year's audit does not
    show yet: they are still recorded on it in the role, or no one holds the role there (pure)."""
    limits = {limit.key: limit for limit in ALL_LIMITS}
    next_year = fiscal_year + 1
    next_roles = {entry.years[next_year] for entry in histories if next_year in entry.years}
    waiting = []
    for entry in histories:
        if fiscal_year not in entry.years:
            continue
        standing = standing_in(entry.partner, entry.years, fiscal_year)
        if not standing.rotates:
            continue
        limit = limits[standing.limit_key]
        stays = entry.years.get(next_year) in limit.roles
        successor = standing.role in next_roles if limit is not ANY_PARTNER else bool(next_roles)
        if stays or not successor:
            waiting.append(standing)
    return waiting

"""Findings every committee gets: its size (1) and its members' independence (2), with the cure
periods of Nasdaq 5605(c)(4) and the exception of 5605(c)(2)(B)."""

from dataclasses import dataclass

from committees.compliance import text
from committees.compliance.cure import INDEPENDENCE, VACANCY, vacancy_deadline_words
from committees.compliance.findings import Finding, Kind, Status, worst_status
from committees.models import Committee

SIZE_KEY = "committees.composition.size"
CHARTER_SIZE_KEY = "committees.composition.charter_size"
INDEPENDENCE_KEY = "committees.composition.independence"


@dataclass(frozen=True)
class CommitteeRules:
    """The listing rules behind findings 1 and 2 for one kind of committee."""

    listing_minimum: int
    size_rule: str
    size_kind: Kind
    independence_rule: str
    independence_kind: Kind
    cure_rule: str


RULES = {
    Committee.Kind.AUDIT: CommitteeRules(
        3,
        "Nasdaq 5605(c)(2)(A)",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A), 5605(a)(2)",
        Kind.LISTING,
        "Nasdaq 5605(c)(4)",
    ),
    Committee.Kind.COMPENSATION: CommitteeRules(
        2,
        "Nasdaq 5605(d)(2)(A)",
        Kind.LISTING,
        "Nasdaq 5605(d)(2)(A), 5605(a)(2)",
        Kind.LISTING,
        "Nasdaq 5605(d)(4)",
    ),
    Committee.Kind.NOMINATING: CommitteeRules(
        1,
        "Charter: Membership",
        Kind.CHARTER,
        "Nasdaq 5605(e)(1)(B), 5605(a)(2)",
        Kind.LISTING,
        "Nasdaq 5605(e)(4)",
    ),
}
CHARTER_ONLY = CommitteeRules(
    1, "Charter: Membership", Kind.CHARTER, "Charter: Membership", Kind.CHARTER, "Charter"
)


def rules_for(committee) -> CommitteeRules:
    return RULES.get(committee.kind, CHARTER_ONLY)


def required_members(committee) -> tuple[int, str]:
    """The listing rule's minimum size and its rule id (Nasdaq 5605(c)(2)(A): 3 for the audit
    committee; 5605(d)(2)(A): 2 for the compensation committee). A charter asking for more is a
    separate charter finding (charter_size_finding): never read as the listing number."""
    rules = rules_for(committee)
    return rules.listing_minimum, rules.size_rule


def _members_word(count: int) -> str:
    return f"{count} member{'s' if count != 1 else ''}"


def _roster_words(ctx) -> str:
    count = len(ctx.members)
    roster = text.names(ms.director.full_name for ms in ctx.members)
    base = f"On {text.day(ctx.as_of)} the committee has {_members_word(count)}"
    return base + (f" ({roster})" if roster else "")


def size_finding(ctx) -> Finding:
    """1. At least the listing rule's number of members; one vacancy may be cured
    (5605(c)(4)(B)). Only a listing size rule has a vacancy cure."""
    rules = rules_for(ctx.committee)
    required, rule = required_members(ctx.committee)
    count = len(ctx.members)
    base = _roster_words(ctx)

    def finding(status, detail, due=None, ids=(), since=None):
        return Finding(
            key=SIZE_KEY,
            kind=rules.size_kind,
            rule=rules.size_rule,
            title="Minimum number of members",
            status=status,
            detail=detail,
            due=due,
            director_ids=tuple(ids),
            since=since,
        )

    if count >= required:
        return finding(Status.MET, f"{base}; at least {required} are required ({rule}).")
    short = f"{base}, {required - count} fewer than the {required} required ({rule})"
    vacancy = next((e for e in ctx.episodes if e.kind == VACANCY and e.still_short), None)
    curable = rules.size_kind == Kind.LISTING
    if curable and count == required - 1 and vacancy is not None:
        short += f", since {vacancy.who} left on {text.day(vacancy.event)}"
        if not vacancy.valid:
            return finding(
                Status.FAILING,
                f"{short}. {text.sentence(vacancy.blocked_words())}",
                ids=vacancy.director_ids,
            )
        why = vacancy_deadline_words(vacancy)
        if ctx.as_of <= vacancy.deadline:
            return finding(
                Status.CURE_PERIOD,
                f"{short}. A vacancy cure period runs until {text.day(vacancy.deadline)}, {why} "
                f"({rules.cure_rule}).",
                due=vacancy.deadline,
                ids=vacancy.director_ids,
                since=vacancy.start,
            )
        return finding(
            Status.FAILING,
            f"{short}. The vacancy cure period ended on {text.day(vacancy.deadline)} "
            f"({rules.cure_rule}).",
            due=vacancy.deadline,
            ids=vacancy.director_ids,
        )
    if not curable:
        reason = "a charter's own number has no cure period"
    elif count < required - 1:
        reason = f"the cure period of {rules.cure_rule} covers a single vacancy only"
    else:
        reason = "no vacancy cure applies, since the committee was not at full strength before"
    return finding(Status.FAILING, f"{short}; {reason}.")


def charter_size_finding(ctx) -> Finding | None:
    """1b. The charter's own minimum (Charter: Membership), when a charter is in force and asks
    for more than the listing rule. A shortfall here with the listing number met is a charter
    matter only: no vacancy cure (5605(c)(4) cures the listing rule) and no notice to the
    exchange."""
    charter = ctx.charter
    if charter is None:
        return None
    required = charter.min_members
    count = len(ctx.members)
    base = _roster_words(ctx)
    listing, rule = required_members(ctx.committee)
    if required <= listing:
        # The listing finding already judges this number (and its cure): no second verdict.
        status = Status.MET
        detail = (
            f"Its charter ({charter.label}) asks for at least {required}, no more than the "
            f"{listing} of {rule}: the listing rule decides."
        )
    elif count >= required:
        status = Status.MET
        detail = f"{base}; its charter ({charter.label}) asks for at least {required}."
    else:
        status = Status.FAILING
        detail = (
            f"{base}, {required - count} fewer than the {required} its charter "
            f"({charter.label}) asks for."
        )
        if count >= listing and rules_for(ctx.committee).size_kind == Kind.LISTING:
            detail += (
                f" The listing rule's {listing} ({rule}) are met, so this is a shortfall "
                "against the company's own charter only: no cure period of the exchange applies "
                "and the exchange need not be told."
            )
    return Finding(
        key=CHARTER_SIZE_KEY,
        kind=Kind.CHARTER,
        rule="Charter: Membership",
        title="Number of members the charter asks for",
        status=status,
        detail=detail,
    )


def cure_standing(ctx, director_id) -> tuple[Status, str, object, object]:
    """A non-compliant member's standing under their recorded cure period (5605(c)(4)(A)):
    (CURE_PERIOD or FAILING, a sentence, the deadline, the day a running cure period began)."""
    rule = rules_for(ctx.committee).cure_rule
    episodes = [
        e
        for e in ctx.episodes
        if e.kind == INDEPENDENCE and director_id in e.director_ids and e.start <= ctx.as_of
    ]
    if not episodes:
        return Status.FAILING, "", None, None
    latest = episodes[-1]
    if latest.covers(ctx.as_of):
        return (
            Status.CURE_PERIOD,
            f"A cure period runs until {text.day(latest.deadline)} ({rule}), from the event on "
            f"{text.day(latest.event)}.",
            latest.deadline,
            latest.start,
        )
    if not latest.valid:
        return Status.FAILING, text.sentence(latest.blocked_words()), latest.deadline, None
    if ctx.as_of > latest.deadline:
        return (
            Status.FAILING,
            f"The cure period from {text.day(latest.start)} ended on its deadline, "
            f"{text.day(latest.deadline)} ({rule}).",
            latest.deadline,
            None,
        )
    return (
        Status.FAILING,
        f"The cure period from {text.day(latest.start)} ended on {text.day(latest.last_day)}.",
        latest.deadline,
        None,
    )


def independence_finding(ctx) -> Finding:
    """2. Every member independent (5605(a)(2)); a running cure period or an exception within its
    limits keeps the committee compliant."""
    rules = rules_for(ctx.committee)
    statuses, sentences, dues, sinces, ids = [], [], [], [], []
    for ms in ctx.members:
        if ms.independence.is_independent:
            continue
        name = ms.director.full_name
        ids.append(ms.director.pk)
        reasons = text.after_colon(" ".join(ms.independence.independence_reasons_after_name))
        sentence = f"{name} is not independent: {reasons}"
        use = ctx.exceptions.get(ms.director.pk)
        if use and use.relies and use.within_limits:
            statuses.append(Status.MET)
            sentence += (
                f" {name} serves under the exceptional-circumstances exception the board approved "
                f"on {text.day(use.determination.determined_on)} (Nasdaq 5605(c)(2)(B)), within "
                f"its limits until {text.day(use.expires_on)}."
            )
        else:
            if use:
                sentence += (
                    " The exceptional-circumstances exception does not cover this: "
                    f"{'; '.join(use.breaches)} (Nasdaq 5605(c)(2)(B))."
                )
            status, words, due, since = cure_standing(ctx, ms.director.pk)
            statuses.append(status)
            sentence += f" {words}" if words else ""
            if status == Status.CURE_PERIOD:
                dues.append(due)
                sinces.append(since)
        sentences.append(sentence)
    if not ctx.members:
        detail = f"The committee has no members on {text.day(ctx.as_of)}."
    elif not sentences:
        roster = text.names(ms.director.full_name for ms in ctx.members)
        verb = "is" if len(ctx.members) == 1 else "are all"
        detail = f"{roster} {verb} independent (Nasdaq 5605(a)(2))."
    else:
        detail = " ".join(sentences)
    return Finding(
        key=INDEPENDENCE_KEY,
        kind=rules.independence_kind,
        rule=rules.independence_rule,
        title="Independent members",
        status=worst_status(statuses),
        detail=detail,
        due=min(dues) if dues else None,
        director_ids=tuple(ids),
        since=min(sinces) if sinces else None,
    )

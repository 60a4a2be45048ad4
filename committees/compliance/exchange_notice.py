"""SEC Rule 10A-3(a)(3) and Nasdaq 5605(c)(4): the exchange is told promptly when the committee
stops complying or relies on a cure period, and the date is recorded (contract finding 10)."""

from committees.compliance import text
from committees.compliance.findings import Finding, Kind, Status


def _notice(status: Status, detail: str, ids=()) -> Finding:
    return Finding(
        key="committees.composition.exchange_notice",
        kind=Kind.SEC,
        rule="SEC Rule 10A-3(a)(3)",
        title="Exchange notified of noncompliance",
        status=status,
        detail=detail,
        director_ids=tuple(ids),
    )


def exchange_notice_finding(ctx, findings) -> Finding:
    """10. DUE while a cure period runs, or something fails, with no exchange notice recorded on
    the cure period of the directors concerned; MET otherwise."""
    as_of = ctx.as_of
    unnotified, notified_ids = [], set()
    for cure in ctx.committee_facts.cure_periods:
        if cure.exchange_notified_on is not None and cure.exchange_notified_on <= as_of:
            notified_ids.add(cure.director_id)
        elif cure.is_running_on(as_of):
            unnotified.append(cure)
    if unnotified:
        who = text.names(
            f"{cure.director.full_name} (event on {text.day(cure.event_date)})"
            for cure in unnotified
        )
        return _notice(
            Status.DUE,
            f"No notice to the exchange is recorded for the cure period of {who}: notify the "
            "exchange promptly and record the date on the cure period.",
            ids=[cure.director_id for cure in unnotified],
        )
    # A finding about no one in particular (the size, sophistication) has no cure period to
    # carry a notice, so it stays due until the committee complies again.
    problems = [f for f in findings if f.status in (Status.FAILING, Status.CURE_PERIOD)]
    uncovered = [
        f for f in problems if not f.director_ids or not set(f.director_ids) <= notified_ids
    ]
    if uncovered:
        titles = "; ".join(f.title for f in uncovered)
        return _notice(
            Status.DUE,
            f"On {text.day(as_of)} the committee does not comply ({titles}) and no notice to the "
            "exchange is recorded for it: notify the exchange promptly and record the date.",
            ids=sorted({pk for f in uncovered for pk in f.director_ids}),
        )
    notices = [
        f"{cure.director.full_name} on {text.day(cure.exchange_notified_on)}"
        for cure in ctx.committee_facts.cure_periods
        if cure.is_running_on(as_of) and cure.exchange_notified_on
    ]
    if notices:
        return _notice(
            Status.MET, f"The exchange was notified about the cure period of {text.names(notices)}."
        )
    return _notice(Status.MET, "Nothing calls for a notice to the exchange.")

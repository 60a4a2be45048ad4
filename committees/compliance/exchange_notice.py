"""The notice to the exchange (contract finding 10): every noncompliance episode with a listing
standard or an SEC rule gets a notice, citing the rule that applies. A shortfall against the
company's own charter calls for none.

- Nasdaq 5625: prompt notice once an executive officer learns of any noncompliance with the 5600
  series (a failing listing finding; a Rule 10A-3(b)(1) failure is one too, since
  5605(c)(2)(A) requires every member to meet it).
- Nasdaq 5605(c)(4): notice as soon as the company relies on a cure period.
- SEC Rule 10A-3(a)(3): prompt notice of noncompliance with Rule 10A-3.

Episodes are recorded (NoncomplianceEpisode), their boundaries checked against the findings by
the services; a notice is met only when dated on or before the day evaluated.
"""

from committees.compliance import text
from committees.compliance.findings import Finding, Kind, Status

KEY = "committees.composition.exchange_notice"
RULE_10A3_KEY = "committees.composition.rule_10a3"
NASDAQ_5625 = "Nasdaq 5625"
NASDAQ_CURE = "Nasdaq 5605(c)(4)"
SEC_10A3A3 = "SEC Rule 10A-3(a)(3)"
NOTIFIABLE_KINDS = (Kind.LISTING, Kind.SEC)
NOTIFIABLE_STATUSES = (Status.FAILING, Status.CURE_PERIOD)


def notifiable_problems(findings) -> list[Finding]:
    """The listing and SEC findings failing, or relying on a cure period: the ones the exchange
    must hear of. Charter findings never are."""
    return [
        item
        for item in findings
        if item.key != KEY and item.kind in NOTIFIABLE_KINDS and item.status in NOTIFIABLE_STATUSES
    ]


def rules_that_apply(problems) -> list[str]:
    """The notice rules ``problems`` call for, in a fixed order."""
    rules = []
    if any(item.status == Status.FAILING for item in problems):
        rules.append(NASDAQ_5625)
    if any(item.status == Status.CURE_PERIOD for item in problems):
        rules.append(NASDAQ_CURE)
    if any(item.key == RULE_10A3_KEY for item in problems):
        rules.append(SEC_10A3A3)
    return rules


def _notice(status: Status, detail: str, rules=(NASDAQ_5625,), ids=()) -> Finding:
    rules = list(rules)
    return Finding(
        key=KEY,
        # The SEC rule is cited (and the finding is the SEC's) when Rule 10A-3 is not met.
        kind=Kind.SEC if SEC_10A3A3 in rules else Kind.LISTING,
        rule="; ".join(rules),
        title="Exchange notified of noncompliance",
        status=status,
        detail=detail,
        director_ids=tuple(ids),
    )


def _problem_words(problems) -> str:
    return "; ".join(f"{item.title} ({item.rule})" for item in problems)


def exchange_notice_finding(ctx, findings) -> Finding:
    """10. DUE while the committee fails a listing or SEC rule (or relies on a cure period) with
    no recorded episode covering the day, or while any recorded episode has no notice dated by
    then; MET otherwise."""
    as_of = ctx.as_of
    problems = notifiable_problems(findings)
    # A past episode still owes its notice after compliance returns: Nasdaq 5625 then.
    rules = rules_that_apply(problems) or [NASDAQ_5625]
    ids = sorted({pk for item in problems for pk in item.director_ids})
    episodes = ctx.committee_facts.episodes
    current = next((e for e in reversed(episodes) if e.covers(as_of)), None)
    if problems and current is None:
        return _notice(
            Status.DUE,
            f"On {text.day(as_of)} the committee does not comply: {_problem_words(problems)}. No "
            "noncompliance episode covering this day is recorded: notify the exchange "
            f"({text.names(rules)}), then record when the noncompliance began and the notice.",
            rules,
            ids,
        )
    unnotified = [e for e in episodes if e.notified_on is None]
    if unnotified:
        began = text.names(text.day(e.began_on) for e in unnotified)
        what = f" It covers: {_problem_words(problems)}." if problems else ""
        return _notice(
            Status.DUE,
            f"No notice to the exchange is recorded for the noncompliance that began on {began}: "
            f"notify the exchange ({text.names(rules)}) and record the notice.{what}",
            rules,
            ids,
        )
    if problems:
        return _notice(
            Status.MET,
            f"On {text.day(as_of)} the committee does not comply: {_problem_words(problems)}. "
            f"The exchange was notified on {text.day(current.notified_on)} of the noncompliance "
            f"that began on {text.day(current.began_on)} ({text.names(rules)}).",
            rules,
            ids,
        )
    detail = (
        "The committee meets every listing standard and SEC rule checked here on "
        f"{text.day(as_of)}: nothing calls for a notice to the exchange."
    )
    if current is not None:
        detail += (
            f" The episode that began on {text.day(current.began_on)} is still open: record the "
            "first day the committee complied again."
        )
    return _notice(Status.MET, detail)

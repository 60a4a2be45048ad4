"""The composition findings of the first release as continuous requirements (Nasdaq 5605(c),
Rule 10A-3, Regulation S-K 407(d)(5)), evaluated once per committee and day."""

import datetime
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from committees.compliance import evaluate_committee, evaluate_committees
from committees.compliance.roster import rules_for
from committees.models import Committee
from deadlines.registry import Evaluation, EvidenceLink
from deadlines.status import EVALUATOR_STATUSES, Kind, Status


@dataclass(frozen=True)
class CompositionDuty:
    key: str
    title: str
    kind: Kind
    rule: str
    audit_only: bool = True
    # (committee) -> (kind, rule) when the rule depends on the kind of committee.
    citation: Callable | None = None


def _size_citation(committee) -> tuple[Kind, str]:
    rules = rules_for(committee)
    return rules.size_kind, rules.size_rule


def _independence_citation(committee) -> tuple[Kind, str]:
    rules = rules_for(committee)
    return rules.independence_kind, rules.independence_rule


# The contract's findings, in its order. Size and independence hold for every committee; their
# rule differs by kind of committee, and charter_status shows each finding's own.
COMPOSITION = (
    CompositionDuty(
        "committees.composition.size",
        "Minimum number of members",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A), 5605(d)(2)(A)",
        audit_only=False,
        citation=_size_citation,
    ),
    # A charter asking for more members than the listing rule is the company's own rule: its
    # shortfall is charter-kind, with no cure period and no notice to the exchange.
    CompositionDuty(
        "committees.composition.charter_size",
        "Number of members the charter asks for",
        Kind.CHARTER,
        "Charter: Membership",
        audit_only=False,
    ),
    CompositionDuty(
        "committees.composition.independence",
        "Independent members",
        Kind.LISTING,
        "Nasdaq 5605(a)(2), 5605(c)(2)(A), 5605(d)(2)(A)",
        audit_only=False,
        citation=_independence_citation,
    ),
    CompositionDuty(
        "committees.composition.rule_10a3",
        "Audit committee independence under Rule 10A-3",
        Kind.SEC,
        "SEC Rule 10A-3(b)(1)",
    ),
    CompositionDuty(
        "committees.composition.preparation_bar",
        "No recent part in preparing the financial statements",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
    ),
    CompositionDuty(
        "committees.composition.literacy",
        "Every member financially literate",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
    ),
    CompositionDuty(
        "committees.composition.sophistication",
        "At least one financially sophisticated member",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(A)",
    ),
    CompositionDuty(
        "committees.composition.financial_expertise",
        "At least one member with accounting or financial management expertise",
        Kind.CHARTER,
        "Charter: Membership",
    ),
    CompositionDuty(
        "committees.composition.financial_expert_disclosure",
        "Audit committee financial expert disclosure",
        Kind.SEC,
        "Regulation S-K Item 407(d)(5)",
    ),
    CompositionDuty(
        "committees.composition.exception",
        "Exceptional-circumstances exception within its limits",
        Kind.LISTING,
        "Nasdaq 5605(c)(2)(B)",
    ),
    # Every episode it tracks is a noncompliance with the Nasdaq 5600 series (a Rule 10A-3(b)(1)
    # failure is one too, through 5605(c)(2)(A)), so Nasdaq 5625 always applies: the requirement
    # is a listing one. Each finding cites the rules that apply that day, and is the SEC's when
    # Rule 10A-3(a)(3) is among them.
    CompositionDuty(
        "committees.composition.exchange_notice",
        "Exchange notified of noncompliance",
        Kind.LISTING,
        "Nasdaq 5625, 5605(c)(4); SEC Rule 10A-3(a)(3)",
    ),
)
COMPOSITION_KEYS = tuple(duty.key for duty in COMPOSITION)

# One engine run evaluates eleven composition requirements for every committee; the composition
# report holding all eleven findings is computed once per committee and day, for every committee
# of the run at once (a fixed number of queries), and kept only briefly: the next run, or a
# minute, starts afresh, so a later change to the roster is never hidden.
MEMO_SECONDS = 60.0


class _Memo(threading.local):
    as_of: datetime.date | None = None
    primed_at: float = 0.0

    def __init__(self):
        self.committees: dict[int, Committee] = {}
        self.reports: dict[int, object] = {}


_memo = _Memo()


def composition_prime(committees, as_of: datetime.date) -> None:
    """Start a fresh memo for these committees on ``as_of``; reports are computed on first use."""
    _memo.as_of = as_of
    _memo.primed_at = time.monotonic()
    _memo.committees = {committee.pk: committee for committee in committees}
    _memo.reports = {}


def composition_report(committee, as_of: datetime.date):
    """The committee's CompositionReport on ``as_of``, from the memo when a run primed it."""
    fresh = _memo.as_of == as_of and time.monotonic() - _memo.primed_at < MEMO_SECONDS
    if not fresh or committee.pk not in _memo.committees:
        return evaluate_committee(committee, as_of)
    if committee.pk not in _memo.reports:
        pending = [c for pk, c in _memo.committees.items() if pk not in _memo.reports]
        for report in evaluate_committees(pending, as_of):
            _memo.reports[report.committee.pk] = report
    return _memo.reports[committee.pk]


def composition_evaluator(key: str):
    def evaluate(committee, period, as_of: datetime.date) -> Evaluation:
        """The composition finding ``key`` on ``as_of``, as the deadline engine's evaluation."""
        finding = composition_report(committee, as_of).finding(key)
        if finding is None:
            # Only the charter's clauses (its expertise clause, its number of members) come and
            # go with the charter version.
            return Evaluation(
                Status.MET, detail="The charter in force on this date does not ask for this."
            )
        status = Status(str(finding.status))
        if status not in EVALUATOR_STATUSES:
            status = Status.DUE
        return Evaluation(
            status,
            due=finding.due if status == Status.CURE_PERIOD else None,
            since=finding.since if status == Status.CURE_PERIOD else None,
            detail=finding.detail,
            evidence=(
                EvidenceLink(
                    "Committee roster and composition",
                    url=reverse("committees:detail", args=[committee.slug]),
                ),
            ),
        )

    evaluate.__name__ = f"evaluate_{key.rsplit('.', 1)[-1]}"
    return evaluate


def composition_url(committee, period) -> str:
    """Where a composition problem is examined and fixed: the committee's roster page."""
    return reverse("committees:detail", args=[committee.slug])


def is_audit_committee(committee) -> bool:
    return committee.is_audit_committee

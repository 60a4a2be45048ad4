"""Twenty thousand closed complaints to the audit committee, with a hundred thousand messages
between the committee and the reporters. Contents go through the app's own encrypted fields;
every case shares one Argon2 receipt hash (its receipt is never used) and has its own keyed
lookup and submission digests, so no row pays for a slow hash. Cases are received within the
retention period before the cut-off, so the daily purge keeps them."""

import datetime

from django.contrib.auth import get_user_model

from charter_portal.bench import Plan
from charter_portal.bench.progress import at
from committees.models.common import years_before
from complaints import receipts
from complaints.models import Case, CaseMessage, ComplaintsPolicy

ONE_DAY = datetime.timedelta(days=1)
NARRATIVES = (
    "An expense report was approved by the person who submitted it.",
    "Revenue on a large order was booked before the goods shipped.",
    "A supplier's invoices are paid without a purchase order.",
    "The inventory count at the warehouse was adjusted after the auditors left.",
    "A manager asked me to change the date on a contract.",
)
REPLIES = (
    "Thank you for your report. We have received it and will review it.",
    "Could you tell us when this happened, and who else saw it?",
    "It was in the second week of the month; the team lead saw it too.",
    "Thank you. The matter has been investigated and the case is now closed.",
    "Thank you for looking into it.",
)


def seed(plan: Plan) -> None:
    policy = ComplaintsPolicy.objects.select_related("committee").order_by("pk").first()
    if policy is None:
        return
    chair = get_user_model().objects.filter(email__startswith="margaret.chen@").first()
    verifier = receipts.slow_hash("0" * receipts.DIGITS)  # one hash for every bench case
    first = max(plan.start, years_before(plan.today, policy.retention_years) + 60 * ONE_DAY)
    last = plan.cutoff - 120 * ONE_DAY
    if last <= first:
        first = last - 365 * ONE_DAY
    wanted = plan.count(20000)
    days = sorted(plan.day_between(first, last) for _ in range(wanted))
    per_year: dict[int, int] = {}
    messages_each = max(1, plan.count(100000) // wanted)
    for first_n in range(0, wanted, plan.writer.batch):  # a batch of cases and their messages
        cases = []
        for n in range(first_n, min(wanted, first_n + plan.writer.batch)):
            day = days[n]
            per_year[day.year] = per_year.get(day.year, 0) + 1
            cases.append(_case(plan, policy, n, day, per_year[day.year], verifier))
        plan.writer.create(Case, cases)
        messages = [
            _message(case, k, messages_each, chair) for case in cases for k in range(messages_each)
        ]
        plan.writer.create(CaseMessage, messages)


def _case(plan: Plan, policy, n: int, day: datetime.date, number: int, verifier: str) -> Case:
    received = at(day, 9)
    closed = received + plan.rng.randint(30, 100) * ONE_DAY
    row = Case(
        number=f"{day.year}-{number:05d}",
        committee=policy.committee,
        category=plan.rng.choice(Case.Category.values),
        language=Case.Language.EN if n % 7 else Case.Language.ES,
        narrative=NARRATIVES[n % len(NARRATIVES)],
        when_where="At the plant, last quarter.",
        status=Case.Status.CLOSED,
        resolution=plan.rng.choice(
            [Case.Resolution.UNSUBSTANTIATED, Case.Resolution.INCONCLUSIVE, "substantiated"]
        ),
        severity=plan.rng.choice([Case.Severity.LOW, Case.Severity.MEDIUM]),
        received_at=received,
        acknowledged_at=received + ONE_DAY,
        last_contact_at=closed,
        closed_at=closed,
        receipt_lookup=receipts.lookup_digest(f"bench-{n}"),
        receipt_hash=verifier,
        submission_digest=receipts.keyed_digest("bench.submission", str(n)),
    )
    row._history_date = received
    return row


def _message(case: Case, k: int, of: int, chair) -> CaseMessage:
    to_reporter = k % 2 == 0
    kind = CaseMessage.Kind.ACKNOWLEDGEMENT if k == 0 else CaseMessage.Kind.MESSAGE
    return CaseMessage(
        case=case,
        direction=CaseMessage.Direction.TO_REPORTER if to_reporter else "from_reporter",
        kind=kind,
        body=REPLIES[k % len(REPLIES)],
        author=chair if to_reporter else None,
        created_at=case.received_at + (case.closed_at - case.received_at) * (k + 1) / (of + 1),
    )

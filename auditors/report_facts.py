"""The four facts the audit committee report states (S-K 407(d)(3)), each read from the record:

1. the committee reviewed and discussed the audited statements with management (the statements
   review, at a held meeting);
2. it discussed with the auditor the matters the auditor must communicate (every AS 1301 matter
   recorded for the year's audit);
3. it received the firm's written independence disclosures and letter (the 3526(b) letter from
   the engagement's firm, stating that it is independent, received within the 12 months before
   the report) and discussed its independence (at a held meeting, documented);
4. it recommended to the board that the audited statements go in the annual report.

The report is drafted only when all four hold on its date; each fact that does not says what is
missing. Pure reads with an explicit date: nothing here reads today."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from auditors.models import As1301Topic, Communication, Engagement, StatementsReview
from auditors.services_catalogue import ANNUAL_INDEPENDENCE_RULE, AS1301_RULE, REPORT_RULE
from deadlines.cadences import add_months
from deadlines.wording import day_words
from meetings.models import Meeting

# How recent the independence letter must be when the report is dated (PCAOB 3526(b)).
LETTER_MONTHS = 12


@dataclass(frozen=True)
class Fact:
    """One fact of the report: whether the record shows it on the report's date, the record
    that does (with where to see it), and otherwise what is missing."""

    key: str
    label: str
    met: bool
    evidence: Any = None
    evidence_label: str = ""
    evidence_url: str = ""
    missing: str = ""
    rule: str = REPORT_RULE


def engagement_url(engagement: Engagement) -> str:
    return reverse("auditors:engagement", args=[engagement.committee.slug, engagement.fiscal_year])


def _held_by(meeting: Meeting | None, day: datetime.date) -> bool:
    return meeting is not None and meeting.status == Meeting.Status.HELD and meeting.day <= day


def _review(engagement: Engagement) -> StatementsReview | None:
    try:
        return engagement.statements_review
    except StatementsReview.DoesNotExist:
        return None


def independence_letter(engagement: Engagement, as_of: datetime.date) -> Communication | None:
    """The latest 3526(b) letter from the engagement's firm received within the 12 months up to
    ``as_of`` (the day exactly 12 months before counts), stating that the firm is independent
    and discussed at a held meeting on or before ``as_of``; None when there is none."""
    earliest = add_months(as_of, -LETTER_MONTHS)
    letters = (
        Communication.objects.filter(
            committee_id=engagement.committee_id,
            firm_id=engagement.firm_id,
            kind=Communication.Kind.INDEPENDENCE,
            received_on__range=(earliest, as_of),
            states_independent=True,
            discussed_at__isnull=False,
        )
        .exclude(discussion="")
        .select_related("discussed_at__committee")
        .order_by("-received_on", "-pk")
    )
    return next((row for row in letters if _held_by(row.discussed_at, as_of)), None)


def report_facts(engagement: Engagement, as_of: datetime.date | None = None) -> list[Fact]:
    """The report's four facts for ``engagement`` as the record stands on ``as_of`` (the
    report's date); without ``as_of``, the signed report's own date."""
    if as_of is None:
        report = getattr(engagement, "committee_report", None)
        if report is None:
            raise ValueError("report_facts needs the report's date (as_of) until it is signed.")
        as_of = report.dated
    page = engagement_url(engagement)
    firm = engagement.firm.name
    facts = []

    review = _review(engagement)
    reviewed = review is not None and _held_by(review.meeting, as_of)
    facts.append(
        Fact(
            key="reviewed",
            label="The committee reviewed and discussed the audited financial statements with "
            "management",
            met=reviewed,
            evidence=review if reviewed else None,
            evidence_label=f"Review at the meeting of {day_words(review.meeting.day)}"
            if reviewed
            else "",
            evidence_url=review.meeting.get_absolute_url() if reviewed else "",
            missing=""
            if reviewed
            else "No review of the audited statements with management at a held meeting on or "
            f"before {day_words(as_of)} is recorded.",
        )
    )

    items = [i for i in engagement.as1301_items.all() if i.communicated_on <= as_of]
    told = {item.topic for item in items}
    missing_topics = [topic.label for topic in As1301Topic if topic.value not in told]
    facts.append(
        Fact(
            key="discussed",
            label=f"The committee discussed with {firm} the matters the auditor must "
            "communicate to it",
            met=not missing_topics,
            evidence=engagement if not missing_topics else None,
            evidence_label=f"All {len(As1301Topic)} {AS1301_RULE} matters recorded"
            if not missing_topics
            else "",
            evidence_url=f"{page}#as1301" if not missing_topics else "",
            missing=""
            if not missing_topics
            else f"{len(missing_topics)} of the {len(As1301Topic)} {AS1301_RULE} matters are not "
            f"recorded: {'; '.join(missing_topics)}.",
            rule=f"{REPORT_RULE}; {AS1301_RULE}",
        )
    )

    letter = independence_letter(engagement, as_of)
    facts.append(
        Fact(
            key="independence",
            label=f"The committee received {firm}'s written independence disclosures and letter "
            "and discussed its independence with it",
            met=letter is not None,
            evidence=letter,
            evidence_label=f"Letter received {day_words(letter.received_on)}, discussed "
            f"{day_words(letter.discussed_at.day)}"
            if letter
            else "",
            evidence_url=f"{page}#communication-{letter.pk}" if letter else "",
            missing=""
            if letter
            else f"No independence letter from {firm} stating it is independent, received "
            f"between {day_words(add_months(as_of, -LETTER_MONTHS))} and {day_words(as_of)} and "
            "discussed at a held meeting, is recorded.",
            rule=f"{REPORT_RULE}; {ANNUAL_INDEPENDENCE_RULE}",
        )
    )

    recommended = reviewed and review.recommends_inclusion
    facts.append(
        Fact(
            key="recommended",
            label="The committee recommended to the board that the audited statements be "
            "included in the annual report",
            met=recommended,
            evidence=review if recommended else None,
            evidence_label=f"Recommended at the meeting of {day_words(review.meeting.day)}"
            if recommended
            else "",
            evidence_url=review.meeting.get_absolute_url() if recommended else "",
            missing=""
            if recommended
            else "The committee's recommendation to include the audited statements in the "
            "annual report is not recorded.",
        )
    )
    return facts


def missing_facts(facts: list[Fact]) -> list[Fact]:
    return [fact for fact in facts if not fact.met]

"""One occurrence as the pages show it: its requirement's words, its status on the day asked
about, its evidence and where it is done."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse

from deadlines.models import Occurrence, Waiver
from deadlines.registry import Requirement, registry
from deadlines.schedule import DEFAULT_DUE_SOON_DAYS, due_status
from deadlines.status import NOT_YET_MET, PROBLEMS, Status
from deadlines.wording import day_words

KIND_WORDS = {
    "listing": "Exchange listing standard",
    "sec": "SEC rule",
    "charter": "Our committee charter",
}


def safe_href(url: str) -> str:
    """A link target the pages may use: a path on this site or an http(s) address; anything
    else (a javascript: URL, a protocol-relative one) is shown as text only."""
    url = (url or "").strip()
    if url.startswith("/") and not url.startswith("//"):
        return url
    if url.lower().startswith(("https://", "http://")):
        return url
    return ""


def active_waivers() -> Prefetch:
    """Prefetch each occurrence's unrevoked waiver with its grantor (one query for any number
    of occurrences), read through Occurrence.active_waiver and DeadlineItem.waiver."""
    return Prefetch(
        "waivers",
        queryset=Waiver.objects.active().select_related("granted_by"),
        to_attr="active_waivers",
    )


def waiver_words(waiver: Waiver) -> str:
    """Who waived it, when, and through which day: the same words on every page and export."""
    words = f"Waived by {waiver.granted_by.get_full_name()} on {day_words(waiver.granted_on)}"
    if waiver.until is not None:
        words += f" until {day_words(waiver.until)}"
    return words


def requirement_for(key: str) -> Requirement | None:
    """The registered requirement, or None for a key no app registers any longer (its past
    occurrences stay on the record and on the reports)."""
    return registry.get(key) if key in registry else None


def status_on(occurrence: Occurrence, requirement: Requirement | None, as_of) -> Status:
    """The stored status, with "not met yet" brought up to ``as_of`` from the due date alone, so
    a page is right even before today's engine run."""
    status = Status(occurrence.status)
    if occurrence.is_open and status in NOT_YET_MET:
        days = requirement.due_soon_days if requirement else DEFAULT_DUE_SOON_DAYS
        return due_status(occurrence.due_date, as_of, days)
    return status


@dataclass(frozen=True)
class EvidenceRef:
    label: str
    url: str  # empty when there is nothing to link to


@dataclass(frozen=True)
class DeadlineItem:
    occurrence: Occurrence
    requirement: Requirement | None
    status: Status
    evidence: tuple[EvidenceRef, ...]
    action_url: str  # the page where it is done, from the requirement's evidence_url hook

    @property
    def title(self) -> str:
        return self.requirement.title if self.requirement else self.occurrence.requirement_key

    @property
    def key(self) -> str:
        return self.occurrence.requirement_key

    @property
    def detail(self) -> str:
        return self.occurrence.detail

    @property
    def is_standing(self) -> bool:
        """A duty that applies at all times and is shown as the committee's status (composition),
        not one that owes dated things through the year (cadences.Ongoing)."""
        cadence = self.requirement.cadence if self.requirement else None
        return self.occurrence.is_continuous and getattr(cadence, "standing", True)

    @property
    def due(self) -> datetime.date | None:
        """The deadline a reader acts on: for a duty that applies at all times only a cure
        period's end (a failing one's stored due date is the day it began failing)."""
        if self.is_standing and self.status != Status.CURE_PERIOD:
            return None
        return self.occurrence.due_date

    @property
    def evaluated_at(self):
        return self.occurrence.evaluated_at

    @property
    def met_on(self) -> datetime.date | None:
        """The day it was met. A duty that applies at all times is never closed as met: it was
        last confirmed met on the day of its latest evaluation (within its fiscal year)."""
        occurrence = self.occurrence
        if occurrence.met_on is not None:
            return occurrence.met_on
        if occurrence.is_continuous and self.status == Status.MET and occurrence.evaluated_on:
            return min(occurrence.evaluated_on, occurrence.period_end)
        return None

    @property
    def met_late(self) -> bool:
        """Met, but after the day it was due: the report shows it as met late, with both days."""
        occurrence = self.occurrence
        return (
            self.status == Status.MET
            and not occurrence.is_continuous
            and occurrence.met_on is not None
            and occurrence.due_date is not None
            and occurrence.met_on > occurrence.due_date
        )

    @property
    def outcome_words(self) -> str:
        """The status in words, "met late" for a duty met after its due date."""
        return "met late" if self.met_late else self.status.label

    @property
    def kind(self) -> str:
        if self.requirement is None:
            return ""
        return str(self.requirement.kind_for(self.occurrence.committee))

    @property
    def kind_words(self) -> str:
        return KIND_WORDS.get(self.kind, "")

    @property
    def rule(self) -> str:
        return self.requirement.rule_for(self.occurrence.committee) if self.requirement else ""

    @property
    def page_url(self) -> str:
        return reverse("deadlines:occurrence", args=[self.occurrence.pk])

    @property
    def waiver(self) -> Waiver | None:
        """The waiver in force (not revoked); for a continuous duty it may have ended, and the
        status then says what the duty is again."""
        return self.occurrence.active_waiver

    @property
    def waiver_words(self) -> str:
        return waiver_words(self.waiver) if self.waiver is not None else ""

    @property
    def link(self) -> tuple[str, str]:
        """The one click from this item: (url, what it opens)."""
        if self.status == Status.MET:
            linked = [ref for ref in self.evidence if ref.url]
            if len(linked) == 1:
                return linked[0].url, f"Evidence: {linked[0].label}"
            if linked:
                return self.page_url, f"{len(linked)} pieces of evidence"
        elif self.status != Status.WAIVED and self.action_url:
            return self.action_url, "Where it is done"
        return self.page_url, "Details"


def may_follow(requirement: Requirement | None, reader, committee, as_of: datetime.date) -> bool:
    """Whether ``reader`` may open the page where ``requirement`` is done for ``committee``: the
    requirement's ``may_act`` hook, which is the very check that page makes. No reader (a report,
    an export) or no hook: whoever reads the committee may."""
    if requirement is None or requirement.may_act is None or reader is None:
        return True
    return bool(requirement.may_act(reader, committee, as_of))


def item_for(occurrence: Occurrence, as_of: datetime.date, *, reader=None) -> DeadlineItem:
    """Build the page row; ``occurrence.evidence`` should be prefetched. With ``reader``, the
    page where it is done, and the evidence, are linked only when the reader may open them (no
    dead end)."""
    requirement = requirement_for(occurrence.requirement_key)
    action_url = ""
    if (
        requirement is not None
        and requirement.evidence_url is not None
        and may_follow(requirement, reader, occurrence.committee, as_of)
    ):
        action_url = safe_href(requirement.evidence_url(occurrence.committee, occurrence.period))
    linked = (
        requirement is None
        or requirement.may_see_evidence is None
        or reader is None
        or requirement.may_see_evidence(reader, occurrence.committee, as_of)
    )
    evidence = tuple(
        EvidenceRef(label=row.label, url=safe_href(row.url) if linked else "")
        for row in occurrence.evidence.all()
    )
    return DeadlineItem(
        occurrence=occurrence,
        requirement=requirement,
        status=status_on(occurrence, requirement, as_of),
        evidence=evidence,
        action_url=action_url,
    )


def evaluated_at(items) -> datetime.datetime | None:
    """When the open items shown were last evaluated (the oldest of them): what a page built from
    stored results says about its freshness."""
    stamps = [i.occurrence.evaluated_at for i in items if i.occurrence.is_open]
    stamps = [stamp for stamp in stamps if stamp is not None]
    return min(stamps) if stamps else None


def problem_starts(items) -> dict[int, datetime.date]:
    """Occurrence id -> the day its problem began, for the duties that apply at all times and are
    failing or in a cure period. The evaluator's own day comes first (a cure period runs from its
    event, even one recorded later); else a failing one keeps the first day it was seen failing
    as its due date, and a cure period's start is read from the occurrence's history: the first
    record of its current run of that status (one query, and none when none is needed)."""
    starts: dict[int, datetime.date] = {}
    cure = {}
    for item in items:
        occurrence = item.occurrence
        if not occurrence.is_continuous or item.status not in PROBLEMS:
            continue
        if occurrence.problem_since is not None:
            starts[occurrence.pk] = max(occurrence.problem_since, occurrence.period_start)
        elif item.status == Status.FAILING and occurrence.due_date is not None:
            starts[occurrence.pk] = occurrence.due_date
        else:
            cure[occurrence.pk] = occurrence
            starts[occurrence.pk] = max(occurrence.period_start, occurrence.opened_on)
    if cure:
        rows = (
            Occurrence.history.filter(id__in=list(cure))
            .order_by("id", "history_date", "history_id")
            .values_list("id", "status", "evaluated_on", "history_date")
        )
        previous: dict[int, str] = {}
        for pk, status, evaluated_on, history_date in rows:
            if status == cure[pk].status and previous.get(pk) != status:
                day = evaluated_on or history_date.date()
                starts[pk] = max(day, cure[pk].period_start)
            previous[pk] = status
    return starts

"""The committees half of the dashboard's "what to do next": reads what committees.next_steps
words, in a fixed number of queries whatever the committees, members or years of history.

Every link it hands out is one the reader may follow, decided by the check the page behind it
makes: a director's file by ``director_files_visible_to``, the charter review by the charter
review requirement's ``may_act`` (already applied to the dashboard's deadline items), the
questionnaire by the reader serving on the committee, the administration by ``is_secretary``.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, Sum
from django.urls import reverse

from charter_portal.permissions import (
    ReadingLevel,
    can_manage_committee,
    director_files_visible_to,
)
from charter_portal.roles import committee_roles, is_secretary
from committees import next_steps
from committees.compliance.text import money
from committees.models import AdvisorEngagement, CurePeriod, Director, Questionnaire, Response
from committees.requirements import CHARTER_REVIEW_KEY
from deadlines.status import Status


@dataclass
class DashboardSteps:
    todos: list = field(default_factory=list)  # the reader's own, urgent first
    findings: dict = field(default_factory=dict)  # (committee id, requirement key) -> FindingStep

    def with_steps(self, summary) -> list[tuple]:
        """(finding, its next step or None) for each open finding of a committee summary."""
        return [
            (item, self.findings.get((summary.committee.pk, item.key)))
            for item in summary.open_findings
        ]


def _admin(name: str, *args) -> str:
    return reverse(f"admin:committees_{name}", args=args)


def _cure_people(committee_ids, as_of) -> dict[int, list[Director]]:
    """Committee id -> the directors serving out a cure period there on ``as_of`` (one query)."""
    rows = (
        CurePeriod.objects.filter(committee_id__in=committee_ids, event_date__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .select_related("director")
        .order_by("director__full_name", "pk")
    )
    people: dict[int, list[Director]] = {}
    for row in rows:
        people.setdefault(row.committee_id, [])
        if row.director not in people[row.committee_id]:
            people[row.committee_id].append(row.director)
    return people


def _finding_steps(user, summaries, levels, as_of, secretary) -> dict:
    steps = {}
    in_cure = [
        s.committee.pk
        for s in summaries
        if levels.get(s.committee.pk) is ReadingLevel.DETAIL
        and any(
            i.key == next_steps.INDEPENDENCE and i.status == Status.CURE_PERIOD
            for i in s.open_findings
        )
    ]
    cure = _cure_people(in_cure, as_of) if in_cure else {}
    directors = [d for people in cure.values() for d in people]
    files = director_files_visible_to(user, directors, as_of) if directors else set()
    for summary in summaries:
        committee = summary.committee
        for item in summary.open_findings:
            people = ()
            if item.key == next_steps.INDEPENDENCE:
                people = tuple(
                    next_steps.Person(
                        name=d.full_name,
                        file_url=reverse("committees:director", args=[d.pk])
                        if d.pk in files
                        else "",
                        admin_url=_admin("director_change", d.pk) if secretary else "",
                    )
                    for d in cure.get(committee.pk, [])
                )
            admin_url = ""
            if secretary and not people:  # else each person's administration page
                # The committee's noncompliance episodes, each with its notices inline.
                episodes = _admin("noncomplianceepisode_changelist")
                admin_url = (
                    f"{episodes}?committee__id__exact={committee.pk}"
                    if item.key == next_steps.EXCHANGE_NOTICE
                    else _admin("committee_change", committee.pk)
                )
            step = next_steps.finding_step(
                item.key, item.status, item.due, people=people, admin_url=admin_url
            )
            if step is not None:
                steps[(committee.pk, item.key)] = step
    return steps


def _unanswered(user, seats, committees, as_of) -> list:
    """Open questionnaires of the committees the reader serves on that neither this account nor
    the reader's director has answered: the duties page's "Answer" (one query)."""
    serving = [c for c in committees if c.pk in seats]
    if not serving:
        return []
    answered = Response.objects.filter(questionnaire=OuterRef("pk")).filter(
        Q(user=user) | Q(director__user=user)
    )
    open_now = (
        Questionnaire.objects.filter(
            committee__in=serving, opens_on__lte=as_of, closes_on__gte=as_of
        )
        .annotate(answered=Exists(answered))
        .order_by("closes_on", "pk")
    )
    by_pk = {c.pk: c for c in serving}
    return [
        next_steps.unanswered_evaluation(
            q.fiscal_year,
            by_pk[q.committee_id].name,
            q.closes_on,
            reverse("committees:evaluation", args=[by_pk[q.committee_id].slug, q.pk]),
        )
        for q in open_now
        if not q.answered
    ]


def _over_budget(managed, secretary) -> list:
    """Advisors paid more than their budget, on the committees the reader manages (one query)."""
    if not managed:
        return []
    rows = (
        AdvisorEngagement.objects.filter(committee__in=managed)
        .annotate(paid=Sum("payments__amount"))
        .select_related("committee")
        .order_by("committee__name", "-engaged_on", "pk")
    )
    return [
        next_steps.advisor_over_budget(
            row.name,
            row.committee.name,
            money(row.paid),
            money(row.fee_budget),
            reverse("committees:duties", args=[row.committee.slug]) + "#advisors",
            _admin("advisorengagement_change", row.pk) if secretary else "",
        )
        for row in rows
        if row.paid is not None and row.is_over_budget(row.paid)
    ]


def dashboard_next_steps(user, summaries, deadlines, levels, as_of: datetime.date):
    """The reader's to-dos and each open finding's next step. ``deadlines`` is the dashboard's
    committee id -> CommitteeDeadlines (built for this reader), ``levels`` committee id ->
    ReadingLevel."""
    secretary = is_secretary(user)
    seats = committee_roles(user, as_of)
    committees = [s.committee for s in summaries]
    result = DashboardSteps(findings=_finding_steps(user, summaries, levels, as_of, secretary))
    todos = _unanswered(user, seats, committees, as_of)
    for committee in committees:
        panel = deadlines.get(committee.pk)
        for item in (panel.overdue + panel.next_30) if panel else []:
            # The item links where it is done only when the reader may record the review.
            if item.key == CHARTER_REVIEW_KEY and item.action_url:
                todos.append(
                    next_steps.charter_review_to_record(
                        committee.name, item.status, item.occurrence.due_date, item.action_url
                    )
                )
    managed = [c for c in committees if can_manage_committee(user, c, as_of)]
    todos += _over_budget(managed, secretary)
    if secretary:
        for summary in summaries:
            step = result.findings.get((summary.committee.pk, next_steps.EXCHANGE_NOTICE))
            if step is not None:
                todos.append(
                    next_steps.exchange_notice_to_record(
                        summary.committee.name,
                        reverse("committees:detail", args=[summary.committee.slug]),
                        step.admin_url,
                    )
                )
    result.todos = next_steps.ordered(todos)
    return result

"""The effect of accepting an answer, shown before the secretary accepts it: which tests and
findings would change, from when, and whether a cure period could open.

The preview runs the very code acceptance runs (services.apply_answer) inside a transaction it
then rolls back, and reads the findings with the same compliance functions the pages use; so
what it shows is what acceptance produces (tests/committees/test_questionnaire_review.py)."""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from committees.compliance import director_independence, evaluate_committees
from committees.compliance.facts import company_profile
from committees.compliance.stored import kept
from committees.models import Committee, CurePeriod, DirectorAnswer, independence_cure_deadline
from committees.questionnaire import sections as s
from deadlines.wording import day_words

INDEPENDENCE_KEY = "committees.composition.independence"


def effect_days(answer: DirectorAnswer, as_of: datetime.date) -> list[datetime.date]:
    """The days the effect is judged on: the day the fact starts (when past) and today."""
    data = answer.data or {}
    days = {as_of}
    for name in ("start_date", "paid_on"):
        value = data.get(name)
        if value:
            day = datetime.date.fromisoformat(value)
            if day <= as_of:
                days.add(day)
    return sorted(days)


def effect_state(director, days) -> dict:
    """The director's tests and the findings of every committee they sit on, per day, as JSON."""
    state = {}
    for day in days:
        committees = list(
            Committee.objects.filter(
                memberships__director=director, memberships__start_date__lte=day
            )
            .distinct()
            .order_by("pk")
        )
        result = None
        committee_states = {}
        # Before acceptance, the reports kept for the stored evaluation; after it (inside the
        # rolled-back transaction) the change has marked that evaluation stale, so they are
        # computed afresh (committees.compliance.stored).
        ids = [committee.pk for committee in committees]
        reports = kept(
            "compositions:" + ",".join(map(str, ids)),
            ids,
            day,
            lambda day=day, committees=committees: evaluate_committees(committees, day),
        )
        for report in reports:
            own = next((ms for ms in report.members if ms.director.pk == director.pk), None)
            if own is None:
                continue
            # The committees' evaluation already judged the director on this day with the same
            # rules; judging them again would load every fact of theirs a second time.
            result = own.independence
            committee_states[f"committee {report.committee.slug} {day.isoformat()}"] = {
                "name": report.committee.name,
                "findings": [
                    {**finding.as_json(), "title": finding.title} for finding in report.findings
                ],
            }
        if result is None:  # on no committee that day
            result = director_independence(director, day)
        state[f"director {day.isoformat()}"] = {
            "tests": [test.as_json() for test in result.tests],
            "rule_10a3": {"met": result.rule_10a3_met, "detail": result.rule_10a3_detail},
        }
        state.update(committee_states)
    return state


@dataclass(frozen=True)
class Change:
    day: datetime.date
    scope: str  # the director, or a committee's name
    rule: str
    title: str
    before: str  # "passes" / "fails", or a finding's status
    after: str
    detail: str  # the explanation after acceptance


@dataclass
class Preview:
    answer: DirectorAnswer
    before: dict
    after: dict
    changes: list = field(default_factory=list)
    cure: list = field(default_factory=list)  # sentences about cure periods
    error: str = ""  # why the answer cannot be accepted as it stands

    @property
    def changes_nothing(self) -> bool:
        return not self.error and not self.changes


def _changes(before: dict, after: dict) -> list[Change]:
    changes = []
    for key, now in after.items():
        kind, *rest = key.split(" ")
        day = datetime.date.fromisoformat(rest[-1])
        was = before.get(key, {})
        if kind == "director":
            old = {t["code"]: t for t in was.get("tests", [])}
            for test in now["tests"]:
                prior = old.get(test["code"])
                if (
                    prior
                    and prior["passed"] == test["passed"]
                    and prior["detail"] == test["detail"]
                ):
                    continue
                changes.append(
                    Change(
                        day,
                        "The director",
                        test["rule"],
                        f"Test ({test['code']}): {test['title']}",
                        ("passes" if prior["passed"] else "fails") if prior else "",
                        "passes" if test["passed"] else "fails",
                        test["detail"],
                    )
                )
            if was.get("rule_10a3") != now["rule_10a3"]:
                changes.append(
                    Change(
                        day,
                        "The director",
                        "SEC Rule 10A-3(b)(1)",
                        "Audit committee independence",
                        "met" if was.get("rule_10a3", {}).get("met") else "not met",
                        "met" if now["rule_10a3"]["met"] else "not met",
                        now["rule_10a3"]["detail"],
                    )
                )
            continue
        old = {f["key"]: f for f in was.get("findings", [])}
        for finding in now["findings"]:
            prior = old.get(finding["key"])
            if prior == finding:
                continue
            changes.append(
                Change(
                    day,
                    now["name"],
                    finding["rule"],
                    finding["title"],
                    (prior or {}).get("status", "").replace("_", " "),
                    finding["status"].replace("_", " "),
                    finding["detail"],
                )
            )
    return changes


def _cure_notes(answer, before, after, as_of) -> list[str]:
    """Nasdaq 5605(c)(4): a member who stops being independent for reasons outside their
    control may stay until the earlier of the next annual meeting or a year after the event;
    only one cure period may run at a time. The secretary decides and records it."""
    notes = []
    event = effect_days(answer, as_of)[0]
    own = f"director {as_of.isoformat()}"

    def passes(state):
        return all(test["passed"] for test in state.get(own, {}).get("tests", []))

    # Only a member who stops being independent has a cure period to ask for.
    if not passes(before) or passes(after):
        return notes
    for key, now in after.items():
        if not key.startswith("committee ") or not key.endswith(as_of.isoformat()):
            continue
        slug = key.split(" ")[1]
        running = [
            cure
            for cure in CurePeriod.objects.filter(committee__slug=slug).select_related("director")
            if cure.is_running_on(as_of)
        ]
        meeting = company_profile().first_annual_meeting_after(event)
        deadline = independence_cure_deadline(event, meeting)
        if running:
            other = running[0]
            notes.append(
                f"{now['name']}: a cure period for {other.director.full_name} already runs until "
                f"{day_words(other.deadline)}, and only one may run at a time (Nasdaq "
                "5605(c)(4)), so none could open: the committee would fail at once."
            )
        else:
            why = (
                f"the next annual meeting on {day_words(meeting)}"
                if meeting and meeting == deadline
                else "one year after the event"
            )
            notes.append(
                f"{now['name']}: if the cause was outside the director's control, a cure period "
                f"could open from {day_words(event)} until {day_words(deadline)} ({why}; Nasdaq "
                "5605(c)(4)); the secretary records it, and the exchange must be told."
            )
    return notes


def answer_preview(answer: DirectorAnswer, *, reviewed_by, as_of=None, now=None) -> Preview:
    """The effect of accepting ``answer``: findings before and after, computed with the answer
    applied in a transaction that is rolled back."""
    from committees.questionnaire.services import apply_answer

    now = now or timezone.now()
    as_of = as_of or timezone.localdate(now)
    director = answer.questionnaire.director
    days = effect_days(answer, as_of)
    before = effect_state(director, days)
    error = ""
    after = before
    with transaction.atomic():
        try:
            if s.section(answer.section).is_fact:
                apply_answer(answer, reviewed_by=reviewed_by, now=now)
            after = effect_state(director, days)
        except ValidationError as problem:
            error = " ".join(problem.messages)
        transaction.set_rollback(True)
    preview = Preview(answer=answer, before=before, after=after, error=error)
    if not error:
        preview.changes = _changes(before, after)
        preview.cure = _cure_notes(answer, before, after, as_of)
    return preview

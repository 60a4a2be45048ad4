"""The engine's history: for every committee and duty, the periods before the first one the
portal holds, each met and closed (a fiscal year, a quarter, or for a rolling duty a chain of
intervals each met a few weeks before its due day). Only periods that ended before today are
written, so today's run still opens the current ones; then the daily run is made once for today,
so every page reads stored evaluations."""

import datetime
import logging

from charter_portal.bench import Plan
from charter_portal.bench.progress import at
from deadlines.cadences import add_months
from deadlines.models import Occurrence
from deadlines.registry import registry
from deadlines.services import deadlines_run
from deadlines.status import Status

logger = logging.getLogger(__name__)
ONE_DAY = datetime.timedelta(days=1)


def seed(plan: Plan) -> None:
    calendar = registry.calendar()
    first = {}
    for committee_id, key, start in Occurrence.objects.values_list(
        "committee_id", "requirement_key", "period_start"
    ):
        first[committee_id, key] = min(first.get((committee_id, key), start), start)
    rows = []
    for committee in plan.committees:
        for requirement in registry.all():
            try:
                if not requirement.applies(committee):
                    continue
                cadence = requirement.cadence_for(committee, plan.today)
            except Exception:  # a duty the committee cannot answer today has no history either
                logger.exception("No history for %s on %s", requirement.key, committee)
                continue
            until = min(plan.today, first.get((committee.pk, requirement.key), plan.today))
            periods = (
                _rolling(plan, cadence, until)
                if cadence.rolling
                else _fiscal(plan, cadence, calendar, until)
            )
            rows += [_occurrence(plan, committee, requirement.key, cadence, p) for p in periods]
    plan.writer.create(Occurrence, rows)


def run_today(plan: Plan):
    return deadlines_run(as_of=plan.today)


def _fiscal(plan: Plan, cadence, calendar, until: datetime.date) -> list:
    periods, day = [], plan.start
    while day < until:
        period = cadence.period(as_of=day, calendar=calendar)
        if period.end >= until:
            break
        periods.append((period, _met_on(plan, cadence, period)))
        day = period.end + ONE_DAY
    return periods


def _rolling(plan: Plan, cadence, until: datetime.date) -> list:
    periods, last_met = [], plan.start
    while True:
        due = add_months(last_met, cadence.months)
        met = max(last_met + ONE_DAY, due - plan.rng.randint(10, 60) * ONE_DAY)
        if due >= until or met >= until:
            break
        period = cadence.period(as_of=met, calendar=None, last_met=last_met)
        periods.append((period, met))
        last_met = met
    return periods


def _met_on(plan: Plan, cadence, period) -> datetime.date:
    if cadence.continuous:
        return period.end
    due = period.due or period.end
    return max(period.start, due - plan.rng.randint(5, 40) * ONE_DAY)


def _occurrence(plan: Plan, committee, key: str, cadence, entry) -> Occurrence:
    period, met = entry
    row = Occurrence(
        committee=committee,
        requirement_key=key,
        cadence=cadence.label,
        period_start=period.start,
        period_end=period.end,
        scheduled_due=period.due,
        due_date=period.due,
        status=Status.MET.value,
        is_open=False,
        met_on=met,
        opened_on=period.start,
        evaluated_on=met,
        evaluated_at=at(met, 6),
        detail="Met.",
    )
    row._history_date = at(met, 6)
    return row

"""The Northwind Instruments demo: a fictional company with a realistic board, so the portal has
something true to show on first start, including a running cure period (Nasdaq 5605(c)(4)), an
overdue charter review and a self-evaluation falling due.

Safe to seed again: every row is found by its natural key before it is created, and the dates stay
anchored to the first run (read back from the demo's cure period), so a later run adds nothing.
"""

import datetime

from committees.demo.backdate import demo_backdate, history_marks
from committees.demo.duties import DutySeeder
from committees.demo.people import (
    AUDIT,
    COMPANY,
    COMPENSATION,
    DEMO_PASSWORD,
    DOMAIN,
    EVENT_DAYS_BEFORE,
)
from committees.demo.questionnaires import QuestionnaireSeeder
from committees.demo.roster import Seeder
from committees.demo.second_factor import demo_second_factor_code, demo_totp_secret
from committees.models import CurePeriod

__all__ = [
    "COMPANY",
    "DEMO_PASSWORD",
    "Seeder",
    "demo_second_factor_code",
    "demo_seed",
    "demo_totp_secret",
    "existing_anchor",
]


def existing_anchor() -> datetime.date | None:
    """The date a previous run was seeded as of, read back from its cure period."""
    cure = (
        CurePeriod.objects.filter(
            committee__slug="audit", director__email__iexact=f"elena.petrova@{DOMAIN}"
        )
        .order_by("pk")
        .first()
    )
    return cure.event_date + datetime.timedelta(days=EVENT_DAYS_BEFORE) if cure else None


def demo_seed(seeder: Seeder) -> None:
    """Every demo record, in dependency order; each is found by its natural key first."""
    marks = history_marks()
    seeder.seed_people()
    profile = seeder.seed_company()
    audit, compensation = seeder.seed_committees()
    seeder.seed_roster(audit, AUDIT)
    seeder.seed_roster(compensation, COMPENSATION)
    seeder.seed_determinations({key for key, _ in AUDIT})
    seeder.seed_facts(profile)
    seeder.seed_cure_period(audit)
    duties = DutySeeder(seeder)
    duties.board_chair(profile)
    duties.charter_reviews(audit, compensation)
    duties.self_evaluations(audit, profile)
    duties.advisors(audit)
    # The directors' questionnaires (issue 12): last year's adopted, this year's under review.
    QuestionnaireSeeder(seeder, profile).seed()
    # Last: every record and its history dated as it would have been recorded.
    demo_backdate(seeder.anchor, marks)

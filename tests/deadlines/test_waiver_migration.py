"""Migration 0004 keeps existing waivers valid: none is revoked, and one granted earlier on a
continuous requirement (which then silenced the rest of its fiscal year) says so with ``until``."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests import factories as f

D = datetime.date
BEFORE = [("deadlines", "0003_one_outbox")]
AFTER = [("deadlines", "0004_waiver_revocation")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_old_waivers_stay_valid_and_a_continuous_one_ends_with_its_year(chair):
    committee = f.CommitteeFactory()
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("deadlines")
    try:
        old = _migrate(BEFORE)
        Occurrence = old.get_model("deadlines", "Occurrence")
        Waiver = old.get_model("deadlines", "Waiver")
        rows = {}
        for cadence, start, end in (
            ("continuous", D(2026, 1, 1), D(2026, 12, 31)),
            ("fiscal_quarter", D(2026, 1, 1), D(2026, 3, 31)),
        ):
            occurrence = Occurrence.objects.create(
                committee_id=committee.pk,
                requirement_key=f"tests.{cadence}",
                cadence=cadence,
                period_start=start,
                period_end=end,
                status="waived",
                is_open=False,
                opened_on=start,
            )
            rows[cadence] = Waiver.objects.create(
                occurrence=occurrence,
                granted_by_id=chair.pk,
                reason="Old",
                granted_on=D(2026, 3, 2),
            ).pk
        new = _migrate(AFTER)
        Waiver = new.get_model("deadlines", "Waiver")
        continuous = Waiver.objects.get(pk=rows["continuous"])
        periodic = Waiver.objects.get(pk=rows["fiscal_quarter"])
        assert (continuous.until, continuous.revoked_at) == (D(2026, 12, 31), None)
        assert (periodic.until, periodic.revoked_at) == (None, None)
    finally:
        _migrate(latest)

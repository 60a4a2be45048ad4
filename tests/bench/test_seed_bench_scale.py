"""seed_bench at a second scale, on a database of its own (tests/bench/test_seed_bench.py seeds
the first once for its module)."""

import io

from django.core.management import call_command

from tests.bench.test_seed_bench import check_counts, counts, seed_bench


def test_counts_at_twice_the_scale(frozen):
    """At scale 0.01 the same counts are twice those at 0.005 (a second database)."""
    call_command("seed_demo", stdout=io.StringIO())
    before = counts()
    check_counts(0.01, before, seed_bench("--scale", "0.01"))

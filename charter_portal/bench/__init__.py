"""The benchmark data set (`manage.py seed_bench --scale N`): the demo company with fifteen fiscal
years of synthetic history around it, written in bulk. One module per app; ``Plan`` is what they
share: the scale, the random source, the days and the writer."""

import datetime
import random
from dataclasses import dataclass, field

from charter_portal.bench.progress import Writer
from committees.models import CompanyProfile

YEARS = 15
DOMAIN = "bench.example"  # every synthetic director's address: how a seeded database is known


@dataclass
class Plan:
    scale: float
    rng: random.Random
    today: datetime.date
    profile: CompanyProfile
    writer: Writer
    # The first day of the history: the start of the fiscal year 14 years before today's.
    start: datetime.date = None
    # Synthetic dated records end before this day: the start of the fiscal year before the
    # demo's earliest record, so the demo's current story (its cure period, its overdue review,
    # its open deadlines) is what the stored evaluations say today.
    cutoff: datetime.date = None
    committees: list = field(default_factory=list)
    directors: list = field(default_factory=list)  # the synthetic ones
    memberships: list = field(default_factory=list)  # every membership, demo's included
    meetings: dict = field(default_factory=dict)  # committee pk: [meeting] by day

    def count(self, base: float) -> int:
        """``base`` at scale 1, multiplied by the scale; never fewer than one."""
        return max(1, round(base * self.scale))

    def fiscal_year(self, day: datetime.date) -> int:
        return self.profile.fiscal_year_of(day)

    def bounds(self, year: int) -> tuple[datetime.date, datetime.date]:
        return self.profile.fiscal_year_bounds(year)

    def day_between(self, first: datetime.date, last: datetime.date) -> datetime.date:
        span = max(0, (last - first).days)
        return first + datetime.timedelta(days=self.rng.randint(0, span))

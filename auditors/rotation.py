"""Partner rotation (S-X 2-01(c)(6)): how long each partner of a fiscal year's audit has served
in a rotating role, the last year they may serve, and when they may come back."""

from dataclasses import dataclass

from auditors.models import PartnerAssignment
from auditors.services_catalogue import ROTATION_RULE

Role = PartnerAssignment.Role
# Role -> (years on at most, years off after).
LIMITS = {Role.LEAD: (5, 5), Role.CONCURRING: (5, 5), Role.OTHER: (7, 2)}


@dataclass(frozen=True)
class Standing:
    partner: object
    role: str
    consecutive_years: int
    limit: int
    last_allowed_year: int
    may_return_year: int
    state: str  # "ok", "rotate_next" (this is the last allowed year) or "breach"
    message: str

    @property
    def role_label(self) -> str:
        return Role(self.role).label


def _consecutive(years: set[int], fiscal_year: int) -> int:
    count = 0
    while fiscal_year - count in years:
        count += 1
    return count


def standing_for(committee, fiscal_year: int) -> list[Standing]:
    """Each partner assigned to the committee's audit of ``fiscal_year`` (one query)."""
    rows = (
        PartnerAssignment.objects.filter(
            engagement__committee=committee, engagement__fiscal_year__lte=fiscal_year
        )
        .exclude(engagement__status="terminated")
        .select_related("partner", "engagement")
    )
    served: dict[tuple[int, str], set[int]] = {}
    current = []
    for row in rows:
        served.setdefault((row.partner_id, row.role), set()).add(row.engagement.fiscal_year)
        if row.engagement.fiscal_year == fiscal_year:
            current.append(row)
    standings = []
    order = list(Role)
    for row in sorted(current, key=lambda r: (order.index(r.role), r.partner.full_name)):
        limit, time_out = LIMITS[Role(row.role)]
        years = _consecutive(served[(row.partner_id, row.role)], fiscal_year)
        last = fiscal_year - years + limit
        back = last + time_out + 1
        if years > limit:
            state = "breach"
            message = (
                f"{row.partner} has served {years} consecutive years as "
                f"{Role(row.role).label.lower()}, past the {limit} allowed ({ROTATION_RULE})."
            )
        elif years == limit:
            state = "rotate_next"
            message = (
                f"{row.partner} is in the last allowed year ({years} of {limit}) and must "
                f"rotate off after fiscal year {fiscal_year}; may return in {back}."
            )
        else:
            state = "ok"
            message = f"Year {years} of {limit}; may serve through fiscal year {last}."
        standings.append(
            Standing(
                partner=row.partner,
                role=row.role,
                consecutive_years=years,
                limit=limit,
                last_allowed_year=last,
                may_return_year=back,
                state=state,
                message=message,
            )
        )
    return standings

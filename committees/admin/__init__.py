"""The corporate secretary's administration of companies, directors, committees and rosters."""

from committees.admin import (  # noqa: F401
    company,
    cure,
    determinations,
    directors,
    duties,
    exchange,
    roster,
)

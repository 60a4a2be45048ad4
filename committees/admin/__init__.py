"""The corporate secretary's administration of companies, directors, committees and rosters."""

from committees.admin import company, cure, determinations, directors, roster  # noqa: F401

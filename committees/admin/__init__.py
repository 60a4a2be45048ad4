"""The corporate secretary's administration of companies, directors, committees and rosters."""

from committees.admin import company, cure, determinations, directors, duties, roster  # noqa: F401

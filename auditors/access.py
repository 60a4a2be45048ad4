"""Who may read and do what of the auditor's records, in one place (the reading levels of
charter_portal.permissions).

- The audit committee's members on the day and the secretary (DETAIL) read everything of the
  auditor: engagements, fees, requests, rotation, communications, the committee report.
- A board reader (SUMMARY) reads the fee table and the signed committee report: what the proxy
  statement will publish anyway.
- The committee's chair and the secretary record; a delegated member decides requests within the
  delegation; the secretary enters requests on the finance staff's behalf.
- Everyone else gets a 404.
"""

import datetime

from charter_portal.permissions import ReadingLevel, can_manage_committee, reading_level


def _committee_of(record):
    committee = getattr(record, "committee", None)
    if committee is None:
        committee = record.engagement.committee
    return committee


def reads_auditor(user, committee, as_of: datetime.date) -> bool:
    return reading_level(user, committee, as_of) is ReadingLevel.DETAIL


def reads_auditor_summary(user, committee, as_of: datetime.date) -> bool:
    return reading_level(user, committee, as_of) is not None


def can_manage_auditor(user, committee, as_of: datetime.date) -> bool:
    """The secretary or the committee's chair."""
    return can_manage_committee(user, committee, as_of)


def can_download_record(user, record, as_of: datetime.date) -> bool:
    return reads_auditor(user, _committee_of(record), as_of)

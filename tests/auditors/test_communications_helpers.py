"""Records the communications tests share (no tests here): the firm's written communications
discussed at held meetings, a full AS 1301 checklist, and a fiscal year 2026 audit whose report's
four facts are all recorded. Fiscal years end on 31 December (tests.factories)."""

import datetime

from auditors.models import As1301Item, As1301Topic, Communication, Engagement
from auditors.services import communications as comms
from tests.auditors.support import engagement, firm
from tests.meetings.support import hold

D = datetime.date
KIND = Communication.Kind
FAR = D(2030, 1, 1)  # an as_of after everything these tests record


def communication(committee, kind, received_on, *, meeting=None, audit_firm=None, **kwargs):
    """A communication of ``kind`` from the firm, discussed at ``meeting`` when one is given."""
    if kind == KIND.INDEPENDENCE:
        kwargs.setdefault("states_independent", True)
    if meeting is not None:
        kwargs.setdefault("discussion", "The committee and the engagement partner discussed it.")
    return comms.communication_record(
        committee=committee,
        firm=audit_firm or firm(),
        kind=kind,
        received_on=received_on,
        discussed_at=meeting,
        as_of=FAR,
        **kwargs,
    )


def checklist(target: Engagement, day, *, meeting=None, leave_out=()):
    """Every AS 1301 matter communicated in writing on ``day``, but those left out."""
    for topic in As1301Topic:
        if topic in leave_out:
            continue
        comms.as1301_record(
            engagement=target,
            topic=topic,
            communicated_on=day,
            form=As1301Item.Form.WRITTEN,
            meeting=meeting,
            as_of=FAR,
        )


def audit_ready_for_report(committee, *, leave_out=()) -> Engagement:
    """Fiscal year 2026 audited by the firm: the checklist told on 10 February 2027, the
    independence letter received on 1 February 2027 and discussed, and the statements reviewed
    with the recommendation at the meeting of 20 February 2027. ``leave_out`` names the facts
    not recorded: "reviewed", "discussed", "independence", "recommended"."""
    target = engagement(committee, 2026)
    meeting = hold(committee, D(2027, 2, 20))
    if "discussed" not in leave_out:
        checklist(target, D(2027, 2, 10))
    if "independence" not in leave_out:
        communication(committee, KIND.INDEPENDENCE, D(2027, 2, 1), meeting=meeting)
    if "reviewed" not in leave_out:
        comms.statements_review_record(
            engagement=target,
            meeting=meeting,
            recommends_inclusion="recommended" not in leave_out,
        )
    return target

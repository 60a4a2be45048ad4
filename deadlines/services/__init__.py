"""Writes of the deadline engine. Each is a keyword-only ``<noun>_<verb>`` function."""

from deadlines.services.messages import message_queue
from deadlines.services.notifications import notifications_mark_read
from deadlines.services.outbox import outbox_flush, reminder_deliver
from deadlines.services.run import RunReport, deadlines_run
from deadlines.services.waivers import waiver_grant, waiver_revoke

__all__ = [
    "RunReport",
    "deadlines_run",
    "message_queue",
    "notifications_mark_read",
    "outbox_flush",
    "reminder_deliver",
    "waiver_grant",
    "waiver_revoke",
]

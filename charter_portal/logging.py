"""Log filters that keep client addresses and user agents out of every log line."""

import logging


class StripRequestFilter(logging.Filter):
    """Drop the request attached to Django's log records; what remains is the message only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if hasattr(record, "request"):
            record.request = None
        return True

"""Dates as people write them in board papers and notices: "3 October 2026", never "03".

The one implementation is charter_portal/dates.py (`long_date`); `day_words` is the name the
deadlines and committees code has always called it by.
"""

from charter_portal.dates import long_date as day_words

__all__ = ["day_words"]

"""The portal's one date style, for every page and the administration site.

Django 5 always localizes, so the 'en' locale's formats would win over settings.DATE_FORMAT;
this module (settings.FORMAT_MODULE_PATH) is read before Django's own. Long: "1 December 2026";
short, where space is short: "1 Dec 2026". Python text uses charter_portal/dates.py, which writes
the same two styles. Input formats are left to the locale: date fields take and show ISO
(2026-12-01), which the browser's and the administration's date pickers read.
"""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # Monday
# What date fields accept: ISO first, which the date pickers send and the administration's date
# widget shows, then the portal's own two styles typed by hand ("1 December 2026", "1 Dec 2026").
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d %B %Y", "%d %b %Y"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

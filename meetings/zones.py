"""Time zones: a meeting keeps the zone it is held in, and the charter's cadences (a fiscal
quarter or year) are counted in the company's zone, the portal's TIME_ZONE, so a meeting on the
evening of 31 March in New York falls in the quarter New York says, whatever UTC says."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError


def company_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def company_day(moment: datetime.datetime) -> datetime.date:
    """The calendar day ``moment`` falls on in the company's time zone."""
    return moment.astimezone(company_zone()).date()


def zone_named(name: str) -> zoneinfo.ZoneInfo:
    """The IANA zone called ``name`` ("America/New_York"); a clear refusal otherwise."""
    try:
        return zoneinfo.ZoneInfo(str(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError):
        raise ValidationError(
            {
                "time_zone": f"“{name}” is not a time zone the portal knows; choose one from the "
                "list, such as America/New_York or Europe/London."
            }
        ) from None


def zone_choices() -> list[tuple[str, str]]:
    names = sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})
    return [(name, name.replace("_", " ")) for name in names if "/" in name or name == "UTC"]


def local_moment(day: datetime.date, time: datetime.time, zone_name: str) -> datetime.datetime:
    """The aware moment of ``day`` at ``time`` on the wall clock of ``zone_name``. A time that a
    daylight-saving change skips is refused rather than silently moved."""
    zone = zone_named(zone_name)
    naive = datetime.datetime.combine(day, time)
    moment = naive.replace(tzinfo=zone)
    round_trip = moment.astimezone(datetime.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise ValidationError(
            f"{time:%H:%M} on {day:%-d %B %Y} does not exist in {zone_name}: the clocks "
            "go forward then. Choose a time an hour later."
        )
    return moment


def default_zone_name() -> str:
    """A new meeting is held where the company is, unless the secretary says otherwise."""
    return settings.TIME_ZONE

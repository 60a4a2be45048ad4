"""What several deadline pages share: choosing the committee and fiscal year to show."""

import datetime
from dataclasses import dataclass

from charter_portal.permissions import get_committee_for_user, visible_committees
from deadlines.forms import CommitteeYearForm
from deadlines.selectors import fiscal_year_of
from deadlines.selectors.fiscal import page_calendar


@dataclass(frozen=True)
class CommitteeYear:
    form: CommitteeYearForm
    committees: list  # every committee the user may see, by name
    committee: object  # the one shown, or None when the user sees none
    fiscal_year: int
    current_year: int
    calendar: object  # the page's fiscal calendar (deadlines.selectors.fiscal.page_calendar)


def committee_year_from(request, today: datetime.date) -> CommitteeYear:
    """The committee and fiscal year asked for in the query string. A committee the user may
    not see is a 404 (charter_portal.permissions decides); none asked for means the first one
    the user sees. A bad year falls back to the current one and the form says why."""
    committees = list(visible_committees(request.user, today))
    slug = request.GET.get("committee", "")
    # A committee in the list the user sees needs no second read; any other slug is left to
    # charter_portal.permissions (its 404).
    listed = next((c for c in committees if slug and c.slug == slug), None)
    if listed is not None:
        committee = listed
    elif slug:
        committee = get_committee_for_user(request.user, slug, today)
    else:
        committee = committees[0] if committees else None
    data = request.GET.copy()
    if committee is not None:
        data["committee"] = committee.slug
    form = CommitteeYearForm(data, committees=committees)
    calendar = page_calendar()
    current = fiscal_year_of(today, calendar)
    fiscal_year = current
    if form.is_valid() and form.cleaned_data.get("fy"):
        fiscal_year = form.cleaned_data["fy"]
    return CommitteeYear(form, committees, committee, fiscal_year, current, calendar)

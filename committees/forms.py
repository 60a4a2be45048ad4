"""Forms of the committee pages."""

import datetime

from django import forms

from charter_portal.dates import long_date

# Far enough for any real roster, near enough that the rules' look-backs and cure deadlines
# (years added to or taken from the date) never leave the calendar.
EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class AsOfForm(forms.Form):
    """The date a page is shown for (GET): the roster and the findings on that day."""

    as_of = forms.DateField(
        label="Date",
        required=False,
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Pick any past or future date; the page then shows the roster, the board's "
        "findings and the compliance results as they stood that day.",
        error_messages={
            "invalid": "That is not a date we can read. Enter it as year-month-day, "
            "for example 2026-03-02 for 2 March 2026.",
        },
    )

    def clean_as_of(self):
        day = self.cleaned_data.get("as_of")
        if day and not EARLIEST <= day <= LATEST:
            raise forms.ValidationError(
                f"Choose a date between {long_date(EARLIEST)} and {long_date(LATEST)}."
            )
        return day


def as_of_from(query, today: datetime.date) -> tuple[AsOfForm, datetime.date]:
    """The form for ``query`` (request.GET) and the date to show: the one asked for when it is
    valid, otherwise ``today`` (the form then carries the error to show)."""
    if not query.get("as_of"):
        return AsOfForm(initial={"as_of": today}), today
    form = AsOfForm(query)
    if form.is_valid() and form.cleaned_data["as_of"]:
        return form, form.cleaned_data["as_of"]
    return form, today

"""Portal pages of the deadline engine: occurrences and waivers, the compliance calendar, the
charter evidence report, the personal calendar feed and the notification list."""

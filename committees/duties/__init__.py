"""The committee's own duties: charter reviews, self-evaluations and the advisors register.
Writes are in services.py, page reads in selectors.py, and the self-evaluation's completion (the
evidence the deadline engine reads) in completion.py."""

"""Accounts: the second factor, login throttling, password reset and ending sessions (issue 7)."""

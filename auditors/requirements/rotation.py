"""The auditor's duties: rotation."""

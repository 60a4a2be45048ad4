"""Reads for the auditor pages, one module per area."""

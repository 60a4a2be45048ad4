"""Forms of the auditor pages, one module per area."""

"""Writes of the auditors app, one module per area: keyword-only ``<noun>_<verb>`` functions, each
atomic."""

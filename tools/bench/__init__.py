"""`make bench` (docs/benchmark.md): the load generator, its statistics and tables, and the run
that seeds PostgreSQL, starts gunicorn, logs in and loads every page."""

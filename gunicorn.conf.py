"""gunicorn's settings (read from the working directory): the access log has no client address,
user agent or referrer, and no log line carries a calendar-feed or password-reset token
(charter_portal/logging.py: PortalGunicornLogger)."""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# Sync workers serve request after request on one thread, so persistent database connections
# (CONN_MAX_AGE) are reused rather than leaked.
worker_class = "sync"
logger_class = "charter_portal.logging.PortalGunicornLogger"
accesslog = "-"
errorlog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'

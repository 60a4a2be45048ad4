# The Charter Portal image: web (gunicorn), Celery worker and Celery beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
RUN useradd --system --create-home --uid 1000 portal

COPY pyproject.toml README.md ./
COPY charter_portal ./charter_portal
COPY committees ./committees
RUN pip install --upgrade pip && pip install .
COPY . .
RUN pip install --no-deps . \
 && PRODUCTION=true DEBUG=false SECRET_KEY=build-time-only-never-used-at-run-time-0123456789abcdef \
    ALLOWED_HOSTS=build EMAIL_HOST=build python manage.py collectstatic --noinput \
 && mkdir -p /app/media && chown -R portal /app/media

USER portal
EXPOSE 8000
# gunicorn.conf.py (read from /app): sync workers; access and error logs without the client's
# address, user agent or referrer, and without calendar-feed or password-reset tokens.
CMD ["gunicorn", "charter_portal.wsgi:application"]

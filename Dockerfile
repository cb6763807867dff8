# The platform's image: gunicorn serving hcs.wsgi on port 8000, static files served by the app
# (WhiteNoise), every setting from the environment (README.md, "Deploying").
#
#   docker build -t hcs-platform .        (Podman: podman build -t hcs-platform .)
#
# The same image runs the web app (the default command), the background worker
# (`python manage.py worker`) and one-off commands (`python manage.py migrate`, …).

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- build: the runtime dependencies, at the locked versions, in a virtual environment ---
FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml requirements.lock ./
# requirements.lock also pins the test tools (pytest, Playwright …): install only
# pyproject's [project] dependencies, constrained to the lock's versions.
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.runtime \
    && python -m venv /venv \
    && /venv/bin/pip install -c requirements.lock -r requirements.runtime

# --- the image ---
FROM ${PYTHON_IMAGE}
# WeasyPrint's libraries (PDFs: invoices, minutes, the annual report) and a font; pg_dump and
# pg_restore for `manage.py backup` and `restore` (Debian 12's client is PostgreSQL 15's, as the
# compose file's server).
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfontconfig1 fonts-dejavu-core \
        postgresql-client \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home hcs \
    && mkdir -p /var/lib/hcs/media \
    && chown hcs:hcs /var/lib/hcs/media

ENV PATH=/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=hcs.settings \
    MEDIA_ROOT=/var/lib/hcs/media \
    LOG_FORMAT=json

COPY --from=build /venv /venv
WORKDIR /app
# The code belongs to root and is read-only for the app's user; only MEDIA_ROOT is writable.
COPY . .
# Static files collected (and compressed, with hashed names) at build time; the Swedish catalogue
# is compiled in the repository (locale/sv/LC_MESSAGES/django.mo), so no gettext is needed.
# The key below exists only for this step: the settings refuse to load without one.
RUN test -f locale/sv/LC_MESSAGES/django.mo \
    && SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput --verbosity 0 \
    && python -m compileall -q hcs

USER hcs
VOLUME ["/var/lib/hcs/media"]
EXPOSE 8000
# Workers: WEB_CONCURRENCY (gunicorn reads it; default 1), other options: GUNICORN_CMD_ARGS.
# gunicorn's access log stays off: the app logs one JSON line per request with its request id.
# No control socket: it would go to the read-only home directory, and nothing here uses it.
CMD ["gunicorn", "hcs.wsgi", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", \
     "--no-control-socket", "--logger-class", "hcs.ops.logs.GunicornLogger"]

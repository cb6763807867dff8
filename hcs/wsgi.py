"""WSGI entry point: `gunicorn hcs.wsgi` in production, `manage.py runserver` locally."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hcs.settings")

application = get_wsgi_application()

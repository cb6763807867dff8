"""Settings for the test suite: production settings with test-friendly overrides."""

import os
import tempfile

os.environ.setdefault("SECRET_KEY", "tests-only-secret-key")

from hcs.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Every request checks the registry's version, so a test sees its own writes at once.
REGISTRY_VERSION_CHECK_SECONDS = 0
STATIC_ROOT = tempfile.mkdtemp(prefix="hcs-test-static-")
MEDIA_ROOT = tempfile.mkdtemp(prefix="hcs-test-media-")
# Background tasks run at once, inside the request or test that enqueues them.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Test clients log staff in with force_login; the second factor's own tests turn it on.
STAFF_TWO_FACTOR = False

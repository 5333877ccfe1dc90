"""Fast, isolated settings for the test suite."""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES

SECRET_KEY = "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
}
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A folder per parallel test worker (pytest-xdist names them gw0, gw1…): one never removes
# another's files.
MEDIA_ROOT = BASE_DIR / "media-test" / os.environ.get("PYTEST_XDIST_WORKER", "main")
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# The test client's login() authenticates without a request, which django-axes refuses;
# tests/security/test_login_lockout.py switches the lockout on to test it.
AXES_ENABLED = False
# The local-memory cache outlives each test's database: a page cached by one test would be
# served to the next. tests/web/test_page_cache.py switches the page cache on to test it (which
# empties it, web/caching.py).
PAGE_CACHE_ENABLED = False
# The tests change the database in the process that serves them, which reads the generation
# again at once: no test waits for the once-a-second read (tests/web/test_page_cache.py checks it).
PAGE_CACHE_GENERATION_CHECK_SECONDS = 3600
# Serve static files straight from the apps and static/ without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Wagtail's tasks (search index, reference index) at once, in the test's own transaction: a test
# reads what a save indexed as soon as it returns. tests/web/test_background.py tests the
# production backend's options, tests/test_settings_modules.py that production uses them.
TASKS = {
    **TASKS,  # noqa: F405
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# Readership counts (readership/recorder.py) are written by the tests' own `flush()`: a thread
# writing into the test database would lock SQLite and outlive the test.
READERSHIP_FLUSH_IN_BACKGROUND = False

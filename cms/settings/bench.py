"""Benchmark settings (make bench): production's code paths on loopback HTTP and local files.

DEBUG is off, so templates are cached and no query log is kept; there is no TLS to redirect to.
The database is DATABASE_URL, which make bench points at its own PostgreSQL database.
"""

from django.core.management.utils import get_random_secret_key

from .base import *

# make bench loads the demo content and seeds practices with the demo app's commands.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = False
# Nothing signed here outlives the run, so a key made at start is enough.
SECRET_KEY = env.get("SECRET_KEY") or get_random_secret_key()
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Thousands of seeded resource files go to a scratch folder, never into the checkout's media/.
MEDIA_ROOT = Path(env.get("BENCH_MEDIA_ROOT", BASE_DIR / ".bench-media"))

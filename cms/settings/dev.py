"""Development settings: debug on, local SQLite and media, console email, demo logins allowed."""

from .base import *

# Demo content and its commands (load_demo_content, seed_practices, bench_library); never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

DEBUG = True
SECRET_KEY = env.get("SECRET_KEY", "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# runserver is one process, so its own memory is a shared cache; signed-in editors always bypass it.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)

# Demo logins created by load_demo_content; only dev settings define them.
BRIGHTSPOTS_DEMO_PASSWORD = env.get("BRIGHTSPOTS_DEMO_PASSWORD", "brightspots-demo")

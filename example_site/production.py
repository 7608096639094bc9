"""Production settings of the demo portal: everything secret or site-specific comes from the
environment, and ``manage.py check --deploy`` is clean. See docs/security.md.

    DJANGO_SETTINGS_MODULE=example_site.production
    DJANGO_SECRET_KEY=...            # required, 50+ random characters
    DJANGO_ALLOWED_HOSTS=www.example.gov.cn
    DATABASE_URL=postgres://...      # PostgreSQL in production
    WAGTAILADMIN_BASE_URL=https://www.example.gov.cn
"""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("DJANGO_DEBUG", "0")

from .settings import *  # noqa: E402, F403
from .settings import INSTALLED_APPS, MIDDLEWARE  # noqa: E402


def _required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"Set {name} in the environment for production.")
    return value


DEBUG = False
SECRET_KEY = _required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in _required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]

# HTTPS only: behind a reverse proxy that sets X-Forwarded-Proto (nginx: proxy_set_header).
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = os.environ.get("DJANGO_HSTS_PRELOAD", "1") == "1"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Cookies: HTTPS only, not readable by scripts, admin sessions end with the browser and
# after two idle hours.
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 2 * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True

# Nothing may frame the site; Wagtail itself allows same-origin framing of its previews.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp). Wagtail's admin still needs inline styles and a few
# inline scripts; nothing is loaded from other origins.
INSTALLED_APPS = [*INSTALLED_APPS, "csp"]
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first
    "csp.middleware.CSPMiddleware",
    *MIDDLEWARE[1:],
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
}

# Uploaded documents are served as attachments, never rendered inline by the browser.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILADMIN_BASE_URL = _required("WAGTAILADMIN_BASE_URL")

DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "wagtail_gov_review": {"handlers": ["console"], "level": "INFO"},
        "django.security": {"handlers": ["console"], "level": "WARNING"},
        "axes": {"handlers": ["console"], "level": "WARNING"},
    },
}

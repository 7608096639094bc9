"""Settings of the demo portal: a site that installs wagtail-gov-review like any other.

Defaults are for a laptop (SQLite, django-q2's ORM broker). Set DATABASE_URL for PostgreSQL
and GOV_REVIEW_REDIS_URL for a Redis broker; see the README.
"""

import importlib.util
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
# Runtime state (database, media, static) lives outside the package, in ./var by default.
VAR_DIR = Path(os.environ.get("GOV_REVIEW_VAR_DIR", Path.cwd() / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite database lives here on a fresh clone

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set DJANGO_SECRET_KEY when DJANGO_DEBUG=0.")
    SECRET_KEY = "demo-only-insecure-key-do-not-use-in-production"
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "example_site.portal",
    "wagtail_gov_review",
    "simple_history",
    "django_q",
    "axes",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Security (docs/security.md): unit scope on admin page URLs, forced password changes,
    # login lockout (django-axes; keep it last).
    "wagtail_gov_review.security.middleware.UnitScopeMiddleware",
    "wagtail_gov_review.security.middleware.PasswordExpiryMiddleware",
    "wagtail_gov_review.security.middleware.MalformedPostMiddleware",
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses locked-out logins before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours: 30 minutes
# Per account and address: one clumsy user cannot lock a whole office behind one NAT.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "wagtail_gov_review/security/lockout.html"
AXES_VERBOSE = False

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "example_site.portal.context_processors.navigation",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several reviewers and a worker share one file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Records every password change so passwords expire (SECURITY["PASSWORD_MAX_AGE_DAYS"]).
    {"NAME": "wagtail_gov_review.security.accounts.PasswordChangeRecorder"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "示范区人民政府门户网站"
# Links in notification mails; `make serve` sets it from PORT, production sets the real address.
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
# Required by wagtail-gov-review: an edit during review restarts the 三审三校 chain.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True

# django-q2: the database is the broker unless a Redis URL is given.
Q_CLUSTER = {
    "name": "gov_review",
    "workers": int(os.environ.get("GOV_REVIEW_Q_WORKERS", "2")),
    "timeout": 1800,
    "retry": 3600,
    "catch_up": False,
    "label": "任务队列",
}
if os.environ.get("GOV_REVIEW_REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["GOV_REVIEW_REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"

# Text recognition of images and scanned PDF pages is on when the ``ocr`` extra is installed.
WAGTAIL_GOV_REVIEW = {
    "ATTACHMENTS": {"OCR": importlib.util.find_spec("rapidocr_onnxruntime") is not None},
}
# Required by wagtail-gov-review: a finished review chain publishes through the publish gate.
WAGTAIL_FINISH_WORKFLOW_ACTION = "wagtail_gov_review.workflows.gate.finish.publish_reviewed"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"wagtail_gov_review": {"handlers": ["console"], "level": "INFO"}},
}

# Review notifications are e-mails: printed to the console on a laptop, SMTP when configured.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "noreply@portal.invalid")

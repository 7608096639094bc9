"""Test settings: the demo portal's, with a fast password hasher and an in-memory mail box."""

from example_site.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Jobs run in the test process, synchronously, so tests see their results.
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
# Mails link to the test client's host (the demo's loopback default is meant for DEBUG only).
WAGTAILADMIN_BASE_URL = "http://testserver"
# OCR only where a test asks for it (it takes seconds per file); attachments are checked.
WAGTAIL_GOV_REVIEW = {**WAGTAIL_GOV_REVIEW, "ATTACHMENTS": {"OCR": False}}  # noqa: F405

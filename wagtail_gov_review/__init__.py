"""wagtail-gov-review: 三审三校 review chains, 智能校对 checks and a publish gate for Wagtail.

The check engine (``wagtail_gov_review.checks``) is pure Python and usable without Django;
everything else is a Django app to add to ``INSTALLED_APPS``.
"""

__version__ = "0.1.0"

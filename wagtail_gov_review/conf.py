"""All plugin settings live in one dict, ``settings.WAGTAIL_GOV_REVIEW``.

Every key has a default here; a site overrides only what it needs. Nested dicts are merged
one level deep, so ``{"GATE": {"REQUIRE_REVIEW": False}}`` keeps the other gate defaults.
"""

from __future__ import annotations

import copy
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

SETTINGS_NAME = "WAGTAIL_GOV_REVIEW"

DEFAULTS: dict[str, Any] = {
    # 智能校对: passed to the check engine (see docs/checks.md).
    "CHECKS": {
        # Component names to switch off, e.g. ["typo"]; empty = everything on.
        "DISABLED_COMPONENTS": [],
        # Per-code severity overrides: {"term.political": "block"}.
        "SEVERITY": {},
        # Extra lexicon files (paths) added to the built-in ones.
        "EXTRA_LEXICONS": [],
    },
    # The publish gate (every publish path of a page using GovInfoPageMixin).
    "GATE": {
        "ENABLED": True,
        # Refuse publishing a revision that has not completed the review chain.
        "REQUIRE_REVIEW": True,
        # Refuse publishing while the check engine reports blocking findings.
        "BLOCK_ON_FINDINGS": True,
        # go-live / first-published dates earlier than now minus this many minutes are backdating.
        "BACKDATE_TOLERANCE_MINUTES": 5,
        # Superusers hold every permission implicitly. False: they may publish an emergency
        # item before review only when the emergency permission is granted to them explicitly
        # (user or group), like anyone else; True: being a superuser is enough.
        "SUPERUSER_EMERGENCY": False,
    },
    # Documents and images an item links or embeds (see docs/attachments.md).
    "ATTACHMENTS": {
        # Check the files (and their titles, file names, alt texts) an item references.
        "ENABLED": True,
        # Read images and scanned PDF pages with OCR (the ``ocr`` extra), in the django-q2
        # worker; the gate waits for the result. Off: scanned pages get a reminder instead.
        "OCR": False,
        # Overrides of ``checks.files.FileLimits`` (e.g. {"max_bytes": 50 * 1024 * 1024}).
        "LIMITS": {},
    },
    # Units whose reviewers may act on every unit's items (e.g. the data center).
    "CENTRAL_UNIT_KINDS": ["data_center", "government_office"],
    # Timeliness deadlines by column kind, in hours (seeds 000, 001, 003).
    "TIMELINESS_HOURS": {
        "leader_activity": 6,
        "news": 7 * 24,
        "policy": 3 * 24,
        "notice": 183 * 24,
        "planning": 365 * 24,
    },
    # Monitoring after publishing: re-scans, link patrol, timeliness (see docs/monitoring.md).
    "MONITORING": {
        # Pages loaded per database round trip by the daily re-scan (bounded memory).
        "BATCH_SIZE": 200,
        # External link checks: seconds per request and parallel requests.
        "LINK_TIMEOUT": 10,
        "LINK_CONCURRENCY": 8,
        "LINK_USER_AGENT": "wagtail-gov-review link patrol",
        # Re-check the rendered page after every publish (seed 004).
        "RECHECK_ON_PUBLISH": True,
        # Late items are looked for among items first published in the last N days.
        "TIMELINESS_LOOKBACK_DAYS": 31,
        # A policy interpretation must go live within N hours of its policy document.
        "INTERPRETATION_GRACE_HOURS": 24,
        # Name of an optional page field holding the event time (e.g. "event_at").
        "EVENT_TIME_FIELD": "",
        # A run of the same kind still "running" after this many minutes is taken over.
        "STALE_RUN_MINUTES": 120,
        # Re-scan and link patrol run as django-q2 tasks of this many items each (chunks.py).
        "CHUNK_SIZE": 1000,
        # A claimed chunk without progress for this long is handed to another worker …
        "CHUNK_STALE_MINUTES": 15,
        # … at most this many times in all; then the chunk fails and so does its run.
        "CHUNK_MAX_ATTEMPTS": 3,
    },
    # The manager's dashboard on the admin home page (see docs/admin.md).
    "DASHBOARD": {
        # Groups whose members get the manager panel (superusers always do); each sees the
        # units they work for, members of central units every unit. Default: 网站管理员, 网站负责人.
        "MANAGER_GROUPS": ["网站管理员", "网站负责人"],
        # An item waiting longer than this at one review stage is overdue (the chain has no
        # per-stage deadline of its own); 0 switches the stage rule off. The column's
        # publication deadline (TIMELINESS_HOURS / Column.timeliness_hours) applies as well.
        "STAGE_OVERDUE_HOURS": 72,
        # At most this many overdue items are listed by name (the count covers all of them).
        "OVERDUE_LISTED": 20,
    },
    # Account policy (seeds 000 第十一条, 001 第十五条); see docs/security.md.
    "SECURITY": {
        # Admin users must change their password after this many days; 0 switches it off.
        "PASSWORD_MAX_AGE_DAYS": 90,
        # Deactivate an account when its last unit membership is removed (信息员 leaves).
        "DEACTIVATE_WITHOUT_UNIT": True,
        # Restrict the admin to the user's units (superusers and central units see all).
        "UNIT_SCOPE": True,
    },
    # Self-inspection against 国办秘函〔2019〕19号 (see docs/inspection.md). Fail thresholds
    # are the published single-veto limits; WARN_* raise an alert before an item fails.
    "INSPECTION": {
        "HOME_IDLE_DAYS": 14,  # 首页不更新: nothing new anywhere under the site root
        "NEWS_IDLE_DAYS": 14,  # 动态、要闻 columns (kinds news, leader_activity)
        "NOTICE_IDLE_DAYS": 183,  # top-level 通知公告、政策文件 columns (kinds notice, policy)
        "STALE_NEWS_NOTICE_LIMIT": 5,  # fail at this many stale news/notice/policy columns
        "STALE_FREQUENCY_LIMIT": 10,  # fail at this many columns past update_frequency_days
        "EMPTY_COLUMN_LIMIT": 5,  # fail at this many columns without a live item
        "UNANSWERED_DAYS": 90,  # 互动回应差: messages unanswered for over 3 months
        # Page attributes that mark an interaction item answered (first truthy one wins).
        "REPLY_ATTRIBUTES": ["reply", "answered_at"],
        # Link availability (scored, not veto): broken links allowed on other pages.
        "BROKEN_LINK_LIMIT": 0,
        # Alerts: an item this close to failing warns the site admins.
        "WARN_HOME_IDLE_DAYS": 10,
        "WARN_NEWS_IDLE_DAYS": 10,
        "WARN_NOTICE_IDLE_DAYS": 150,
        "WARN_UNANSWERED_DAYS": 75,
        "TREND_WEEKS": 12,
    },
    # CSS font families of the printable HTML pages and the inspection report PDF (WeasyPrint).
    "PDF_FONT_FAMILY": "Noto Sans CJK SC, Noto Serif CJK SC, WenQuanYi Zen Hei, sans-serif",
    # TrueType font files of the review-form PDFs, first one first, the others for characters
    # it lacks (e.g. ☐ ☑). None: found through fontconfig (docs/forms.md, "PDF fonts").
    "PDF_FONT_FILES": None,
}


class GovReviewSettings:
    """Attribute access to the merged settings, reloaded when tests override them."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] | None = None

    def _load(self) -> dict[str, Any]:
        user = getattr(settings, SETTINGS_NAME, {}) or {}
        merged = copy.deepcopy(DEFAULTS)
        if not isinstance(user, dict):
            return merged  # system check E005 reports the malformed setting
        for key, value in user.items():
            if isinstance(merged.get(key), dict) and isinstance(value, dict):
                merged[key].update(value)
            else:
                merged[key] = value
        return merged

    @property
    def data(self) -> dict[str, Any]:
        if self._cache is None:
            self._cache = self._load()
        return self._cache

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.data[name]
        except KeyError:
            raise AttributeError(f"{SETTINGS_NAME} has no setting {name!r}") from None

    def reload(self) -> None:
        self._cache = None


gov_review_settings = GovReviewSettings()


def _reload(*, setting: str, **kwargs: Any) -> None:
    if setting == SETTINGS_NAME:
        gov_review_settings.reload()


setting_changed.connect(_reload)

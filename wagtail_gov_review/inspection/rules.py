"""The inspection indicators of 国办秘函〔2019〕19号, one function per indicator.

Every function takes ``now`` (so tests and back-dated reports control the clock) and returns
an :class:`IndicatorResult`. They only read what the plugin already stores: live pages and
their publish dates, columns, the monitoring findings (re-scan and link patrol) and the
publish gate's date log. Thresholds come from ``WAGTAIL_GOV_REVIEW["INSPECTION"]``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.db.models import Max, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageLogEntry, Site

from ..conf import gov_review_settings
from ..models import Column, ColumnKind, GovInfoPageMixin, ReviewAction, ReviewRecord
from ..monitoring.models import RunKind, RunStatus, ScanFinding, ScanRun, Severity
from ..monitoring.timeliness import column_latest, stale_columns
from ..workflows.gate.models import PublishDateChange

# The published sheet the indicators come from; proper names, shown as they are.
SOURCE = "国办秘函〔2019〕19号《政府网站与政务新媒体检查指标》"

NEWS_KINDS = (ColumnKind.NEWS, ColumnKind.LEADER_ACTIVITY)
NOTICE_KINDS = (ColumnKind.NOTICE, ColumnKind.POLICY)


@dataclass
class Offender:
    """A column or item behind a failure or warning, with the admin URL to fix it."""

    title: str
    detail: str
    url: str = ""


@dataclass
class IndicatorResult:
    code: str
    name: str
    citation: str
    veto: bool
    passed: bool | None  # None: not assessable / not applicable
    reason: str
    offenders: list[Offender] = field(default_factory=list)
    warnings: list[Offender] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "na" if self.passed is None else ("pass" if self.passed else "fail")

    def to_dict(self) -> dict:
        return asdict(self) | {"status": self.status}


def _settings() -> dict:
    return gov_review_settings.INSPECTION


def _edit_url(page_id: int | None) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page_id]) if page_id else ""


def _day(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d") if value else "—"


def _items():
    return Page.objects.live().type(GovInfoPageMixin)


def site_root() -> Page | None:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.root_page if site else None


# -- 严重错误 ---------------------------------------------------------------------------


def severe_errors(now: datetime) -> IndicatorResult:
    """Open blocking findings on live pages and backdated first-published dates that are live.

    Broken links are scored by :func:`link_availability`, not here. A date is backdated when
    the gate's date log shows ``first_published_at`` set earlier than the item's real first
    publication (Wagtail's publish log; failing that the previous value, failing that the
    time of the change), beyond the gate's tolerance; it is a failure while the live page
    shows that date. Backdating attempts the gate refused never went
    live: they are listed as a warning, not a failure.
    """
    tolerance = timedelta(minutes=gov_review_settings.GATE["BACKDATE_TOLERANCE_MINUTES"])
    offenders = [
        Offender(
            finding.page.title,
            f"{finding.message or finding.code}：{finding.text[:60]}",
            _edit_url(finding.page_id),
        )
        for finding in ScanFinding.objects.filter(
            resolved=False, severity=Severity.BLOCK, page__live=True
        )
        .exclude(code="link.broken")
        .select_related("page")
    ]
    changes = list(
        PublishDateChange.objects.filter(
            field="first_published_at", new_value__isnull=False
        ).select_related("page")
    )
    # The real first publication: Wagtail's earliest publish log entry (as the gate uses).
    first_logs = dict(
        PageLogEntry.objects.filter(
            page_id__in={c.page_id_snapshot for c in changes},
            action__in=["wagtail.publish", "wagtail.publish.scheduled"],
        )
        .values("page_id")
        .annotate(first=Min("timestamp"))
        .values_list("page_id", "first")
    )
    backdated_revisions = set()
    for change in changes:
        reference = first_logs.get(change.page_id_snapshot) or change.old_value or change.changed_at
        if change.new_value >= reference - tolerance:
            continue
        backdated_revisions.add(change.revision_id)
        page = change.page
        if page is None or not page.live or page.first_published_at is None:
            continue
        if abs(page.first_published_at - change.new_value) <= tolerance:
            offenders.append(
                Offender(
                    page.title,
                    _("Publish date backdated from %(old)s to %(new)s")
                    % {"old": _day(change.old_value), "new": _day(change.new_value)},
                    _edit_url(page.pk),
                )
            )
    warnings = [
        Offender(
            record.page_title,
            _("Backdating attempt refused by the publish gate on %(day)s")
            % {"day": _day(record.created_at)},
            _edit_url(record.page_id),
        )
        for record in ReviewRecord.objects.filter(
            action=ReviewAction.PUBLISH_REFUSED,
            revision_id_snapshot__in=backdated_revisions - {None},
        )
    ]
    if offenders:
        reason = _(
            "%(count)s severe problems on live pages (blocking check findings or backdated "
            "publish dates)."
        ) % {"count": len(offenders)}
    else:
        reason = _("No open blocking findings and no backdated publish dates on live pages.")
    return IndicatorResult(
        "severe_errors",
        _("Severe errors"),
        f"{SOURCE} 单项否决指标：严重表述错误、泄密、伪造发稿日期等",
        True,
        not offenders,
        reason,
        offenders,
        warnings,
    )


# -- 首页不更新 -------------------------------------------------------------------------


def home_not_updated(now: datetime) -> IndicatorResult:
    """No new item for ``HOME_IDLE_DAYS`` days.

    The demo's home page (like many portals') is navigation plus listings of the columns, so
    the rule counts any live item first published anywhere under the site root — the
    sheet's "首页仅为栏目导航的，以二级页面为准".
    """
    conf = _settings()
    root = site_root()
    items = _items()
    if root is not None:
        items = items.descendant_of(root)
    latest = items.aggregate(latest=Max("first_published_at"))["latest"]
    idle = (now - latest).days if latest else None
    passed = latest is not None and latest >= now - timedelta(days=conf["HOME_IDLE_DAYS"])
    root_url = _edit_url(root.pk) if root else ""
    name = root.title if root else _("Home page")
    offenders, warnings = [], []
    if not passed:
        reason = _("No new item under the site root for over %(days)s days (latest: %(last)s).") % {
            "days": conf["HOME_IDLE_DAYS"],
            "last": _day(latest),
        }
        offenders.append(Offender(name, reason, root_url))
    else:
        reason = _("Latest item published on %(last)s, %(idle)s days ago.") % {
            "last": _day(latest),
            "idle": idle,
        }
        if idle >= conf["WARN_HOME_IDLE_DAYS"]:
            warnings.append(
                Offender(
                    name,
                    _("No new item for %(idle)s of %(days)s days.")
                    % {"idle": idle, "days": conf["HOME_IDLE_DAYS"]},
                    root_url,
                )
            )
    return IndicatorResult(
        "home_not_updated",
        _("Home page not updated"),
        f"{SOURCE} 单项否决指标：首页不更新（监测时间点前2周内无更新）",
        True,
        passed,
        reason,
        offenders,
        warnings,
    )


# -- 栏目不更新 -------------------------------------------------------------------------


def _top_level(column: Column, columns: list[Column]) -> bool:
    path = column.page.path
    return not any(
        other.page.path != path and path.startswith(other.page.path) for other in columns
    )


def columns_not_updated(now: datetime) -> IndicatorResult:
    """Three ways to fail, any one is enough (the sheet's 栏目不更新):

    * ``STALE_NEWS_NOTICE_LIMIT`` or more of: news/leader-activity columns idle over
      ``NEWS_IDLE_DAYS`` and top-level notice/policy columns idle over ``NOTICE_IDLE_DAYS``;
    * ``STALE_FREQUENCY_LIMIT`` or more columns past their ``update_frequency_days``
      (monitoring's :func:`stale_columns`);
    * ``EMPTY_COLUMN_LIMIT`` or more columns without any live item (空白栏目).
    """
    conf = _settings()
    columns = list(Column.objects.select_related("page"))
    latest = column_latest(columns)
    stale_key, warnings = [], []
    for column in columns:
        if column.kind in NEWS_KINDS:
            limit, warn = conf["NEWS_IDLE_DAYS"], conf["WARN_NEWS_IDLE_DAYS"]
        elif column.kind in NOTICE_KINDS and _top_level(column, columns):
            limit, warn = conf["NOTICE_IDLE_DAYS"], conf["WARN_NOTICE_IDLE_DAYS"]
        else:
            continue
        last = latest[column.pk]
        idle = (now - last).days if last else None
        if last is None or last < now - timedelta(days=limit):
            stale_key.append(
                Offender(
                    column.page.title,
                    _("Key column: no update for over %(days)s days (latest: %(last)s)")
                    % {"days": limit, "last": _day(last)},
                    _edit_url(column.page_id),
                )
            )
        elif idle >= warn:
            warnings.append(
                Offender(
                    column.page.title,
                    _("No update for %(idle)s of %(days)s days.") % {"idle": idle, "days": limit},
                    _edit_url(column.page_id),
                )
            )
    stale_frequency = [
        Offender(
            column.page.title,
            _("Not updated within its %(days)s-day frequency (latest: %(last)s)")
            % {"days": column.update_frequency_days, "last": _day(last)},
            _edit_url(column.page_id),
        )
        for column, last in stale_columns(now, latest)
    ]
    empty = [
        Offender(column.page.title, _("Empty column: no live item"), _edit_url(column.page_id))
        for column in columns
        if column.kind != ColumnKind.STATIC and latest[column.pk] is None
    ]
    failures = []
    if len(stale_key) >= conf["STALE_NEWS_NOTICE_LIMIT"]:
        failures.append(
            _("%(count)s news/notice/policy columns not updated (limit %(limit)s)")
            % {"count": len(stale_key), "limit": conf["STALE_NEWS_NOTICE_LIMIT"]}
        )
    if len(stale_frequency) >= conf["STALE_FREQUENCY_LIMIT"]:
        failures.append(
            _("%(count)s columns past their update frequency (limit %(limit)s)")
            % {"count": len(stale_frequency), "limit": conf["STALE_FREQUENCY_LIMIT"]}
        )
    if len(empty) >= conf["EMPTY_COLUMN_LIMIT"]:
        failures.append(
            _("%(count)s empty columns (limit %(limit)s)")
            % {"count": len(empty), "limit": conf["EMPTY_COLUMN_LIMIT"]}
        )
    summary = _(
        "Key columns not updated: %(key)s; past update frequency: %(freq)s; empty: %(empty)s."
    ) % {"key": len(stale_key), "freq": len(stale_frequency), "empty": len(empty)}
    reason = ("；".join(failures) + "。" + summary) if failures else summary
    # Offenders are listed even while under the limits: each one is something to fix.
    offenders = _unique(stale_key + stale_frequency + empty)
    return IndicatorResult(
        "columns_not_updated",
        _("Columns not updated"),
        f"{SOURCE} 单项否决指标：栏目不更新（动态要闻2周、通知公告政策文件6个月未更新累计5个及以上；"
        "应更新未更新栏目10个及以上；空白栏目5个及以上）",
        True,
        not failures,
        reason,
        offenders,
        warnings,
    )


def _unique(offenders: list[Offender]) -> list[Offender]:
    seen, result = set(), []
    for offender in offenders:
        key = (offender.title, offender.detail)
        if key not in seen:
            seen.add(key)
            result.append(offender)
    return result


# -- 互动回应差 -------------------------------------------------------------------------


def _answered(page, attributes: list[str]) -> bool | None:
    """True/False by the first reply attribute the page has; None when it has none."""
    present = [name for name in attributes if hasattr(page, name)]
    if not present:
        return None
    return any(getattr(page, name) for name in present)


def interaction_responses(now: datetime) -> IndicatorResult:
    """Messages in interaction columns unanswered for over ``UNANSWERED_DAYS`` days.

    Contract (the plugin has no message model): every live item under a column of kind
    ``interaction`` is a message; it is answered when its page has a truthy attribute named
    in ``REPLY_ATTRIBUTES`` (default ``reply``, ``answered_at``). Items whose type has none
    of these attributes cannot be assessed; when no item can be, the result says so rather
    than guessing. Sites without interaction columns: not applicable.
    """
    conf = _settings()
    citation = f"{SOURCE} 单项否决指标：互动回应差（超过3个月未回应）"
    name = _("Poor interaction responses")
    columns = list(Column.objects.filter(kind=ColumnKind.INTERACTION).select_related("page"))
    if not columns:
        return IndicatorResult(
            "interaction", name, citation, True, None,
            _("Not applicable: the site has no interaction columns."),
        )  # fmt: skip
    items = []
    for column in columns:
        items.extend(_items().descendant_of(column.page).specific())
    attributes = conf["REPLY_ATTRIBUTES"]
    assessed = [(page, _answered(page, attributes)) for page in items]
    assessable = [(page, answered) for page, answered in assessed if answered is not None]
    if items and not assessable:
        return IndicatorResult(
            "interaction", name, citation, True, None,
            _(
                "Not assessable: the items in interaction columns have none of the reply "
                "attributes %(attrs)s."
            ) % {"attrs": ", ".join(attributes)},
        )  # fmt: skip
    offenders, warnings = [], []
    for page, answered in assessable:
        if answered or page.first_published_at is None:
            continue
        age = (now - page.first_published_at).days
        detail = _("Unanswered for %(days)s days") % {"days": age}
        if page.first_published_at < now - timedelta(days=conf["UNANSWERED_DAYS"]):
            offenders.append(Offender(page.title, detail, _edit_url(page.pk)))
        elif age >= conf["WARN_UNANSWERED_DAYS"]:
            warnings.append(Offender(page.title, detail, _edit_url(page.pk)))
    if offenders:
        reason = _("%(count)s messages unanswered for over %(days)s days.") % {
            "count": len(offenders),
            "days": conf["UNANSWERED_DAYS"],
        }
    else:
        reason = _("%(count)s messages checked; none unanswered for over %(days)s days.") % {
            "count": len(assessable),
            "days": conf["UNANSWERED_DAYS"],
        }
    return IndicatorResult(
        "interaction", name, citation, True, not offenders, reason, offenders, warnings
    )


# -- 链接可用性 (scored) ----------------------------------------------------------------


def link_availability(now: datetime) -> IndicatorResult:
    """Open ``link.broken`` findings of the link patrol on live pages (a scored indicator).

    Fails on any broken link on the home page (the site root) or more than
    ``BROKEN_LINK_LIMIT`` on other pages.
    """
    name = _("Link availability")
    citation = f"{SOURCE} 可用性指标：首页及其他页面链接可用性（扣分项，非单项否决）"
    last_patrol = (
        ScanRun.objects.filter(kind=RunKind.LINKS, status=RunStatus.DONE, finished_at__lte=now)
        .order_by("-finished_at")
        .first()
    )
    if last_patrol is None:
        # No findings because nothing was looked at is not a pass.
        reason = _("The link patrol has never finished: links cannot be assessed yet.")
        return IndicatorResult("link_availability", name, citation, False, None, reason)
    conf = _settings()
    root = site_root()
    findings = list(
        ScanFinding.objects.filter(resolved=False, code="link.broken", page__live=True)
        .select_related("page")
        .order_by("page__path", "pk")
    )
    home = [f for f in findings if root is not None and f.page_id == root.pk]
    other = [f for f in findings if f not in home]
    offenders = [
        Offender(f.page.title, f"{f.message}：{f.text[:80]}", _edit_url(f.page_id))
        for f in home + other
    ]
    passed = not home and len(other) <= conf["BROKEN_LINK_LIMIT"]
    reason = _(
        "Broken links: %(home)s on the home page, %(other)s on other pages "
        "(link patrol of %(day)s)."
    ) % {"home": len(home), "other": len(other), "day": _day(last_patrol.finished_at)}
    return IndicatorResult("link_availability", name, citation, False, passed, reason, offenders)


RULES = [
    severe_errors,
    home_not_updated,
    columns_not_updated,
    interaction_responses,
    link_availability,
]

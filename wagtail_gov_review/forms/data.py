"""Review records + page attributes → the rows of the prescribed forms.

The one place that decides what a form says; the renderers (``render_html``, ``render_pdf``,
``render_xlsx``) only lay these rows out. Everything is read in a fixed number of queries,
whatever the number of items, so a batch of thousands stays fast.

- 政务信息发布审批责任表 (seed 000 附件1): one ``FormItem`` per page, with its three signatures.
- 信息发布保密审查表 (seeds 002, 004): one ``FormItem`` per table row.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from ..models.columns import Column
from ..models.page_mixin import Disclosure, GovInfoPageMixin, SourceType
from ..models.records import ReviewAction, ReviewRecord, ReviewStage
from ..models.units import Unit
from ..monitoring.placement import Placement

# The three signed reviews of both forms; other stages go to the remarks.
SIGNED_STAGES = (ReviewStage.FIRST, ReviewStage.SECOND, ReviewStage.FINAL)
DECISIONS = (ReviewAction.APPROVE, ReviewAction.REJECT)


def check_box(checked: bool) -> str:
    return "☑" if checked else "☐"


def yes_no_boxes(flag: bool) -> str:
    """ "☑ 是　☐ 否" / "☐ 是　☑ 否", as the paper forms tick them."""
    return f"{check_box(flag)} {_('Yes')}　{check_box(not flag)} {_('No')}"


@dataclass(frozen=True)
class Signature:
    """One recorded review decision as the form shows it."""

    stage: str
    approved: bool
    opinion: str
    user_name: str
    role: str
    unit_name: str
    time: datetime.datetime

    @property
    def decision_label(self) -> str:
        return _("Agree") if self.approved else _("Disagree")

    @property
    def time_label(self) -> str:
        return timezone.localtime(self.time).strftime("%Y-%m-%d %H:%M")


@dataclass
class FormItem:
    """Everything both forms say about one item."""

    number: int
    page_id: int
    title: str
    unit_name: str
    column_name: str
    source_type: str
    source_name: str
    disclosure: str
    involves_secret: bool
    involves_sensitive: bool
    go_live_at: datetime.datetime | None
    signatures: dict[str, Signature] = field(default_factory=dict)
    other_reviews: list[Signature] = field(default_factory=list)

    @property
    def source_label(self) -> str:
        label = str(SourceType(self.source_type).label)
        if self.source_type != SourceType.ORIGINAL and self.source_name:
            return f"{label}（{self.source_name}）"
        return label

    @property
    def disclosure_label(self) -> str:
        return str(Disclosure(self.disclosure).label)

    @property
    def platform_label(self) -> str:
        # Items are published on the portal; on-request items are only provided on request.
        if self.disclosure == Disclosure.PUBLIC:
            return _("Government website")
        if self.disclosure == Disclosure.ON_REQUEST:
            return _("Provided on request")
        return _("Not published")

    @property
    def publish_requirements(self) -> str:
        parts = [self.disclosure_label]
        if self.go_live_at:
            when = timezone.localtime(self.go_live_at).strftime("%Y-%m-%d %H:%M")
            parts.append(_("scheduled for %(time)s") % {"time": when})
        else:
            parts.append(_("publish once approved"))
        return "；".join(parts)

    @property
    def first(self) -> Signature | None:
        return self.signatures.get(ReviewStage.FIRST)

    @property
    def second(self) -> Signature | None:
        return self.signatures.get(ReviewStage.SECOND)

    @property
    def third(self) -> Signature | None:
        return self.signatures.get(ReviewStage.FINAL)

    @property
    def signature_rows(self) -> list[tuple[str, Signature | None]]:
        """(label as on 附件1, signature) for the three signed reviews."""
        return [
            (_("First review (person responsible for the item)"), self.first),
            (_("Second review (head of the section)"), self.second),
            (_("Third review (leader in charge)"), self.third),
        ]

    @property
    def review_cells(self) -> list[Signature | None]:
        return [self.first, self.second, self.third]

    @property
    def remarks(self) -> str:
        return "；".join(
            f"{ReviewStage(s.stage).label}：{s.decision_label}（{s.user_name}）"
            for s in self.other_reviews
        )


@dataclass(frozen=True)
class Selection:
    """Which items a batch covers: reviews recorded in [date_from, date_to], column, unit."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    column: Column | None = None
    unit_id: int | None = None
    page_ids: tuple[int, ...] | None = None

    def describe(self) -> str:
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"{self.date_from or '…'} — {self.date_to or '…'}")
        if self.column is not None:
            parts.append(str(self.column))
        return " · ".join(parts)


def _record_filter(selection: Selection) -> Q:
    q = Q(stage__in=[s.value for s in ReviewStage if s not in (ReviewStage.AUTO_CHECK,)])
    q &= Q(action__in=DECISIONS)
    if selection.page_ids is not None:
        q &= Q(page_id_snapshot__in=selection.page_ids)
    tz = timezone.get_current_timezone()
    if selection.date_from:
        start = datetime.datetime.combine(selection.date_from, datetime.time.min, tz)
        q &= Q(created_at__gte=start)
    if selection.date_to:
        end = datetime.datetime.combine(
            selection.date_to + datetime.timedelta(days=1), datetime.time.min, tz
        )
        q &= Q(created_at__lt=end)
    if selection.column is not None:
        # By the snapshot, not the page foreign key: a record whose key was set to NULL still
        # belongs to its item (the snapshots are what the archive says).
        column_page = selection.column.page
        q &= Q(
            page_id_snapshot__in=Page.objects.filter(path__startswith=column_page.path).values("pk")
        )
    return q


def _reviewed_objects(pages: list[Page], revision_ids: dict[int, int]) -> dict[int, Page]:
    """The item as it was reviewed: the live page when that revision is live, else the revision."""
    result: dict[int, Page] = {}
    need_revision: dict[int, int] = {}
    for page in pages:
        revision_id = revision_ids.get(page.pk)
        if revision_id and revision_id != page.live_revision_id:
            need_revision[page.pk] = revision_id
        else:
            result[page.pk] = page
    if need_revision:
        revisions = Revision.objects.in_bulk(list(need_revision.values()))
        for page in pages:
            revision = revisions.get(need_revision.get(page.pk))
            if page.pk in need_revision:
                result[page.pk] = revision.as_object() if revision else page
    return result


def collect_items(selection: Selection) -> list[FormItem]:
    """The items of a selection with their signed reviews, in order of the final decision."""
    records = (
        ReviewRecord.objects.filter(_record_filter(selection))
        .order_by("created_at", "pk")
        .values_list(
            "page_id_snapshot",
            "revision_id_snapshot",
            "stage",
            "action",
            "opinion",
            "user_name",
            "role",
            "unit_name",
            "created_at",
        )
    )
    by_page: dict[int, list[tuple]] = defaultdict(list)
    for row in records:
        by_page[row[0]].append(row)
    if not by_page:
        return []

    pages = list(Page.objects.filter(pk__in=list(by_page)).specific(defer=False))
    pages = [p for p in pages if isinstance(p, GovInfoPageMixin)]
    last_revision = {pid: rows[-1][1] for pid, rows in by_page.items()}
    reviewed = _reviewed_objects(pages, last_revision)
    placement = Placement()
    units = {c.unit_id: c.unit for c in placement.columns}
    # Issuing units that own no column: one query for all of them, not one per item.
    own_unit_ids = {obj.unit_id for obj in reviewed.values() if obj.unit_id} - set(units)
    units.update(Unit.objects.in_bulk(own_unit_ids))

    items: list[FormItem] = []
    for page in pages:
        obj = reviewed[page.pk]
        column = placement.column_for(page)
        unit_id = placement.unit_id_for(obj, column)
        if selection.unit_id is not None and unit_id != selection.unit_id:
            continue
        unit = units.get(unit_id)
        item = FormItem(
            number=0,
            page_id=page.pk,
            title=obj.title,
            unit_name=unit.name if unit else "",
            column_name=column.page.title if column else "",
            source_type=obj.source_type,
            source_name=obj.source_name,
            disclosure=obj.disclosure,
            involves_secret=obj.involves_secret,
            involves_sensitive=obj.involves_sensitive,
            go_live_at=obj.go_live_at,
        )
        _attach_signatures(item, by_page[page.pk])
        items.append(item)

    items.sort(key=lambda item: (_last_time(item), item.page_id))
    for number, item in enumerate(items, start=1):
        item.number = number
    return items


def _attach_signatures(item: FormItem, rows: Iterable[tuple]) -> None:
    """Latest decision per stage (rows are in time order, later ones win)."""
    others: dict[str, Signature] = {}
    for _pid, _rev, stage, action, opinion, user_name, role, unit_name, created_at in rows:
        signature = Signature(
            stage=stage,
            approved=action == ReviewAction.APPROVE,
            opinion=opinion,
            user_name=user_name,
            role=role,
            unit_name=unit_name,
            time=created_at,
        )
        if stage in SIGNED_STAGES:
            item.signatures[stage] = signature
        else:
            others[stage] = signature
    item.other_reviews = sorted(others.values(), key=lambda s: s.time)


def _last_time(item: FormItem) -> datetime.datetime:
    times = [s.time for s in item.signatures.values()] + [s.time for s in item.other_reviews]
    return max(times)

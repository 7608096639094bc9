"""What the public reads of an item: its content fields, and which of them a write changes.

The gate's invariant is "the public row of a gated item equals an approved, checked revision".
Wagtail also saves live pages for its own bookkeeping (moves, locks, ``latest_revision``,
``has_unpublished_changes`` …); those fields are the ones Wagtail keeps per page rather than per
revision (``Page.with_content_json`` preserves them) plus scheduling. Every other concrete field
is content: writing it on a live row outside a publish is what the catch-alls refuse.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import models

# Revision content keys that change on every save and say nothing about the item.
IGNORED_KEYS = {
    "pk",
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "last_published_at",
    "first_published_at",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "content_type",
    "page_ptr",
    "translation_key",
    "locale",
    "alias_of",
    "wagtail_admin_comments",
    "comments",
}
# Scheduling fields: a publish sets them, and on a live row they never change what is read.
SCHEDULING_FIELDS = frozenset({"go_live_at", "expire_at", "expired"})
BOOKKEEPING_FIELDS = frozenset(IGNORED_KEYS) | SCHEDULING_FIELDS
# The public date: part of what the live row shows, but a publish sets it, so it is compared
# on live rows and not between a page and the revision it publishes.
PUBLIC_DATE_FIELDS = frozenset({"first_published_at"})


def content_fields(model: type[models.Model], *, with_public_dates: bool = False) -> list:
    """The concrete fields of ``model`` that hold what the public reads."""
    skipped = BOOKKEEPING_FIELDS - PUBLIC_DATE_FIELDS if with_public_dates else BOOKKEEPING_FIELDS
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in skipped and field.attname not in skipped
    ]


def content_field_names(model: type[models.Model], *, with_public_dates: bool = False) -> set[str]:
    """Names and column attnames of the content fields (``update_fields`` may use either)."""
    names: set[str] = set()
    for field in content_fields(model, with_public_dates=with_public_dates):
        names |= {field.name, field.attname}
    return names


def changed_content(
    instance: models.Model,
    other: models.Model,
    *,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    with_public_dates: bool = False,
) -> list[str]:
    """Verbose names of the content fields whose values differ between two objects.

    Compared through ``value_to_string`` (the serialised form fixtures and revisions use), so a
    StreamField or rich text compares by its stored data; times to the millisecond. ``only`` limits the comparison to
    the fields a save writes (``update_fields``); ``exclude`` leaves fields out.
    """
    limit = set(only) if only is not None else None
    changed = []
    for field in content_fields(type(instance), with_public_dates=with_public_dates):
        if limit is not None and not ({field.name, field.attname} & limit):
            continue
        if field.name in exclude:
            continue
        if _comparable(field, instance) != _comparable(field, other):
            changed.append(str(field.verbose_name))
    return changed


def _comparable(field, obj):
    value = field.value_from_object(obj)
    if isinstance(value, datetime):
        # JSON fixtures and revisions keep milliseconds (DjangoJSONEncoder): a reloaded dump
        # of an unchanged item must compare equal.
        return value.replace(microsecond=value.microsecond // 1000 * 1000)
    return field.value_to_string(obj)

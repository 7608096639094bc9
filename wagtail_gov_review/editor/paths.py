"""Apply text replacements to one field value of a page, addressed by a ``content.py`` path.

``content.page_texts()`` names where each text lives: ``"title"``, ``"body"``, ``"body[2]"``,
``"body[1].caption"``. De-identification must change exactly that stored value: plain text as is,
rich text inside its HTML (text between tags only, so markup and links stay intact) and StreamField
values inside their JSON (the same walk ``content.py`` does, in reverse).
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Sequence

from django.db import models
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField, StreamField

_FIELD = re.compile(r"[A-Za-z_]\w*")
_STEP = re.compile(r"\[(\d+)\]|\.([A-Za-z_][\w-]*)")
_TAG = re.compile(r"(<[^>]*>)")


class PathError(ValueError):
    """The path does not name a text value of this page."""


class ReplacementError(ValueError):
    """A string to replace is not in the stored value (changed since, or split by markup)."""


Step = int | str


def parse_path(path: str) -> tuple[str, list[Step]]:
    """Split ``"body[1].caption"`` into ``("body", [1, "caption"])``; raise ``PathError``."""
    match = _FIELD.match(path or "")
    if not match:
        raise PathError(_("“%(path)s” is not a field path.") % {"path": path})
    steps: list[Step] = []
    pos = match.end()
    while pos < len(path):
        step = _STEP.match(path, pos)
        if not step:
            raise PathError(_("“%(path)s” is not a field path.") % {"path": path})
        steps.append(int(step.group(1)) if step.group(1) is not None else step.group(2))
        pos = step.end()
    return match.group(), steps


def replace_in_text(value: str, replacements: Sequence[tuple[str, str]], *, is_html: bool) -> str:
    """Replace each ``old`` by ``new`` in ``value``; every ``old`` must occur at least once.

    In HTML only the text between tags changes, and the strings are compared in their escaped
    form, as rich text stores them.
    """
    for old, new in replacements:
        if not old:
            continue
        if is_html:
            old_html, new_html = html.escape(old, quote=False), html.escape(new, quote=False)
            parts = _TAG.split(value)
            count = 0
            for index in range(0, len(parts), 2):  # even indexes are text, odd ones are tags
                count += parts[index].count(old_html)
                parts[index] = parts[index].replace(old_html, new_html)
            value = "".join(parts)
        else:
            count = value.count(old)
            value = value.replace(old, new)
        if not count:
            raise ReplacementError(
                _(
                    "“%(text)s” is not in the stored text any more, or formatting splits it; "
                    "edit it by hand."
                )
                % {"text": old}
            )
    return value


def _looks_like_html(value: str) -> bool:
    return "<" in value and ">" in value


def _replace_in_stream(raw, steps: list[Step], replacements, path: str):
    """Return a copy of StreamField raw data with the string at ``steps`` rewritten."""
    raw = copy.deepcopy(raw)
    if not steps:
        raise PathError(_("“%(path)s” names a whole stream, not one text in it.") % {"path": path})
    parent, key = None, None
    node = raw
    for step in steps:
        # A stream child is {"type", "value", "id"}: the path skips its "value" level.
        if isinstance(node, dict) and "type" in node and "value" in node and parent is not None:
            node = node["value"]
        try:
            parent, key, node = node, step, node[step]
        except (KeyError, IndexError, TypeError):
            raise PathError(
                _("“%(path)s” does not exist in this version of the page.") % {"path": path}
            ) from None
    if isinstance(node, dict) and "type" in node and "value" in node:
        parent, key, node = node, "value", node["value"]
    if not isinstance(node, str):
        raise PathError(_("“%(path)s” does not name a text.") % {"path": path})
    parent[key] = replace_in_text(node, replacements, is_html=_looks_like_html(node))
    return raw


def apply_replacements(page, path: str, replacements: Sequence[tuple[str, str]]) -> None:
    """Rewrite the value at ``path`` of ``page`` (in memory) with ``(old, new)`` replacements.

    Raises ``PathError`` for a path that names no text of the page and ``ReplacementError``
    when a string is not found; the page is left unchanged in both cases.
    """
    name, steps = parse_path(path)
    try:
        field = page._meta.get_field(name)
    except Exception:
        raise PathError(_("The page has no field “%(path)s”.") % {"path": path}) from None
    if isinstance(field, StreamField):
        value = getattr(page, field.attname)
        raw = getattr(value, "raw_data", value)
        raw = [dict(item) for item in raw] if raw is not None else []
        setattr(page, field.attname, _replace_in_stream(raw, steps, replacements, path))
        return
    if steps:
        raise PathError(
            _("“%(path)s” does not exist in this version of the page.") % {"path": path}
        )
    if isinstance(field, RichTextField):
        value = getattr(page, field.attname) or ""
        setattr(page, field.attname, replace_in_text(value, replacements, is_html=True))
    elif isinstance(field, (models.CharField, models.TextField)) and not field.choices:
        value = getattr(page, field.attname) or ""
        setattr(page, field.attname, replace_in_text(value, replacements, is_html=False))
    else:
        raise PathError(_("“%(path)s” is not a text field.") % {"path": path})

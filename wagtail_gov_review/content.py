"""Plain text of every text field of a page, as the check engine and the gate need it.

Rich text and StreamField values are stored as HTML/JSON; readers see text. This module
turns a page (or a revision's page) into ``FieldText`` items, one per field or stream
value, keeping a path that names where the text lives so findings can be shown next to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from django.db import models
from django.utils.translation import gettext as _
from wagtail.fields import RichTextField, StreamField

# Page fields that are internal plumbing, not published text. The slug is published (it is
# the item's address), so it is checked like the SEO title and search description.
SKIPPED_FIELDS = {"path", "url_path", "draft_title", "translation_key", "locked_by"}
# Paths of texts gathered from the whole page rather than read from one field.
LINKS_PATH = "links"
IMAGE_ALTS_PATH = "image_alts"
BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th"}


@dataclass(frozen=True)
class FieldText:
    field: str  # e.g. "title", "body", "body[2].caption", "links"
    label: str  # the field's verbose name, for people
    text: str
    kind: str = "body"  # "title" switches on title rules


class _TextAndLinks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.alts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "embed":
            alt = dict(attrs).get("alt")
            if alt and alt.strip():
                self.alts.append(alt.strip())
        if tag in BLOCK_TAGS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


def _parse(html: str) -> _TextAndLinks:
    parser = _TextAndLinks()
    parser.feed(html or "")
    parser.close()
    return parser


def html_to_text(html: str) -> tuple[str, list[str]]:
    """Text of an HTML fragment (block elements become line breaks) and its link targets."""
    parser = _parse(html)
    return "".join(parser.parts).strip(), parser.links


def html_parts(html: str) -> tuple[str, list[str], list[str]]:
    """Text, link targets and image alt texts (``<embed embedtype="image" alt>``) of HTML."""
    parser = _parse(html)
    return "".join(parser.parts).strip(), parser.links, parser.alts


def _looks_like_html(value: str) -> bool:
    return "<" in value and ">" in value


def _walk_stream(raw, path: str) -> Iterator[tuple[str, str]]:
    """Yield (path, string) for every string inside StreamField raw data."""
    if isinstance(raw, str):
        yield path, raw
    elif isinstance(raw, list):
        for index, item in enumerate(raw):
            if isinstance(item, dict) and "type" in item and "value" in item:
                yield from _walk_stream(item["value"], f"{path}[{index}]")
            else:
                yield from _walk_stream(item, f"{path}[{index}]")
    elif isinstance(raw, dict):
        for key, value in raw.items():
            yield from _walk_stream(value, f"{path}.{key}")


def _stream_texts(field: StreamField, raw) -> Iterator[tuple[str, str, str]]:
    """(path, string, label for people) of every string in a StreamField's raw data; the
    label names the field, the block's position and its kind ("正文 第2块（段落）")."""
    if not isinstance(raw, list):
        for path, value in _walk_stream(raw, field.name):
            yield path, value, ""
        return
    blocks = field.stream_block.child_blocks
    for index, item in enumerate(raw):
        is_block = isinstance(item, dict) and "type" in item and "value" in item
        block = blocks.get(item["type"]) if is_block else None
        where = _("%(field)s, block %(number)d (%(block)s)") % {
            "field": field.verbose_name,
            "number": index + 1,
            "block": block.label if block is not None else (item["type"] if is_block else ""),
        }
        value = item["value"] if is_block else item
        for path, text in _walk_stream(value, f"{field.name}[{index}]"):
            yield path, text, where


def _stream_raw(page, field: StreamField):
    value = getattr(page, field.attname)
    raw = getattr(value, "raw_data", value)
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return raw
    return list(raw) if raw is not None else []


def page_texts(page) -> list[FieldText]:
    """Every text of ``page`` worth checking, title first, links gathered at the end."""
    texts: list[FieldText] = []
    links: list[str] = []
    alts: list[str] = []
    for field in page._meta.concrete_fields:
        if field.name in SKIPPED_FIELDS or field.is_relation or field.choices:
            continue
        label = str(field.verbose_name)
        if isinstance(field, StreamField):
            for path, value, where in _stream_texts(field, _stream_raw(page, field)):
                text, found, found_alts = (
                    html_parts(value) if _looks_like_html(value) else (value, [], [])
                )
                links += found
                alts += found_alts
                if text.strip():
                    texts.append(FieldText(path, where or label, text))
        elif isinstance(field, RichTextField):
            text, found, found_alts = html_parts(getattr(page, field.attname) or "")
            links += found
            alts += found_alts
            if text:
                texts.append(FieldText(field.name, label, text))
        elif isinstance(field, models.URLField):
            if value := getattr(page, field.attname):
                links.append(value)
        elif isinstance(field, (models.CharField, models.TextField)):
            value = getattr(page, field.attname) or ""
            if value.strip():
                kind = "title" if field.name == "title" else "body"
                texts.append(FieldText(field.name, label, value, kind))
    texts.sort(key=lambda item: item.kind != "title")
    if alts:
        texts.append(FieldText(IMAGE_ALTS_PATH, "图片替代文字", "\n".join(alts)))
    if links:
        texts.append(FieldText(LINKS_PATH, "链接", "\n".join(links)))
    return texts

"""Findings of the files an item references, named so an editor can find them.

Each finding comes with a field path (``attachment:document:12``, ``…:12.title``) and a label
(``附件《名单.xlsx》 工作表“Sheet1” 单元格 C7``). A file that could not be read, or waits for
OCR, becomes a blocking finding of its own: an item must not go live with an attachment nobody
could check. ``scanning.check_page`` adds these to the page's report, so the review task, the
publish gate on every path, the editor panel and the daily re-scan all see them.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..checks import Finding
from .checking import file_name, stored_check, stored_finding
from .models import FileCheck, FileCheckStatus
from .references import DOCUMENT, IMAGE, attached_files

ATTACHMENT_PREFIX = "attachment:"
PENDING_CODE = "file.pending"
UNREADABLE_CODE = "file.unreadable"
SCANNED_CODE = "file.scanned"

FieldItem = tuple[str, str, Finding]  # (field path, label, finding)


def attachment_label(kind: str, obj) -> str:
    if kind == IMAGE:
        return _("Image “%(title)s”") % {"title": obj.title}
    return _("Attachment “%(name)s”") % {"name": file_name(obj) or obj.title}


def describe_location(location: dict) -> str:
    """``工作表“Sheet1” 单元格 C7``, ``第 3 页``, ``第 12 段``: where in the file, for people."""
    names = {
        "sheet": _("sheet “%(value)s”"),
        "cell": _("cell %(value)s"),
        "page": _("page %(value)s"),
        "paragraph": _("paragraph %(value)s"),
        "line": _("line %(value)s"),
        "row": _("row %(value)s"),
        "column": _("column %(value)s"),
    }
    parts = []
    for key, value in location.items():
        if key == "file":
            continue
        template = names.get(key)
        parts.append(template % {"value": value} if template else f"{key} {value}")
    return " ".join(parts)


def metadata(kind: str, obj) -> list[tuple[str, str, str]]:
    """(attribute, label, text) of the published metadata of a document or image."""
    items = [("title", _("title"), obj.title), ("file_name", _("file name"), file_name(obj))]
    if kind == IMAGE:
        items.append(("description", _("alt text"), getattr(obj, "description", "") or ""))
    return [item for item in items if item[2].strip()]


def _whole_name(code: str, name: str, severity: str, message: str) -> Finding:
    return Finding(code=code, start=0, end=len(name), text=name, severity=severity, message=message)


def _status_findings(row: FileCheck, name: str) -> list[Finding]:
    if row.status == FileCheckStatus.PENDING:
        return [
            _whole_name(
                PENDING_CODE,
                name,
                "block",
                _(
                    "The file is waiting for text recognition (OCR); it can be published once "
                    "the check has finished."
                ),
            )
        ]
    if row.status == FileCheckStatus.REFUSED:
        return [
            _whole_name(
                UNREADABLE_CODE,
                name,
                "block",
                _("%(reason)s An attachment that cannot be checked cannot be published.")
                % {"reason": row.message},
            )
        ]
    if row.scanned and not row.ocr_used and name.lower().endswith(".pdf"):
        return [
            _whole_name(
                SCANNED_CODE,
                name,
                "warn",
                _("The file has scanned pages and text recognition is off: check them by eye."),
            )
        ]
    return []


def file_findings(kind: str, obj, engine, config_key: str) -> list[FieldItem]:
    """Findings of one document or image: its metadata, then its content."""
    path = f"{ATTACHMENT_PREFIX}{kind}:{obj.pk}"
    label = attachment_label(kind, obj)
    items: list[FieldItem] = []
    for attribute, attribute_label, text in metadata(kind, obj):
        for finding in engine.check(text, kind="body"):
            items.append((f"{path}.{attribute}", f"{label} {attribute_label}", finding))
    if not obj.file:
        return items
    row = stored_check(kind, obj, engine, config_key)
    name = file_name(obj)
    items += [(path, label, finding) for finding in _status_findings(row, name)]
    for data in row.findings:
        where = describe_location(data.get("location") or {})
        items.append((path, f"{label} {where}".strip(), stored_finding(data)))
    return items


def attachment_findings(page, engine, config_key: str) -> list[FieldItem]:
    """Findings of every document and image ``page`` links or embeds."""
    items: list[FieldItem] = []
    for attached in attached_files(page):
        items += file_findings(attached.kind, attached.obj, engine, config_key)
    return items


def is_attachment_path(field: str) -> bool:
    return field.startswith(ATTACHMENT_PREFIX)


__all__ = ["DOCUMENT", "IMAGE", "attachment_findings", "file_findings", "is_attachment_path"]

"""One-click de-identification (脱敏) of a document: a masked copy as the document's new file.

Shaped like Wagtail's actions: ``DeidentifyDocumentAction(document, user)``; ``check()`` raises
``DeidentifyError`` saying why not; ``execute()`` writes the masked copy (XLSX, DOCX, CSV keep
their format and layout), makes it the document's file, and records who did it. The original
file is not overwritten: it stays in storage under its own name, recorded on the
``DeidentifiedCopy`` row, so an administrator can restore it. Every item linking the document
links the masked file from then on (also pages already live), which is why it is the same
document and not a new one.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterator

import docx
import openpyxl
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from docx.text.hyperlink import Hyperlink
from wagtail.documents import get_permission_policy
from wagtail.log_actions import log

from ..checks import mask
from ..checks.files.encoding import detect_encoding
from ..checks.files.sheets import cell_text
from ..engine import current_engine, engine_version
from ..people import display_name
from .checking import file_name, file_sha256, stored_check
from .models import DeidentifiedCopy, FileCheckStatus
from .references import DOCUMENT

LOG_ACTION = "gov_review.deidentify"
MASKABLE_EXTENSIONS = (".xlsx", ".docx", ".csv")

MaskText = Callable[[str], str]


class DeidentifyError(Exception):
    """The masked copy cannot be made; the message says why, for the editor."""


def extension(name: str) -> str:
    return os.path.splitext(name)[1].lower()


def can_deidentify(document) -> bool:
    """The format allows a masked copy that keeps the file usable."""
    return extension(file_name(document)) in MASKABLE_EXTENSIONS


class _Masker:
    """Masks the personal data the engine finds in a piece of text, counting what it masked."""

    def __init__(self, engine) -> None:
        self.engine = engine
        self.count = 0

    def __call__(self, text: str) -> str:
        findings = [f for f in self.engine.check(text) if f.code.startswith("pii.")]
        if not findings:
            return text
        self.count += len(findings)
        return mask(text, findings)


def mask_xlsx(data: bytes, mask_text: MaskText) -> bytes:
    """Every text or number cell of every sheet; formulas and styles stay."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    continue  # a formula: its result is computed from other cells
                if isinstance(cell.value, str | int | float) and not isinstance(cell.value, bool):
                    text = cell_text(cell.value)
                    masked = mask_text(text)
                    if masked != text:
                        cell.value = masked  # a masked number is text from now on
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _paragraphs(container) -> Iterator:
    yield from container.paragraphs
    for table in getattr(container, "tables", []):
        for row in table.rows:
            for cell in row.cells:
                yield from _paragraphs(cell)


def _runs(paragraph) -> list:
    runs = []
    for item in paragraph.iter_inner_content():
        runs += item.runs if isinstance(item, Hyperlink) else [item]
    return runs


def _mask_paragraph(paragraph, mask_text: MaskText) -> None:
    runs = _runs(paragraph)
    text = "".join(run.text for run in runs)
    masked = mask_text(text)
    if masked == text:
        return
    if len(masked) == len(text):
        # Same length: each run keeps its share, so the formatting of every run stays.
        position = 0
        for run in runs:
            run.text = masked[position : position + len(run.text)]
            position += len(run.text)
    else:
        runs[0].text = masked
        for run in runs[1:]:
            run.text = ""


def mask_docx(data: bytes, mask_text: MaskText) -> bytes:
    """Paragraphs of the body, of tables (nested too), headers and footers."""
    document = docx.Document(io.BytesIO(data))
    containers = [document]
    for section in document.sections:
        containers += [section.header, section.footer]
    for container in containers:
        for paragraph in _paragraphs(container):
            _mask_paragraph(paragraph, mask_text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def mask_csv(data: bytes, mask_text: MaskText) -> bytes:
    """Every field of every row, written back in the file's own encoding."""
    codec = detect_encoding(data, complete=True)
    text = data.decode(codec)
    out = io.StringIO(newline="")
    dialect = csv.Sniffer().sniff(text[:4096]) if text.strip() else csv.excel
    writer = csv.writer(out, dialect=dialect)
    for row in csv.reader(io.StringIO(text, newline=""), dialect=dialect):
        writer.writerow([mask_text(value) for value in row])
    encoded_codec = "utf-8-sig" if codec == "utf-8-sig" else codec
    return out.getvalue().encode(encoded_codec)


MASKERS: dict[str, Callable[[bytes, MaskText], bytes]] = {
    ".xlsx": mask_xlsx,
    ".docx": mask_docx,
    ".csv": mask_csv,
}


def masked_name(name: str) -> str:
    stem, ext = os.path.splitext(name)
    return f"{stem}_masked{ext}"


class DeidentifyDocumentAction:
    """Replace ``document``'s file by a masked copy, keeping the original in storage."""

    def __init__(self, document, user) -> None:
        self.document = document
        self.user = user

    def check(self) -> None:
        if not get_permission_policy().user_has_permission_for_instance(
            self.user, "change", self.document
        ):
            raise PermissionDenied
        if not can_deidentify(self.document):
            raise DeidentifyError(
                _("Only XLSX, DOCX and CSV files can be de-identified with one click.")
            )
        row = stored_check(DOCUMENT, self.document, current_engine(), engine_version())
        if row.status != FileCheckStatus.CHECKED:
            raise DeidentifyError(row.message or _("The file has not been checked yet."))
        if not any(f["code"].startswith("pii.") for f in row.findings):
            raise DeidentifyError(_("The file holds no personal data to de-identify."))

    def execute(self) -> DeidentifiedCopy:
        self.check()
        document = self.document
        original_name = document.file.name
        original_sha256 = file_sha256(document)
        with document.file.open("rb") as handle:
            data = handle.read()
        masker = _Masker(current_engine())
        try:
            masked = MASKERS[extension(original_name)](data, masker)
        except Exception as exc:
            raise DeidentifyError(
                _("The masked copy could not be written (%(error)s); nothing was changed.")
                % {"error": type(exc).__name__}
            ) from exc
        with transaction.atomic():
            # save=False: the document row is saved once, with the new size and hash.
            document.file.save(masked_name(file_name(document)), ContentFile(masked), save=False)
            document._set_document_file_metadata()
            document.save()
            copy = DeidentifiedCopy.objects.create(
                document_id=document.pk,
                document_title=document.title[:255],
                original_file=original_name,
                original_sha256=original_sha256,
                masked_file=document.file.name,
                masked_count=masker.count,
                user=self.user,
                user_name=display_name(self.user),
            )
            log(
                instance=document,
                action=LOG_ACTION,
                user=self.user,
                data={"original_file": original_name, "masked_count": masker.count},
            )
        return copy

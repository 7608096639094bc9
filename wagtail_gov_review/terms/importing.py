"""Import term lists from TXT or XLSX: parse, preview what changes, then apply.

Uploads are read through the bounded readers of ``checks.files`` (issue 15 point 7): size
before reading, zip directory before unzipping, streamed rows and lines, detected encodings.

An import never half-applies: the preview is computed first and the change is written in one
transaction. Bad files get a clear error and change nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..checks.files import FileLimits, FileRefused, read_segments, read_text_lines
from ..checks.lexicon_files import packaged_lexicons, read_lexicon
from ..models import Term, TermCategory

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 200_000
TERM_MAX = Term._meta.get_field("term").max_length
SUGGESTION_MAX = Term._meta.get_field("suggestion").max_length
# "term<TAB>suggestion", "term,suggestion", "term，suggestion" or "term->suggestion".
SEPARATOR = re.compile(r"\t|->|→|,|，")
# Lists whose checks replace the term: an entry without a suggestion tells the editor nothing.
NEEDS_SUGGESTION = {TermCategory.TYPO, TermCategory.OUTDATED_NAME}


class ImportFileError(ValueError):
    """The file cannot be read as a term list; the message says why, in Chinese."""


@dataclass(frozen=True)
class ParsedRow:
    line: int
    term: str
    suggestion: str = ""
    error: str = ""


@dataclass
class ImportPreview:
    category: str
    new: list[ParsedRow] = field(default_factory=list)
    changed: list[tuple[ParsedRow, str]] = field(default_factory=list)  # (row, old suggestion)
    unchanged: list[ParsedRow] = field(default_factory=list)
    invalid: list[ParsedRow] = field(default_factory=list)
    builtin: list[ParsedRow] = field(default_factory=list)  # shipped already: not imported

    @property
    def has_changes(self) -> bool:
        return bool(self.new or self.changed)


def _clean_cell(value) -> str:
    text = "" if value is None else str(value)
    return unicodedata.normalize("NFC", text).strip().strip("\ufeff")


def _validate(line: int, term: str, suggestion: str) -> ParsedRow:
    if any(unicodedata.category(ch) == "Cc" for ch in term + suggestion):
        return ParsedRow(line, term, suggestion, _("contains control characters"))
    if len(term) > TERM_MAX:
        return ParsedRow(
            line, term[:TERM_MAX], suggestion, _("term longer than %d characters") % TERM_MAX
        )
    if len(suggestion) > SUGGESTION_MAX:
        return ParsedRow(
            line,
            term,
            suggestion[:SUGGESTION_MAX],
            _("suggestion longer than %d characters") % SUGGESTION_MAX,
        )
    return ParsedRow(line, term, suggestion)


def _limits() -> FileLimits:
    return FileLimits(max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS, max_sheets=50)


def parse_txt(upload) -> list[ParsedRow]:
    """Rows of a text list (UTF-8, GB18030 or Big5, detected; see ``checks.files``)."""
    rows = []
    for segment in read_text_lines(upload, limits=_limits()):
        line = segment.text.strip()
        if not line or line.startswith("#"):
            continue
        parts = SEPARATOR.split(line, maxsplit=1)
        term = _clean_cell(parts[0])
        if len(parts) > 1 and not _clean_cell(parts[1]):
            # "这一行->": a separator promises a suggestion; a lost one must not pass silently.
            error = _("nothing after the separator; give a suggestion or drop the separator")
            rows.append(ParsedRow(segment.location["line"], term, "", error))
            continue
        suggestion = parts[1] if len(parts) > 1 else ""
        rows.append(_validate(segment.location["line"], term, _clean_cell(suggestion)))
    return rows


_CELL = re.compile(r"([A-Z]+)(\d+)")


def parse_xlsx(upload, name: str) -> list[ParsedRow]:
    """Rows of the first sheet that holds anything: term in column A, suggestion in column B."""
    cells: dict[int, dict[str, str]] = {}
    sheet = None
    for segment in read_segments(upload, name=name, limits=_limits()):
        sheet = sheet or segment.location["sheet"]
        if segment.location["sheet"] != sheet:
            break
        column, row = _CELL.fullmatch(segment.location["cell"]).groups()
        if column in ("A", "B"):
            cells.setdefault(int(row), {})[column] = segment.text
    rows = []
    for number, values in sorted(cells.items()):
        term, suggestion = _clean_cell(values.get("A")), _clean_cell(values.get("B"))
        if number == 1 and term.lower() in {"词条", "term", "词语", "敏感词"}:
            continue  # a header row
        if term:
            rows.append(_validate(number, term, suggestion))
    return rows


def parse_file(upload, name: str | None = None) -> list[ParsedRow]:
    """Parse an uploaded file (or a path) through the bounded readers of ``checks.files``: the
    size is checked before reading, XLSX containers before unzipping, encodings detected."""
    name = name or getattr(upload, "name", "") or str(upload)
    lowered = name.lower()
    try:
        if lowered.endswith((".xlsx", ".xlsm")):
            rows = parse_xlsx(upload, name)
        elif lowered.endswith((".txt", ".csv", ".tsv")):
            rows = parse_txt(upload)
        else:
            raise ImportFileError(_("Upload a .txt or .xlsx file."))
    except FileRefused as refused:
        raise ImportFileError(refused.message) from refused
    if not rows:
        raise ImportFileError(_("The file contains no terms."))
    if len(rows) > MAX_ROWS:
        raise ImportFileError(_("The file has more than %d terms; split it.") % MAX_ROWS)
    return rows


@functools.cache
def builtin_pairs(category: str) -> dict[str, str]:
    """Term → suggestion of the lexicons shipped with the package for ``category``."""
    return {
        entry.term: entry.suggestion
        for name in packaged_lexicons()
        for entry in read_lexicon(name)
        if entry.category == category
    }


def _row_error(category: str, row: ParsedRow) -> str:
    if row.error:
        return row.error
    if not row.term:
        return _("empty term")
    if category in NEEDS_SUGGESTION and not row.suggestion:
        return _("this list needs a suggestion for every term")
    return ""


def preview(category: str, rows: list[ParsedRow]) -> ImportPreview:
    """Compare the rows with what the list holds now; the last duplicate in the file wins.

    A row the shipped lexicon already holds with the same suggestion is listed as built in,
    not as new.
    """
    result = ImportPreview(category)
    latest: dict[str, ParsedRow] = {}
    for row in rows:
        error = _row_error(category, row)
        if error:
            result.invalid.append(ParsedRow(row.line, row.term, row.suggestion, error))
        else:
            latest[row.term] = row
    existing = dict(
        Term.objects.filter(category=category, term__in=list(latest)).values_list(
            "term", "suggestion"
        )
    )
    shipped = builtin_pairs(category)
    for term, row in latest.items():
        if term not in existing and term in shipped and shipped[term] == row.suggestion:
            result.builtin.append(row)
        elif term not in existing:
            result.new.append(row)
        elif existing[term] != row.suggestion:
            result.changed.append((row, existing[term]))
        else:
            result.unchanged.append(row)
    return result


@transaction.atomic
def apply(result: ImportPreview, *, note: str = "") -> int:
    """Write the preview's new and changed terms; returns how many rows changed."""

    new_terms = [
        Term(category=result.category, term=row.term, suggestion=row.suggestion, note=note)
        for row in result.new
    ]
    bulk_create_with_history(new_terms, Term, batch_size=2000)
    for row, _old in result.changed:
        term = Term.objects.get(category=result.category, term=row.term)
        term.suggestion = row.suggestion
        term.save()
    return len(new_terms) + len(result.changed)

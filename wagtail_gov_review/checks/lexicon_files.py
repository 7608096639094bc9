"""Reading lexicon files: one term a line, optional suggestion and note, ``#`` comments.

Format (UTF-8; ``.txt`` or ``.tsv``)::

    # category: outdated_name        <- optional; otherwise the file name's stem is the category
    # source: where the list comes from
    国土资源局<TAB>自然资源局<TAB>2018 年机构改革
    卫计委<TAB>卫健委

Columns after the term are optional. Terms are normalised like texts (simplified script,
half-width), so a traditional-script text matches a simplified entry.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .normalize import normalize, normalize_term  # noqa: F401  (normalize_term: re-exported)

_HEADER = re.compile(r"^#\s*category\s*[:：]\s*(\S+)", re.I)


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    key: str  # normalised form used for matching
    term: str
    suggestion: str = ""
    note: str = ""
    category: str = ""


# Packaged data files that are not term lists (read by their own modules).
NOT_TERM_LISTS = ("diseases.txt", "words.txt")


def packaged_text(name: str) -> str:
    """The text of a file shipped in ``checks/lexicons/``."""
    data = resources.files("wagtail_gov_review.checks").joinpath("lexicons", name)
    return data.read_text(encoding="utf-8")


def _lines(path: str | Path) -> tuple[str, str]:
    """(category from the file name, text) for a packaged name or a filesystem path."""
    p = Path(path)
    if p.is_absolute() or p.exists():
        return p.name.split(".")[0].split("-")[0], p.read_text(encoding="utf-8")
    return str(path).split(".")[0].split("-")[0], packaged_text(str(path))


def parse_lexicon(text: str, category: str = "") -> Iterator[LexiconEntry]:
    """Entries of a lexicon text; a ``# category:`` header overrides ``category``."""
    raw_lines = text.splitlines()
    # Normalise the whole file at once (one OpenCC call instead of one per term); per line only
    # if that changed the line structure.
    normalised = normalize(text).text.splitlines()
    if len(normalised) != len(raw_lines):
        normalised = [normalize(line).text for line in raw_lines]
    for raw, norm_line in zip(raw_lines, normalised, strict=True):
        line = raw.strip("\ufeff\r\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("#"):
            m = _HEADER.match(line.strip())
            if m:
                category = m.group(1)
            continue
        term, *rest = [c.strip() for c in line.split("\t")]
        if not term:
            continue
        key = norm_line.strip("\ufeff\r\n").split("\t")[0].strip()
        if key:
            yield LexiconEntry(
                key,
                term,
                rest[0] if rest else "",
                rest[1] if len(rest) > 1 else "",
                category,
            )


def read_lexicon(path: str | Path) -> list[LexiconEntry]:
    """Entries of a packaged lexicon (by file name) or of a file at ``path``."""
    p = Path(path)
    if not (p.is_absolute() or p.exists()):
        return list(_packaged_entries(str(path)))
    category, text = _lines(path)
    return list(parse_lexicon(text, category))


@functools.cache
def _packaged_entries(name: str) -> tuple[LexiconEntry, ...]:
    """Shipped lexicons are read once per process, whatever the number of engines."""
    category, text = _lines(name)
    return tuple(parse_lexicon(text, category))


def packaged_lexicons() -> list[str]:
    """File names of the lexicons shipped in ``checks/lexicons/`` (term lists only)."""
    folder = resources.files("wagtail_gov_review.checks").joinpath("lexicons")
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name.endswith((".txt", ".tsv")) and p.name not in NOT_TERM_LISTS
    )

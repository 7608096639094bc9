"""``check_file``: the engine's findings for every segment of a file, each with its location."""

from __future__ import annotations

import dataclasses

from ..findings import Finding
from .limits import FileLimits
from .reader import read_segments
from .source import Source


def check_file(
    engine,
    source: Source,
    *,
    name: str,
    limits: FileLimits | None = None,
    ocr: bool = False,
) -> list[Finding]:
    """Findings of ``engine`` in the file; ``start``/``end`` index the segment's text and
    ``location`` says where the segment is (``{"file": name, "sheet": ..., "cell": ...}``).

    Raises :class:`FileRefused` for a file that is not read (size, format, encoding …).
    """
    findings: list[Finding] = []
    for segment in read_segments(source, name=name, limits=limits, ocr=ocr):
        location = {"file": name, **segment.location}
        findings.extend(
            dataclasses.replace(f, location=location) for f in engine.check(segment.text)
        )
    return findings

"""``check_file``: the engine's findings for every segment of a file, each with its location.

Checking thousands of short cells one call at a time costs the engine's per-call overhead each
time (≈10× slower than one long text on this machine), so segments are checked in batches:
joined with a run of blank lines, wider than any recognizer's context window (≤ 10 characters)
and a sentence end for the pipeline, so no match or context word reaches across two segments.
Findings are mapped back to their segment; one spanning a boundary cannot occur, and is dropped.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Sequence

from ..findings import Finding
from .limits import FileLimits
from .reader import read_segments
from .segments import Segment
from .source import Source

BOUNDARY = "\n" * 32
BATCH_CHARS = 200_000


def _batches(segments: Sequence[Segment]) -> Iterator[list[Segment]]:
    batch: list[Segment] = []
    size = 0
    for segment in segments:
        if batch and size + len(segment.text) > BATCH_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(segment)
        size += len(segment.text) + len(BOUNDARY)
    if batch:
        yield batch


def check_segments(engine, segments: Sequence[Segment], *, name: str) -> list[Finding]:
    """Findings of ``engine`` in ``segments``; offsets index each segment's text and
    ``location`` is ``{"file": name, **segment.location}``."""
    findings: list[Finding] = []
    for batch in _batches(segments):
        starts, pos = [], 0
        for segment in batch:
            starts.append(pos)
            pos += len(segment.text) + len(BOUNDARY)
        for f in engine.check(BOUNDARY.join(s.text for s in batch)):
            i = bisect.bisect_right(starts, f.start) - 1
            segment, base = batch[i], starts[i]
            if f.end > base + len(segment.text):
                continue
            findings.append(
                dataclasses.replace(
                    f,
                    start=f.start - base,
                    end=f.end - base,
                    location={"file": name, **segment.location},
                )
            )
    return findings


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
    segments = read_segments(source, name=name, limits=limits, ocr=ocr)
    return check_segments(engine, segments, name=name)

"""How people write long numbers: digit groups joined by one kind of separator.

An ID number may be written 6-8-4 (``110101 19900101 1237``), 4-4-4-6 or 4-4-4-4-2, with a
space, ``-``, ``.`` or ``/`` between groups (issue 16 point 4). Patterns accept any separator
between any digits; :func:`grouping` then tells the groups so a recognizer accepts only the
layouts people use, with the same separator throughout.
"""

from __future__ import annotations

import re

SEPARATORS = " .-/"
SEP = r"[ .\-/]"  # for patterns
# Not glued to a digit or letter. Which digit groups of a run form one number, and which letters
# before one are a label (Tel13800138000), is settled by ``Context.number_spans``; patterns are
# matched against those spans whole.
NOT_AFTER_NUMBER = r"(?<![0-9])"
NOT_BEFORE_NUMBER = r"(?![0-9A-Za-z])"

_SPLIT = re.compile(SEP)


def grouping(number: str) -> tuple[int, ...] | None:
    """Lengths of the digit groups of ``number``, or ``None`` when it mixes separators."""
    used = {ch for ch in number if ch in SEPARATORS}
    if len(used) > 1:
        return None
    return tuple(len(part) for part in _SPLIT.split(number))

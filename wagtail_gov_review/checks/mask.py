"""De-identification (脱敏): replace findings in a text, keeping what a reader needs.

Operators work like Presidio's anonymizer: per finding code choose ``mask`` (keep a few
characters, e.g. ``4301**********12`` or ``138****5678``), ``replace`` (a fixed value, the
finding's suggestion, or ``<code>``), ``redact`` (remove), ``hash`` (SHA-256) or ``keep``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

MASK_CHAR = "*"

# How many significant characters (digits/letters; separators are kept) stay visible.
KEEP: dict[str, tuple[int, int]] = {
    "pii.id_card": (4, 2),
    "pii.mobile": (3, 4),
    "pii.bank_card": (4, 4),
    "pii.social_security": (4, 2),
    "pii.health": (0, 0),
    "pii.passport": (1, 2),
    "pii.account": (4, 4),
    "pii.medical_record": (1, 2),
    "pii.landline": (4, 2),
    "pii.plate": (2, 1),
}

_ADMIN_ALL = re.compile(r"(?:自治区|特别行政区|省|自治州|地区|盟|市|区|县|旗)")


def mask_chars(text: str, keep_start: int, keep_end: int, char: str = MASK_CHAR) -> str:
    """Mask letters/digits/CJK of ``text`` except the first/last few; separators stay."""
    if text.isalnum():  # the usual number, written without separators: three slices
        n = len(text)
        if n <= keep_start + keep_end:
            keep_start, keep_end = min(keep_start, n // 3), min(keep_end, n // 3)
        return text[:keep_start] + char * (n - keep_start - keep_end) + text[n - keep_end :]
    sig = [i for i, ch in enumerate(text) if ch.isalnum()]
    if len(sig) <= keep_start + keep_end:
        keep_start, keep_end = min(keep_start, len(sig) // 3), min(keep_end, len(sig) // 3)
    hidden = set(sig[keep_start : len(sig) - keep_end])
    return "".join(char if i in hidden else ch for i, ch in enumerate(text))


def mask_mobile(text: str, char: str = MASK_CHAR) -> str:
    """``+86 138****5678``: the country code and the first 3 / last 4 digits stay."""
    if text.isdigit() and len(text) >= 11:  # written without separators: three slices
        return text[:-8] + char * 4 + text[-4:]
    digit_pos = [i for i, ch in enumerate(text) if ch.isdigit()]
    local = digit_pos[-11:]  # the 11 digits of the number itself
    hidden = set(local[3:7])
    return "".join(char if i in hidden else ch for i, ch in enumerate(text))


def mask_address(text: str, char: str = MASK_CHAR) -> str:
    """Keep the administrative divisions (province/city/district), hide street and number."""
    last = None
    for m in _ADMIN_ALL.finditer(text):
        if m.end() < len(text) and m.end() <= 12:
            last = m
    cut = last.end() if last else min(2, len(text))
    return text[:cut] + "".join(ch if ch.isspace() else char for ch in text[cut:])


def mask_email(text: str, char: str = MASK_CHAR) -> str:
    """``z*****@163.com``: the first character of the mailbox name and the domain stay."""
    local, at, domain = text.rpartition("@")
    if not at:
        return mask_chars(text, 1, 0, char)
    return local[:1] + char * max(len(local) - 1, 1) + at + domain


def default_mask(code: str, text: str, char: str = MASK_CHAR) -> str:
    """The masking that suits a code (used for suggestions and by the ``mask`` operator)."""
    if code == "pii.mobile":
        return mask_mobile(text, char)
    if code == "pii.email":
        return mask_email(text, char)
    if code == "pii.address":
        return mask_address(text, char)
    keep = KEEP.get(code, (1, 1))
    return mask_chars(text, *keep, char=char)


def stored_text(code: str, text: str, char: str = MASK_CHAR) -> str:
    """What may be kept of a finding's text: ``pii.*`` masked with the code's operator.

    Records, logs and messages outlive the page they describe; they keep this form (e.g.
    ``1101************14``), never the raw value. Other codes (a sensitive word, a broken link)
    are not personal and stay as found. Text that already holds the mask character is taken
    as stored already (masking it again would hide the digits that were meant to stay).
    """
    if not code.startswith("pii.") or char in text:
        return text
    return default_mask(code, text, char)


def _operator(code: str, operators: Mapping[str, Any] | None) -> dict[str, Any]:
    spec: Any = None
    if operators:
        spec = operators.get(code)
        if spec is None:
            prefix = code.split(".", 1)[0]
            spec = operators.get(prefix + ".*", operators.get("default"))
    if spec is None:
        spec = "mask" if code.startswith("pii.") else "keep"
    if isinstance(spec, str):
        spec = {"type": spec}
    spec = dict(spec)
    if spec.get("type") not in {"mask", "replace", "redact", "hash", "keep"}:
        raise ValueError(f"unknown operator {spec.get('type')!r} for {code!r}")
    return spec


def _apply(spec: dict[str, Any], finding: Any, text: str) -> str:
    kind = spec["type"]
    if kind == "mask":
        char = spec.get("masking_char", MASK_CHAR)
        if "keep_start" in spec or "keep_end" in spec:
            return mask_chars(text, spec.get("keep_start", 0), spec.get("keep_end", 0), char)
        return default_mask(finding.code, text, char)
    if kind == "replace":
        if "new_value" in spec:
            return str(spec["new_value"])
        if spec.get("use_suggestion") and finding.suggestion:
            return finding.suggestion
        return f"<{finding.code}>"
    if kind == "redact":
        return ""
    if kind == "hash":
        salt = str(spec.get("salt", ""))
        return hashlib.sha256((salt + text).encode("utf-8")).hexdigest()[: spec.get("length", 64)]
    return text


def mask(text: str, findings: Iterable[Any], operators: Mapping[str, Any] | None = None) -> str:
    """Return ``text`` with findings de-identified.

    ``operators`` maps a code (or ``"pii.*"``-style prefix, or ``"default"``) to an operator name
    or dict such as ``{"type": "replace", "new_value": "[已脱敏]"}``. Without one, ``pii.*``
    findings are masked and others kept. Overlapping findings are merged into one span handled
    by the operator of the first (longest) one. Raises ``ValueError`` if a finding's ``text`` is
    not ``text[start:end]`` (findings from another version of the text).
    """
    spans: list[tuple[int, int, dict[str, Any], Any]] = []
    for f in findings:
        if not (0 <= f.start <= f.end <= len(text)) or text[f.start : f.end] != f.text:
            raise ValueError(f"finding {f.code} [{f.start}:{f.end}] does not match the text")
        spec = _operator(f.code, operators)
        if spec["type"] != "keep" and f.end > f.start:
            spans.append((f.start, f.end, spec, f))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    merged: list[list[Any]] = []
    for start, end, spec, f in spans:
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end, spec, f])
    out: list[str] = []
    pos = 0
    for start, end, spec, f in merged:
        out.append(text[pos:start])
        out.append(_apply(spec, f, text[start:end]))
        pos = end
    out.append(text[pos:])
    return "".join(out)

"""django-q2 entry points: check a stored document or image file, OCR included."""

from __future__ import annotations

from ..engine import current_engine, engine_version
from .checking import stored_check
from .references import file_models


def check_stored_file(kind: str, pk: int) -> str:
    """Read and check one document/image file (``kind``: "document" or "image")."""
    obj = file_models()[kind].objects.filter(pk=pk).first()
    if obj is None or not obj.file:
        return f"{kind} {pk}: gone"
    row = stored_check(kind, obj, current_engine(), engine_version(), in_worker=True)
    return f"{kind} {pk}: {row.status}, {len(row.findings)} findings"

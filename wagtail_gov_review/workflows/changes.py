"""Which fields changed between two revisions of a page: recorded on resubmission (seed 000:
problems found in review are modified *and recorded*)."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from wagtail.models import Revision

from ..models.content_fields import IGNORED_KEYS


def previous_revision(revision: Revision) -> Revision | None:
    """The object's newest revision before ``revision``.

    Remembered on ``revision``: several receivers of one new revision ask for it (the date log,
    the edit-during-review record), and the revisions before it never change.
    """
    if not hasattr(revision, "_gov_previous_revision"):
        revision._gov_previous_revision = (
            Revision.objects.filter(
                base_content_type_id=revision.base_content_type_id,
                object_id=revision.object_id,
                pk__lt=revision.pk,
            )
            .order_by("-pk")
            .first()
        )
    return revision._gov_previous_revision


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def changed_fields(old: Revision, new: Revision) -> list[dict]:
    """``[{"field": name, "label": verbose name}, …]`` for every field whose stored value
    differs between ``old`` and ``new`` (in model field order)."""
    if old is None or new is None or old.pk == new.pk:
        return []
    before, after = old.content or {}, new.content or {}
    model = new.content_type.model_class() if new.content_type_id else None
    names = [key for key in after if key not in IGNORED_KEYS and not key.endswith("_ptr")]
    names += [key for key in before if key not in after and key not in IGNORED_KEYS]
    changes = []
    for name in names:
        if before.get(name) != after.get(name):
            label = _label(model, name) if model else name
            changes.append({"field": name, "label": label})
    return changes

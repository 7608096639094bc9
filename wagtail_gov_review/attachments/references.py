"""Which documents and images an item links or embeds, found the way Wagtail's usage index does.

Wagtail's reference index already knows every place a model can point at another object:
rich text (``<a linktype="document">``, ``<embed embedtype="image">``), StreamField blocks at any
depth (chooser blocks inside StructBlock/ListBlock), foreign keys and the ParentalKey children of
a page. It is used here on the page *in memory*, so a revision under review (``revision.as_object()``)
is read as it is, not as the last saved row.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import ReferenceIndex

DOCUMENT = "document"
IMAGE = "image"


@dataclass(frozen=True)
class AttachedFile:
    """One document or image an item references, with the paths of the fields that do."""

    kind: str  # DOCUMENT or IMAGE
    obj: models.Model
    fields: tuple[str, ...]


def file_models() -> dict[str, type[models.Model]]:
    """The site's document and image models (custom ones included)."""
    return {DOCUMENT: get_document_model(), IMAGE: get_image_model()}


def _references(obj) -> list[tuple[int, str, str, str]]:
    # A private classmethod, but the one place Wagtail walks rich text, StreamField and
    # relations for references; kept behind this function so a rename touches one line.
    return list(ReferenceIndex._extract_references_from_object(obj))


def attached_files(page) -> list[AttachedFile]:
    """Documents and images ``page`` references, documents first, each once, in id order."""
    kinds_by_type = {
        ContentType.objects.get_for_model(model).pk: (kind, model)
        for kind, model in file_models().items()
    }
    wanted: dict[tuple[str, str], list[str]] = {}
    for content_type_id, object_id, _model_path, content_path in _references(page):
        if content_type_id in kinds_by_type:
            kind = kinds_by_type[content_type_id][0]
            wanted.setdefault((kind, object_id), []).append(content_path)
    found = []
    for kind, model in file_models().items():
        ids = [object_id for (k, object_id) in wanted if k == kind]
        valid = [object_id for object_id in ids if object_id.isdigit()]
        for obj in model.objects.filter(pk__in=valid).order_by("pk"):
            found.append(AttachedFile(kind, obj, tuple(wanted[(kind, str(obj.pk))])))
    return found

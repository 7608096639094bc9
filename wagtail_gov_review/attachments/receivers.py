"""Check a document or image as soon as it is uploaded or changed, in the django-q2 worker.

The edit view then shows the report without waiting, and OCR runs before anyone publishes.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from ..conf import gov_review_settings
from .checking import queue_check
from .references import file_models


def _queue_on_save(kind: str):
    def receiver(sender, instance, **kwargs) -> None:
        if gov_review_settings.ATTACHMENTS["ENABLED"] and instance.file:
            queue_check(kind, instance)

    return receiver


_receivers = {kind: _queue_on_save(kind) for kind in file_models()}
for _kind, _model in file_models().items():
    post_save.connect(_receivers[_kind], sender=_model, dispatch_uid=f"gov_review_check_{_kind}")

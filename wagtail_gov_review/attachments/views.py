"""The one admin endpoint of attachments: make a document's masked copy (POST only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.documents import get_document_model

from .deidentify import DeidentifyDocumentAction, DeidentifyError


@require_POST
def deidentify_document(request, document_id: int):
    document = get_object_or_404(get_document_model(), pk=document_id)
    action = DeidentifyDocumentAction(document, request.user)
    try:
        copy = action.execute()
    except PermissionDenied:
        raise
    except DeidentifyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _(
                "%(count)d item(s) of personal data were masked; the document now serves the "
                "masked copy. The original file is kept as %(original)s."
            )
            % {"count": copy.masked_count, "original": copy.original_file},
        )
    return redirect(reverse("wagtaildocs:edit", args=[document.pk]))

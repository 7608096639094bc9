"""Admin hooks of attachments: the masked-copy endpoint and its log action.

The report itself is rendered into Wagtail's document and image edit views by the templates
``wagtaildocs/documents/edit.html`` and ``wagtailimages/images/edit.html`` that this app
overrides (each extends Wagtail's own and adds to its ``stats`` block).
"""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .deidentify import LOG_ACTION
from .views import deidentify_document


@hooks.register("register_admin_urls")
def attachment_urls():
    return [
        path(
            "gov-review/documents/<int:document_id>/deidentify/",
            deidentify_document,
            name="gov_review_deidentify_document",
        ),
    ]


@hooks.register("register_log_actions")
def attachment_log_actions(actions):
    actions.register_action(
        LOG_ACTION, _("De-identify a document"), _("Document de-identified (masked copy)")
    )

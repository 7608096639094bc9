"""Admin hooks of the editor experience: endpoints, the ``gov_review.mask`` log action, assets.

The report itself is rendered into Wagtail's checks side panel by the template
``wagtailadmin/shared/side_panels/checks.html`` that this app overrides (it extends Wagtail's
own and fills the ``issues_section`` block); see docs/editor.md.
"""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from ..redaction import ARCHIVE_MASKED_ACTION
from .masking import LOG_ACTION, SUGGESTION_LOG_ACTION
from .views import EditorCheckView, MaskView, SuggestionView


@hooks.register("register_admin_urls")
def editor_urls():
    return [
        path(
            "gov-review/editor/<int:page_id>/check/",
            EditorCheckView.as_view(),
            name="gov_review_editor_check",
        ),
        path(
            "gov-review/editor/<int:page_id>/mask/",
            MaskView.as_view(),
            name="gov_review_editor_mask",
        ),
        path(
            "gov-review/editor/<int:page_id>/suggest/",
            SuggestionView.as_view(),
            name="gov_review_editor_suggest",
        ),
    ]


@hooks.register("register_log_actions")
def editor_log_actions(actions):
    actions.register_action(
        LOG_ACTION, _("De-identify personal data"), _("Personal data de-identified")
    )
    actions.register_action(
        SUGGESTION_LOG_ACTION, _("Adopt suggestions"), _("Proofreading suggestions adopted")
    )
    actions.register_action(
        ARCHIVE_MASKED_ACTION,
        _("Mask personal data in the archive"),
        _("Personal data masked in the archive"),
    )


@hooks.register("insert_editor_js")
def editor_assets():
    return format_html(
        '<link rel="stylesheet" href="{}"><script src="{}" defer></script>',
        static("wagtail_gov_review/editor/editor.css"),
        static("wagtail_gov_review/editor/editor.js"),
    )

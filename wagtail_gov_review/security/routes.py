"""The one table of admin URL patterns that take an object id, and how each is unit-scoped.

``UnitScopeMiddleware`` looks every admin request up here by its view name
(``namespace:name``); ``tests/test_security_routes.py`` compares the table with the live URL
conf, so a route Wagtail (or a feature of this plugin) adds without a line here fails the
test, and ``docs/security.md`` shows the table as ``manage.py gov_review_scope_table``
generates it. A scoped user opening an admin route with ids that is *not* listed here is
refused (fail closed).

To add a route: put its view name under the rule that fits (or a new rule in
``route_rules``), run the command with ``--write docs/security.md``.
"""

from __future__ import annotations

from .route_rules import (
    COLLECTION,
    GLOBAL,
    NO_OBJECT,
    OWNER,
    PUBLIC,
    AnyModelObject,
    ApiPageAction,
    NotScoped,
    PageAndRevisions,
    PageAndWorkflowObject,
    Pages,
    RowOfPage,
    RowOfUnit,
    Rule,
)

APP = "wagtail_gov_review"

# The plugin's models whose rows belong to a page or a unit (viewset routes and the generic
# <app_label>/<model_name>/<id> routes share these rules).
REVIEW_RECORD = RowOfPage(f"{APP}.ReviewRecord", ("page_id", "page_id_snapshot"))
POST_PUBLISH_REVIEW = RowOfPage(f"{APP}.PostPublishReview")
PUBLISH_DATE_CHANGE = RowOfPage(f"{APP}.PublishDateChange", ("page_id", "page_id_snapshot"))
COLUMN = RowOfUnit(f"{APP}.Column")
COLUMN_CHANGE_REQUEST = RowOfUnit(f"{APP}.ColumnChangeRequest")
ACCOUNT_REQUEST = RowOfUnit(f"{APP}.AccountRequest")
OFFICER_CHANGE = RowOfUnit(f"{APP}.InformationOfficerChange")
UNIT = RowOfUnit(f"{APP}.Unit", unit_field="id")  # a unit is its own unit
UNIT_MEMBERSHIP = RowOfUnit(f"{APP}.UnitMembership")

ROW_RULES: tuple[tuple[str, Rule], ...] = (
    (REVIEW_RECORD.model, REVIEW_RECORD),
    (POST_PUBLISH_REVIEW.model, POST_PUBLISH_REVIEW),
    (PUBLISH_DATE_CHANGE.model, PUBLISH_DATE_CHANGE),
    (COLUMN.model, COLUMN),
    (COLUMN_CHANGE_REQUEST.model, COLUMN_CHANGE_REQUEST),
    (ACCOUNT_REQUEST.model, ACCOUNT_REQUEST),
    (OFFICER_CHANGE.model, OFFICER_CHANGE),
    (UNIT.model, UNIT),
    (UNIT_MEMBERSHIP.model, UNIT_MEMBERSHIP),
)

# Routes of a ModelViewSet / SnippetViewSet that take the object's ``pk``.
VIEWSET_ROUTES = ("edit", "delete", "history", "history_results", "usage", "copy")


def viewset(namespace: str, *names: str) -> list[str]:
    return [f"{namespace}:{name}" for name in names]


SITE_CONFIGURATION = NotScoped(
    GLOBAL,
    "site-wide configuration (lexicon, checklists, stage assignments, workflows, sites, users, "
    "groups, collections, redirects): Wagtail's model permissions, given to site administrators",
)
SECURITY_LOG = NotScoped(
    GLOBAL, "security log: account administrators only (`view_securityevent`), append-only"
)
BY_COLLECTION = NotScoped(
    COLLECTION,
    "document / image: Wagtail's collection permissions (give each unit's group its own "
    "collection); not tied to a page's unit",
)
OWN_UPLOAD = NotScoped(OWNER, "the user's own upload or editing session: Wagtail filters by user")
NO_ID = NotScoped(NO_OBJECT, "no object id: a model name, action, format or filter")
BULK = NotScoped(
    NO_OBJECT,
    "no object id in the path; the selected pages (`?id=`) and the move destination are "
    "checked by the `before_bulk_action` hook",
)
PASSWORD_RESET = NotScoped(GLOBAL, "password reset token: no session, no unit")
PUBLIC_SITE = NotScoped(
    PUBLIC, "public site, not the admin: Wagtail's privacy settings and `live` decide"
)

PAGE_ID = Pages(("page_id",))
PARENT_PAGE_ID = Pages(("parent_page_id",))

ROUTE_SCOPES: dict[str, Rule] = {}


def register(rule: Rule, *view_names: str) -> None:
    for name in view_names:
        if name in ROUTE_SCOPES:
            raise ValueError(f"{name} is already classified")
        ROUTE_SCOPES[name] = rule


# Wagtail's page views.
register(
    PAGE_ID,
    *viewset(
        "wagtailadmin_pages",
        "usage",
        "edit",
        "preview_on_edit",
        "view_draft",
        "delete",
        "unpublish",
        "convert_alias",
        "copy",
        "confirm_workflow_cancellation",
        "set_privacy",
        "lock",
        "unlock",
        "revisions_index",
        "workflow_history",
        "history",
        "history_results",
    ),
)
register(Pages(("page_id",)), "wagtailadmin_pages:workflow_preview")  # task_id: a definition
register(PARENT_PAGE_ID, "wagtailadmin_pages:add", "wagtailadmin_pages:preview_on_add")
register(PARENT_PAGE_ID, "wagtailadmin_pages:add_subpage")
register(Pages(("page_to_move_id",)), "wagtailadmin_pages:move")
register(Pages(("page_to_move_id",)), "wagtailadmin_pages:set_page_position")
register(Pages(("page_to_move_id", "destination_id")), "wagtailadmin_pages:move_confirm")
register(
    Pages(("parent_page_id",), navigable=True),
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
)
register(
    PageAndRevisions("page_id", ("revision_id",)),
    *viewset("wagtailadmin_pages", "revisions_view", "revisions_revert", "revisions_unschedule"),
)
register(
    PageAndRevisions("pk", ("revision_id_a", "revision_id_b")),
    "wagtailadmin_pages:revisions_compare",
)
register(
    PageAndWorkflowObject("page_id", "task_state_id", "task state"),
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
)
register(
    PageAndWorkflowObject("page_id", "workflow_state_id", "workflow state"),
    "wagtailadmin_pages:workflow_history_detail",
)
register(Pages(("page_pk",)), "wagtailadmin_workflows:remove")  # workflow_pk: a definition
register(PAGE_ID, *viewset("wagtailforms", "list_submissions", "list_submissions_results"))
register(PAGE_ID, "wagtailforms:delete_submissions")

# The admin API (explorer, page actions).
register(Pages(("pk",), navigable=True), "wagtailadmin_api:pages:detail")
register(ApiPageAction(), "wagtailadmin_api:pages:action")
register(BY_COLLECTION, "wagtailadmin_api:documents:detail", "wagtailadmin_api:images:detail")

# Editing sessions: any model with an editor.
register(AnyModelObject(row_rules=ROW_RULES), "wagtailadmin_editing_sessions:ping")
register(OWN_UPLOAD, "wagtailadmin_editing_sessions:release")

# The plugin's own page views.
register(PAGE_ID, "gov_review_editor_check", "gov_review_editor_mask", "gov_review_editor_suggest")
register(PAGE_ID, "wagtail_gov_review_forms:page_form", "gov_review_monitoring:withdraw")
register(NO_ID, "gov_review_monitoring:run")

# The plugin's archive and request viewsets.
ROW_VIEWSETS = {
    "gov_review_records": (REVIEW_RECORD, ("inspect",)),
    "gov_review_post_publish_reviews": (POST_PUBLISH_REVIEW, ("inspect",)),
    "gov_review_publish_date_changes": (PUBLISH_DATE_CHANGE, ("inspect",)),
    "gov_review_columns": (COLUMN, ("inspect",)),
    "gov_review_column_requests": (COLUMN_CHANGE_REQUEST, ("inspect", "sheet", "decide")),
    "gov_review_account_requests": (ACCOUNT_REQUEST, ("inspect", "sheet", "decide")),
    "gov_review_officer_changes": (OFFICER_CHANGE, ("inspect", "sheet", "file")),
}
for namespace, (rule, extra) in ROW_VIEWSETS.items():
    register(rule, *viewset(namespace, *VIEWSET_ROUTES, *extra))
register(SECURITY_LOG, "gov_review_security_log:inspect")
# Units and their staff (unit_admin.py; no copy view).
register(UNIT, *viewset("gov_review_units", *VIEWSET_ROUTES[:-1], "inspect"))
register(UNIT_MEMBERSHIP, *viewset("gov_review_unit_memberships", *VIEWSET_ROUTES[:-1], "inspect"))

# Site-wide configuration: snippets of the plugin, Wagtail's settings screens.
for model in ("term", "checklistitem", "columnstageassignment", "leader"):
    register(SITE_CONFIGURATION, *viewset(f"wagtailsnippets_{APP}_{model}", *VIEWSET_ROUTES))
    register(SITE_CONFIGURATION, f"wagtailsnippetchoosers_{APP}_{model}:chosen")
for namespace in ("wagtailsites", "wagtailusers_users"):
    register(SITE_CONFIGURATION, *viewset(namespace, *VIEWSET_ROUTES))
register(SITE_CONFIGURATION, *viewset("wagtailusers_groups", *VIEWSET_ROUTES[:-1]))
# Site settings (the demo's footer identifiers …): the site id, site-wide configuration.
register(SITE_CONFIGURATION, "wagtailsettings:edit", "wagtailsettings:preview_on_edit")
register(
    SITE_CONFIGURATION,
    *viewset("wagtailadmin_collections", "edit", "delete", "set_privacy"),
    *viewset("wagtailadmin_workflows", "enable", "disable", "edit", "usage", "usage_results"),
    *viewset("wagtailadmin_workflows", "edit_task", "disable_task", "enable_task"),
    "wagtailadmin_workflows:task_chosen",
    *viewset("wagtailredirects", "edit", "delete"),
)

# Documents and images.
register(
    BY_COLLECTION,
    *viewset("wagtaildocs", "edit", "delete", "edit_multiple", "delete_multiple"),
    "wagtaildocs:document_usage",
    "gov_review_deidentify_document",  # also checks Wagtail's change permission on it
    "wagtaildocs_chooser:chosen",
    *viewset("wagtailimages", "edit", "delete", "url_generator", "url_generator_output"),
    *viewset("wagtailimages", "preview", "image_usage", "edit_multiple", "delete_multiple"),
    "wagtailimages_chooser:chosen",
    "wagtailimages_chooser:select_format",
)
register(
    OWN_UPLOAD,
    "wagtaildocs:create_multiple_from_uploaded_document",
    "wagtaildocs:delete_upload_multiple",
    "wagtailimages:create_multiple_from_uploaded_image",
    "wagtailimages:delete_upload_multiple",
)

# Routes whose arguments name a model, an action or a format, not an object.
register(
    NO_ID,
    "wagtailadmin_pages:type_use",
    "wagtailadmin_pages:type_use_results",
    "wagtailadmin_pages:choose_parent",
    "wagtailadmin_tag_model_autocomplete",
    "wagtailadmin_workflows:add_task",
)
register(BULK, "wagtail_bulk_action")
register(PASSWORD_RESET, "wagtailadmin_password_reset_confirm")

# Outside the admin.
register(
    PUBLIC_SITE,
    "wagtaildocs_serve",
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "wagtail_serve",
)


def rule_for(view_name: str) -> Rule | None:
    """The scope rule of a resolved route (``ResolverMatch.view_name``), None if unclassified."""
    return ROUTE_SCOPES.get(view_name)

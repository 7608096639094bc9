"""How the ids in an admin URL lead to the pages (or units) that decide its scope.

Each rule reads the resolved URL's kwargs (and, for the admin API, the request body) and
answers with a ``Targets``: the pages that must be in the user's scope, the units that must
be the user's, and whether an id in the URL belongs to another page than the one the URL
names (a task state of another unit's item next to one's own page id, for instance).
``security.routes`` assigns one rule to every admin URL pattern that takes an id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.models import Page, Revision, TaskState, WorkflowState, get_default_page_content_type

# How a rule is listed in docs/security.md: the rule decides (page, unit) or deliberately
# does not (the others say why in their reason).
PAGE = "page"
UNIT = "unit"
COLLECTION = "collection"
OWNER = "own objects"
GLOBAL = "global"
NO_OBJECT = "no object id"
PUBLIC = "public site"


@dataclass
class Targets:
    """What a request's ids resolve to."""

    page_ids: list[int] = field(default_factory=list)
    # Pages found through another row (a record's page): missing ones are refused too.
    derived_page_ids: list[int] = field(default_factory=list)
    unit_ids: list[int | None] = field(default_factory=list)
    navigable: bool = False
    mismatch: bool = False


def as_id(value) -> int | None:
    """A URL value as a positive integer id, read as Django reads a pk (``int()``), or None.

    Wagtail's generic views unquote object ids first (``_31`` is "1"): so do we.
    """
    if isinstance(value, str):
        value = unquote(value)
    try:
        number = Page._meta.pk.to_python(value)
    except ValidationError:
        return None
    return number if number is not None and number > 0 else None


class Rule:
    """Base: ``category`` and ``describe()`` for the table, ``targets()`` for the check."""

    category = GLOBAL

    def targets(self, request: HttpRequest, kwargs: dict) -> Targets:
        return Targets()

    def describe(self) -> str:
        raise NotImplementedError


@dataclass(frozen=True)
class NotScoped(Rule):
    """Deliberately not unit-scoped; ``reason`` says why (shown in the table)."""

    kind: str  # COLLECTION, OWNER, GLOBAL, NO_OBJECT or PUBLIC
    reason: str

    @property
    def category(self) -> str:
        return self.kind

    def describe(self) -> str:
        return self.reason


@dataclass(frozen=True)
class Pages(Rule):
    """The kwargs are page ids; ``navigable`` for listings that may show an ancestor."""

    kwargs: tuple[str, ...]
    navigable: bool = False
    category = PAGE

    def targets(self, request, kwargs):
        ids = [as_id(kwargs[name]) for name in self.kwargs if name in kwargs]
        return Targets(page_ids=[i for i in ids if i], navigable=self.navigable)

    def describe(self) -> str:
        names = ", ".join(f"`{name}`" for name in self.kwargs)
        if self.navigable:
            return f"page {names}: own pages and the ancestors leading to them (listing)"
        return f"page {names}"


@dataclass(frozen=True)
class PageAndRevisions(Rule):
    """A page id and revision ids: each revision must be one of that page's."""

    page_kwarg: str
    revision_kwargs: tuple[str, ...]
    category = PAGE

    def targets(self, request, kwargs):
        page_id = as_id(kwargs.get(self.page_kwarg))
        found = Targets(page_ids=[page_id] if page_id else [])
        ids = {as_id(kwargs.get(name)) for name in self.revision_kwargs} - {None}
        if page_id and ids:  # "live", "earliest", "latest" name no revision
            found.mismatch = (
                Revision.page_revisions.filter(pk__in=ids).exclude(object_id=str(page_id)).exists()
            )
        return found

    def describe(self) -> str:
        revisions = ", ".join(f"`{name}`" for name in self.revision_kwargs)
        return f"page `{self.page_kwarg}`; {revisions} must be revisions of that page"


@dataclass(frozen=True)
class PageAndWorkflowObject(Rule):
    """A page id and a task state or workflow state id, which must belong to that page."""

    page_kwarg: str
    state_kwarg: str
    state: str  # "task state" or "workflow state"
    category = PAGE

    def targets(self, request, kwargs):
        page_id = as_id(kwargs.get(self.page_kwarg))
        found = Targets(page_ids=[page_id] if page_id else [])
        state_id = as_id(kwargs.get(self.state_kwarg))
        if page_id is None or state_id is None:
            return found
        if self.state == "task state":
            prefix = "workflow_state__"
            rows = TaskState.objects.filter(pk=state_id)
        else:
            prefix = ""
            rows = WorkflowState.objects.filter(pk=state_id)
        row = rows.values_list(f"{prefix}base_content_type_id", f"{prefix}object_id").first()
        if row is not None:
            found.mismatch = row != (get_default_page_content_type().pk, str(page_id))
        return found

    def describe(self) -> str:
        path = "task state → workflow state → page" if self.state == "task state" else "→ page"
        return (
            f"page `{self.page_kwarg}`; {self.state} `{self.state_kwarg}` ({path}) "
            "must belong to that page"
        )


# The admin API's page actions that take a page id from the body (Wagtail's serializers).
API_BODY_PAGE_FIELDS = {
    "move": "destination_page_id",
    "copy": "destination_page_id",
    "create_alias": "destination_page_id",
}
CHILD_POSITIONS = {"first-child", "last-child", "sorted-child"}


def request_data(request: HttpRequest) -> dict:
    """The body of an admin API call as DRF would read it: JSON, else form fields."""
    if request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"{}")
        except ValueError:  # DRF answers 400 itself
            return {}
        return data if isinstance(data, dict) else {}
    return request.POST.dict()


def api_action_data(request: HttpRequest, action_name: str) -> dict:
    """The body as the action itself will read it: its own DRF serializer validates it, so
    ``"12"``, ``12.0`` and ``"12.0"`` all give 12 here exactly as they do in the action."""
    action_class = PagesAdminAPIViewSet.actions.get(action_name)
    if action_class is None:
        return {}
    serializer = action_class.serializer(data=request_data(request))
    return dict(serializer.validated_data) if serializer.is_valid() else {}  # else: a 400


@dataclass(frozen=True)
class ApiPageAction(Rule):
    """The admin API's page actions: the page ``pk`` and the destination in the body.

    A move with a sibling position (or none) lands under the destination's *parent*
    (``MovePageAction``), so that parent must be in scope as well; a copy without a
    destination goes under the page's own parent.
    """

    category = PAGE

    def targets(self, request, kwargs):
        page_id = as_id(kwargs.get("pk"))
        found = Targets(page_ids=[page_id] if page_id else [])
        action = kwargs.get("action_name")
        if page_id is None or request.method != "POST":
            return found
        data = api_action_data(request, action)
        revision_id = data.get("revision_id") if action == "revert_to_page_revision" else None
        if revision_id:
            found.mismatch = (
                Revision.page_revisions.filter(pk=revision_id)
                .exclude(object_id=str(page_id))
                .exists()
            )
        field_name = API_BODY_PAGE_FIELDS.get(action)
        destination = data.get(field_name) if field_name else None
        if destination:
            found.page_ids.append(destination)
            if action == "move" and data.get("position") not in CHILD_POSITIONS:
                found.page_ids += _parent_ids([destination])
        elif action == "copy":
            found.page_ids += _parent_ids([page_id])
        return found

    def describe(self) -> str:
        return (
            "page `pk`; for move / copy / create_alias also the body's "
            "`destination_page_id` (and its parent for a sibling move), for "
            "revert_to_page_revision the body's `revision_id` must be a revision of the page"
        )


def _parent_ids(page_ids: list[int]) -> list[int]:
    """The parents of the given pages (one query)."""
    steplen = Page.steplen
    paths = Page.objects.filter(pk__in=page_ids).values_list("path", flat=True)
    parents = [path[:-steplen] for path in paths if len(path) > steplen]
    return list(Page.objects.filter(path__in=parents).values_list("pk", flat=True))


def _row(model_label: str, object_id, fields: tuple[str, ...]) -> tuple | None:
    """``fields`` of the row ``object_id`` of ``model_label``; None for no such row or id."""
    pk = as_id(object_id)
    if pk is None:
        return None
    model = apps.get_model(model_label)
    return model._default_manager.filter(pk=pk).values_list(*fields).first()


@dataclass(frozen=True)
class RowOfPage(Rule):
    """A row of a plugin model that points at a page (review records, post-publish checks):
    the row's page must be in scope; a row whose page is gone stays with the central units."""

    model: str  # "app_label.ModelName"
    page_fields: tuple[str, ...] = ("page_id",)
    kwarg: str = "pk"
    category = PAGE

    def targets(self, request, kwargs):
        return self.targets_for(kwargs.get(self.kwarg))

    def targets_for(self, object_id) -> Targets:
        row = _row(self.model, object_id, self.page_fields)
        if row is None:
            return Targets()  # the view answers 404
        page_id = next((value for value in row if value), None)
        return Targets(derived_page_ids=[page_id] if page_id else [0])

    def describe(self) -> str:
        fields = " or ".join(f"`{name}`" for name in self.page_fields)
        return f"{self.model} `{self.kwarg}` → its page ({fields})"


@dataclass(frozen=True)
class RowOfUnit(Rule):
    """A row of a plugin model owned by a unit (requests, officer register, columns)."""

    model: str
    unit_field: str = "unit_id"
    kwarg: str = "pk"
    category = UNIT

    def targets(self, request, kwargs):
        return self.targets_for(kwargs.get(self.kwarg))

    def targets_for(self, object_id) -> Targets:
        row = _row(self.model, object_id, (self.unit_field,))
        return Targets(unit_ids=list(row or ()))

    def describe(self) -> str:
        return f"{self.model} `{self.kwarg}` → its unit (`{self.unit_field}`) must be the user's"


@dataclass(frozen=True)
class AnyModelObject(Rule):
    """Generic ``<app_label>/<model_name>/<object_id>`` routes (editing sessions): a page
    model's id is a page id, a plugin model with a row rule uses it, anything else (snippets
    such as the term lexicon) is site-wide configuration."""

    object_kwarg: str = "object_id"
    row_rules: tuple[tuple[str, Rule], ...] = ()
    category = PAGE

    def targets(self, request, kwargs):
        try:
            model: type[Model] = apps.get_model(kwargs.get("app_label"), kwargs.get("model_name"))
        except (LookupError, ValueError, TypeError):
            return Targets()  # the view answers 404
        if issubclass(model, Page):
            page_id = as_id(kwargs.get(self.object_kwarg))
            return Targets(page_ids=[page_id] if page_id else [])
        for label, rule in self.row_rules:
            if model._meta.label_lower == label.lower():
                return rule.targets_for(kwargs.get(self.object_kwarg))
        return Targets()

    def describe(self) -> str:
        return (
            f"model from `app_label`/`model_name`: a page model's `{self.object_kwarg}` is a page "
            "id; the plugin's models by their row rule; snippets are site-wide configuration"
        )

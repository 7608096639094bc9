"""One-click fixes of findings in the latest draft: de-identification (脱敏) of personal data
and adopting the engine's suggestions (采用建议: typos, outdated names, punctuation …).

Shaped like Wagtail's actions: ``MaskFindingsAction(page, user=…, revision_id=…, keys=…)``;
``check()`` raises a ``MaskError`` subclass saying why not; ``execute()`` rewrites the stored
values (``paths.apply_replacements``) and saves a *new* revision, so the draft it started from
stays in the page history, then logs ``gov_review.mask`` (or ``gov_review.apply_suggestion``).
``ApplySuggestionsAction`` is the same action with another choice of findings and replacement.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from ..checks import mask
from ..content import page_texts
from ..scanning import CheckReport, FieldFinding, check_page
from .access import can_edit_item, locked_for
from .paths import PathError, ReplacementError, apply_replacements
from .report import finding_key, has_suggestion, is_maskable

LOG_ACTION = "gov_review.mask"
SUGGESTION_LOG_ACTION = "gov_review.apply_suggestion"
ALL_PII = "pii"
ALL_SUGGESTIONS = "suggestions"
# Context taken around a suggestion's span until the string is unique in its text: stored
# values are rewritten by string, and "," → "，" must change one comma, not every one.
MAX_SUGGESTION_CONTEXT = 16


class MaskError(Exception):
    """De-identification cannot be done; the message says why, for the editor."""

    status = 400


class MaskPermissionError(MaskError, PermissionDenied):
    status = 403


class StaleDraftError(MaskError):
    """The draft or the findings changed since the report the user acted on."""

    status = 409


class InvalidResultError(MaskError):
    """The masked page would not be valid; nothing was saved."""


def _spans(text_findings: list) -> list[tuple[int, int, list]]:
    """Merge overlapping findings of one text like ``checks.mask`` does."""
    merged: list[tuple[int, int, list]] = []
    for f in sorted(text_findings, key=lambda f: (f.start, -(f.end - f.start))):
        if merged and f.start < merged[-1][1]:
            start, end, group = merged[-1]
            merged[-1] = (start, max(end, f.end), [*group, f])
        else:
            merged.append((f.start, f.end, [f]))
    return merged


def replacements_for(texts: dict[str, str], selected: Iterable[FieldFinding]):
    """``{path: [(old, new), …]}``: the offending strings and what ``checks.mask`` makes of them."""
    by_path: dict[str, list] = defaultdict(list)
    for item in selected:
        by_path[item.field].append(item.finding)
    result: dict[str, list[tuple[str, str]]] = {}
    for path, findings in by_path.items():
        text = texts[path]
        pairs: list[tuple[str, str]] = []
        for start, end, group in _spans(findings):
            old = text[start:end]
            shifted = [
                dataclasses.replace(f, start=f.start - start, end=f.end - start) for f in group
            ]
            new = mask(old, shifted)
            if new != old and (old, new) not in pairs:
                pairs.append((old, new))
        # Longer strings first, so a short one inside a long one cannot break the long one.
        pairs.sort(key=lambda pair: -len(pair[0]))
        result[path] = pairs
    return result


def _unique_context(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen ``[start, end)`` within its line until the string occurs once in ``text``."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    for grow in range(MAX_SUGGESTION_CONTEXT + 1):
        left, right = max(line_start, start - grow), min(line_end, end + grow)
        if text.count(text[left:right]) == 1:
            break
    return left, right


def suggestion_replacements_for(texts: dict[str, str], selected: Iterable[FieldFinding]):
    """``{path: [(old, new), …]}`` replacing each chosen finding's text by its suggestion.

    Overlapping findings are one change: the longest one with a suggestion is applied.
    """
    by_path: dict[str, list] = defaultdict(list)
    for item in selected:
        by_path[item.field].append(item.finding)
    result: dict[str, list[tuple[str, str]]] = {}
    for path, findings in by_path.items():
        text = texts[path]
        pairs: list[tuple[str, str]] = []
        for _start, _end, group in _spans(findings):
            finding = max(group, key=lambda f: f.end - f.start)
            left, right = _unique_context(text, finding.start, finding.end)
            old = text[left:right]
            new = text[left : finding.start] + finding.suggestion + text[finding.end : right]
            if new != old and (old, new) not in pairs:
                pairs.append((old, new))
        pairs.sort(key=lambda pair: -len(pair[0]))
        result[path] = pairs
    return result


class MaskFindingsAction:
    """Mask the chosen personal-data findings (or all of them) of the page's latest draft."""

    log_action = LOG_ACTION

    @staticmethod
    def eligible(item: FieldFinding) -> bool:
        return is_maskable(item)

    @staticmethod
    def plan(texts: dict[str, str], selected: list[FieldFinding]):
        return replacements_for(texts, selected)

    @staticmethod
    def nothing_to_do_message() -> str:
        return _("The draft has no personal data to de-identify.")

    @staticmethod
    def not_eligible_message(item: FieldFinding) -> str:
        return _("“%(text)s” is not personal data; change it in the editor.") % {
            "text": item.finding.text
        }

    def __init__(
        self,
        page: Page,
        *,
        user,
        revision_id: int | None,
        keys: Iterable[str] = (),
        mask_all: bool = False,
    ) -> None:
        self.page = page.specific
        self.user = user
        self.revision_id = revision_id
        self.keys = list(dict.fromkeys(keys))
        self.mask_all = mask_all
        self.draft = None
        self.report: CheckReport | None = None
        self.selected: list[FieldFinding] = []

    def check(self) -> None:
        """Raise a ``MaskError`` unless the user may edit the page and the findings still hold."""
        if not can_edit_item(self.page, self.user):
            raise MaskPermissionError(_("You cannot edit this page."))
        if locked_for(self.page, self.user):
            raise MaskPermissionError(_("The page is locked; it cannot be changed now."))
        if not self.keys and not self.mask_all:
            raise MaskError(_("Choose the findings to de-identify."))
        if self.revision_id is None:
            raise MaskError(_("The request does not say which draft it was made for."))
        if self.page.latest_revision_id != self.revision_id:
            raise StaleDraftError(
                _("The draft has changed since this report was made; reload the page and retry.")
            )
        self.draft = self.page.get_latest_revision_as_object()
        self.report = check_page(self.draft)
        current = {finding_key(item): item for item in self.report.findings}
        if self.mask_all:
            self.selected = [item for item in self.report.findings if self.eligible(item)]
            if not self.selected:
                raise MaskError(self.nothing_to_do_message())
        else:
            for key in self.keys:
                item = current.get(key)
                if item is None:
                    raise StaleDraftError(
                        _(
                            "The finding “%(key)s” is not in the current draft; reload the page "
                            "to see the current report."
                        )
                        % {"key": key}
                    )
                if not self.eligible(item):
                    raise MaskError(self.not_eligible_message(item))
                self.selected.append(item)

    def execute(self):
        """Check, rewrite the draft and save it as a new revision; return that revision."""
        with transaction.atomic():
            # Serialise concurrent masks of one page (a no-op on SQLite, which locks anyway).
            self.page = Page.objects.select_for_update().get(pk=self.page.pk).specific
            self.check()
            draft = self.draft
            texts = {item.field: item.text for item in page_texts(draft)}
            plan = self.plan(texts, self.selected)
            try:
                for path, pairs in plan.items():
                    apply_replacements(draft, path, pairs)
            except (PathError, ReplacementError) as error:
                raise MaskError(str(error)) from error
            try:
                revision = draft.save_revision(user=self.user, log_action=False, clean=True)
            except ValidationError as error:
                raise InvalidResultError(
                    _("The masked page would not be valid (%(error)s); nothing was saved.")
                    % {"error": "; ".join(error.messages)}
                ) from error
            self._log(revision, plan)
        return revision

    def _log(self, revision, plan) -> None:
        log(
            instance=self.page,
            action=self.log_action,
            user=self.user,
            revision=revision,
            data={
                "previous_revision_id": self.revision_id,
                "findings": [
                    {"field": item.field, "code": item.finding.code} for item in self.selected
                ],
                "fields": sorted(plan),
            },
        )


class ApplySuggestionsAction(MaskFindingsAction):
    """Replace the chosen findings' text (or every finding's) by the engine's suggestion."""

    log_action = SUGGESTION_LOG_ACTION

    @staticmethod
    def eligible(item: FieldFinding) -> bool:
        return has_suggestion(item)

    @staticmethod
    def plan(texts: dict[str, str], selected: list[FieldFinding]):
        return suggestion_replacements_for(texts, selected)

    @staticmethod
    def nothing_to_do_message() -> str:
        return _("The draft has no suggestion to adopt.")

    @staticmethod
    def not_eligible_message(item: FieldFinding) -> str:
        return _("“%(text)s” has no suggestion to adopt; change it in the editor.") % {
            "text": item.finding.text
        }

"""The exception every refused publish raises, whatever the path."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


@dataclass(frozen=True)
class RefusalReason:
    """One reason a publish was refused: a stable code and the message people read."""

    code: str  # "not_public", "secret", "attributes", "backdated", "findings", "review"
    message: str

    def __str__(self) -> str:
        return self.message


class PublishRefused(ValidationError):
    """Raised when the publish gate refuses to put a revision live.

    A ``ValidationError`` (with non-field errors) so that callers that already turn
    validation errors into user messages - Wagtail's admin API answers 400 with them - show
    the reasons, and code that calls ``revision.publish()`` gets a specific, catchable error.
    """

    def __init__(self, reasons: list[RefusalReason], *, page=None, revision=None, report=None):
        self.reasons = list(reasons)
        self.page = page
        self.revision = revision
        self.report = report
        self._archive = None
        super().__init__({NON_FIELD_ERRORS: [str(r) for r in self.reasons]})

    def archive_after_rollback(self, archive) -> None:
        """Defer archiving to whoever catches this outside the transaction that rolls back.

        The ``pre_save`` catch-all raises inside ``Page.save()``'s transaction, which would
        take its review record with it; ``GovInfoPageMixin.save()`` calls ``archive()``.
        """
        self._archive = archive

    def archive(self) -> None:
        archive, self._archive = self._archive, None
        if archive is not None:
            archive()

    @property
    def codes(self) -> list[str]:
        return [r.code for r in self.reasons]

    def __str__(self) -> str:
        return "；".join(str(r) for r in self.reasons)

"""Models of the plugin. Public names: the page mixin and the choice enums sites need."""

from .columns import Column, ColumnKind
from .leaders import Leader
from .page_mixin import Disclosure, GovInfoHistory, GovInfoPageMixin, SourceType
from .page_units import PageUnit
from .records import ImmutableRecordError, ReviewAction, ReviewRecord, ReviewStage
from .stages import ChecklistItem, ColumnStageAssignment, StageCondition
from .terms import Term, TermCategory
from .units import Unit, UnitKind, UnitMembership

__all__ = [
    "ChecklistItem",
    "Column",
    "ColumnKind",
    "ColumnStageAssignment",
    "Disclosure",
    "GovInfoHistory",
    "GovInfoPageMixin",
    "ImmutableRecordError",
    "Leader",
    "PageUnit",
    "ReviewAction",
    "ReviewRecord",
    "ReviewStage",
    "SourceType",
    "StageCondition",
    "Term",
    "TermCategory",
    "Unit",
    "UnitKind",
    "UnitMembership",
]

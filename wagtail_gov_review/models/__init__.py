"""Models of the plugin. Public names: the page mixin and the choice enums sites need."""

from .columns import Column, ColumnKind
from .page_mixin import Disclosure, GovInfoHistory, GovInfoPageMixin, SourceType
from .records import ImmutableRecordError, ReviewAction, ReviewRecord, ReviewStage
from .units import Unit, UnitKind, UnitMembership

__all__ = [
    "Column",
    "ColumnKind",
    "Disclosure",
    "GovInfoHistory",
    "GovInfoPageMixin",
    "ImmutableRecordError",
    "ReviewAction",
    "ReviewRecord",
    "ReviewStage",
    "SourceType",
    "Unit",
    "UnitKind",
    "UnitMembership",
]

"""Models of the plugin. Public names: the page mixin and the choice enums sites need."""
# ruff: noqa: I001  (feature models must be imported after the core models)

from .columns import Column, ColumnKind
from .page_mixin import Disclosure, GovInfoHistory, GovInfoPageMixin, SourceType
from .records import ImmutableRecordError, ReviewAction, ReviewRecord, ReviewStage
from .leaders import Leader
from .page_units import PageUnit
from .terms import Term, TermCategory
from .units import Unit, UnitKind, UnitMembership

# Feature models live beside their feature; importing them here registers them with Django.
from ..workflows import models as _workflow_models  # noqa: E402, F401
from ..workflows.gate import models as _gate_models  # noqa: E402, F401
from ..forms import models as _form_models  # noqa: E402, F401
from ..monitoring import models as _monitoring_models  # noqa: E402, F401
from ..security import models as _security_models  # noqa: E402, F401
from ..inspection import models as _inspection_models  # noqa: E402, F401
from ..attachments import models as _attachment_models  # noqa: E402, F401

__all__ = [
    "Column",
    "ColumnKind",
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
    "Term",
    "TermCategory",
    "Unit",
    "UnitKind",
    "UnitMembership",
]

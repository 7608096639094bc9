"""Wagtail admin hooks of the plugin; each feature registers its own in its hooks module."""

from wagtail import hooks

from .attachments import hooks as attachment_hooks  # noqa: F401
from .dashboard import hooks as dashboard_hooks  # noqa: F401
from .editor import hooks as editor_hooks  # noqa: F401
from .forms import hooks as forms_hooks  # noqa: F401
from .inspection import hooks as inspection_hooks  # noqa: F401
from .monitoring import hooks as monitoring_hooks  # noqa: F401
from .security import hooks as security_hooks  # noqa: F401
from .terms import hooks as term_hooks  # noqa: F401
from .unit_admin import UnitsViewSetGroup
from .workflows import hooks as workflow_hooks  # noqa: F401
from .workflows.gate import hooks as gate_hooks  # noqa: F401


@hooks.register("register_admin_viewset")
def register_unit_viewsets():
    return UnitsViewSetGroup()

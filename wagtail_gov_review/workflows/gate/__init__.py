"""The publish gate: every publish of a GovInfoPageMixin page passes it.

Public names: ``PublishGate`` (check a revision), ``PublishRefused`` (what every refused path
raises), ``GatedPublishPageRevisionAction``. Loaded lazily: ``models`` imports this package.
"""

__all__ = ["GatedPublishPageRevisionAction", "PublishGate", "PublishRefused", "RefusalReason"]


def __getattr__(name):
    if name in ("PublishRefused", "RefusalReason"):
        from . import exceptions

        return getattr(exceptions, name)
    if name == "PublishGate":
        from .gate import PublishGate

        return PublishGate
    if name == "GatedPublishPageRevisionAction":
        from .actions import GatedPublishPageRevisionAction

        return GatedPublishPageRevisionAction
    raise AttributeError(name)

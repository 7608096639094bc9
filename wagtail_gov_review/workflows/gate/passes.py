"""Short-lived passes: "the gate already approved revision N for this publish".

The gate runs once where the publishing user is known (the model's publish(), the admin's
``before_publish_page`` hook); the ``pre_save`` catch-all, which sees only the page, then
finds the pass instead of running the check engine again with no user. A pass is used once,
expires after a few seconds and lives in a context variable, so it never leaks to another
thread or request.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

PASS_LIFETIME_SECONDS = 30.0


@dataclass
class GatePass:
    revision_id: int
    user: object | None = None
    emergency: bool = False
    report: object | None = None
    issued_at: float = field(default_factory=time.monotonic)

    @property
    def expired(self) -> bool:
        return time.monotonic() - self.issued_at > PASS_LIFETIME_SECONDS


_passes: ContextVar[dict[int, GatePass] | None] = ContextVar("gov_gate_passes", default=None)


def _store() -> dict[int, GatePass]:
    store = _passes.get()
    if store is None:
        store = {}
        _passes.set(store)
    return store


def grant(gate_pass: GatePass) -> None:
    _store()[gate_pass.revision_id] = gate_pass


def peek(revision_id: int) -> GatePass | None:
    gate_pass = _store().get(revision_id)
    if gate_pass is not None and gate_pass.expired:
        _store().pop(revision_id, None)
        return None
    return gate_pass


def take(revision_id: int) -> GatePass | None:
    gate_pass = peek(revision_id)
    _store().pop(revision_id, None)
    return gate_pass


def clear() -> None:
    _store().clear()


@contextmanager
def granted(gate_pass: GatePass):
    """Hold a pass while a publish runs; it is withdrawn afterwards, used or not."""
    grant(gate_pass)
    try:
        yield gate_pass
    finally:
        _store().pop(gate_pass.revision_id, None)

"""Built-in recognizers; importing a module registers it (see ``registry.register``).

To add one: create a module here with a ``Recognizer`` subclass decorated with ``@register``
and import it below.
"""

from . import (
    address,
    bank_card,
    date,
    health,
    id_card,
    leader,
    links,
    mobile,
    number,
    ordinal,
    punctuation,
    social_security,
    title_space,
)

__all__ = [
    "address",
    "bank_card",
    "date",
    "health",
    "id_card",
    "leader",
    "links",
    "mobile",
    "number",
    "ordinal",
    "punctuation",
    "social_security",
    "title_space",
]

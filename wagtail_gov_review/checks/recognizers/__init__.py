"""Built-in recognizers; importing a module registers it (see ``registry.register``).

To add one: create a module here with a ``Recognizer`` subclass decorated with ``@register``
and import it below.
"""

from . import (
    account,
    address,
    bank_card,
    date,
    email,
    health,
    id_card,
    landline,
    leader,
    links,
    medical_record,
    mobile,
    number,
    ordinal,
    passport,
    plate,
    punctuation,
    social_security,
    title_space,
)

__all__ = [
    "account",
    "address",
    "bank_card",
    "date",
    "email",
    "health",
    "id_card",
    "landline",
    "leader",
    "links",
    "medical_record",
    "mobile",
    "number",
    "ordinal",
    "passport",
    "plate",
    "punctuation",
    "social_security",
    "title_space",
]

"""Valid test numbers built from their checksums, so no real person's number is used."""

from __future__ import annotations

from wagtail_gov_review.checks.recognizers.bank_card import luhn_ok
from wagtail_gov_review.checks.recognizers.id_card import checksum_char


def make_id(region: str = "430102", birth: str = "19850312", seq: str = "123") -> str:
    first = region + birth + seq
    return first + checksum_char(first)


def bad_id(number: str) -> str:
    """The same number with a wrong check character."""
    wrong = "0" if number[-1] != "0" else "1"
    return number[:-1] + wrong


def make_card(prefix: str = "622848", length: int = 19) -> str:
    body = (prefix + "0123456789" * 2)[: length - 1]
    for d in "0123456789":
        if luhn_ok(body + d):
            return body + d
    raise AssertionError("unreachable")


def codes(findings) -> list[str]:
    return [f.code for f in findings]

"""Precision of the format checks on the five seed regulations (real government text).

Every format finding on the seeds was read and is a real GB/T 15834 error in that text; the test
keeps the set from growing (a new false positive) or shrinking (a lost class) unnoticed. Counts
are per (code, matched text). Ordinals, dates, numbers and leader names: none in the seeds.
"""

from __future__ import annotations

from collections import Counter

import pytest

from wagtail_gov_review.checks import get_engine

from .conftest import corpus_path

FORMAT_CODES = ("format.punctuation", "format.number", "format.date", "format.ordinal")
P = "format.punctuation"

REVIEWED = {
    # 000 芙蓉区: half-width brackets around 2022年修订 in the title, notice and heading; the
    # 附件4 notes switch to half-width , ; : for a few lines; a QQ group number in "( … )".
    "000": {
        (P, "(2022年修订)"): 2,
        (P, "(2022 年修订)"): 1,
        (P, "(QQ 群号: 243642707)"): 1,
        (P, ","): 4,
        (P, ";"): 2,
        (P, ":"): 2,
    },
    # 001 云州區 (traditional, with pinyin in brackets from the web page): the whole text uses
    # half-width , ; : and "(一)" item markers; two "?" stand for characters lost in scraping
    # ("人民政府?擬", "第十五條?區"). The "(qū)" pinyin glosses are not Chinese text: not reported.
    "001": {
        (P, "(2023年7月修訂)"): 1,
        (P, "(一)"): 2,
        (P, "(二)"): 2,
        (P, "(三)"): 2,
        (P, "(四)"): 2,
        (P, "(五)"): 2,
        (P, "(六)"): 1,
        (P, "(七)"): 1,
        (P, "(八)"): 1,
        (P, "(九)"): 1,
        (P, ","): 64,
        (P, ";"): 9,
        (P, ":"): 2,
        (P, "?"): 2,
    },
    # 002 西秀区: "各乡(镇)人民政府" and one half-width comma. (The 书名号 wrapped over two lines
    # of the title and the "注：1. … 2." list are recognised as legitimate.)
    "002": {(P, "(镇)"): 1, (P, ","): 1},
    # 003 永川区: clean (its "附件：1. … 2." list is legitimate).
    "003": {},
    # 004 湛江市: half-width "(一)"-style item markers in two lists, "(初校)"-style stage names,
    # "县(市、区)", "(管委会)", "(注明转载来源)"; a few half-width ; and :.
    "004": {
        (P, "(一)"): 2,
        (P, "(二)"): 4,
        (P, "(三)"): 4,
        (P, "(四)"): 4,
        (P, "(五)"): 2,
        (P, "(六)"): 2,
        (P, "(七)"): 2,
        (P, "(八)"): 2,
        (P, "(九)"): 2,
        (P, "(十)"): 2,
        (P, "(十一)"): 1,
        (P, "(初校)"): 2,
        (P, "(复校)"): 2,
        (P, "(终校)"): 2,
        (P, "(市、区)"): 1,
        (P, "(管委会)"): 1,
        (P, "(注明转载来源)"): 1,
        (P, ";"): 6,
        (P, ":"): 2,
    },
}


def _seeds():
    return sorted((corpus_path().parent.parent / "seeds").glob("*.txt"))


@pytest.mark.parametrize("prefix", sorted(REVIEWED))
def test_format_findings_on_the_seeds_stay_at_the_reviewed_set(prefix):
    seeds = [s for s in _seeds() if s.name.startswith(prefix)]
    if not seeds:
        pytest.skip("seed regulations not found next to the corpus")
    text = seeds[0].read_text(encoding="utf-8")
    findings = [f for f in get_engine().check(text) if f.code in FORMAT_CODES]
    assert Counter((f.code, f.text) for f in findings) == Counter(REVIEWED[prefix])
    # Every one of them is a warning with a suggestion a reviewer can apply in one click.
    assert all(f.severity == "warn" and f.suggestion for f in findings)

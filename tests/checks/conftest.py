"""Fixtures for the check engine tests (no Django, no database)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from wagtail_gov_review.checks import EngineConfig, get_engine

REPO = Path(__file__).resolve().parents[2]
GRADED = {
    "pii.id_card",
    "pii.mobile",
    "pii.bank_card",
    "pii.social_security",
    "pii.address",
    "pii.health",
    "pii.passport",
    "pii.plate",
    "pii.email",
    "pii.landline",
    "pii.account",
    "pii.medical_record",
    "term.outdated_name",
    "term.political",
    "typo",
    "format.punctuation",
    "format.number",
    "format.date",
    "format.ordinal",
    "term.leader",
}
HERE = Path(__file__).resolve().parent


def corpus_path() -> Path:
    env = os.environ.get("GOV_REVIEW_CORPUS")
    return Path(env) if env else (REPO / ".." / "shared" / "corpus" / "checks_public.jsonl")


@pytest.fixture(scope="session")
def engine():
    return get_engine()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def extra_corpus_paths() -> list[Path]:
    """Project-side labelled cases kept beside the tests (``corpus_<topic>_extra.jsonl``), read
    with the shared corpus: the shared file cannot be edited from here."""
    return sorted(HERE.glob("corpus_*extra.jsonl"))


@pytest.fixture(scope="session")
def corpus() -> list[dict]:
    path = corpus_path()
    if not path.exists():
        message = f"labelled corpus not found at {path} (set GOV_REVIEW_CORPUS)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI always has ../shared beside the clone: never skip there
        pytest.skip(message)
    items = read_jsonl(path)
    for extra in extra_corpus_paths():
        items += read_jsonl(extra)
    return items


def engine_for(engine, item: dict):
    """The engine to grade ``item`` with: an item may carry the site's ``leaders`` list."""
    if not item.get("leaders"):
        return engine
    return get_engine(EngineConfig(leaders=tuple(tuple(row) for row in item["leaders"])))


def score(engine, items: list[dict]) -> dict:
    """Recall/precision exactly as corpus/README.md defines them, plus the failures."""
    expects = matched = graded = good = 0
    misses, false_pos, forbidden = [], [], []
    for item in items:
        text = item["text"]
        findings = [f for f in engine_for(engine, item).check(text) if f.code in GRADED]

        def overlaps(f, span):
            return f.start < span["end"] and span["start"] < f.end

        for exp in item["expect"]:
            expects += 1
            if any(f.code in exp["accept"] and overlaps(f, exp) for f in findings):
                matched += 1
            else:
                misses.append((item["id"], exp))
        for f in findings:
            graded += 1
            if any(f.code in e["accept"] and overlaps(f, e) for e in item["expect"]):
                good += 1
            else:
                false_pos.append((item["id"], f))
        for fb in item.get("forbid", []):
            for f in findings:
                if f.code == fb["code"] and overlaps(f, fb):
                    forbidden.append((item["id"], f))
    return {
        "recall": matched / expects if expects else 1.0,
        "precision": good / graded if graded else 1.0,
        "misses": misses,
        "false_positives": false_pos,
        "forbidden": forbidden,
        "expects": expects,
        "graded": graded,
    }

"""The engine scored on the labelled public corpus and the project's ``corpus_*extra.jsonl``
cases beside this file (floor: recall ≥ 0.98, precision ≥ 0.97)."""

from __future__ import annotations

from .conftest import engine_for, score


def test_corpus_recall_and_precision_meet_the_floor(engine, corpus):
    result = score(engine, corpus)
    print(
        f"\ncorpus: recall={result['recall']:.4f} precision={result['precision']:.4f} "
        f"({result['expects']} expects, {result['graded']} graded findings)"
    )
    assert result["recall"] >= 0.98, result["misses"]
    assert result["precision"] >= 0.97, result["false_positives"]


def test_corpus_forbidden_spans_are_never_flagged(engine, corpus):
    assert score(engine, corpus)["forbidden"] == []


def test_every_corpus_finding_points_into_the_original_text(engine, corpus):
    for item in corpus:
        for f in engine_for(engine, item).check(item["text"]):
            assert item["text"][f.start : f.end] == f.text


def test_real_regulations_raise_no_blocking_findings(engine):
    """The five seed regulations are real gov prose: nothing in them should block publishing."""
    import pytest

    from .conftest import corpus_path

    seeds = sorted((corpus_path().parent.parent / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip("seed regulations not found next to the corpus")
    for seed in seeds:
        text = seed.read_text(encoding="utf-8")
        blocking = [f for f in engine.check(text) if f.severity == "block"]
        assert blocking == [], (seed.name, blocking)

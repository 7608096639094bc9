"""Every finding of the engine on a fixed set of texts, one JSON line each: diff two commits.

    .venv/bin/python bench/findings_digest.py > /tmp/new.jsonl
    (at another commit) .venv/bin/python bench/findings_digest.py > /tmp/old.jsonl
    diff /tmp/old.jsonl /tmp/new.jsonl && echo identical

A speed change must not change what the engine finds. The texts: the bench's generated
articles (clean, mixed, dense, extreme) for several seeds, the public corpus and the extra
corpus files of ``tests/checks/``, the seed regulations, each checked as a body and as a title.
Each line holds the text's label and its findings with every field (rule and reason too).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bench_checks  # noqa: E402  (bench/ is not a package)

from wagtail_gov_review.checks import CheckEngine  # noqa: E402

CORPORA = [
    Path("/work/shared/corpus/checks_public.jsonl"),
    *sorted((ROOT / "tests" / "checks").glob("corpus_*.jsonl")),
]
SEEDS = Path("/work/shared/seeds")


def texts() -> Iterator[tuple[str, str]]:
    """(label, text) for every text of the digest, in a fixed order."""
    for seed in range(1, 6):
        yield f"clean-{seed}", bench_checks.make_clean_article(20_000, seed)
        yield f"mixed-{seed}", bench_checks.make_article(20_000, seed)
        yield f"dense-{seed}", bench_checks.make_dense_article(20_000, seed)
        yield f"extreme-{seed}", bench_checks.make_dense_article(20_000, seed, filler=False)
    for corpus in CORPORA:
        if corpus.exists():
            for line in corpus.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    case = json.loads(line)
                    yield f"{corpus.name}:{case['id']}", case["text"]
    if SEEDS.is_dir():
        for seed_file in sorted(SEEDS.glob("*.txt")):
            yield f"seed:{seed_file.name}", seed_file.read_text(encoding="utf-8")


def main() -> None:
    engine = CheckEngine()
    for label, text in texts():
        for kind in ("body", "title"):
            findings = [
                {**f.to_dict(), "rule": f.rule, "reason": f.reason}
                for f in engine.check(text, kind=kind)
            ]
            print(
                json.dumps({"text": label, "kind": kind, "findings": findings}, ensure_ascii=False)
            )


if __name__ == "__main__":
    main()

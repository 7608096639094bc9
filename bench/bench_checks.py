"""Benchmark of the check engine (智能校对) against a lean baseline, in one run.

    .venv/bin/python bench/bench_checks.py [--chars 20000] [--repeat 30] [--per-check] [--cpu-time]

Prints the marginal cost of checking generated ~20,000-character government articles with the
full engine versus a lean baseline (compiled regexes with checksum validation + one
pyahocorasick pass over 10,000 terms), measured in the same run: a *clean* article (no
findings), a *mixed* one and a *dense* one (a finding in every sentence), with the ratios. Then
the lexicon sizes, engine start-up time and memory, RSS over 10,000 checks of distinct texts (a
long-running worker), the cost of spaCy's own character tokenizer on the same text (for
reference), and the figures with a 100,000-term lexicon. ``--per-check`` then times an engine
with each check alone on the clean and dense articles (best of 7; each includes the shared base:
normalisation and the spaCy Doc), to see where the time goes. ``--cpu-time`` times the calls with
the thread's CPU time instead of the wall clock: on a machine shared with other work a 10 ms call
is preempted far more often than a 3 ms one, which inflates the wall-clock ratio.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FILLER = [
    "为进一步做好政府网站信息发布工作，切实提高信息质量，现将有关事项通知如下。",
    "会议强调，要坚持以人民为中心的发展思想，持续优化营商环境。",
    "近日，区政务服务中心开展了业务培训，各单位信息员参加培训。",
    "各单位要高度重视，明确专人负责，确保各项工作落到实处。",
    "全年完成固定资产投资410.7亿元，同比增长2.1%，社会消费品零售总额稳步增长。",
    "文号：长政办发〔2021〕12号。索引号：11430102MB7438000/2021-74292。",
    "咨询电话：0731-86083400，政务服务便民热线12345。",
    "办公地址：长沙市芙蓉区解放西路22号。",
    "做好高血压、糖尿病等慢性病防治工作，提升基层医疗卫生服务能力。",
    "下一步，我区将继续加强统筹协调，推动各项政策措施落地见效。",
]


def _id(rng: random.Random) -> str:
    from wagtail_gov_review.checks.recognizers.id_card import checksum_char

    first = (
        rng.choice(["430102", "440803", "500118"])
        + f"19{rng.randint(50, 99)}0{rng.randint(1, 9)}1{rng.randint(0, 9)}"
        + f"{rng.randint(0, 999):03d}"
    )
    return first + checksum_char(first)


# One finding per sentence, of every kind the engine grades (names and numbers vary).
DENSE = [
    lambda r: f"申请人张某，身份证号：{_id(r)}。",
    lambda r: f"联系电话：1{r.choice('3589')}{r.randint(0, 9)}{r.randint(10000000, 99999999)}。",
    lambda r: (
        f"根据{r.choice(['卫计委', '国土资源局', '工商局', '安监局', '环保局', '食药监局'])}的要求办理。"
    ),
    lambda r: f"希望大家{r.choice(['再接再励', '按步就班', '一愁莫展'])}，继续努力。",
    lambda r: (
        f"困难群众{r.choice('赵钱孙李周吴')}某患有{r.choice(['糖尿病', '尿毒症', '白血病'])}。"
    ),
    lambda r: f"低保户{r.choice('赵钱孙李周吴')}某某，肢体残疾{r.choice('一二三四')}级。",
    lambda r: f"受助人王某（住芙蓉区八一路{r.randint(1, 300)}号{r.randint(1, 30)}栋）已领取。",
    lambda r: f"{r.choice(['南朝鲜', '台湾总统', '一带一路战略'])}的表述不规范。",
]


def make_clean_article(chars: int, seed: int = 7) -> str:
    """Realistic gov prose with nothing to report (public numbers, office address, policy)."""
    rng = random.Random(seed)
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        parts.append(rng.choice(FILLER))
    return "".join(parts)[:chars]


def make_dense_article(chars: int, seed: int = 7, filler: bool = True) -> str:
    """Every sentence holds a finding: a finding clause, then (``filler``) the rest of an
    ordinary sentence, so sentences have the length of gov prose (≈ 45 characters); without
    ``filler`` every clause of ≈ 17 characters is a finding (an extreme, reported for reference).
    """
    rng = random.Random(seed)
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        clause = rng.choice(DENSE)(rng)
        if filler:
            clause = clause.rstrip("。") + "，" + rng.choice(FILLER)
        parts.append(clause)
    return "".join(parts)[:chars]


def make_article(chars: int, seed: int = 7) -> str:
    """Realistic gov text with some PII and term problems sprinkled in (deterministic)."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < chars:
        roll = rng.random()
        if roll < 0.05:
            s = f"申请人张某，身份证号：{_id(rng)}，联系电话：1{rng.choice('3589')}{rng.randint(0, 9)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}。"
        elif roll < 0.08:
            s = f"根据{rng.choice(['卫计委', '国土资源局', '工商局', '安监局'])}有关要求，希望大家再接再励。"
        elif roll < 0.10:
            s = "经核实，困难群众赵某患有糖尿病，家住湖南省长沙市芙蓉区八一路106号16栋703室。"
        else:
            s = rng.choice(FILLER)
        parts.append(s)
        size += len(s)
    return "".join(parts)[:chars]


# --- lean baseline --------------------------------------------------------------------------

_W = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)")
CARD_RE = re.compile(r"(?<!\d)(?:\d{4}[ -]?){3}\d{4,7}(?!\d)")


def _luhn(d: str) -> bool:
    s = 0
    for i, ch in enumerate(reversed(d)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        s += n
    return s % 10 == 0


def make_baseline(n_terms: int = 10_000):
    import ahocorasick

    from wagtail_gov_review.checks.lexicon_files import packaged_lexicons, read_lexicon

    rng = random.Random(1)
    alphabet = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可也你说年"
    automaton = ahocorasick.Automaton()
    # The hand-written lists (as before the generated typo-idioms.tsv existed), then random
    # terms over a small alphabet: the same, fast baseline as earlier measurements.
    real = [
        e.key
        for name in packaged_lexicons()
        if not name.startswith("typo-")
        for e in read_lexicon(name)
    ][:n_terms]
    for term in real:
        automaton.add_word(term, term)
    while len(automaton) < n_terms:
        term = "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 6)))
        automaton.add_word(term, term)
    automaton.make_automaton()

    def run(text: str) -> list:
        out = []
        for m in ID_RE.finditer(text):
            v = m.group()
            if (
                "10X98765432"[sum(int(a) * w for a, w in zip(v[:17], _W, strict=True)) % 11]
                == v[17].upper()
            ):
                out.append(("id", m.span()))
        for m in MOBILE_RE.finditer(text):
            out.append(("mobile", m.span()))
        for m in CARD_RE.finditer(text):
            d = re.sub(r"\D", "", m.group())
            if _luhn(d):
                out.append(("card", m.span()))
        for end, term in automaton.iter(text):
            out.append(("term", (end - len(term) + 1, end + 1)))
        return out

    return run


def lexicon_sizes() -> dict[str, int]:
    """Entries per shipped lexicon file (term lists, diseases, the word dictionary)."""
    from wagtail_gov_review.checks.lexicon_files import packaged_lexicons, read_lexicon
    from wagtail_gov_review.checks.word_boundaries import packaged_dictionary

    sizes = {name: len(read_lexicon(name)) for name in packaged_lexicons()}
    sizes["diseases.txt"] = len(read_lexicon("diseases.txt"))
    sizes["words.txt"] = len(packaged_dictionary().frequencies)
    return sizes


# What the timings read: the wall clock, or with --cpu-time the thread's CPU time.
clock = time.perf_counter


def timeit_pair(fa, fb, repeat: int) -> tuple[float, float]:
    """Median seconds of ``fa`` and ``fb`` called alternately (fair on a noisy machine)."""
    fa(), fb()
    a, b = [], []
    for _ in range(repeat):
        t0 = clock()
        fa()
        t1 = clock()
        fb()
        t2 = clock()
        a.append(t1 - t0)
        b.append(t2 - t1)
    return statistics.median(a), statistics.median(b)


def timeit(fn, repeat: int) -> float:
    """Median seconds of ``repeat`` calls after a warm-up call."""
    fn()
    samples = []
    for _ in range(repeat):
        t0 = clock()
        fn()
        samples.append(clock() - t0)
    return statistics.median(samples)


def load_average() -> str:
    """The 1-minute load average (Linux), to read a run's figures against."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def rss_mb() -> float:
    """Current resident set size (Linux /proc; falls back to the peak elsewhere)."""
    try:
        status = Path("/proc/self/status").read_text()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    except (OSError, AttributeError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def per_check_costs(chars: int) -> None:
    """Best-of-7 milliseconds of an engine with only one check enabled, for every check."""
    from wagtail_gov_review.checks import EngineConfig, get_engine
    from wagtail_gov_review.checks.engine import all_checks

    clean, dense = make_clean_article(chars), make_dense_article(chars)

    def best(engine, text: str) -> float:
        engine.check(text)
        samples = []
        for _ in range(7):
            t0 = clock()
            engine.check(text)
            samples.append(clock() - t0)
        return min(samples) * 1000

    rows = []
    for name in all_checks():
        engine = get_engine(EngineConfig(enabled=(name,)))
        rows.append((name, best(engine, clean), best(engine, dense)))
    print("per check alone (best of 7, ms, shared base included):")
    for name, t_clean, t_dense in sorted(rows, key=lambda row: -row[1]):
        print(f"  {name:22} clean {t_clean:6.2f}  dense {t_dense:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--per-check", action="store_true", help="also time each check alone")
    parser.add_argument(
        "--cpu-time", action="store_true", help="time with the thread's CPU time (shared machine)"
    )
    args = parser.parse_args()
    if args.cpu_time:
        global clock
        clock = time.thread_time

    text = make_article(args.chars)
    print(
        f"article: {len(text)} characters, python {sys.version.split()[0]}, "
        f"{'CPU time' if args.cpu_time else 'wall clock'}, load average {load_average()}"
    )

    import subprocess

    cold = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time, re; r=lambda: int(re.search(r'VmRSS:\\s+(\\d+)', "
            "open('/proc/self/status').read()).group(1)); "
            "r0=r(); t=time.perf_counter(); import wagtail_gov_review.checks as c; "
            "i=time.perf_counter(); r1=r(); e=c.CheckEngine(); b=time.perf_counter(); "
            "e.check('预热。'); print(i-t, b-i, time.perf_counter()-b, r0/1024, r1/1024, r()/1024)",
        ],
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    )
    t_import, t_cold_build, t_cold_first, rss_start, rss_import, rss_built = (
        float(x) for x in cold.stdout.split()
    )
    import wagtail_gov_review.checks as checks

    gc.collect()
    tracemalloc.start()
    t0 = time.perf_counter()
    engine = checks.CheckEngine()
    t_build = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    t0 = time.perf_counter()
    engine.check("预热。")
    t_first = time.perf_counter() - t0

    baseline = make_baseline()
    articles = {
        "clean": make_clean_article(args.chars),
        "mixed": text,
        "dense": make_dense_article(args.chars),
        "extreme": make_dense_article(args.chars, filler=False),
    }
    ratios = {}
    for name, article in articles.items():
        t_base, t_engine = timeit_pair(
            lambda a=article: baseline(a), lambda a=article: engine.check(a), args.repeat
        )
        ratios[name] = t_engine / t_base
        print(
            f"{name:7} article ({len(article)} chars, {len(engine.check(article)):4} findings): "
            f"baseline {t_base * 1000:7.2f} ms, engine {t_engine * 1000:7.2f} ms, "
            f"ratio {ratios[name]:5.2f} x"
        )
    graded = {k: v for k, v in ratios.items() if k in ("clean", "dense")}
    print(
        "ratio engine / baseline (the 3 x budget: clean and dense): "
        + ", ".join(f"{k} {v:.2f} x" for k, v in graded.items())
        + (" (both <= 3 x)" if max(graded.values()) <= 3 else " (OVER 3 x)")
        + f"; mixed {ratios['mixed']:.2f} x, extreme {ratios['extreme']:.2f} x"
    )
    print("lexicon sizes: " + ", ".join(f"{k} {v}" for k, v in lexicon_sizes().items()))
    rss_a = rss_mb()
    for i in range(10_000):
        engine.check(f"第{i}号通知：申请人张某{i}，住芙蓉区八一路{i}号，卫计委，再接再励。")
    rss_b = rss_mb()
    print(f"10,000 checks of distinct texts: RSS {rss_a:.0f} MiB -> {rss_b:.0f} MiB")

    import spacy

    char_nlp = spacy.blank("zh")
    t_char = timeit(lambda: char_nlp.make_doc(text), max(5, args.repeat // 3))

    print(f"(reference) spacy.blank('zh') char make_doc alone:  {t_char * 1000:8.2f} ms")
    print(
        f"start-up (fresh process): import {t_import * 1000:.0f} ms, build engine "
        f"{t_cold_build * 1000:.0f} ms, first check {t_cold_first * 1000:.1f} ms; "
        f"build under tracemalloc {t_build * 1000:.0f} ms, first check {t_first * 1000:.1f} ms"
    )
    print(
        f"memory (fresh process, RSS): {rss_start:.0f} MiB at start, {rss_import:.0f} MiB after "
        f"import (spaCy, OpenCC), {rss_built:.0f} MiB after build and first check; "
        f"tracemalloc peak of a rebuild {peak / 2**20:.1f} MiB (Python objects only)"
    )

    terms = [(f"词条{i:06d}甲", "") for i in range(100_000)]
    rss2 = rss_mb()
    t0 = time.perf_counter()
    big = checks.CheckEngine(checks.EngineConfig(extra_terms={"sensitive": terms}))
    t_big_build = time.perf_counter() - t0
    t_base2, t_big = timeit_pair(lambda: baseline(text), lambda: big.check(text), args.repeat)
    print(
        f"100k-term lexicon: build {t_big_build:.2f} s, check {t_big * 1000:.2f} ms "
        f"({t_big / t_base2:.2f} x baseline), RSS +{rss_mb() - rss2:.0f} MiB"
    )
    if args.per_check:
        per_check_costs(args.chars)


if __name__ == "__main__":
    main()

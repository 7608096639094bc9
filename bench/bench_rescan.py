"""Benchmark of the daily re-scan (monitoring) on generated live pages, in one run.

    .venv/bin/python bench/bench_rescan.py [--pages 5000] [--batch 200] [--bulk]

Builds a throw-away SQLite database in a temporary directory (migrations run first), creates
``--pages`` live notice pages with ~600 characters of generated government text each (one in
twenty with a mobile number), then measures in the same process:

- generation cost (pages/s of Wagtail ``add_child``),
- the re-scan job (``monitoring.rescan.rescan_live_pages``): pages/s, findings, peak RSS,
- a baseline: the check engine alone on the same texts, without the database,

and extrapolates the re-scan to 100,000 pages. Generating 100,000 Wagtail pages one by one
takes far longer than scanning them (about an hour), so ``--bulk`` writes the page rows
straight into the tables (``bulk_pages.py``): ``--pages 100000 --bulk`` measures the full size.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

FILLER = [
    "为进一步做好政府网站信息发布工作，切实提高信息质量，现将有关事项通知如下。",
    "会议强调，要坚持以人民为中心的发展思想，持续优化营商环境。",
    "近日，区政务服务中心开展了业务培训，各单位信息员参加培训。",
    "各单位要高度重视，明确专人负责，确保各项工作落到实处。",
    "全年完成固定资产投资410.7亿元，同比增长2.1%，社会消费品零售总额稳步增长。",
    "咨询电话：0731-86083400，政务服务便民热线12345。",
    "下一步，我区将继续加强统筹协调，推动各项政策措施落地见效。",
]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class RssSampler(threading.Thread):
    """The largest resident set seen while the scan runs (peak RSS of the whole process
    includes generating the pages, so it cannot tell whether the scan's memory is bounded)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.start_mb = current_rss_mb()
        self.max_mb = self.start_mb
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(0.2):
            self.max_mb = max(self.max_mb, current_rss_mb())

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
        self.max_mb = max(self.max_mb, current_rss_mb())


def body(rng: random.Random, index: int) -> str:
    parts = [rng.choice(FILLER) for _ in range(18)]
    if index % 20 == 0:
        parts.insert(3, f"联系人手机：1380013{index % 10000:04d}。")
    return "".join(f"<p>{p}</p>" for p in parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument(
        "--bulk", action="store_true", help="write the pages in bulk instead of add_child"
    )
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="gov-rescan-bench-")
    os.environ["GOV_REVIEW_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from wagtail_gov_review.conf import gov_review_settings

    # Pages are generated as already published content: the publish gate is not measured here.
    settings.WAGTAIL_GOV_REVIEW = {"GATE": {"ENABLED": False}}
    gov_review_settings.reload()
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate: {time.perf_counter() - t0:.1f} s  (database in {tmp})")

    from django.db import transaction
    from wagtail.models import Page

    from example_site.portal.models import ColumnIndexPage, NoticePage

    root = Page.get_first_root_node()
    column = root.add_child(instance=ColumnIndexPage(title="通知公告", slug="bench-notices"))
    rng = random.Random(8)
    t0 = time.perf_counter()
    texts = [body(rng, index) for index in range(args.pages)]
    if args.bulk:
        from bulk_pages import bulk_live_pages

        rows = [
            {"title": f"关于第{i}项工作的通知", "slug": f"n{i}", "body": text}
            for i, text in enumerate(texts)
        ]
        bulk_live_pages(column, NoticePage, rows)
    else:
        with transaction.atomic():
            for index, text in enumerate(texts):
                column.add_child(
                    instance=NoticePage(
                        title=f"关于第{index}项工作的通知", slug=f"n{index}", body=text
                    )
                )
    gen = time.perf_counter() - t0
    how = "in bulk" if args.bulk else "with add_child"
    print(
        f"generated {args.pages} live pages {how} in {gen:.1f} s ({args.pages / gen:.0f} pages/s)"
    )
    rss_before = rss_mb()

    from wagtail_gov_review import engine as site_engine
    from wagtail_gov_review.content import html_to_text
    from wagtail_gov_review.monitoring.rescan import rescan_live_pages

    site_engine.check_text("预热")  # engine start-up is not part of the per-page cost
    sampler = RssSampler()
    sampler.start()
    t0 = time.perf_counter()
    run = rescan_live_pages(batch_size=args.batch)
    scan = time.perf_counter() - t0
    sampler.stop()
    rate = run.processed / scan
    print(
        f"re-scan: {run.processed} pages in {scan:.1f} s = {rate:.0f} pages/s, "
        f"{run.findings_count} findings; RSS during the scan {sampler.start_mb:.0f} → "
        f"max {sampler.max_mb:.0f} MB (+{sampler.max_mb - sampler.start_mb:.0f} MB); "
        f"process peak {rss_mb():.0f} MB (before scan {rss_before:.0f} MB)"
    )

    from wagtail_gov_review.checks import get_engine

    engine = get_engine(site_engine.engine_config())
    plain = [(f"关于第{i}项工作的通知", html_to_text(t)[0]) for i, t in enumerate(texts)]
    t0 = time.perf_counter()
    for title, text in plain:
        engine.check(title, kind="title")
        engine.check(text)
    base = time.perf_counter() - t0
    print(f"baseline (engine alone, same texts, no DB): {len(plain) / base:.0f} pages/s")
    if args.pages < 100_000:
        print(
            f"extrapolated re-scan of 100,000 pages: {100_000 / rate / 60:.1f} min "
            f"(engine alone {100_000 / (len(plain) / base) / 60:.1f} min); "
            f"generating them this way: {100_000 / (args.pages / gen) / 60:.0f} min"
        )
    print(f"ratio re-scan / engine alone: {(len(plain) / base) / rate:.1f}×")
    if args.pages >= 100_000:
        print(
            f"target: re-scan of {args.pages} pages under 10 min: {'OK' if scan < 600 else 'MISS'}"
        )


if __name__ == "__main__":
    main()

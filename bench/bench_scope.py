"""The unit scope alone, best of 30, on a database ``bench_scale.py`` left behind (issue 19.2).

    GOV_REVIEW_VAR_DIR=/tmp/gov-scale-bench-XXXX .venv/bin/python bench/bench_scope.py
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_scope.py

Times, for town_editor (城关镇): building the scope (its queries, on a fresh user object), a
COUNT of the pages it may list in the town's column (what the explorer and the chooser count)
and of the pages it may see site-wide (what search filters), beside the same COUNTs without
scope. Run it once per code version on the same database for a before/after comparison; the
view timings of ``bench_scale.py`` include template rendering and vary with machine load.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")

REPEAT = 30


def best_ms(action) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def main() -> None:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from wagtail.models import Page

    from wagtail_gov_review.security.scoping import get_scope, visible_pages_for

    def fresh_user():
        return get_user_model().objects.get(username="town_editor")

    column = Page.objects.get(slug="town-news")
    user = fresh_user()
    figures = {
        "scope build": best_ms(lambda: get_scope(fresh_user())) - best_ms(fresh_user),
        "column count": best_ms(
            lambda: visible_pages_for(user, column.get_children(), navigable=True).count()
        ),
        "site count": best_ms(lambda: visible_pages_for(user, Page.objects.all()).count()),
        "column count, no scope": best_ms(lambda: column.get_children().count()),
        "site count, no scope": best_ms(lambda: Page.objects.count()),
    }
    print(f"{connection.vendor}, {Page.objects.count()} pages; best of {REPEAT}")
    for name, value in figures.items():
        print(f"{name:24}{value:>8.1f} ms")


if __name__ == "__main__":
    main()

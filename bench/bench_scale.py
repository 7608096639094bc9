"""Admin views and jobs at a given size beside the 1,000-item figures (issue 19).

    .venv/bin/python bench/bench_scale.py [--items 20000] [--waiting 200] [--only scope]
        [--database-url postgres://user@host:port/empty_db]

Builds a throw-away SQLite database (or migrates the empty database of ``--database-url``),
loads the demo portal, grows it to 1,000 live items (``bulk_pages.py``; one in
``TOWN_SHARE`` in the town's column 乡镇动态, the rest in 通知公告) plus ``--waiting`` items
waiting at the first review stage, and measures queries and time of each admin view and job;
then grows it to ``--items`` and measures again. ``--only`` keeps the scenarios whose name
contains one of the comma-separated words (``scope`` names the unit-scope views). Figures are
for one process on this machine; each view is timed as the best of ``REPEAT`` requests.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

BASE = 1000
TOWN_SHARE = 15  # about 6,700 of 100,000 items are the town's, as in issue 19's figures
REPEAT = 5


def grow_to(total: int) -> None:
    from wagtail.models import Page

    from bench.bulk_pages import bulk_live_pages
    from example_site.portal.models import NoticePage
    from wagtail_gov_review.models import GovInfoPageMixin

    have = Page.objects.live().type(GovInfoPageMixin).count()
    for start in range(have, total, 5000):
        rows = [
            {
                "title": f"批量信息{n}",
                "slug": f"bulk-{n}",
                "body": f"<p>区政府召开第{n}次常务会议，研究部署有关工作。</p>",
            }
            for n in range(start, min(total, start + 5000))
        ]
        # Parents are read again per chunk: numchild changes with every chunk.
        town = [row for n, row in enumerate(rows, start) if n % TOWN_SHARE == 0]
        office = [row for n, row in enumerate(rows, start) if n % TOWN_SHARE != 0]
        for slug, chunk in (("town-news", town), ("notices", office)):
            if chunk:
                bulk_live_pages(Page.objects.get(slug=slug), NoticePage, chunk, revisions=True)


def measure(label: str, action, repeat: int = 1) -> tuple[int, float]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    for _ in range(repeat):
        connection.queries_log.clear()  # a full log (9,000 entries) would report 0 queries
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            action()
            best = min(best, time.perf_counter() - start)
    return len(queries), best


def scope_filter(username: str, what: str):
    """The scope alone, without rendering: a fresh user object (so the scope is built again),
    then COUNT of the pages it lets the user list in the town's column (``column``, what the
    explorer counts) or see anywhere (``site``, what search and chooser search filter)."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    from wagtail_gov_review.security.scoping import visible_pages_for

    column = Page.objects.get(slug="town-news")

    def count():
        user = get_user_model().objects.get(username=username)
        if what == "column":
            visible_pages_for(user, column.get_children(), navigable=True).count()
        else:
            visible_pages_for(user, Page.objects.all()).count()

    return count


def scenarios():
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.utils import timezone
    from wagtail.models import Page

    from wagtail_gov_review.monitoring.links import patrol_links
    from wagtail_gov_review.monitoring.rescan import rescan_live_pages
    from wagtail_gov_review.monitoring.statistics import compute_month
    from wagtail_gov_review.monitoring.timeliness import check_timeliness

    def page(username: str, url: str):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))

        def get():
            response = client.get(url, HTTP_HOST="localhost")
            assert response.status_code == 200, (url, response.status_code)

        return get

    month = timezone.localdate().replace(day=1)
    root = Page.get_first_root_node().pk
    town_news = Page.objects.get(slug="town-news").pk
    news = Page.objects.get(slug="news").pk
    # town_editor is scoped to 城关镇; editor (区政府办公室, a central unit) is the same kind of
    # non-superuser without scope; admin is a superuser (Wagtail skips its per-row checks).
    scope_views = {
        f"scope {view} {user}": page(user, url)
        for user in ("town_editor", "editor", "admin")
        for view, url in (
            ("explorer", f"/admin/pages/{town_news}/"),
            ("explorer parent", f"/admin/pages/{news}/"),
            ("search", "/admin/pages/search/?q=批量信息"),
            ("chooser", f"/admin/choose-page/{town_news}/"),
            ("chooser search", "/admin/choose-page/search/?q=批量信息"),
        )
    }
    scope_views |= {
        f"scope filter {what} {user}": scope_filter(user, what)
        for user in ("town_editor", "editor")
        for what in ("column", "site")
    }
    return {
        **scope_views,
        "dashboard admin": page("admin", "/admin/"),
        "dashboard reviewer1": page("reviewer1", "/admin/"),
        "dashboard town_editor": page("town_editor", "/admin/"),
        "explorer by stage admin": page("admin", f"/admin/pages/{root}/?review_stage=first"),
        "self-inspection admin": page("admin", "/admin/gov-review/inspection/"),
        "job re-scan": lambda: rescan_live_pages(),
        "job timeliness": lambda: check_timeliness(),
        "job monthly statistics": lambda: compute_month(month),
        "job link patrol": lambda: patrol_links(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20000)
    parser.add_argument("--waiting", type=int, default=200)
    parser.add_argument("--only", default="", help="e.g. scope,dashboard")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="gov-scale-bench-")
    os.environ["GOV_REVIEW_VAR_DIR"] = tmp
    if args.database_url:
        os.environ["DATABASE_URL"] = args.database_url
    else:
        os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from wagtail_gov_review.conf import gov_review_settings

    settings.ALLOWED_HOSTS = ["*"]
    settings.WAGTAIL_GOV_REVIEW = {"GATE": {"ENABLED": False}}
    gov_review_settings.reload()
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))
    from tests.waiting_items import add_waiting_items

    add_waiting_items("notices", args.waiting)
    figures: dict[int, dict[str, tuple[int, float]]] = {}
    for size in (BASE, args.items):
        t0 = time.perf_counter()
        grow_to(size)
        print(f"grown to {size} live items in {time.perf_counter() - t0:.1f} s", flush=True)
        actions = scenarios()
        actions["dashboard admin"]()  # warm-up: templates compiled, caches filled
        words = [word for word in args.only.split(",") if word]
        actions = {
            name: action
            for name, action in actions.items()
            if not words or any(word in name for word in words)
        }
        figures[size] = {
            name: measure(name, action, REPEAT if name.startswith("scope") else 1)
            for name, action in actions.items()
        }
    from django.db import connection

    print(f"\n{connection.vendor}, {args.waiting} items waiting; queries / seconds")
    print(f"{'':34}{BASE:>18}{args.items:>18}")
    for name in figures[BASE]:
        (q1, t1), (q2, t2) = figures[BASE][name], figures[args.items][name]
        print(f"{name:34}{q1:>10} {t1 * 1000:>6.0f}ms{q2:>10} {t2 * 1000:>6.0f}ms")


if __name__ == "__main__":
    main()

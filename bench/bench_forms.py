"""Benchmark of the batch export of the review forms, against a lean baseline, in one run.

    .venv/bin/python bench/bench_forms.py [--items 5000] [--pdf-items 5000]

Sets up its own temporary SQLite database (migrated from scratch), creates ``--items`` live
items in three columns of two units, each with its three recorded reviews (first, second,
final) and a published revision, then times:

- data assembly alone (records → rows),
- 保密审查表 (secrecy) and 审批责任表 (responsibility) batch export as HTML, XLSX and PDF,
- the baseline: one raw SQL query joining records and pages + an openpyxl write-only dump of
  the same rows (what the XLSX export would cost with no abstraction at all),
- the PDF baseline: WeasyPrint laying out the printable HTML of ``--weasyprint-items`` items
  (the renderer the PDFs used before they were drawn directly; too slow to run on all items),

and prints the figures, the ratio of the XLSX export to its baseline, the items per second of
the drawn PDFs against WeasyPrint's, and whether each 5,000-item export met the 10 s target.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _setup_django(tmp: str) -> None:
    os.environ["GOV_REVIEW_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _create_items(count: int) -> None:
    """Items, revisions and records inserted in bulk (Wagtail's add_child would take minutes)."""
    from bulk_pages import bulk_live_pages
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from wagtail.models import Page

    from example_site.portal.models import ColumnIndexPage, NewsPage
    from wagtail_gov_review.forms.column_changes import (
        DecideColumnChangeAction,
        request_column_change,
    )
    from wagtail_gov_review.models import ReviewRecord, Unit

    admin = get_user_model().objects.create_superuser("admin", "a@x.invalid", "x")
    office = Unit.objects.create(name="区政府办公室", kind="government_office")
    town = Unit.objects.create(name="城关镇人民政府", kind="town")
    root = Page.get_first_root_node()
    home = root.add_child(instance=Page(title="门户", slug="bench-home"))
    columns = []
    for slug, title, unit in (
        ("news", "政务动态", office),
        ("notices", "通知公告", office),
        ("town", "乡镇动态", town),
    ):
        page = home.add_child(instance=ColumnIndexPage(title=title, slug=slug))
        request = request_column_change(
            operation="add", unit=unit, page=page, kind="news", reason="bench"
        )
        DecideColumnChangeAction(request, admin, approve=True).execute()
        columns.append(page)

    per_column = -(-count // len(columns))
    pages = []
    for c, column in enumerate(columns):
        rows = []
        for i in range(min(per_column, count - c * per_column)):
            n = c * per_column + i
            row = {"title": f"关于做好第{n}项重点工作的通知（批量测试）", "slug": f"item-{n}"}
            if n % 10 == 0:
                row.update(source_type="reprint", source_name="省人民政府网站")
            rows.append(row)
        pages += bulk_live_pages(column, NewsPage, rows, revisions=True)
    with transaction.atomic():
        records = []
        for n, page in enumerate(pages):
            for stage, name, role in (
                ("first", "李科长", "初审初校"),
                ("second", "张副主任", "复审复校"),
                ("final", "陈主任", "终审终校"),
            ):
                records.append(
                    ReviewRecord(
                        page_id=page.pk,
                        page_id_snapshot=page.pk,
                        page_title=page.title,
                        revision_id=page.live_revision_id,
                        revision_id_snapshot=page.live_revision_id,
                        stage=stage,
                        action="reject" if (stage == "final" and n % 50 == 0) else "approve",
                        user_name=name,
                        role=role,
                        unit_name="区政府办公室",
                        opinion="经审查，无敏感或涉密内容。",
                    )
                )
        ReviewRecord.objects.bulk_create(records, batch_size=1000)


def _baseline(path: str) -> int:
    """One raw query + openpyxl write-only: the floor for an XLSX of the same rows."""
    from django.db import connection
    from openpyxl import Workbook

    from example_site.portal.models import NewsPage
    from wagtail_gov_review.models import ReviewRecord

    sql = f"""
        SELECT r.page_id_snapshot, p.title, n.source_type, n.source_name, n.disclosure,
               r.stage, r.action, r.user_name, r.opinion, r.created_at
        FROM {ReviewRecord._meta.db_table} r
        JOIN wagtailcore_page p ON p.id = r.page_id_snapshot
        JOIN {NewsPage._meta.db_table} n ON n.page_ptr_id = p.id
        ORDER BY r.page_id_snapshot, r.created_at
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("baseline")
    current, row = None, []
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for page_id, title, stype, sname, disc, _stage, action, user, opinion, created in cursor:
            if page_id != current:
                if row:
                    sheet.append(row)
                    count += 1
                current, row = page_id, [page_id, title, stype, sname, disc]
            row += [action, user, opinion, str(created)]
    if row:
        sheet.append(row)
        count += 1
    workbook.save(path)
    return count


def _weasyprint(form: str, selection) -> str:
    """The PDF as WeasyPrint lays out the printable HTML page (the earlier renderer)."""
    from weasyprint import HTML

    from wagtail_gov_review.forms.data import collect_items
    from wagtail_gov_review.forms.render_html import render_html

    items = collect_items(selection)
    content = HTML(string=render_html(form, items, selection)).write_pdf()
    return f"{len(items)} items, {len(content) / 1e6:.1f} MB"


def _time(label: str, fn, results: list) -> float:
    start = time.perf_counter()
    value = fn()
    elapsed = time.perf_counter() - start
    results.append((label, elapsed, value))
    print(f"  {label:<44} {elapsed:7.2f} s   {value}", flush=True)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument(
        "--pdf-items",
        type=int,
        default=None,
        help="items in the PDF exports; default: all",
    )
    parser.add_argument("--out", help="keep the exported files in this folder")
    parser.add_argument(
        "--weasyprint-items",
        type=int,
        default=200,
        help="items in the WeasyPrint baseline (0: skip it)",
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-forms-") as tmp:
        t0 = time.perf_counter()
        _setup_django(tmp)
        _create_items(args.items)
        print(
            f"setup: {args.items} items, {3 * args.items} records in {time.perf_counter() - t0:.1f} s"
        )

        from django.utils import translation

        from wagtail_gov_review.forms.data import Selection, collect_items
        from wagtail_gov_review.forms.export import export_form

        translation.activate("zh-hans")
        everything = Selection()
        results: list = []
        out = Path(args.out or tmp)
        out.mkdir(parents=True, exist_ok=True)

        def write(form, fmt, selection=everything):
            result = export_form(form, fmt, selection)
            (out / f"{form}.{fmt}").write_bytes(result.content)
            return f"{result.item_count} items, {len(result.content) / 1e6:.1f} MB"

        print("timings:")
        _time(
            "data assembly (records → rows)",
            lambda: f"{len(collect_items(everything))} rows",
            results,
        )
        baseline = _time(
            "baseline: raw SQL + openpyxl write-only",
            lambda: f"{_baseline(str(out / 'baseline.xlsx'))} rows",
            results,
        )
        xlsx = _time("secrecy XLSX", lambda: write("secrecy", "xlsx"), results)
        _time("responsibility XLSX", lambda: write("responsibility", "xlsx"), results)
        _time("secrecy HTML", lambda: write("secrecy", "html"), results)
        _time("responsibility HTML", lambda: write("responsibility", "html"), results)
        n = args.pdf_items or args.items
        from wagtail.models import Page

        ids = tuple(
            Page.objects.filter(depth__gte=4).order_by("pk").values_list("pk", flat=True)[:n]
        )
        pdf = {
            "secrecy": _time(
                f"secrecy PDF ({n} items)",
                lambda: write("secrecy", "pdf", Selection(page_ids=ids)),
                results,
            ),
            "responsibility": _time(
                f"responsibility PDF ({n} items, 1 page each)",
                lambda: write("responsibility", "pdf", Selection(page_ids=ids)),
                results,
            ),
        }
        weasy = {}
        if args.weasyprint_items:
            few = Selection(page_ids=ids[: args.weasyprint_items])
            for form in pdf:
                weasy[form] = _time(
                    f"baseline: WeasyPrint {form} ({len(few.page_ids)} items)",
                    lambda form=form: _weasyprint(form, few),
                    results,
                )
        print(f"ratio secrecy XLSX / baseline: {xlsx / baseline:.1f}×")
        for form, seconds in pdf.items():
            line = f"{form} PDF: {n / seconds:.0f} items/s"
            if form in weasy:
                rate = args.weasyprint_items / weasy[form]
                line += f", WeasyPrint {rate:.0f} items/s: {n / seconds / rate:.0f}× faster"
            print(line)
        for label, seconds, _value in results:
            if args.items >= 5000 and not label.startswith(("baseline", "data")):
                print(f"  {'OK  ' if seconds < 10 else 'MISS'} under 10 s: {label}")


if __name__ == "__main__":
    main()

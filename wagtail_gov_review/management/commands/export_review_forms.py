"""Batch export of the review forms: ``manage.py export_review_forms --form secrecy ...``."""

from __future__ import annotations

import datetime
import sys

from django.core.management.base import BaseCommand, CommandError

from ...forms.data import Selection
from ...forms.export import FORMATS, ExportError, export_form
from ...forms.render_html import FORM_KINDS
from ...models import Column, Unit


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = (
        "Export 政务信息发布审批责任表 (responsibility) or 信息发布保密审查表 (secrecy) "
        "for the items reviewed in a period, as HTML, PDF or XLSX."
    )

    def add_arguments(self, parser):
        parser.add_argument("--form", required=True, choices=FORM_KINDS)
        parser.add_argument("--format", required=True, choices=list(FORMATS))
        parser.add_argument("--from", dest="date_from", type=_date, help="first day (YYYY-MM-DD)")
        parser.add_argument("--to", dest="date_to", type=_date, help="last day (YYYY-MM-DD)")
        parser.add_argument("--column", help="column page ID, slug or title")
        parser.add_argument("--unit", help="unit ID or name")
        parser.add_argument("-o", "--output", required=True, help="file to write ('-' = stdout)")

    def handle(self, *args, **options):
        if (
            options["date_from"]
            and options["date_to"]
            and options["date_to"] < options["date_from"]
        ):
            raise CommandError("--to is before --from")
        selection = Selection(
            date_from=options["date_from"],
            date_to=options["date_to"],
            column=self._column(options["column"]),
            unit_id=self._unit(options["unit"]),
        )
        try:
            result = export_form(options["form"], options["format"], selection)
        except ExportError as error:
            raise CommandError(str(error)) from error
        if options["output"] == "-":
            sys.stdout.buffer.write(result.content)
        else:
            with open(options["output"], "wb") as handle:
                handle.write(result.content)
            self.stderr.write(f"{result.item_count} items → {options['output']}")

    def _column(self, value: str | None) -> Column | None:
        if not value:
            return None
        columns = Column.objects.select_related("page")
        lookup = {"page_id": int(value)} if value.isdigit() else {"page__title": value}
        column = columns.filter(**lookup).first()
        if column is None and not value.isdigit():
            column = columns.filter(page__slug=value).first()
        if column is None:
            raise CommandError(f"no column {value!r}")
        return column

    def _unit(self, value: str | None) -> int | None:
        if not value:
            return None
        lookup = {"pk": int(value)} if value.isdigit() else {"name": value}
        unit = Unit.objects.filter(**lookup).first()
        if unit is None:
            raise CommandError(f"no unit {value!r}")
        return unit.pk

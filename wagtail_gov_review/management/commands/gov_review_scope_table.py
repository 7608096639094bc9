"""Print the table of admin URLs with ids and their unit scope rule, or write it into a
markdown file between its markers: ``manage.py gov_review_scope_table --write docs/security.md``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ...security.urlconf import scope_table, with_table


class Command(BaseCommand):
    help = "The unit scope of every URL pattern that takes an id, as a markdown table."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write",
            metavar="FILE",
            help="replace the table between the scope-table markers of this markdown file",
        )

    def handle(self, *args, write=None, **options):
        table = scope_table()
        if write is None:
            self.stdout.write(table, ending="")
            return
        path = Path(write)
        try:
            path.write_text(with_table(path.read_text(encoding="utf-8"), table), encoding="utf-8")
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Scope table written to {path}.")

"""``manage.py gov_review_mask_archive [--dry-run]``: mask personal data stored raw by earlier versions.

See ``archive_masking.py``; the one controlled way to rewrite the append-only review records.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from ...archive_masking import MaskStoredPersonalDataAction


class Command(BaseCommand):
    help = (
        "Mask raw personal data (ID numbers, phones, addresses …) stored in review records, "
        "workflow comments, the page log, monitoring findings and inspection snapshots. "
        "Page revisions are content: remove old drafts with Wagtail's purge_revisions."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="count the rows that would change; change none"
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, **options):
        action = MaskStoredPersonalDataAction(dry_run=options["dry_run"], using=options["database"])
        changed = action.execute()
        verb = "would change" if options["dry_run"] else "changed"
        if not changed:
            self.stdout.write("No raw personal data found in the archive.")
        for kind, count in sorted(changed.items()):
            self.stdout.write(f"{kind}: {count} row(s) {verb}")

"""The review record as a person reads it: local times, names, the checklist and the report.

Wagtail's generic inspect view prints each field's raw value: times in UTC, ``None`` for the
automated check, ``str()`` of the workflow state and Python dicts. The archive is read by
auditors, so every value here is the one the printed forms show.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.models import InspectView

from ..models.records import ReviewRecord

EMPTY = "—"


def local_time(value) -> str:
    return date_format(timezone.localtime(value), "Y-m-d H:i:s") if value else EMPTY


class ReviewRecordInspectView(InspectView):
    # The viewset passes these as ``fields`` (its ``inspect_view_fields``).
    shown_fields = [
        "page_title",
        "column_name",
        "unit_name",
        "stage",
        "action",
        "user_name",
        "role",
        "opinion",
        "checklist",
        "changed_fields",
        "check_report",
        "revision",
        "created_at",
    ]

    def get_field_label(self, field_name, field):
        if field_name == "changed_fields":
            return _("Changed fields")
        if field_name == "user_name":
            return _("Reviewer")
        return super().get_field_label(field_name, field)

    @property
    def record(self) -> ReviewRecord:
        return self.object

    def get_page_title_display_value(self):
        if self.record.page_id:
            url = reverse("wagtailadmin_pages:edit", args=[self.record.page_id])
            return format_html('<a href="{}">{}</a>', url, self.record.page_title)
        return self.record.page_title

    def get_user_name_display_value(self):
        if self.record.user_name:
            return self.record.user_name
        return _("System (automated check)") if self.record.user_id is None else EMPTY

    def get_checklist_display_value(self):
        answers = [
            (answer.get("label", key), "✔" if answer.get("checked") else "✘")
            for key, answer in self.record.checklist.items()
            if isinstance(answer, dict) and "label" in answer
        ]
        if not answers:
            return EMPTY
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{1} {0}</li>", answers))

    def get_changed_fields_display_value(self):
        changes = self.record.checklist.get("changed_fields") or []
        labels = [change.get("label") or change.get("field", "") for change in changes]
        return "、".join(labels) or EMPTY

    def get_check_report_display_value(self):
        findings = self.record.check_report or []
        if not findings:
            return EMPTY
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    finding.get("field_label") or finding.get("field", ""),
                    finding.get("text", ""),
                    finding.get("message", ""),
                    finding.get("suggestion", ""),
                    _("Blocks publishing") if finding.get("severity") == "block" else _("Warning"),
                )
                for finding in findings
            ),
        )
        head = format_html(
            "<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
            _("Field"),
            _("Found"),
            _("Problem"),
            _("Suggestion"),
            _("Severity"),
        )
        return format_html('<table class="listing">{}{}</table>', head, rows)

    def get_revision_display_value(self):
        revision_id = self.record.revision_id_snapshot
        if revision_id is None:
            return EMPTY
        created = self.record.revision.created_at if self.record.revision_id else None
        if created is None:
            return _("Version %(id)s") % {"id": revision_id}
        return _("Version %(id)s of %(time)s") % {"id": revision_id, "time": local_time(created)}

    def get_created_at_display_value(self):
        return local_time(self.record.created_at)

"""The forms a reviewer fills in: a written opinion, the stage's checklist, and the
acknowledgement of the automated check's warnings; a written reason to send an item back."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from ..models.stages import ChecklistItem

CHECK_PREFIX = "check_"


def checklist_items(stage: str):
    return list(ChecklistItem.objects.filter(stage=stage, active=True))


class DecisionForm(forms.Form):
    # Filled in by the modal template; lets the form see the task state it decides.
    gov_task_state = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def get_task_state(self) -> TaskState | None:
        pk = self.cleaned_data.get("gov_task_state")
        if not pk:
            return None
        return TaskState.objects.filter(pk=pk).first()


class RejectForm(DecisionForm):
    comment = forms.CharField(
        label=_("Reason for sending back"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Say what must be changed; the editor sees this."),
        error_messages={"required": _("Give the reason for sending the item back.")},
    )

    def clean_comment(self):
        value = self.cleaned_data["comment"].strip()
        if not value:
            raise forms.ValidationError(_("Give the reason for sending the item back."))
        return value


class ApproveForm(DecisionForm):
    comment = forms.CharField(
        label=_("Review opinion"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your written opinion is archived with the item (审批责任表)."),
        error_messages={"required": _("Write your review opinion.")},
    )
    acknowledge_warnings = forms.BooleanField(
        label=_("I have checked every warning of the automated proofreading"),
        required=False,
    )
    checklist_codes: list[tuple[str, str]] = []

    def clean_comment(self):
        value = self.cleaned_data["comment"].strip()
        if not value:
            raise forms.ValidationError(_("Write your review opinion."))
        return value

    def clean(self):
        cleaned = super().clean()
        state = self.get_task_state()
        if state is not None and not cleaned.get("acknowledge_warnings"):
            warnings = (
                state.specific.gov_warnings if hasattr(state.specific, "gov_warnings") else []
            )
            if warnings:
                self.add_error(
                    "acknowledge_warnings",
                    _(
                        "The automated proofreading raised %(count)s warning(s); confirm that "
                        "you checked them."
                    )
                    % {"count": len(warnings)},
                )
        return cleaned

    def checklist_answers(self) -> dict:
        return {
            code: {"label": label, "checked": bool(self.cleaned_data.get(CHECK_PREFIX + code))}
            for code, label in self.checklist_codes
        }


def approve_form_for(stage: str) -> type[ApproveForm]:
    """An approve form with one required checkbox per active checklist item of ``stage``."""
    items = checklist_items(stage)
    attrs = {
        CHECK_PREFIX + item.code: forms.BooleanField(
            label=item.label,
            help_text=item.help_text,
            required=True,
            error_messages={"required": _("Confirm this checkpoint before approving.")},
        )
        for item in items
    }
    attrs["checklist_codes"] = [(item.code, item.label) for item in items]
    return type("StageApproveForm", (ApproveForm,), attrs)

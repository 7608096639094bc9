from django.core.management.base import BaseCommand

from wagtail_gov_review.monitoring.schedules import ensure_monitoring
from wagtail_gov_review.setup import ensure_review_setup, ensure_roles


class Command(BaseCommand):
    help = "Create the default review roles, groups, checklists and workflows (idempotent)."

    def handle(self, *args, **options):
        groups = ensure_roles()
        created = ensure_review_setup()
        ensure_monitoring()  # django-q2 schedules and the site admins' job permissions
        if options["verbosity"] >= 1:
            for key, group in groups.items():
                self.stdout.write(f"role {key}: group “{group.name}”")
            self.stdout.write(
                f"checklist items created: {created['checklist_items']}; "
                f"workflow assignments created: {created['workflow_assignments']}"
            )
            for name in created["wagtail_defaults_retired"]:
                self.stdout.write(f"retired Wagtail's unused default “{name}”")
            self.stdout.write(self.style.SUCCESS("gov_review_setup done."))

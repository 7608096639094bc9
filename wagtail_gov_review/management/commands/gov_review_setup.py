from django.core.management.base import BaseCommand

from wagtail_gov_review.setup import ensure_roles


class Command(BaseCommand):
    help = "Create the default review roles, groups and workflows (idempotent)."

    def handle(self, *args, **options):
        groups = ensure_roles()
        if options["verbosity"] >= 1:
            for key, group in groups.items():
                self.stdout.write(f"role {key}: group “{group.name}”")
            self.stdout.write(self.style.SUCCESS("gov_review_setup done."))

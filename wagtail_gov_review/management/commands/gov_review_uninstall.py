from django.core.management.base import BaseCommand

from wagtail_gov_review.uninstall import DetachReviewSetup


class Command(BaseCommand):
    help = (
        "Detach the review chain before removing the plugin: deactivate and unassign its "
        "workflows (cancelling reviews in progress) and delete its job schedules. Pages and "
        "records are kept. See docs/install.md for the remaining steps."
    )

    def handle(self, *args, **options):
        result = DetachReviewSetup().execute()
        if options["verbosity"] >= 1:
            for name in result.workflows:
                self.stdout.write(f"workflow deactivated and unassigned: “{name}”")
            self.stdout.write(
                f"reviews cancelled (items back to draft): {result.cancelled_reviews}; "
                f"job schedules deleted: {result.schedules}"
            )
            self.stdout.write(
                self.style.SUCCESS(
                    "gov_review_uninstall done. Next: remove the plugin's settings and "
                    "GovInfoPageMixin, then migrate (docs/install.md, Uninstalling)."
                )
            )

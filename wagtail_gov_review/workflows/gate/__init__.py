"""The publish gate: every publish of a GovInfoPageMixin page passes it.

``gate.PublishGate`` checks a revision; ``actions.GatedPublishPageRevisionAction`` is the
publish action the page mixin runs (wired in by ``WagtailGovReviewConfig.ready()``); every
refused path raises ``wagtail_gov_review.refusals.PublishRefused``.

This package imports nothing on its own: Wagtail imports ``finish`` (the
``WAGTAIL_FINISH_WORKFLOW_ACTION``) while ``wagtail.models`` itself is still loading.
"""

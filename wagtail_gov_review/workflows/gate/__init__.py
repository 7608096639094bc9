"""The publish gate: every publish of a GovInfoPageMixin page passes it."""

"""The page editor experience: check-report panel, one-click de-identification, review diff."""

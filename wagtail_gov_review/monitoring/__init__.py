"""Monitoring after publishing (django-q2 jobs): re-scans, link patrol, timeliness, withdrawal, statistics."""

"""Self-inspection against the national government-website inspection indicators."""

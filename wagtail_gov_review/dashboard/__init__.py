"""The manager's dashboard panel and the explorer filters it links to (docs/admin.md)."""

"""Admin-managed term lists: storage for the engine, import with preview, a try-a-text box."""

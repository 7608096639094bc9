"""Signal receivers of the plugin (the publish gate's catch-all lives in workflows/)."""

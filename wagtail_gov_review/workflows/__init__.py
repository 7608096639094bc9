"""The review chain (三审三校) as Wagtail workflow tasks, its routing and the publish gate."""

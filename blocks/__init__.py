"""Block Kit views and message templates: pure functions from domain objects to Slack JSON."""

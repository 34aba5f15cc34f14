"""Test-support helpers: a fake Slack Web API, signed Slack requests and modal state."""

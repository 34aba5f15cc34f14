"""The mentoring programme: its model, rules and use cases, free of Slack and of the clock."""

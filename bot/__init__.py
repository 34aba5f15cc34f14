"""The composition root: configuration, database, Slack client, background work and the CLI."""

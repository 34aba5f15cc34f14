"""The mentoring programme: its model, rules and use cases, free of Slack and of the clock."""

# Every session of the process re-publishes the Homes its changes concern (see the module).
from domain.home import refresh as _home_refresh  # noqa: F401

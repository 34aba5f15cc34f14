"""The mentoring programme: its model, rules and use cases, free of Slack and of the clock."""

# Every session of the process re-publishes the Homes its changes concern (see the module).
from domain.home import refresh as _home_refresh  # noqa: F401

# ... and withdraws the waiting reminders its changes made out of date (see the module).
from domain.reminders import withdrawal as _reminder_withdrawal  # noqa: F401

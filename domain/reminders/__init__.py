"""Reminders and nudges: what falls due, sent inside each person's working hours, once."""

from domain.reminders.delivery import URGENT, local_day, send_nudges, sent_today
from domain.reminders.digest import Liveness, send_digests
from domain.reminders.hours import is_working_time, local_time, next_working_time
from domain.reminders.muting import KIND_NAMES, mute_reminders, muted_kinds, unmute_reminders
from domain.reminders.schedule import (
    Due,
    Recipient,
    Schedule,
    batches,
    days,
    in_window,
    last_step,
    not_muted,
    recorded_steps,
)

__all__ = [
    "KIND_NAMES",
    "URGENT",
    "Due",
    "Liveness",
    "Recipient",
    "Schedule",
    "batches",
    "days",
    "in_window",
    "is_working_time",
    "last_step",
    "local_day",
    "local_time",
    "mute_reminders",
    "muted_kinds",
    "next_working_time",
    "not_muted",
    "recorded_steps",
    "send_digests",
    "send_nudges",
    "sent_today",
    "unmute_reminders",
]

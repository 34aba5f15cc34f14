"""What changed: the confirmation after Save, and Recent changes from the admin log."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from blocks import ids
from blocks.kit import Block, actions, button, context, escape, modal, section, slack_date
from domain.admin import CHANGED_SETTING, LoggedChange, SettingChange

# What each setting is called on screen (subjects of the admin log's settings rows).
LABELS: dict[str, str] = {
    "name": "Programme name",
    "support_channel_id": "Support channel",
    "admin_channel_id": "Admin channel",
    "admin_user_ids": "Programme admins",
    "default_capacity": "Mentees a new mentor can take",
    "max_open_proposals": "Most open requests per mentee",
    "max_active_mentors": "Most mentors per mentee",
    "proposal_expiry_days": "Days before a request expires",
    "video_link_template": "Video meeting link",
    "nudges_paused": "Reminders paused",
    "quiet_hours_start": "Quiet hours start",
    "quiet_hours_end": "Quiet hours end",
    "quiet_weekends": "Quiet weekends",
    "daily_nudge_cap": "Most reminders per person per day",
    "quiet_relationship_days": "Days before a relationship is quiet",
    "reminder_timings.proposal_chase_days": "Request reminders (days)",
    "reminder_timings.goal_days_before": "Goal reminder (days before)",
    "reminder_timings.inactive_warning_days": "Inactive account warning (days)",
    "scope": "Whom the programme is for",
}
_CHANNELS = {"support_channel_id", "admin_channel_id"}
_HOURS = {"quiet_hours_start", "quiet_hours_end"}
SHOWN_CHARS = 120  # of one value: a template or a long list stays readable in one line


def label_of(subject: str) -> str:
    """A setting's name on screen; other admin log subjects as they were written."""
    return LABELS.get(subject, subject.replace("_", " "))


def _listed(subject: str, value: list[Any]) -> str:
    """A list setting: people as Slack mentions, anything else as plain items."""
    if subject == "admin_user_ids":
        return ", ".join(f"<@{escape(str(one))}>" for one in value)
    return ", ".join(escape(str(one)) for one in value)


def shown_value(subject: str, value: Any) -> str:
    """A setting's value as an admin reads it: channels and people as Slack links."""
    if value is None or value in ([], ""):
        return "_off_" if subject.startswith("reminder_timings.") else "_not set_"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return _listed(subject, value)
    text = escape(str(value)[:SHOWN_CHARS])
    if subject in _CHANNELS:
        text = f"<#{text}>"
    elif subject in _HOURS and isinstance(value, int):
        text = f"{value:02d}:00"
    elif subject == "video_link_template":
        text = f"`{text}`"
    return text


def _change_line(subject: str, before: Any, after: Any) -> str:
    return f"• *{escape(label_of(subject))}*: {shown_value(subject, before)} → " \
           f"{shown_value(subject, after)}"


def settings_saved_view(changes: Sequence[SettingChange]) -> Block:
    """What Save did: each changed setting, before and after, or that nothing changed."""
    if changes:
        lines = [_change_line(c.subject, c.before, c.after) for c in changes]
        blocks = [section(":white_check_mark: *Settings saved.* They apply from the next "
                          "request, everywhere.\n" + "\n".join(lines))]
    else:
        blocks = [section("Nothing changed: the settings are as they were.")]
    blocks.append(actions(button("Recent changes", ids.ADMIN_RECENT_OPEN)))
    return modal(ids.ADMIN_SETTINGS_SAVED_VIEW, "Settings saved", blocks)


def _logged_line(entry: LoggedChange) -> str:
    if entry.action == CHANGED_SETTING:
        what = _change_line(entry.subject, entry.before, entry.after).removeprefix("• ")
    else:
        what = f"{escape(entry.action)}: {escape(label_of(entry.subject))}"
    when = slack_date(entry.at, "{date_short} {time}")
    return f"{what}\n<@{escape(entry.actor_user_id)}> · {when}"


def recent_changes_view(entries: Sequence[LoggedChange]) -> Block:
    """The newest admin changes: who changed what, and when."""
    if not entries:
        blocks = [section("No changes yet. Changes to the settings will be listed here.")]
    else:
        blocks = [section(_logged_line(entry)) for entry in entries[:90]]
        blocks.append(context(f"The latest {len(blocks)} changes, newest first."))
    return modal(ids.ADMIN_RECENT_VIEW, "Recent changes", blocks)

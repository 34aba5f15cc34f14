"""The settings modal: every programme setting beside its own field, and reading it back."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.forms import int_value, picked_id, picked_ids, selected_values, text_value, time_value
from blocks.kit import (
    Block,
    actions,
    button,
    checkboxes,
    context,
    divider,
    header,
    input_block,
    modal,
    option,
)
from domain.admin import SettingsForm
from domain.admin.rules import MAX_ADMINS, MAX_NAME, MAX_TEMPLATE
from domain.programme import ProgrammeSnapshot

ON = "on"
TEXT_MAX = 40  # number and chase-day inputs: a few characters is all they need


def _text(value: str, max_length: int, placeholder: str | None = None) -> Block:
    element: Block = {"type": "plain_text_input", "max_length": max_length}
    if value:
        element["initial_value"] = value[:max_length]
    if placeholder:
        element["placeholder"] = {"type": "plain_text", "text": placeholder}
    return element


def _number(value: int | None) -> Block:
    # No min/max on the element: our own message beside the field says what fits and why.
    element: Block = {"type": "number_input", "is_decimal_allowed": False}
    if value is not None:
        element["initial_value"] = str(value)
    return element


def _switch(text: str, on: bool) -> Block:
    return checkboxes([option(text, ON)], {ON} if on else ())


def _channel(channel_id: str | None) -> Block:
    element: Block = {"type": "conversations_select",
                      "filter": {"include": ["public", "private"]},
                      "placeholder": {"type": "plain_text", "text": "Choose a channel"}}
    if channel_id:
        element["initial_conversation"] = channel_id
    return element


def _users(user_ids: tuple[str, ...]) -> Block:
    element: Block = {"type": "multi_users_select", "max_selected_items": MAX_ADMINS,
                      "placeholder": {"type": "plain_text", "text": "Choose people"}}
    if user_ids:
        element["initial_users"] = list(user_ids)
    return element


def _hour(hour: int) -> Block:
    return {"type": "timepicker", "initial_time": f"{hour:02d}:00"}


def _programme_fields(programme: ProgrammeSnapshot) -> list[Block]:
    return [
        header("Programme"),
        input_block(ids.ADMIN_NAME, "Programme name", _text(programme.name, MAX_NAME),
                    hint="Members see it on their Home tab and in every message."),
        input_block(ids.ADMIN_SUPPORT_CHANNEL, "Support channel", _channel(
            programme.support_channel_id), optional=True,
            hint="Where Contact support requests arrive. Invite the app to a private channel."),
        input_block(ids.ADMIN_ALERT_CHANNEL, "Admin channel", _channel(
            programme.admin_channel_id), optional=True,
            hint="Where alerts go: requests nobody answered, quiet relationships."),
        input_block(ids.ADMIN_USERS, "Programme admins", _users(programme.admin_user_ids),
                    optional=True, hint="Slack's workspace admins and owners are admins "
                    "already; name anyone else who runs the programme."),
    ]


def _matching_fields(programme: ProgrammeSnapshot) -> list[Block]:
    return [
        header("Matching"),
        input_block(ids.ADMIN_DEFAULT_CAPACITY, "Mentees a new mentor can take",
                    _number(programme.default_capacity),
                    hint="From 1 to 20. Mentors can change their own in their profile."),
        input_block(ids.ADMIN_MAX_OPEN_PROPOSALS, "Most open requests per mentee",
                    _number(programme.max_open_proposals), hint="From 1 to 10."),
        input_block(ids.ADMIN_MAX_ACTIVE_MENTORS, "Most mentors per mentee at once",
                    _number(programme.max_active_mentors), hint="From 1 to 5."),
        input_block(ids.ADMIN_EXPIRY_DAYS, "Days before an unanswered request expires",
                    _number(programme.proposal_expiry_days),
                    hint="From 1 to 90. Applies to requests sent from now on."),
        input_block(ids.ADMIN_VIDEO_LINK, "Video meeting link",
                    _text(programme.video_link_template, MAX_TEMPLATE,
                          "https://meet.jit.si/ourprogramme-{room}"),
                    hint="An https:// link with {room} where each meeting's own room goes."),
    ]


def _reminder_fields(programme: ProgrammeSnapshot) -> list[Block]:
    timings = programme.reminders
    return [
        header("Reminders and quiet hours"),
        input_block(ids.ADMIN_NUDGES_PAUSED, "Pause reminders", _switch(
            "Pause every reminder and nudge the programme sends", programme.nudges_paused),
            optional=True, hint="Meeting reminders pause too. Untick to start them again."),
        input_block(ids.ADMIN_CHASE_DAYS, "Remind mentors of a request after (days)",
                    _text(", ".join(str(d) for d in timings.proposal_chase_days), TEXT_MAX,
                          "3, 7"), optional=True,
                    hint="Days after it was sent, separated by commas. Empty: no reminders."),
        input_block(ids.ADMIN_GOAL_DAYS, "Remind of a goal's due date (days before)",
                    _number(timings.goal_days_before), hint="From 0 (on the day) to 30."),
        input_block(ids.ADMIN_QUIET_DAYS, "A relationship is quiet after (days)",
                    _number(programme.quiet_relationship_days),
                    hint="Days without a message, meeting or goal; from 7 to 180."),
        input_block(ids.ADMIN_INACTIVE_DAYS, "Warn of an inactive account after (days)",
                    _number(timings.inactive_warning_days), optional=True,
                    hint="From 14 to 365. Leave empty to send no such warning."),
        input_block(ids.ADMIN_QUIET_START, "Quiet hours start", _hour(programme.quiet_hours_start),
                    hint="In each person's own time zone; on the hour."),
        input_block(ids.ADMIN_QUIET_END, "Quiet hours end", _hour(programme.quiet_hours_end)),
        input_block(ids.ADMIN_QUIET_WEEKENDS, "Weekends", _switch(
            "Keep weekends quiet too", programme.quiet_weekends), optional=True),
        input_block(ids.ADMIN_DAILY_CAP, "Most reminders per person per day",
                    _number(programme.daily_nudge_cap), hint="From 1 to 20."),
    ]


def settings_form(programme: ProgrammeSnapshot) -> Block:
    """The settings modal, filled in with the programme's current settings."""
    blocks = [*_programme_fields(programme), *_matching_fields(programme),
              *_reminder_fields(programme), divider(),
              context("Every change is logged with who made it and when."),
              actions(button("Recent changes", ids.ADMIN_RECENT_OPEN))]
    return modal(ids.ADMIN_SETTINGS_SUBMIT, "Programme settings", blocks, submit="Save",
                 close="Cancel")


def _on(view: dict[str, Any], block_id: str) -> bool:
    return ON in selected_values(view, block_id)


def read_settings(view: dict[str, Any]) -> SettingsForm:
    """The settings as submitted, each field as typed (the domain checks them)."""
    return SettingsForm(
        name=text_value(view, ids.ADMIN_NAME),
        support_channel_id=picked_id(view, ids.ADMIN_SUPPORT_CHANNEL, "selected_conversation"),
        admin_channel_id=picked_id(view, ids.ADMIN_ALERT_CHANNEL, "selected_conversation"),
        admin_user_ids=tuple(picked_ids(view, ids.ADMIN_USERS, "selected_users")),
        default_capacity=int_value(view, ids.ADMIN_DEFAULT_CAPACITY),
        max_open_proposals=int_value(view, ids.ADMIN_MAX_OPEN_PROPOSALS),
        max_active_mentors=int_value(view, ids.ADMIN_MAX_ACTIVE_MENTORS),
        proposal_expiry_days=int_value(view, ids.ADMIN_EXPIRY_DAYS),
        video_link_template=text_value(view, ids.ADMIN_VIDEO_LINK),
        nudges_paused=_on(view, ids.ADMIN_NUDGES_PAUSED),
        quiet_hours_start=time_value(view, ids.ADMIN_QUIET_START),
        quiet_hours_end=time_value(view, ids.ADMIN_QUIET_END),
        quiet_weekends=_on(view, ids.ADMIN_QUIET_WEEKENDS),
        daily_nudge_cap=int_value(view, ids.ADMIN_DAILY_CAP),
        quiet_relationship_days=int_value(view, ids.ADMIN_QUIET_DAYS),
        proposal_chase_days=text_value(view, ids.ADMIN_CHASE_DAYS),
        goal_days_before=int_value(view, ids.ADMIN_GOAL_DAYS),
        inactive_warning_days=int_value(view, ids.ADMIN_INACTIVE_DAYS),
    )

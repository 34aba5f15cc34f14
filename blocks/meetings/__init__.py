"""Meetings in Block Kit: the modals and Home rows, and the DMs."""

from blocks.meetings.views import (
    LOCATION_HINT,
    arranged_notice,
    cancel_form,
    chooser_view,
    edit_form,
    form_blocks,
    home_meetings,
    meeting_row,
    meetings_view,
    notes_form,
    parent_view_id,
    read_meeting_answers,
    read_target,
    when,
)

__all__ = [
    "LOCATION_HINT",
    "arranged_notice",
    "cancel_form",
    "chooser_view",
    "edit_form",
    "form_blocks",
    "home_meetings",
    "meeting_row",
    "meetings_view",
    "notes_form",
    "parent_view_id",
    "read_meeting_answers",
    "read_target",
    "when",
]

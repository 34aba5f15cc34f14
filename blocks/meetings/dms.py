"""Meeting DMs: arranged, changed, cancelled, reminders before and the prompt after, with the
meeting's details."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from blocks import ids, kit
from blocks.kit import Block
from blocks.payloads import MeetingRef, RelationshipRef, value
from domain.meetings.times import duration_label


class SlackToken:
    """Markup we built ourselves (a date token): printed by templates as it is, not escaped."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        """The token itself."""
        return self.text


def slack_date_filter(iso: str, token: str = "{date_long_pretty} at {time}") -> SlackToken:
    """Jinja filter: an ISO time from a payload as a <!date^…> token for each reader."""
    return SlackToken(kit.slack_date(datetime.fromisoformat(iso), token))


def _details(payload: dict[str, Any]) -> str:
    start, end = (datetime.fromisoformat(payload[k]) for k in ("starts_at", "ends_at"))
    lines = [f"*{kit.escape(payload['title'])}*",
             f":calendar: {kit.slack_date(start, '{date_long_pretty} at {time}')} – "
             f"{kit.slack_date(end, '{time}')} ({duration_label(int(payload['duration']))})"]
    if payload.get("location"):
        lines.append(f":round_pushpin: {kit.escape(payload['location'])}")
    if payload.get("video_url"):
        lines.append(f":movie_camera: <{kit.escape(payload['video_url'])}|Join the video chat>")
    if payload.get("details"):
        lines.append(kit.quote(kit.cut(payload["details"], 2000)))
    return "\n".join(lines)


def _open_meetings(payload: dict[str, Any]) -> Block:
    return kit.actions(kit.button("View meetings", ids.MEETING_OPEN,
                                  value(RelationshipRef(payload["relationship_id"]))))


def meeting_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """A meeting arranged or changed: who, the details, and where the calendar file is."""
    partner = payload["partner"]
    return [kit.section(text, kit.photo(partner.get("image_url"), partner["name"])),
            kit.section(_details(payload)),
            kit.context(":spiral_calendar_pad: The calendar file (.ics) is in the thread below: "
                        "open it to add the meeting to your calendar."),
            _open_meetings(payload)]


def cancelled_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """A meeting cancelled, with the reason if one was given."""
    reason = f"\n{kit.quote(payload['reason'])}" if payload.get("reason") else ""
    blocks = [kit.section(text + reason),
              kit.context(":spiral_calendar_pad: The calendar file in the thread below removes the "
                          "meeting from your calendar.")]
    # An ended pair can arrange no more meetings, so there is nothing to go and view.
    return blocks if payload.get("ended") else [*blocks, _open_meetings(payload)]


def reminder_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """A reminder before the meeting, with its details and the video chat to join."""
    buttons = [kit.button("View meetings", ids.MEETING_OPEN,
                          value(RelationshipRef(payload["relationship_id"])))]
    if payload.get("video_url"):
        buttons.insert(0, {**kit.link_button("Join the video chat", ids.MEETING_JOIN_VIDEO,
                                             payload["video_url"]), "style": "primary"})
    return [kit.section(text), kit.section(_details(payload)), kit.actions(*buttons)]


def follow_up_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """After the meeting: its notes to write (both of the pair see them) and a diary entry."""
    meeting = value(MeetingRef(payload["meeting_id"]))
    start = datetime.fromisoformat(payload["starts_at"])
    return [kit.section(text),
            kit.context(f"*{kit.escape(payload['title'])}* · "
                        f"{kit.slack_date(start, '{date_long_pretty} at {time}')}"),
            kit.actions(kit.button("Add to the notes" if payload.get("has_notes")
                                   else "Write meeting notes", ids.MEETING_NOTES, meeting,
                                   style="primary"),
                        kit.button("Add to learning diary", ids.DIARY_FROM_MEETING, meeting))]


def logged_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """A meeting the partner logged afterwards: when, how long, their notes, and the list."""
    partner = payload["partner"]
    blocks = [kit.section(text, kit.photo(partner.get("image_url"), partner["name"])),
              kit.section(_details(payload))]
    if payload.get("notes"):
        blocks += [kit.section("*Notes*\n" + kit.quote(kit.cut(payload["notes"], 2000))),
                   kit.context("You both see these notes, and either of you can add to them "
                               "from View meetings.")]
    return [*blocks, _open_meetings(payload)]

"""Meetings: the pair's list with the Create meeting form, edit / cancel / notes, Home's rows."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from blocks import ids, kit
from blocks.forms import (
    date_value,
    parent_view_of,
    selected_value,
    selected_values,
    text_value,
    time_value,
)
from blocks.kit import Block
from blocks.payloads import (
    BoundView,
    MeetingRef,
    RelationshipRef,
    Target,
    metadata,
    value,
    view_payload,
)
from domain import permissions as may
from domain.meetings import MAX_NOTES, MAX_REASON, MeetingEdit, MeetingList
from domain.meetings.times import (
    DEFAULT_DURATION,
    DURATIONS,
    MAX_DETAILS,
    MAX_LOCATION,
    MAX_TITLE,
    MeetingAnswers,
    duration_label,
    ends_at,
    zone_of,
)
from domain.model import Meeting, Member, RelationshipStatus
from domain.relationships import Pairing, partner_of

SHARE, VIDEO = "share", "video"
LOCATION_HINT = "e.g. Place, Face to face, Virtual, Email"


def read_target(view: dict[str, Any], actor: str) -> Target:
    """What a submitted meeting modal acts on: the pair (create), the meeting, the list."""
    return view_payload(view, Target, actor)


def parent_view_id(body: dict[str, Any]) -> str | None:
    """The meetings list a button was clicked in, so it can be refreshed after the change."""
    return parent_view_of(body, ids.MEETING_SUBMIT)


def read_meeting_answers(view: dict[str, Any]) -> MeetingAnswers:
    """The meeting form as submitted."""
    duration = selected_value(view, ids.MEETING_DURATION) or ""
    chosen = selected_values(view, ids.MEETING_OPTIONS)
    return MeetingAnswers(
        day=date_value(view, ids.MEETING_DATE), start=time_value(view, ids.MEETING_TIME),
        duration=int(duration) if duration.isdigit() and len(duration) < 6 else None,
        title=text_value(view, ids.MEETING_TITLE),
        location=text_value(view, ids.MEETING_LOCATION),
        details=text_value(view, ids.MEETING_DETAILS),
        share=SHARE in chosen, video=VIDEO in chosen)


def when(meeting_start: datetime, meeting_end: datetime) -> str:
    """The start's date and time, then the end time, in each reader's own time zone."""
    return (f"{kit.slack_date(meeting_start, '{date_long_pretty} at {time}')} – "
            f"{kit.slack_date(meeting_end, '{time}')}")


def _where(location: str, video_url: str | None) -> list[str]:
    lines = [f":round_pushpin: {kit.escape(location)}"] if location else []
    if video_url:
        lines.append(f":movie_camera: <{kit.escape(video_url)}|Join the video chat>")
    return lines


def meeting_row(meeting: Meeting, me: Member, now: datetime, *, show_partner: bool = False
                ) -> list[Block]:
    """One meeting: what, when, where, its notes once held, and what can be done with it."""
    partner = partner_of(meeting.pair, me.id)
    title = f"*{kit.escape(meeting.title)}*" + (f" with {kit.escape(partner.name)}"
                                                if show_partner else "")
    lines = [title, f":calendar: {when(meeting.starts_at, ends_at(meeting))}",
             *_where(meeting.location, meeting.video_url)]
    if meeting.notes:
        lines.append("*Notes*\n" + kit.quote(kit.cut(meeting.notes, 1200)))
    ref = value(MeetingRef(meeting.id))
    buttons = []
    if may.may_change_meeting(meeting, me, now):
        buttons = [kit.button("Edit", ids.MEETING_EDIT, ref),
                   kit.button("Cancel", ids.MEETING_CANCEL, ref, style="danger")]
    elif may.may_write_meeting_notes(meeting, me, now):
        buttons = [kit.button("Edit notes" if meeting.notes else "Add notes", ids.MEETING_NOTES,
                              ref)]
    row = [kit.section("\n".join(lines))]
    if buttons:
        row.append(kit.actions(*buttons, block_id=ids.meeting_row_block(meeting.id)))
    return row


def home_meetings(meetings: list[Meeting], me: Member, now: datetime) -> list[Block]:
    """Home's Upcoming meetings section."""
    if not meetings:
        return [kit.section("*Upcoming meetings*\nNo meetings arranged. Use *Meet / Video* on a "
                            "relationship to arrange one.")]
    blocks = [kit.section("*Upcoming meetings*")]
    for meeting in meetings:
        blocks += meeting_row(meeting, me, now, show_partner=True)
    return blocks


def _duration_option(minutes: int) -> Block:
    return kit.option(duration_label(minutes), str(minutes))


def _options(partner: str, share: bool | None, video: bool) -> Block:
    """The two ticks; `share` None leaves out Send details (the partner has them already)."""
    offered = [(kit.option(f"Send details to {partner}", SHARE), bool(share))] \
        if share is not None else []
    offered.append((kit.option("Video chat meeting", VIDEO), video))
    element = kit.checkboxes([choice for choice, _ in offered],
                             {choice["value"] for choice, on in offered if on})
    return kit.input_block(ids.MEETING_OPTIONS, "Options", element, optional=True)


def _text(max_length: int, initial: str, multiline: bool = False) -> Block:
    element: Block = {"type": "plain_text_input", "max_length": max_length,
                      "multiline": multiline}
    if initial:
        element["initial_value"] = initial[:max_length]
    return element


def form_blocks(partner: Member, tz: str | None, answers: MeetingAnswers | None,
                now: datetime, *, offer_share: bool = True) -> list[Block]:
    """The meeting's fields, filled with `answers` (or sensible defaults for a new one)."""
    day = answers.day if answers else (now.astimezone(zone_of(tz)) + timedelta(days=1)).date()
    picked_time = {"initial_time": f"{answers.start:%H:%M}"} if answers and answers.start else {}
    duration = answers.duration if answers and answers.duration in DURATIONS \
        else DEFAULT_DURATION
    return [
        kit.input_block(ids.MEETING_DATE, "Date", {"type": "datepicker",
                                                   "initial_date": f"{day:%Y-%m-%d}"}),
        kit.input_block(ids.MEETING_TIME, "Start time", {"type": "timepicker", **picked_time},
                        hint=f"In your time zone, {zone_of(tz).key}."),
        kit.input_block(ids.MEETING_DURATION, "Duration", {
            "type": "static_select", "options": [_duration_option(m) for m in DURATIONS],
            "initial_option": _duration_option(duration)}),
        kit.input_block(ids.MEETING_TITLE, "Title", _text(MAX_TITLE, answers.title if answers
                                                          else "")),
        kit.input_block(ids.MEETING_LOCATION, "Method / location", _text(
            MAX_LOCATION, answers.location if answers else ""), optional=True,
            hint=LOCATION_HINT),
        kit.input_block(ids.MEETING_DETAILS, "Details", _text(
            MAX_DETAILS, answers.details if answers else "", multiline=True), optional=True),
        _options(partner.name, (answers.share if answers else True) if offer_share else None,
                 answers.video if answers else False),
    ]


def _listed(listing: MeetingList) -> list[Block]:
    blocks: list[Block] = [kit.section("*Coming up*")]
    if not listing.upcoming:
        blocks.append(kit.context("No meetings arranged yet."))
    for meeting in listing.upcoming:
        blocks += meeting_row(meeting, listing.me, listing.now)
    if listing.recent:
        blocks.append(kit.section("*Recent meetings*"))
    for meeting in listing.recent:
        blocks += meeting_row(meeting, listing.me, listing.now)
    return blocks


def meetings_view(listing: MeetingList, *, notice: str | None = None) -> Block:
    """Meet / Video: the pair's meetings, and the Create meeting form (or, after one was
    just arranged, the notice saying so and a button for another)."""
    partner, relationship = listing.pairing.partner, listing.pairing.relationship
    blocks = [kit.section(f"*Meetings with {kit.escape(partner.name)}*",
                          kit.photo(partner.image_url, partner.name)),
              *_listed(listing), kit.divider()]
    target = metadata(Target(relationship=relationship.id))
    if relationship.status != RelationshipStatus.ACTIVE:
        blocks.append(kit.context("This mentoring relationship has ended, so no new meetings can "
                                  "be arranged in it."))
        return kit.modal(ids.MEETING_SUBMIT, "Meetings", blocks, private_metadata=target)
    if notice:
        blocks += [kit.section(notice), kit.actions(kit.button(
            "Arrange another meeting", ids.MEETING_OPEN, value(RelationshipRef(relationship.id))))]
        return kit.modal(ids.MEETING_SUBMIT, "Meetings", blocks, private_metadata=target)
    blocks += [kit.section(f"*Create meeting with {kit.escape(partner.name)}*"),
               *form_blocks(partner, listing.me.tz, None, listing.now)]
    return kit.modal(ids.MEETING_SUBMIT, "Meetings", blocks, submit="Create meeting",
                     private_metadata=target)


def arranged_notice(meeting: Meeting, partner: Member) -> str:
    """What the list says just after a meeting was arranged."""
    told = (f"{kit.escape(partner.name)} has been sent the details and a calendar file."
            if meeting.share_with_partner else
            f"The details were not sent to {kit.escape(partner.name)}.")
    return (f":white_check_mark: *{kit.escape(meeting.title)}* is arranged for "
            f"{when(meeting.starts_at, ends_at(meeting))}. {told}")


def edit_form(edit: MeetingEdit, now: datetime, parent: BoundView | None) -> Block:
    """The meeting's form filled in, to change it."""
    target = Target(item=edit.meeting.id, parent=parent)
    name = kit.escape(edit.pairing.partner.name)
    told = (f"{name} will be sent the new details." if edit.partner_told else
            f"The details have not been sent to {name}; tick *Send details* to send them.")
    blocks = [kit.section(f"*Change the meeting with {name}*\n{told}"),
              *form_blocks(edit.pairing.partner, edit.tz, edit.answers, now,
                           offer_share=not edit.partner_told)]
    return kit.modal(ids.MEETING_SUBMIT, "Edit meeting", blocks, submit="Save changes",
                     private_metadata=metadata(target))


def cancel_form(edit: MeetingEdit, parent: BoundView | None) -> Block:
    """Confirm cancelling a meeting, with an optional word for the partner."""
    meeting, partner = edit.meeting, edit.pairing.partner
    target = Target(item=meeting.id, parent=parent)
    told = f" {kit.escape(partner.name)} will be told." if edit.partner_told else ""
    return kit.modal(ids.MEETING_CANCEL_SUBMIT, "Cancel meeting", [
        kit.section(f"Cancel *{kit.escape(meeting.title)}*, "
                    f"{when(meeting.starts_at, ends_at(meeting))}?{told}"),
        kit.input_block(ids.MEETING_REASON, f"A word to {partner.name} (optional)",
                        _text(MAX_REASON, "", multiline=True), optional=True),
    ], submit="Cancel meeting", close="Keep it", private_metadata=metadata(target))


def notes_form(meeting: Meeting, pairing: Pairing, parent: BoundView | None) -> Block:
    """The meeting's notes, for either of the pair to write."""
    target = Target(item=meeting.id, parent=parent)
    return kit.modal(ids.MEETING_NOTES_SUBMIT, "Meeting notes", [
        kit.section(f"*{kit.escape(meeting.title)}*\n{when(meeting.starts_at, ends_at(meeting))}"),
        kit.input_block(ids.MEETING_NOTES_TEXT, "Notes", _text(MAX_NOTES, meeting.notes,
                                                               multiline=True), optional=True,
                        hint=f"{pairing.partner.name} can see and edit these notes too."),
    ], submit="Save notes", private_metadata=metadata(target))


def chooser_view(pairings: list[Pairing]) -> Block:
    """/mentor meet with several partners: whom to meet."""
    blocks: list[Block] = [kit.section("*Whom would you like to meet?*")]
    for pairing in pairings[:40]:
        role = "your mentee" if pairing.i_am_mentor else "your mentor"
        blocks.append(kit.section(f"*{kit.escape(pairing.partner.name)}* · {role}", kit.button(
            "Meet / Video", ids.MEETING_OPEN, value(RelationshipRef(pairing.relationship.id)))))
    return kit.modal(ids.MEETING_LIST_VIEW, "Meetings", blocks)

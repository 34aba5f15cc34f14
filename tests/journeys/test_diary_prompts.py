"""Journey: after writing up a meeting, the diary offers an entry about it, filled in."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from blocks import ids
from blocks.payloads import MeetingRef, decode, value
from bot.app import Mentorbot
from domain.model import DiaryEntry, Meeting
from tests.journeys.meeting_steps import arrange, open_meetings
from tests.journeys.steps import (
    button_values,
    mentee_answers,
    register,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def test_saved_meeting_notes_offer_a_diary_entry_about_that_meeting(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair: int,
    pair_ref: str,
) -> None:
    arrange(slack, fake_slack, pair_ref)
    clock.advance(days=9)
    listing = open_meetings(slack, fake_slack, "UALICE", pair_ref)
    meeting_id = button_values(listing, ids.MEETING_NOTES)[0]
    slack.block_action("UALICE", ids.MEETING_NOTES, value=meeting_id, view=listing)
    notes = fake_slack.wait_for("views.push")[-1].params["view"]
    notes = {**notes, "id": fake_slack.latest_modal()["id"]}
    reply = slack.view_submission("UALICE", notes, fill(notes, {
        ids.MEETING_NOTES_TEXT: "Agreed to start a SWOT."})).json()
    assert reply["response_action"] == "update"
    prompt = {**reply["view"], "id": notes["id"]}
    assert_fits_slack(prompt)
    assert button_values(prompt, ids.DIARY_FROM_MEETING) == [meeting_id]

    slack.block_action("UALICE", ids.DIARY_FROM_MEETING, value=meeting_id, view=prompt)
    form = fake_slack.wait_for("views.push", 2)[-1].params["view"]
    form = {**form, "id": fake_slack.latest_modal()["id"]}
    title = next(b for b in form["blocks"] if b.get("block_id") == ids.DIARY_TITLE)
    assert title["element"]["initial_value"] == "After: Kick-off chat"
    link = next(b for b in form["blocks"] if b.get("block_id") == ids.DIARY_LINK)
    assert link["element"]["initial_option"]["value"] == \
        f"m{decode(meeting_id, MeetingRef).meeting}"
    slack.view_submission("UALICE", form, fill(form, {
        ids.DIARY_REFLECTION: "I need to prepare more.", ids.DIARY_DATE: "2026-12-02"}))
    with app.sessions() as session:
        entry = session.scalars(select(DiaryEntry)).one()
        meeting = session.scalars(select(Meeting)).one()
        assert (entry.title, entry.meeting_id, entry.relationship_id, entry.entry_date) == (
            "After: Kick-off chat", meeting.id, pair,
            date(2026, 12, 2))


def test_a_forged_meeting_or_relationship_link_is_refused(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    fake_slack.add_user("UMALLORY", name="mallory", real_name="Mallory", tz="UTC")
    form = register(slack, fake_slack, "UMALLORY", "mentee")
    slack.view_submission("UMALLORY", form, fill(form, mentee_answers(form)))
    slack.shortcut("UMALLORY", ids.DIARY_SHORTCUT)
    form = fake_slack.wait_for("views.open", 2)[-1].params["view"]
    assert not any(b.get("block_id") == ids.DIARY_LINK for b in form["blocks"])
    forged = f"r{pair}"
    form["blocks"].append({"type": "input", "block_id": ids.DIARY_LINK, "optional": True,
                           "label": {"type": "plain_text", "text": "About"},
                           "element": {"type": "static_select", "action_id": ids.DIARY_LINK,
                                       "options": [{"text": {"type": "plain_text", "text": "x"},
                                                    "value": forged}]}})
    reply = slack.view_submission("UMALLORY", form, fill(form, {
        ids.DIARY_TITLE: "Snooping", ids.DIARY_LINK: forged})).json()
    assert reply["response_action"] == "errors"
    assert ids.DIARY_LINK in reply["errors"]
    slack.block_action("UMALLORY", ids.DIARY_FROM_MEETING, value=value(MeetingRef(1)))
    with app.sessions() as session:
        assert session.scalars(select(DiaryEntry)).all() == []

"""Journey: after writing up a meeting, the diary offers an entry about it, filled in."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from blocks import ids
from blocks.payloads import MeetingRef, RelationshipRef, decode, value
from bot.app import Mentorbot
from domain.model import DiaryEntry, Meeting
from tests.journeys.steps import (
    button_values,
    join_as_mentor,
    mentee_answers,
    register,
    wait_for_home,
)
from tests.journeys.test_meetings import arrange, open_meetings, request_and_accept
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


@pytest.fixture
def matched(slack: SlackRequests, fake_slack: FakeSlack) -> str:
    """Alice is John's mentee; returns their relationship id."""
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember",
                        email="ualice@example.org", tz="America/New_York")
    form = register(slack, fake_slack, "UALICE", "mentee")
    assert slack.view_submission("UALICE", form, fill(form, mentee_answers(form))).status == 200
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    request_and_accept(slack, fake_slack, "UALICE")
    home = wait_for_home(fake_slack, "UALICE", ids.MEETING_OPEN)
    fake_slack.reset()
    return button_values(home, ids.MEETING_OPEN)[0]


def test_saved_meeting_notes_offer_a_diary_entry_about_that_meeting(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, matched: str
) -> None:
    arrange(slack, fake_slack, matched)
    clock.advance(days=9)
    listing = open_meetings(slack, fake_slack, "UALICE", matched)
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
            "After: Kick-off chat", meeting.id, decode(matched, RelationshipRef).relationship,
            date(2026, 12, 2))


def test_a_forged_meeting_or_relationship_link_is_refused(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, matched: str
) -> None:
    fake_slack.add_user("UMALLORY", name="mallory", real_name="Mallory", tz="UTC")
    form = register(slack, fake_slack, "UMALLORY", "mentee")
    slack.view_submission("UMALLORY", form, fill(form, mentee_answers(form)))
    slack.shortcut("UMALLORY", ids.DIARY_SHORTCUT)
    form = fake_slack.wait_for("views.open", 2)[-1].params["view"]
    assert not any(b.get("block_id") == ids.DIARY_LINK for b in form["blocks"])
    forged = f"r{decode(matched, RelationshipRef).relationship}"
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

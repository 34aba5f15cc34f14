"""Newcomers over HTTP: an unfinished profile is reminded and finished from the DM; a mentee
who has asked nobody is shown their matches and sends a request from the DM."""

from __future__ import annotations

from blocks import ids
from blocks.payloads import MemberRef, decode
from blocks.proposals import form_target
from bot.app import Mentorbot
from bot.ticks import run_tick
from tests.journeys.steps import (
    button_values,
    dms_to,
    join_as_mentee,
    join_as_mentor,
    mentee_answers,
    register,
    text_of,
    wait_for_dm,
)
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import settled

NOT_ASKED = "you haven't asked anyone to be your mentor"
UNFINISHED = "isn't finished yet"


def _tick(app: Mentorbot, clock: FakeClock) -> int:
    return run_tick("newcomers", app.sessions, clock.now, app.sender.kick)


def test_a_mentee_who_asked_nobody_sends_a_request_from_the_suggestions(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    join_as_mentor(slack, fake_slack, "UMIA", "Mia Chen", community="Logistics")
    join_as_mentor(slack, fake_slack, "UOLA", "Ola Berg")
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    clock.advance(days=7, hours=-1)
    assert _tick(app, clock) == 0
    clock.advance(hours=1)
    assert _tick(app, clock) == 1
    dm = wait_for_dm(fake_slack, "UALICE", NOT_ASKED)
    shown = text_of(dm["blocks"])
    assert all(name in shown for name in ("John Smith", "Mia Chen", "Ola Berg"))
    assert shown.index("Mia Chen") < shown.index("John Smith")  # her community fits too
    assert button_values(dm["blocks"], ids.SEARCH_OPEN) == [""]
    mia = decode(button_values(dm["blocks"], ids.PROPOSAL_OPEN)[0], MemberRef).member
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UALICE", ids.PROPOSAL_OPEN, message=dm,
                       value=button_values(dm["blocks"], ids.PROPOSAL_OPEN)[0])
    fake_slack.wait_for("views.open", opened + 1)
    form = fake_slack.latest_modal()
    assert form["callback_id"] == ids.PROPOSAL_SUBMIT and form_target(form) == (mia, None)
    assert "sent to *Mia Chen*" in text_of(form)
    slack.view_submission("UALICE", form, fill(form, {ids.PROPOSAL_STATEMENT: "Please."}))
    wait_for_dm(fake_slack, "UMIA", "would like you to be their mentor")
    clock.advance(days=7)
    assert _tick(app, clock) == 0  # she has asked someone now
    settled(app)
    assert [m for m in dms_to(fake_slack, "UALICE") if NOT_ASKED in m.get("text", "")] == [dm]
    assert not any(NOT_ASKED in m.get("text", "") for user in ("UJOHN", "UMIA", "UOLA")
                   for m in dms_to(fake_slack, user))


def test_an_unfinished_profile_is_reminded_and_finished_from_the_dm(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    fake_slack.add_user("UBEN", name="ben", real_name="Ben Ode", email="uben@example.org")
    register(slack, fake_slack, "UBEN", "mentee")  # and closes the profile form unfilled
    clock.advance(days=2)
    assert _tick(app, clock) == 1
    dm = wait_for_dm(fake_slack, "UBEN", UNFINISHED)
    assert "Tell us what you would like help with" in dm["text"]
    assert "Mute reminders like this" in text_of(dm)
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UBEN", ids.NOTIFICATION_OPEN_PROFILE, message=dm)
    fake_slack.wait_for("views.open", opened + 1)
    form = fake_slack.latest_modal()
    assert form["callback_id"] == ids.PROFILE_SUBMIT
    reply = slack.view_submission("UBEN", form, fill(form, mentee_answers(form)))
    assert reply.status == 200 and not reply.body, reply.body
    clock.advance(days=12)
    assert _tick(app, clock) == 1  # no more about the profile: now, mentors to ask
    wait_for_dm(fake_slack, "UBEN", NOT_ASKED)
    assert [m for m in dms_to(fake_slack, "UBEN") if UNFINISHED in m.get("text", "")] == [dm]

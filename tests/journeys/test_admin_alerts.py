"""Alert cards in the admin channel and their buttons, over HTTP as Slack sends them."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from blocks import ids
from bot.app import Mentorbot
from bot.ticks import run_tick
from domain.model import OutboxKind, OutboxMessage, Programme, Relationship, RelationshipStatus
from tests.journeys.steps import (
    ask_the_closest_mentor,
    dms_to,
    join_as_mentee,
    join_as_mentor,
    text_of,
    wait_for_dm,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.concurrency import at_once
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.waiting import eventually

CHANNEL = "CADMIN"


def admins(app: Mentorbot, fake: FakeSlack) -> None:
    """Sam and Kim administer the workspace; the programme's alerts go to #mentoring-admin."""
    fake.add_user("USAM", name="sam", real_name="Sam Admin", is_admin=True)
    fake.add_user("UKIM", name="kim", real_name="Kim Owner", is_admin=True)
    with app.sessions.begin() as session:
        session.get_one(Programme, "T1").admin_channel_id = CHANNEL


def posts_to_channel(fake: FakeSlack) -> list[dict[str, Any]]:
    return [c.params for c in fake.calls_to("chat.postMessage")
            if c.params.get("channel") == CHANNEL]


def card_updates(fake: FakeSlack) -> list[dict[str, Any]]:
    return [c.params for c in fake.calls_to("chat.update") if c.params.get("channel") == CHANNEL]


def wait_for_card(fake: FakeSlack, saying: str) -> dict[str, Any]:
    """The card posted to the admin channel that says this."""
    eventually(lambda: posts_to_channel(fake), lambda posts: any(
        saying in text_of(p) for p in posts), f"a card saying {saying!r}")
    card = next(p for p in posts_to_channel(fake) if saying in text_of(p))
    assert_fits_slack({"type": "message", "blocks": card["blocks"]})
    return {"text": card["text"], "blocks": card["blocks"]}


def click(slack: SlackRequests, admin: str, action_id: str, card: dict[str, Any]) -> int:
    return slack.block_action(admin, action_id, message=card, channel_id=CHANNEL).status


@pytest.fixture
def quiet_card(app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int,
               clock: FakeClock) -> dict[str, Any]:
    """Alice and John have not been in touch for three weeks: the card the tick posts."""
    admins(app, fake_slack)
    clock.advance(days=22)
    assert run_tick("quiet_relationships", app.sessions, clock.now, app.sender.kick) == 1
    return wait_for_card(fake_slack, "has gone quiet")


def test_a_request_nobody_answered_posts_a_card_and_nudge_both_acts(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    admins(app, fake_slack)
    fake_slack.reset()
    ask_the_closest_mentor(slack, fake_slack)
    clock.advance(days=15)
    assert run_tick("proposals_expire", app.sessions, clock.now, app.sender.kick) == 1
    card = wait_for_card(fake_slack, "expired unanswered")
    assert "*Alice Kember* asked *John Smith*" in text_of(card)
    assert click(slack, "USAM", ids.ADMIN_ALERTS_NUDGE, card) == 200
    wait_for_dm(fake_slack, "UALICE", "Sam Admin from Mentoring programme here")
    wait_for_dm(fake_slack, "UJOHN", "expired before it was answered")
    updated = eventually(lambda: card_updates(fake_slack), bool, "the card updated")[0]
    assert "Sam Admin* nudged both" in text_of(updated)
    assert ids.ADMIN_ALERTS_NUDGE not in text_of(updated)  # its buttons are gone


def test_a_quiet_relationship_posts_one_card_per_quiet_spell(
        app: Mentorbot, fake_slack: FakeSlack, quiet_card: dict[str, Any],
        clock: FakeClock) -> None:
    assert "no messages, meetings, goal or stage updates" in text_of(quiet_card)
    clock.advance(hours=2)
    assert run_tick("quiet_relationships", app.sessions, clock.now, app.sender.kick) == 0
    app.settle()
    assert len(posts_to_channel(fake_slack)) == 1


def test_two_admins_clicking_at_once_act_once_and_the_other_is_told(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack,
        quiet_card: dict[str, Any]) -> None:
    outcomes = at_once(lambda admin: click(slack, admin, ids.ADMIN_ALERTS_NUDGE, quiet_card),
                       ["USAM", "UKIM"])
    assert outcomes == [200, 200]
    app.settle()
    eventually(lambda: card_updates(fake_slack), bool, "the card updated")
    nudges = [m for user in ("UALICE", "UJOHN") for m in dms_to(fake_slack, user)
              if "since you and" in m.get("text", "")]
    assert len(nudges) == 2
    told = [v for v in fake_slack.views.values() if "already nudged both" in text_of(v)]
    assert len(told) == 1
    assert len(card_updates(fake_slack)) == 1
    with app.sessions() as session:
        assert session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == OutboxKind.ADMIN_NUDGE)).all().__len__() == 2


def test_close_relationship_asks_first_then_ends_it_and_tells_both(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack,
        quiet_card: dict[str, Any]) -> None:
    known = len(fake_slack.views)
    click(slack, "USAM", ids.ADMIN_ALERTS_CLOSE, quiet_card)
    form = fake_slack.wait_for_new_modal(ids.ADMIN_ALERTS_CLOSE_SUBMIT, known)
    assert "Both will be told" in text_of(form)
    with app.sessions() as session:  # nothing ends before the confirmation
        assert session.scalars(select(Relationship.status)).one() == RelationshipStatus.ACTIVE
    reply = slack.view_submission("USAM", form, {ids.ADMIN_ALERTS_REASON: {
        ids.ADMIN_ALERTS_REASON: {"type": "plain_text_input", "value": "Time for a fresh start."}}})
    assert reply.status == 200 and not reply.body.strip(), reply.body
    wait_for_dm(fake_slack, "UALICE", "has closed your mentoring relationship")
    wait_for_dm(fake_slack, "UJOHN", "has closed your mentoring relationship")
    with app.sessions() as session:
        assert session.scalars(select(Relationship.status)).one() == RelationshipStatus.WITHDRAWN
    updated = eventually(lambda: card_updates(fake_slack), bool, "the card updated")[0]
    assert "closed the relationship" in text_of(updated)


def test_match_manually_opens_the_form_with_the_mentee_and_open_profile_shows_both(
        slack: SlackRequests, fake_slack: FakeSlack, quiet_card: dict[str, Any]) -> None:
    known = len(fake_slack.views)
    click(slack, "USAM", ids.ADMIN_ALERTS_MATCH, quiet_card)
    form = fake_slack.wait_for_new_modal(ids.ADMIN_MATCH_SUBMIT, known)
    mentee = next(b for b in form["blocks"] if b.get("block_id") == ids.ADMIN_MATCH_MENTEE)
    assert mentee["element"]["initial_user"] == "UALICE"
    known = len(fake_slack.views)
    click(slack, "USAM", ids.ADMIN_ALERTS_PROFILE, quiet_card)
    profiles = fake_slack.wait_for_new_modal(ids.ADMIN_ALERTS_PROFILE_VIEW, known)
    assert "Zoë Ngô" in text_of(profiles) and "Дмитрий Ωμέγα" in text_of(profiles)
    assert_fits_slack(profiles)


def test_a_non_admin_is_refused_every_button_of_the_card(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack,
        quiet_card: dict[str, Any]) -> None:
    for action_id in (ids.ADMIN_ALERTS_NUDGE, ids.ADMIN_ALERTS_MATCH, ids.ADMIN_ALERTS_CLOSE,
                      ids.ADMIN_ALERTS_PROFILE, ids.ADMIN_ALERTS_DONE):
        known = len(fake_slack.views)
        click(slack, "UALICE", action_id, quiet_card)
        opened = list(fake_slack.views.values())[known:]
        assert [v["callback_id"] for v in opened] == [ids.NOTICE_VIEW], action_id
        assert "only the programme's admins" in text_of(opened[0])
    app.settle()
    assert card_updates(fake_slack) == []
    assert not any("since you and" in m.get("text", "") for m in dms_to(fake_slack, "UJOHN"))

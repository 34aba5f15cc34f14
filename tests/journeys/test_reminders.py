"""Every reminder carries "Mute reminders like this", which acts on the spot and can be undone."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from blocks import ids
from blocks.payloads import ReminderKindRef, value
from bot.app import Mentorbot
from domain.model import Member, NudgeKind, NudgeMute, OutboxKind
from domain.reminders import Due, Recipient, send_nudges
from tests.journeys.steps import join_as_mentee, text_of, wait_for_dm
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests


def _nudge_alice(app: Mentorbot, clock: FakeClock) -> None:
    with app.sessions.begin() as session:
        alice = session.scalars(select(Member).where(Member.slack_user_id == "UALICE")).one()
        recipient = Recipient(alice.id, alice.team_id, alice.slack_user_id, alice.tz)
        due = Due(kind=NudgeKind.GOAL_DUE, subject_id=7, anchor_at=clock.now(), step=0,
                  due_at=clock.now(), recipient=recipient, message=OutboxKind.NUDGE_DIGEST,
                  payload={"lines": ["Your goal is due on Friday."]})
        assert send_nudges(session, dues=[due], now=clock.now()) == 1
    app.sender.kick()


def _mutes(app: Mentorbot) -> list[str]:
    with app.sessions() as session:
        return list(session.scalars(select(NudgeMute.kind)))


def _updated(fake: FakeSlack, count: int) -> dict[str, Any]:
    params = fake.wait_for("chat.update", count)[-1].params
    blocks = params["blocks"]
    return {"ts": params["ts"], "text": params["text"],
            "blocks": json.loads(blocks) if isinstance(blocks, str) else blocks}


def test_mute_reminders_like_this_then_undo(app: Mentorbot, slack: SlackRequests,
                                            fake_slack: FakeSlack, clock: FakeClock) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    _nudge_alice(app, clock)
    dm = wait_for_dm(fake_slack, "UALICE", "Your goal is due on Friday.")
    assert "Mute reminders like this" in text_of(dm)
    assert slack.block_action("UALICE", ids.REMINDER_MUTE, message=dm).status == 200
    muted = _updated(fake_slack, 1)
    assert "you won't get reminders of your goals' dates any more" in text_of(muted)
    assert "Your goal is due on Friday." in text_of(muted)  # the reminder itself stays
    assert _mutes(app) == [NudgeKind.GOAL_DUE]
    assert slack.block_action("UALICE", ids.REMINDER_UNMUTE, message=muted).status == 200
    assert "Mute reminders like this" in text_of(_updated(fake_slack, 2))
    assert _mutes(app) == []


def test_a_forged_kind_is_refused_and_mutes_nothing(app: Mentorbot, slack: SlackRequests,
                                                    fake_slack: FakeSlack,
                                                    clock: FakeClock) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    _nudge_alice(app, clock)
    dm = wait_for_dm(fake_slack, "UALICE", "Your goal is due on Friday.")
    known = len(fake_slack.views)
    slack.block_action("UALICE", ids.REMINDER_MUTE, message=dm,
                       value=value(ReminderKindRef("everything")))
    assert "that button is out of date" in text_of(
        fake_slack.wait_for_new_modal(ids.NOTICE_VIEW, known))
    assert _mutes(app) == [] and not fake_slack.calls_to("chat.update")

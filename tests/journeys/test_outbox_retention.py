"""The programme forgets its copies of DMs 90 days after they are sent, through the same tick
machinery as every other tick, and what people see does not change: Nina, invited by a
workflow, joins; months later she joins again from the old invitation and is not welcomed
twice."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from blocks import ids
from bot.app import Mentorbot
from bot.ticks import TICK_NAMED, TICKS, run_tick
from domain.model import OutboxMessage
from domain.outbox.retention import RETENTION
from tests.journeys.steps import dms_to, mentee_answers, wait_for_dm
from tests.journeys.test_workflows import function_executed, outcome
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def copies(app: Mentorbot) -> int:
    with app.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxMessage)) or 0)


def register_from(slack: SlackRequests, fake: FakeSlack, invitation: dict[str, Any],
                  role: str) -> dict[str, Any]:
    """Register on the invitation's button, ticking `role`: the profile form that follows."""
    opened = len(fake.calls_to("views.open"))
    assert slack.block_action("UNEW", ids.REGISTRATION_OPEN, message=invitation).status == 200
    fake.wait_for("views.open", opened + 1)
    modal = fake.latest_modal()
    reply = slack.view_submission("UNEW", modal, fill(modal, {ids.REGISTRATION_ROLES: [role]}))
    assert reply.json()["response_action"] == "update"
    return {**reply.json()["view"], "id": modal["id"]}


def welcomes(fake: FakeSlack) -> int:
    return sum("Welcome to" in m["text"] for m in dms_to(fake, "UNEW"))


def test_copies_go_after_90_days_and_joining_again_welcomes_no_one_twice(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    assert TICK_NAMED["outbox_retention"] in TICKS  # so the scheduler and `mentorbot tick` run it
    fake_slack.add_user("UNEW", name="nina", real_name="Nina Obi")
    slack.event(function_executed(ids.WORKFLOW_INVITE, "Fx1", user_id="UNEW"))
    outcome(fake_slack, "Fx1")
    invitation = wait_for_dm(fake_slack, "UNEW", "You're invited to")
    form = register_from(slack, fake_slack, invitation, "mentee")
    assert slack.view_submission("UNEW", form, fill(form, mentee_answers(form))).status == 200
    wait_for_dm(fake_slack, "UNEW", "Welcome to")
    app.settle()
    kept = copies(app)
    assert kept >= 2  # the invitation and the welcome, at least

    clock.advance(days=RETENTION.days - 1)
    assert run_tick("outbox_retention", app.sessions, clock.now, app.sender.kick) == 0
    clock.advance(days=2)
    assert run_tick("outbox_retention", app.sessions, clock.now, app.sender.kick) == kept
    assert copies(app) == 0

    register_from(slack, fake_slack, invitation, "mentor")
    app.settle()
    assert welcomes(fake_slack) == 1

"""The app uninstalled from a workspace: nothing more is sent there, nothing is retried, and
the workspace's next request (it has the app again) resumes sending."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from blocks import ids
from bot.app import Mentorbot
from bot.ticks import run_every_tick
from domain.model import Nudge, OutboxMessage, OutboxStatus, Programme
from tests.conftest import TEAM
from tests.journeys.steps import (
    button_values,
    dms_to,
    join_as_mentee,
    join_as_mentor,
    search,
    wait_for_dm,
)
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

UNINSTALLED = {"type": "app_uninstalled"}


def _johns_dms(app: Mentorbot) -> list[tuple[OutboxStatus, str | None]]:
    """The status and last error of every DM owed to John, oldest first."""
    with app.sessions() as session:
        return [(row.status, row.last_error) for row in session.scalars(
            select(OutboxMessage).where(OutboxMessage.recipient_user_id == "UJOHN")
            .order_by(OutboxMessage.id))]


def _stopped_at(app: Mentorbot) -> datetime | None:
    with app.sessions() as session:
        return session.scalar(select(Programme.sending_stopped_at)
                              .where(Programme.team_id == TEAM))


def _count(app: Mentorbot, model: type) -> int:
    with app.sessions() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _alice_asks_john(slack: SlackRequests, fake: FakeSlack) -> None:
    """Alice searches and sends John, the one mentor, a request (the fake's log cleared)."""
    results = search(slack, fake, "UALICE")
    slack.block_action("UALICE", ids.PROPOSAL_OPEN,
                       value=button_values(results, ids.PROPOSAL_OPEN)[0], view=results)
    fake.wait_for("views.push")
    form = fake.latest_modal()
    assert slack.view_submission("UALICE", form,
                                 fill(form, {ids.PROPOSAL_STATEMENT: "Please."})).status == 200


def _request_waiting_on_retry(app: Mentorbot, slack: SlackRequests, fake: FakeSlack) -> None:
    """Alice asks John; Slack refuses the DM to John once, so it waits for a retry."""
    join_as_mentor(slack, fake, "UJOHN", "John Smith")
    join_as_mentee(slack, fake, "UALICE", "Alice Kember")
    fake.reset()
    fake.fail_next("chat.postMessage", status=500)
    _alice_asks_john(slack, fake)
    status, error = _johns_dms(app)[-1]
    assert status == OutboxStatus.PENDING and error, _johns_dms(app)


def test_uninstall_stops_sending_until_the_workspace_is_used_again(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    _request_waiting_on_retry(app, slack, fake_slack)
    posted = len(fake_slack.calls_to("chat.postMessage"))
    published = len(fake_slack.calls_to("views.publish"))

    assert slack.event(UNINSTALLED).status == 200
    stopped_at = _stopped_at(app)
    assert stopped_at is not None
    assert [status for status, _ in _johns_dms(app)][-1] == OutboxStatus.STOPPED
    # Slack's retry of the event changes nothing.
    assert slack.event(UNINSTALLED, retry_num=1).status == 200
    assert _stopped_at(app) == stopped_at

    # A week on: the retry falls due, the request goes unanswered, the ticks run. Nothing goes.
    clock.advance(days=8)
    assert app.sender.deliver_due() == 0
    assert set(run_every_tick(app.sessions, clock.now, app.sender.kick).values()) == {0}
    app.settle()
    assert _count(app, Nudge) == 0
    assert len(fake_slack.calls_to("chat.postMessage")) == posted
    assert len(fake_slack.calls_to("views.publish")) == published
    assert all(status != OutboxStatus.PENDING for status, _ in _johns_dms(app))

    # The workspace installs the app again; John's next command resumes sending.
    assert slack.command("UJOHN").status == 200
    assert _stopped_at(app) is None
    assert sum(run_every_tick(app.sessions, clock.now, app.sender.kick).values()) > 0
    app.settle()
    assert len(dms_to(fake_slack, "UJOHN")) + len(dms_to(fake_slack, "UALICE")) > 0
    assert len(fake_slack.calls_to("chat.postMessage")) > posted
    # What was put aside while the app was gone stays put aside.
    assert OutboxStatus.STOPPED in [status for status, _ in _johns_dms(app)]


def test_only_the_bot_token_revoked_stops_sending(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    people_only = {"type": "tokens_revoked", "tokens": {"oauth": ["UJOHN"]}}
    assert slack.event(people_only).status == 200
    assert _stopped_at(app) is None
    assert slack.event({"type": "tokens_revoked",
                        "tokens": {"oauth": ["UJOHN"], "bot": ["UBOT"]}}).status == 200
    assert _stopped_at(app) is not None
    with app.sessions() as session:
        assert session.scalar(select(Programme.sending_stopped_reason)) == "tokens_revoked"


def test_a_request_after_the_stop_lets_new_dms_flow(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    assert slack.event(UNINSTALLED).status == 200
    # Back again: Alice's request reaches John as usual.
    fake_slack.reset()
    _alice_asks_john(slack, fake_slack)
    wait_for_dm(fake_slack, "UJOHN", "would like you to be their mentor")
    assert _stopped_at(app) is None

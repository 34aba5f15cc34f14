"""Forged payloads, double clicks, Slack retries and concurrent accepts change nothing extra."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from blocks import ids
from blocks.payloads import ProposalForm, ProposalRef, decode
from bot.app import Mentorbot
from domain.errors import StalePayload
from domain.members import Actor
from domain.model import (
    OutboxKind,
    OutboxMessage,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from domain.proposals import ProposalAnswers, propose_mentorship
from tests.journeys.steps import button_values, join_as_mentee, join_as_mentor, search, wait_for_dm
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.concurrency import accepted_at_once
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def request_sent(slack: SlackRequests, fake: FakeSlack) -> tuple[str, dict[str, Any]]:
    """Alice asks John; returns the proposal id and the card John received."""
    join_as_mentee(slack, fake, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake, "UJOHN", "John Smith")
    join_as_mentor(slack, fake, "UCAROL", "Carol Jones")
    fake.reset()
    results = search(slack, fake, "UALICE")
    john = button_values(results, ids.PROPOSAL_OPEN)[0]
    slack.block_action("UALICE", ids.CONVERSATION_OPEN, value=john, view=results)
    fake.wait_for("views.push")
    thread = fake.latest_modal()
    slack.view_submission("UALICE", thread, fill(thread, {ids.CONVERSATION_MESSAGE:
                                                          "A private question for John."}))
    slack.block_action("UALICE", ids.PROPOSAL_OPEN, value=john, view=results)
    fake.wait_for("views.push", 2)
    form = fake.latest_modal()
    slack.view_submission("UALICE", form, fill(form, {ids.PROPOSAL_STATEMENT: "Please."}))
    card = wait_for_dm(fake, "UJOHN", "would like you to be their mentor")
    return button_values(card["blocks"], ids.PROPOSAL_ACCEPT)[0], card


def assert_unchanged(app: Mentorbot, before: tuple[str, int, int]) -> None:
    """Once the app has settled, the request and the counts are as they were."""
    app.close()
    assert state(app) == before


def state(app: Mentorbot) -> tuple[str, int, int]:
    with app.sessions() as session:
        proposal = session.query(Proposal).one()
        return (proposal.status, session.query(Relationship).count(),
                session.query(OutboxMessage).count())


@pytest.mark.parametrize(("who", "action_id"), [
    ("UCAROL", ids.PROPOSAL_ACCEPT), ("UALICE", ids.PROPOSAL_ACCEPT),
    ("UCAROL", ids.PROPOSAL_DECLINE), ("UJOHN", ids.PROPOSAL_WITHDRAW),
    ("UCAROL", ids.PROPOSAL_EDIT), ("UCAROL", ids.PROPOSAL_WITHDRAW)])
def test_a_forged_button_on_someone_elses_request_is_refused(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, who: str, action_id: str
) -> None:
    proposal_id, _ = request_sent(slack, fake_slack)
    before = state(app)
    opened = len(fake_slack.calls_to("views.open"))
    assert slack.block_action(who, action_id, value=proposal_id).status == 200
    notice = fake_slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert "isn't yours" in json.dumps(notice) or "Only the" in json.dumps(notice)
    assert_unchanged(app, before)


def test_a_forged_edit_submission_is_refused_beside_the_form(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    proposal_id, _ = request_sent(slack, fake_slack)
    slack.block_action("UALICE", ids.PROPOSAL_EDIT, value=proposal_id)
    fake_slack.wait_for("views.open", 2)
    form = fake_slack.latest_modal()
    assert form["callback_id"] == ids.PROPOSAL_SUBMIT
    assert decode(form["private_metadata"], ProposalForm).proposal is not None
    answer = slack.view_submission("UCAROL", form, fill(form, {
        ids.PROPOSAL_STATEMENT: "Carol rewrote it."})).json()
    assert answer["response_action"] == "errors"
    assert "isn't yours" in json.dumps(answer["errors"])
    with app.sessions() as session:
        assert session.query(Proposal).one().statement == "Please."


def test_someone_else_cannot_read_a_question_thread(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    request_sent(slack, fake_slack)
    card = wait_for_dm(fake_slack, "UJOHN", "A private question for John.")
    alice = button_values(card["blocks"], ids.CONVERSATION_OPEN)[0]
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UCAROL", ids.CONVERSATION_OPEN, value=alice)
    carol_sees = fake_slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert "A private question" not in json.dumps(carol_sees)
    assert "There are no messages yet" in json.dumps(carol_sees)


def test_another_workspace_cannot_touch_a_request(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, server_url: str
) -> None:
    proposal_id, _ = request_sent(slack, fake_slack)
    before = state(app)
    elsewhere = SlackRequests(f"{server_url}/slack/events", "test-signing-secret",
                              team_id="T2", response_url_base=fake_slack.response_url_base)
    fake_slack.add_user("UJOHN", name="john", team_id="T2")
    assert elsewhere.block_action("UJOHN", ids.PROPOSAL_ACCEPT, value=proposal_id).status == 200
    assert_unchanged(app, before)


def test_a_double_click_and_a_slack_retry_of_accept_make_one_relationship(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    proposal_id, _ = request_sent(slack, fake_slack)
    payload_clicks = [threading.Thread(target=slack.block_action, args=("UJOHN",
                      ids.PROPOSAL_ACCEPT), kwargs={"value": proposal_id, "retry_num": retry})
                      for retry in (None, None, 1)]
    for click in payload_clicks:
        click.start()
    for click in payload_clicks:
        click.join()
    app.close()
    with app.sessions() as session:
        assert session.query(Relationship).count() == 1
        accepted = session.query(OutboxMessage).filter_by(kind=OutboxKind.PROPOSAL_ACCEPTED)
        assert accepted.count() == 1


def test_concurrent_accepts_never_push_a_mentor_past_capacity(
    sessions: sessionmaker[Session], clock: FakeClock
) -> None:
    with sessions.begin() as session:
        lists = seed.programme(session)
        john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=1)
        mentees = [seed.mentee(session, lists, f"UM{n}", areas=[1]) for n in range(4)]
        proposal_ids = [propose_mentorship(
            session, actor=Actor("T1", m.slack_user_id), mentor_id=john.id,
            answers=ProposalAnswers(lists.areas[1].id, "Please."),
            now=clock.now()).id for m in mentees]
    outcomes = accepted_at_once(sessions, proposal_ids, clock.now())
    assert outcomes == ["accepted", "closed", "closed", "closed"]
    with sessions() as session:
        assert session.query(Relationship).filter_by(status=RelationshipStatus.ACTIVE).count() == 1


def test_an_old_button_on_a_changed_request_answers_with_where_it_stands(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    proposal_id, card = request_sent(slack, fake_slack)
    slack.block_action("UALICE", ids.PROPOSAL_WITHDRAW, value=proposal_id)
    wait_for_dm(fake_slack, "UJOHN", "has withdrawn their mentoring request")
    opened = len(fake_slack.calls_to("views.open"))
    # Weeks later, John presses Accept on the DM he got before the withdrawal.
    assert slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT, value=proposal_id,
                              message={"ts": "1", "blocks": card["blocks"]}).status == 200
    notice = fake_slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert "This mentoring request was withdrawn." in json.dumps(notice)
    app.close()
    with app.sessions() as session:
        assert session.query(Proposal).one().status == ProposalStatus.WITHDRAWN
        assert session.query(Relationship).count() == 0


@pytest.mark.parametrize("forged", [
    "012", "12.0",  # not even the bare id that DMs from before the codec carried
    "accept:12", "-1", "", '{"v":1,"t":"proposal","proposal":true}',
    '{"v":1,"t":"member","member":1}', '{"v":9,"t":"proposal","proposal":1}'])
def test_a_forged_or_stale_button_is_answered_kindly(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, forged: str
) -> None:
    request_sent(slack, fake_slack)
    before = state(app)
    opened = len(fake_slack.calls_to("views.open"))
    assert slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT, value=forged).status == 200
    notice = fake_slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert notice["callback_id"] == ids.NOTICE_VIEW
    assert StalePayload().message in json.dumps(notice)
    assert_unchanged(app, before)


def test_a_forged_form_is_refused_beside_the_form(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    proposal_id, _ = request_sent(slack, fake_slack)
    known = len(fake_slack.views)
    slack.block_action("UJOHN", ids.PROPOSAL_DECLINE, value=proposal_id)
    form = fake_slack.wait_for_new_modal(ids.PROPOSAL_DECLINE_SUBMIT, known)
    before = state(app)
    proposal = decode(proposal_id, ProposalRef).proposal
    forged = {**form, "private_metadata": f'{{"v":1,"t":"proposal","proposal":"{proposal}"}}'}
    reply = slack.view_submission("UJOHN", forged, fill(forged, {}))
    assert reply.status == 200
    assert reply.json()["response_action"] == "errors"
    assert StalePayload().message in json.dumps(reply.json()["errors"])
    assert_unchanged(app, before)


def test_accept_on_a_request_dm_sent_before_the_codec_still_works(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    encoded, card = request_sent(slack, fake_slack)
    # Such DMs carried the bare id; mentors answer weeks later, after an upgrade.
    bare = str(decode(encoded, ProposalRef).proposal)
    assert slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT, value=bare,
                              message=card).status == 200
    wait_for_dm(fake_slack, "UALICE", "accepted")
    with app.sessions() as session:
        assert session.query(Relationship).count() == 1

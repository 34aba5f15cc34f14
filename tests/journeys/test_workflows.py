"""Workflow Builder steps: a workflow invites someone, suggests mentors to a mentee, or logs a
meeting for the person who ran it."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from blocks import ids
from bot.app import Mentorbot
from domain.meetings.logged import IN_THE_FUTURE, NOT_A_MEMBER, NOT_MATCHED
from domain.model import Meeting, OutboxMessage
from domain.workflows import RUNNER_NEEDED
from tests.journeys.steps import (
    button_values,
    dms_to,
    join_as_mentee,
    join_as_mentor,
    register,
    text_of,
    wait_for_dm,
)
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.waiting import eventually

LOGGED = "has logged a meeting you had together"


def function_executed(callback_id: str, execution_id: str, **inputs: Any) -> dict[str, Any]:
    """The function_executed event Slack sends when a workflow reaches one of our steps."""
    return {"type": "function_executed", "function": {
        "id": "Fn0INVITE", "callback_id": callback_id, "title": "Invite to the mentoring programme",
        "description": "", "type": "app", "app_id": "A0MENTORBOT",
        "input_parameters": [{"type": "slack#/types/user_id", "name": "user_id",
                              "is_required": True}],
        "output_parameters": [{"type": "boolean", "name": "invited", "is_required": True}],
        "date_created": 1700000000, "date_updated": 1700000000, "date_deleted": 0},
        "inputs": inputs, "function_execution_id": execution_id,
        "workflow_execution_id": f"Wx{execution_id}", "bot_access_token": "xwfp-test-token"}


def outcome(fake: FakeSlack, execution_id: str) -> tuple[str, dict[str, Any]]:
    """How the step ended: the functions.* method Slack was told and its parameters."""
    def calls() -> list[tuple[str, dict[str, Any]]]:
        return [(method, call.params) for method in ("functions.completeSuccess",
                                                     "functions.completeError")
                for call in fake.calls_to(method)
                if call.params.get("function_execution_id") == execution_id]

    found = eventually(calls, bool, f"the outcome of {execution_id}")
    assert len(found) == 1, f"the step ended more than once: {found}"
    method, params = found[0]
    outputs = params.get("outputs")
    return method, {**params, "outputs": json.loads(outputs) if isinstance(outputs, str)
                    else outputs}


def test_a_workflow_invites_a_newcomer_who_registers_from_the_dm(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UNEW", name="nina", real_name="Nina Obi")
    assert slack.event(function_executed(ids.WORKFLOW_INVITE, "Fx1", user_id="UNEW")
                       ).status == 200
    method, params = outcome(fake_slack, "Fx1")
    assert (method, params["outputs"]) == ("functions.completeSuccess", {"invited": True})
    dm = wait_for_dm(fake_slack, "UNEW", "You're invited to")
    assert "mentoring programme" in dm["text"]
    assert ids.REGISTRATION_OPEN in json.dumps(dm["blocks"])
    reply = slack.block_action("UNEW", ids.REGISTRATION_OPEN, message=dm)
    assert reply.status == 200
    modal = fake_slack.wait_for("views.open")[-1].params["view"]
    assert modal["callback_id"] == ids.REGISTRATION_SUBMIT


def test_a_retried_event_sends_one_invitation(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UNEW", name="nina", real_name="Nina Obi")
    event = function_executed(ids.WORKFLOW_INVITE, "Fx2", user_id="UNEW")
    slack.event(event)
    outcome(fake_slack, "Fx2")
    slack.event(event, retry_num=1)
    wait_for_dm(fake_slack, "UNEW", "You're invited to")
    eventually(lambda: len(fake_slack.calls_to("functions.completeSuccess")),
               lambda count: count == 2, "the retry answered")
    assert len([m for m in dms_to(fake_slack, "UNEW") if "invited" in m["text"]]) == 1


def test_someone_already_in_the_programme_is_not_invited_again(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    slack.event(function_executed(ids.WORKFLOW_INVITE, "Fx3", user_id="UALICE"))
    method, params = outcome(fake_slack, "Fx3")
    assert (method, params["outputs"]) == ("functions.completeSuccess", {"invited": False})
    assert not [m for m in dms_to(fake_slack, "UALICE") if "invited" in m["text"]]


def test_a_person_of_another_workspace_or_a_bot_fails_the_step_with_a_reason(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UOTHER", name="olga", team_id="T2")
    fake_slack.add_user("UBOT", name="helper", is_bot=True)
    slack.event(function_executed(ids.WORKFLOW_INVITE, "Fx4", user_id="UOTHER"))
    slack.event(function_executed(ids.WORKFLOW_INVITE, "Fx5", user_id="UBOT"))
    assert outcome(fake_slack, "Fx4")[0] == "functions.completeError"
    assert outcome(fake_slack, "Fx4")[1]["error"] == "That person is not in this workspace."
    method, params = outcome(fake_slack, "Fx5")
    assert method == "functions.completeError" and "is a bot" in params["error"]
    assert not dms_to(fake_slack, "UOTHER") and not dms_to(fake_slack, "UBOT")


SUGGESTED = "here are mentors in"


def test_a_workflow_suggests_a_mentee_her_best_mentors_each_a_click_from_a_request(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    join_as_mentor(slack, fake_slack, "UMIA", "Mia Chen", community="Logistics")
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    slack.event(function_executed(ids.WORKFLOW_SUGGEST, "Fx6", user_id="UALICE"))
    method, params = outcome(fake_slack, "Fx6")
    assert (method, params["outputs"]) == ("functions.completeSuccess", {"suggested": 2})
    dm = wait_for_dm(fake_slack, "UALICE", SUGGESTED)
    shown = text_of(dm["blocks"])
    assert shown.index("Mia Chen") < shown.index("John Smith")  # her community fits too
    assert len(button_values(dm["blocks"], ids.PROPOSAL_OPEN)) == 2
    assert button_values(dm["blocks"], ids.SEARCH_OPEN) == [""]


def test_suggesting_to_a_mentor_or_a_mentee_without_profile_or_matches_fails_clearly(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")  # no mentor at all yet
    fake_slack.add_user("UBEN", name="ben", real_name="Ben Ode")
    register(slack, fake_slack, "UBEN", "mentee")  # registered, profile never submitted
    fake_slack.add_user("UNEW", name="nina", real_name="Nina Obi")
    for execution, user in (("Fx7", "UALICE"), ("Fx8", "UBEN"), ("Fx9", "UNEW")):
        slack.event(function_executed(ids.WORKFLOW_SUGGEST, execution, user_id=user))
    errors = {execution: outcome(fake_slack, execution) for execution in ("Fx7", "Fx8", "Fx9")}
    assert {method for method, _ in errors.values()} == {"functions.completeError"}
    assert errors["Fx7"][1]["error"].startswith("No mentor with room matches")
    assert "not filled in their profile" in errors["Fx8"][1]["error"]
    assert errors["Fx9"][1]["error"] == "That person is not a mentee in the mentoring programme."
    assert not [m for user in ("UALICE", "UBEN", "UNEW") for m in dms_to(fake_slack, user)
                if SUGGESTED in m.get("text", "")]


def ran_by(user_id: str) -> dict[str, str]:
    """The user_context Slack fills in for whoever started the workflow from a link."""
    return {"id": user_id, "secret": f"c2VjcmV0LW9mLX{user_id}"}


def logged_meetings(app: Mentorbot) -> list[tuple[int, str, str]]:
    """Every meeting stored, and every Log a meeting DM owed: nothing else may change them."""
    with app.sessions() as session:
        return [*((m.id, m.title, m.notes) for m in session.query(Meeting)),
                *((m.id, m.kind, m.recipient_user_id) for m in session.query(OutboxMessage)
                  .filter_by(kind="meeting_logged"))]


def test_a_mentor_logs_a_meeting_that_his_mentee_finds_in_their_meetings_list(
    slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair: int
) -> None:
    clock.advance(days=3)
    held = clock.now() - timedelta(days=2, hours=-5)
    slack.event(function_executed(
        ids.WORKFLOW_LOG_MEETING, "Fx10", runner=ran_by("UJOHN"), partner="UALICE",
        when=int(held.timestamp()), duration=45, notes="We mapped <!here> her first goals."))
    method, params = outcome(fake_slack, "Fx10")
    assert (method, params["outputs"]) == ("functions.completeSuccess", {"meeting_logged": True})
    dm = wait_for_dm(fake_slack, "UALICE", LOGGED)
    assert dm["text"].startswith("Дмитрий Ωμέγα has logged a meeting")
    shown = text_of(dm["blocks"])
    assert "(45 minutes)" in shown and "&lt;!here&gt; her first goals" in shown
    slack.block_action("UALICE", ids.MEETING_OPEN, message=dm,
                       value=button_values(dm["blocks"], ids.MEETING_OPEN)[0])
    listing = text_of(fake_slack.wait_for("views.open")[-1].params["view"])
    assert "Recent meetings" in listing and "Mentoring meeting" in listing
    assert "her first goals" in listing


def test_a_retried_event_logs_the_meeting_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair: int
) -> None:
    clock.advance(days=1)
    event = function_executed(ids.WORKFLOW_LOG_MEETING, "Fx11", runner=ran_by("UALICE"),
                              partner="UJOHN", when=int(clock.now().timestamp()) - 3600)
    slack.event(event)
    outcome(fake_slack, "Fx11")
    slack.event(event, retry_num=1)
    eventually(lambda: len(fake_slack.calls_to("functions.completeSuccess")),
               lambda count: count == 2, "the retry answered")
    wait_for_dm(fake_slack, "UJOHN", LOGGED)
    assert len([m for m in dms_to(fake_slack, "UJOHN") if LOGGED in m["text"]]) == 1
    assert len(logged_meetings(app)) == 2  # one meeting, one DM


@pytest.mark.parametrize(("runner", "partner", "says"), [
    (ran_by("UCAROL"), "UALICE", NOT_MATCHED),  # a third member, naming Alice
    (ran_by("UCAROL"), "UJOHN", NOT_MATCHED),
    (ran_by("UALICE"), "UCAROL", NOT_MATCHED),  # Alice, naming someone not hers
    (ran_by("UNOBODY"), "UALICE", NOT_A_MEMBER),
    (None, "UALICE", RUNNER_NEEDED),  # a scheduled trigger: no person ran it
    ("UJOHN", "UALICE", RUNNER_NEEDED),  # a user id typed where Slack's user_context goes
    ({"id": "UJOHN"}, "UALICE", RUNNER_NEEDED),  # no secret: not what Slack sends
])
def test_someone_outside_the_pair_or_no_one_at_all_logs_nothing(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair: int,
    runner: Any, partner: str, says: str
) -> None:
    join_as_mentee(slack, fake_slack, "UCAROL", "Carol Diaz")
    clock.advance(days=1)
    inputs = {"partner": partner, "when": int(clock.now().timestamp()) - 3600,
              "notes": "Carol's version of their meeting."}
    if runner is not None:
        inputs["runner"] = runner
    slack.event(function_executed(ids.WORKFLOW_LOG_MEETING, "Fx12", **inputs))
    method, params = outcome(fake_slack, "Fx12")
    assert (method, params["error"]) == ("functions.completeError", says)
    assert logged_meetings(app) == []
    assert not [m for user in ("UALICE", "UJOHN", "UCAROL")
                for m in dms_to(fake_slack, user) if LOGGED in m.get("text", "")]


def test_a_workflow_of_another_workspace_cannot_log_for_the_pair(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock, server_url: str, pair: int
) -> None:
    elsewhere = SlackRequests(f"{server_url}/slack/events", "test-signing-secret",
                              team_id="T2", response_url_base=fake_slack.response_url_base,
                              settle=app.settle)
    clock.advance(days=1)
    elsewhere.event(function_executed(ids.WORKFLOW_LOG_MEETING, "Fx13", runner=ran_by("UJOHN"),
                                      partner="UALICE",
                                      when=int(clock.now().timestamp()) - 3600))
    method, params = outcome(fake_slack, "Fx13")
    assert (method, params["error"]) == ("functions.completeError", NOT_A_MEMBER)
    assert logged_meetings(app) == []


def test_a_meeting_still_to_come_is_refused_and_pointed_to_arranging_one(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock, pair: int
) -> None:
    tomorrow = clock.now() + timedelta(days=1)
    slack.event(function_executed(ids.WORKFLOW_LOG_MEETING, "Fx14", runner=ran_by("UJOHN"),
                                  partner="UALICE", when=int(tomorrow.timestamp())))
    method, params = outcome(fake_slack, "Fx14")
    assert (method, params["error"]) == ("functions.completeError", IN_THE_FUTURE)
    assert logged_meetings(app) == []

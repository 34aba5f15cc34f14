"""Journey: a matched pair walks the road map, completes, gives feedback and starts again."""

from __future__ import annotations

import threading
from functools import partial
from typing import Any

import pytest

from blocks import ids
from blocks.payloads import RelationshipAction, RelationshipRef, StageMark, decode, value
from bot.app import Mentorbot
from domain.model import Feedback, OutboxMessage, Relationship, StageCompletion
from domain.model.states import OutboxKind, RelationshipStatus, Stage
from tests.journeys.steps import (
    ask_the_closest_mentor,
    assert_notice,
    button_values,
    join_as_mentee,
    join_as_mentor,
    text_of,
    wait_for_dm,
    wait_for_home,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

SMART = "Don't forget to mark any SMART goals you may have set as complete."
SURVEY = {ids.FEEDBACK_RATING: "5", ids.FEEDBACK_GOALS_MET: "mostly",
          ids.FEEDBACK_RECOMMEND: "yes", ids.FEEDBACK_WHAT_WORKED: "Monthly calls <!here>."}


@pytest.fixture
def matched(slack: SlackRequests, fake_slack: FakeSlack) -> int:
    """Alice is John's mentee; Carol is another mentor. Returns the relationship id."""
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith", community="Logistics")
    join_as_mentor(slack, fake_slack, "UCAROL", "Carol Jones", community="Rail")
    fake_slack.reset()
    card = ask_the_closest_mentor(slack, fake_slack)
    slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT,
                       value=button_values(card["blocks"], ids.PROPOSAL_ACCEPT)[0])
    home = wait_for_home(fake_slack, "UJOHN", "Stage: First conversation")
    assert_fits_slack(home)
    return decode(button_values(home, ids.STAGE_OPEN)[0], RelationshipRef).relationship


def rel(relationship_id: int) -> str:
    """What a button about this relationship carries."""
    return value(RelationshipRef(relationship_id))


def modal_after(fake: FakeSlack, method: str, before: int) -> dict[str, Any]:
    """The modal a views.* call after the first `before` of them showed."""
    fake.wait_for(method, before + 1)
    view = fake.latest_modal()
    assert_fits_slack(view)
    return view


def open_road_map(slack: SlackRequests, fake: FakeSlack, user_id: str,
                  relationship_id: int) -> dict[str, Any]:
    before = len(fake.calls_to("views.open"))
    slack.block_action(user_id, ids.STAGE_OPEN, value=rel(relationship_id))
    view = modal_after(fake, "views.open", before)
    assert view["callback_id"] == ids.STAGE_VIEW
    return view


def click_in(slack: SlackRequests, fake: FakeSlack, user_id: str, view: dict[str, Any],
             action_id: str) -> dict[str, Any]:
    """Click the button in an open modal; returns the modal as it was redrawn."""
    before = len(fake.calls_to("views.update"))
    slack.block_action(user_id, action_id, value=button_values(view, action_id)[0], view=view)
    return modal_after(fake, "views.update", before)


def notice_for(slack: SlackRequests, fake: FakeSlack, user_id: str, action_id: str,
               carried: str) -> str:
    """What a person is told when they click `action_id` carrying `carried`."""
    before = len(fake.calls_to("views.open"))
    assert slack.block_action(user_id, action_id, value=carried).status == 200
    return text_of(fake.wait_for("views.open", before + 1)[-1].params["view"])


def test_the_whole_journey_from_first_conversation_to_a_new_journey(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, matched: int
) -> None:
    road = open_road_map(slack, fake_slack, "UALICE", matched)
    assert "Your first conversation* · you are here" in text_of(road)
    assert button_values(road, ids.CONVERSATION_OPEN) and button_values(road, ids.MEETING_OPEN)
    road = click_in(slack, fake_slack, "UALICE", road, ids.STAGE_COMPLETE)
    assert "Successfully marked stage as completed" in text_of(road)
    assert "*Progression* · you are here" in text_of(road)
    # The stage just completed invites a diary entry, titled and linked to the pair.
    pushed = len(fake_slack.calls_to("views.push"))
    slack.block_action("UALICE", ids.DIARY_FROM_STAGE,
                       value=button_values(road, ids.DIARY_FROM_STAGE)[0], view=road)
    entry = fake_slack.wait_for("views.push", pushed + 1)[-1].params["view"]
    assert "Stage completed with John Smith" in text_of(entry)
    assert f'"r{matched}"' in text_of(entry)
    wait_for_home(fake_slack, "UALICE", "Stage: Progression")
    told = wait_for_dm(fake_slack, "UJOHN", "Alice Kember marked *Your first conversation*")
    assert button_values(told["blocks"], ids.STAGE_OPEN) == [rel(matched)]

    # John marks progression; at the last stage Alice asks him to mark it complete.
    johns = click_in(slack, fake_slack, "UJOHN",
                     open_road_map(slack, fake_slack, "UJOHN", matched), ids.STAGE_COMPLETE)
    assert "*Journey completion* · you are here" in text_of(johns)
    wait_for_home(fake_slack, "UALICE", "Stage: Completion")
    alices = open_road_map(slack, fake_slack, "UALICE", matched)
    assert not button_values(alices, ids.STAGE_COMPLETE)
    alices = click_in(slack, fake_slack, "UALICE", alices, ids.COMPLETION_REQUEST)
    assert "asked John Smith to mark" in text_of(alices)
    asked = wait_for_dm(fake_slack, "UJOHN",
                        "Alice Kember asks you to mark your mentoring relationship complete")
    wait_for_home(fake_slack, "UJOHN", "asked you to mark it complete")

    # John completes from the DM, after confirming.
    before = len(fake_slack.calls_to("views.open"))
    slack.block_action("UJOHN", ids.COMPLETION_OPEN,
                       value=button_values(asked["blocks"], ids.COMPLETION_OPEN)[0],
                       message=asked)
    confirm = modal_after(fake_slack, "views.open", before)
    assert confirm["callback_id"] == ids.COMPLETION_CONFIRM_SUBMIT
    done = slack.view_submission("UJOHN", confirm, fill(confirm, {})).json()
    assert done["response_action"] == "update"
    assert "Successfully marked stage as completed" in text_of(done["view"])
    assert_fits_slack(done["view"])
    for user_id in ("UALICE", "UJOHN"):
        dm = wait_for_dm(fake_slack, user_id, "Ready to give feedback")
        assert SMART in dm["text"]
        assert button_values(dm["blocks"], ids.FEEDBACK_OPEN) == [rel(matched)]
        assert button_values(dm["blocks"], ids.COMPLETION_NEW_JOURNEY) == [rel(matched)]
    home = wait_for_home(fake_slack, "UALICE", "Past relationships")
    assert_fits_slack(home)
    assert "Give feedback" in text_of(home)

    give_feedback_twice(app, slack, fake_slack, matched)

    # Alice starts a new journey with John from her DM.
    before = len(fake_slack.calls_to("views.open"))
    slack.block_action("UALICE", ids.COMPLETION_NEW_JOURNEY, value=rel(matched))
    fresh = modal_after(fake_slack, "views.open", before)
    assert "Your new journey with John Smith has begun" in text_of(fresh)
    wait_for_dm(fake_slack, "UJOHN", "Alice Kember has started a new mentoring journey")
    wait_for_home(fake_slack, "UJOHN", "Stage: First conversation")
    with app.sessions() as session:
        new = session.query(Relationship).filter_by(status=RelationshipStatus.ACTIVE).one()
        assert new.previous_id == matched and new.stage == Stage.FIRST_CONVERSATION


def give_feedback_twice(app: Mentorbot, slack: SlackRequests, fake: FakeSlack,
                        relationship_id: int) -> None:
    """Each side answers the survey; a second answer is refused kindly and changes nothing."""
    before = len(fake.calls_to("views.open"))
    slack.block_action("UALICE", ids.FEEDBACK_OPEN, value=rel(relationship_id))
    survey = modal_after(fake, "views.open", before)
    assert survey["callback_id"] == ids.FEEDBACK_SUBMIT and SMART in text_of(survey)
    assert "John Smith" in text_of(survey) and "never sees them" in text_of(survey)
    missing = slack.view_submission("UALICE", survey, fill(survey, {})).json()
    assert missing["response_action"] == "errors"
    assert set(missing["errors"]) == {ids.FEEDBACK_RATING, ids.FEEDBACK_GOALS_MET,
                                      ids.FEEDBACK_RECOMMEND}
    thanks = slack.view_submission("UALICE", survey, fill(survey, SURVEY)).json()
    assert "Thank you for your feedback" in text_of(thanks["view"])
    again = slack.view_submission("UALICE", survey, fill(survey, SURVEY)).json()
    assert "already shared your feedback" in text_of(again["errors"])
    assert "already shared your feedback" in notice_for(slack, fake, "UALICE",
                                                        ids.FEEDBACK_OPEN, rel(relationship_id))
    slack.block_action("UJOHN", ids.FEEDBACK_OPEN, value=rel(relationship_id))
    johns = modal_after(fake, "views.open", before + 2)
    slack.view_submission("UJOHN", johns, fill(johns, {**SURVEY, ids.FEEDBACK_RATING: "4"}))
    with app.sessions() as session:
        assert sorted(f.rating for f in session.query(Feedback)) == [4, 5]
    # Nothing anyone is shown carries the partner's answers.
    shown = text_of([c.params for c in fake.calls])
    assert "Monthly calls" not in shown


def test_both_partners_marking_the_stage_at_once_complete_it_once(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, matched: int
) -> None:
    views = {who: open_road_map(slack, fake_slack, who, matched) for who in ("UALICE", "UJOHN")}
    clicks = [threading.Thread(target=slack.block_action, args=(who, ids.STAGE_COMPLETE),
                               kwargs={"value": button_values(view, ids.STAGE_COMPLETE)[0],
                                       "view": view})
              for who, view in [*views.items(), ("UALICE", views["UALICE"])]]
    before = len(fake_slack.calls_to("views.update"))
    for click in clicks:
        click.start()
    for click in clicks:
        click.join()
    for call in fake_slack.wait_for("views.update", before + 3)[before:]:
        assert "Successfully marked stage as completed" in text_of(call.params["view"])
    app.close()
    with app.sessions() as session:
        assert session.get(Relationship, matched).stage == Stage.PROGRESSION
        assert session.query(StageCompletion).count() == 1
        assert session.query(OutboxMessage).filter_by(kind=OutboxKind.STAGE_COMPLETED).count() == 1


def test_the_actions_menu_offers_each_side_its_own_way_to_finish(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, matched: int
) -> None:
    home = wait_for_home(fake_slack, "UALICE", "Stage: First conversation")
    menu = next(e for b in home["blocks"] for e in b.get("elements", [])
                if e.get("action_id") == ids.RELATIONSHIP_ACTIONS)
    ask = next(o for o in menu["options"]
               if decode(o["value"], RelationshipAction).verb == "request_completion")
    assert ask["text"]["text"] == "Ask John Smith to mark it complete"
    before = len(fake_slack.calls_to("views.open"))
    slack.block_action("UALICE", ids.RELATIONSHIP_ACTIONS, action_type="overflow",
                       selected_option=ask)
    assert "asked John Smith to mark" in text_of(modal_after(fake_slack, "views.open", before))
    wait_for_dm(fake_slack, "UJOHN", "asks you to mark your mentoring relationship complete")
    slack.block_action("UJOHN", ids.RELATIONSHIP_ACTIONS, action_type="overflow",
                       selected_option={"text": {"type": "plain_text", "text": "Mark"},
                                        "value": value(RelationshipAction("complete", matched))})
    confirm = modal_after(fake_slack, "views.open", before + 1)
    slack.view_submission("UJOHN", confirm, fill(confirm, {}))
    wait_for_dm(fake_slack, "UALICE", "Ready to give feedback")
    with app.sessions() as session:
        assert session.get(Relationship, matched).status == RelationshipStatus.COMPLETED


def state(app: Mentorbot) -> tuple[Any, ...]:
    with app.sessions() as session:
        relationship = session.query(Relationship).one()
        return (relationship.status, relationship.stage, relationship.completion_requested_at,
                session.query(StageCompletion).count(), session.query(Feedback).count(),
                session.query(OutboxMessage).count())


@pytest.mark.parametrize(("action_id", "shape"), [
    (ids.STAGE_OPEN, RelationshipRef), (ids.STAGE_COMPLETE,
                                        partial(StageMark, "first_conversation")),
    (ids.COMPLETION_OPEN, RelationshipRef), (ids.COMPLETION_REQUEST, RelationshipRef),
    (ids.COMPLETION_NEW_JOURNEY, RelationshipRef), (ids.FEEDBACK_OPEN, RelationshipRef)])
def test_a_third_members_forged_clicks_are_refused_and_change_nothing(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, matched: int,
    action_id: str, shape: Any
) -> None:
    before = state(app)
    told = notice_for(slack, fake_slack, "UCAROL", action_id, value(shape(matched)))
    assert "isn't yours" in told
    assert "Alice" not in told and "Your first conversation" not in told
    app.close()
    assert state(app) == before


def test_a_third_members_forged_submissions_are_refused_and_change_nothing(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, matched: int
) -> None:
    road = open_road_map(slack, fake_slack, "UJOHN", matched)
    road = click_in(slack, fake_slack, "UJOHN", road, ids.STAGE_COMPLETE)
    road = click_in(slack, fake_slack, "UJOHN", road, ids.STAGE_COMPLETE)
    before = len(fake_slack.calls_to("views.push"))
    slack.block_action("UJOHN", ids.COMPLETION_OPEN, value=rel(matched), view=road)
    confirm = modal_after(fake_slack, "views.push", before)
    forged = slack.view_submission("UCAROL", confirm, fill(confirm, {})).json()
    # The confirmation has no input to put an error on: its place shows the refusal.
    assert forged["response_action"] == "update" and "isn't yours" in text_of(forged)
    assert state(app)[0] == RelationshipStatus.ACTIVE
    slack.view_submission("UJOHN", confirm, fill(confirm, {}))
    before = len(fake_slack.calls_to("views.open"))
    slack.block_action("UJOHN", ids.FEEDBACK_OPEN, value=rel(matched))
    survey = modal_after(fake_slack, "views.open", before)
    assert survey["callback_id"] == ids.FEEDBACK_SUBMIT
    forged = slack.view_submission("UCAROL", survey, fill(survey, SURVEY)).json()
    assert forged["response_action"] == "errors" and "isn't yours" in text_of(forged)
    app.close()
    assert state(app)[4] == 0


def choose_action(slack: SlackRequests, fake: FakeSlack, user_id: str, relationship_id: int,
                  verb: str) -> dict[str, Any]:
    """Actions ▾ on the relationship card → verb; returns the modal it opened."""
    before = len(fake.calls_to("views.open"))
    slack.block_action(user_id, ids.RELATIONSHIP_ACTIONS, action_type="overflow",
                       selected_option={"text": {"type": "plain_text", "text": verb},
                                        "value": value(RelationshipAction(verb,
                                                                          relationship_id))})
    return modal_after(fake, "views.open", before)


def test_confirming_completion_after_the_mentee_withdrew_says_it_ended_in_the_modal(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, matched: int
) -> None:
    confirm = choose_action(slack, fake_slack, "UJOHN", matched, "complete")
    assert confirm["callback_id"] == ids.COMPLETION_CONFIRM_SUBMIT
    assert not [b for b in confirm["blocks"] if b["type"] == "input"]
    withdraw = choose_action(slack, fake_slack, "UALICE", matched, "withdraw")
    assert slack.view_submission("UALICE", withdraw, fill(withdraw, {
        ids.RELATIONSHIP_REASON: "Changing teams."})).status == 200
    assert state(app)[0] == RelationshipStatus.WITHDRAWN
    reply = slack.view_submission("UJOHN", confirm, fill(confirm, {}))
    # An answer Slack accepts: the modal is replaced by one that says what happened.
    assert_notice(reply, "This mentoring relationship has ended.")
    assert state(app)[0] == RelationshipStatus.WITHDRAWN

"""Journey: a mentee finds a mentor, asks, proposes; the mentor replies and accepts."""

from __future__ import annotations

import pytest

from blocks import ids
from blocks.payloads import Page, value
from bot.app import Mentorbot
from domain.model import Proposal, ProposalStatus, Relationship, RelationshipStatus
from tests.journeys.steps import (
    ask_the_closest_mentor,
    button_values,
    join_as_mentee,
    join_as_mentor,
    search,
    text_of,
    wait_for_dm,
    wait_for_home,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


@pytest.fixture
def people(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    """Alice the mentee; John (a close match), Jane (a partial match) and Max (no match)."""
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith", community="Logistics")
    join_as_mentor(slack, fake_slack, "UJANE", "Jane Doe", choose={
        ids.PROFILE_MENTOR_COMMUNITY: "Rail", ids.PROFILE_MENTOR_ROLE: "Manager"})
    join_as_mentor(slack, fake_slack, "UMAX", "Max Mustermann", choose={
        ids.PROFILE_MENTOR_AREAS: ["Procurement and contracts"],
        ids.PROFILE_MENTOR_COMMUNITY: "Aviation"})
    fake_slack.reset()


def test_the_whole_matching_journey(app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack,
                                    people: None) -> None:
    results = search(slack, fake_slack, "UALICE")
    text = text_of(results)
    assert "John Smith" in text and "Max Mustermann" not in text
    assert text.index("John Smith") < text.index("Jane Doe")
    assert "Meets every criterion" in text
    john_id = button_values(results, ids.PROPOSAL_OPEN)[0]

    # View John's profile, stacked on the results.
    slack.block_action("UALICE", ids.SEARCH_VIEW_PROFILE, value=john_id, view=results)
    profile = fake_slack.wait_for("views.push")[0].params["view"]
    assert "Twenty years running road freight operations." in text_of(profile)

    # Ask a question; John gets it as a DM with Reply, and answers.
    slack.block_action("UALICE", ids.CONVERSATION_OPEN, value=john_id, view=results)
    thread = fake_slack.wait_for("views.push", 2)[-1].params["view"]
    assert "There are no messages yet" in text_of(thread)
    thread = {**thread, "id": fake_slack.latest_modal()["id"]}
    reply = slack.view_submission("UALICE", thread, fill(thread, {
        ids.CONVERSATION_MESSAGE: "Do you have time for a call each month?"}))
    assert "Do you have time for a call" in text_of(reply.json()["view"])
    question = wait_for_dm(fake_slack, "UJOHN", "Do you have time for a call each month?")
    alice_id = button_values(question["blocks"], ids.CONVERSATION_OPEN)[0]
    slack.block_action("UJOHN", ids.CONVERSATION_OPEN, value=alice_id)
    fake_slack.wait_for("views.open", 2)
    johns_view = fake_slack.latest_modal()
    assert "Do you have time for a call" in text_of(johns_view)
    slack.view_submission("UJOHN", johns_view, fill(johns_view, {
        ids.CONVERSATION_MESSAGE: "Yes, happy to."}))
    wait_for_dm(fake_slack, "UALICE", "Yes, happy to.")

    # Send the mentor request.
    slack.block_action("UALICE", ids.PROPOSAL_OPEN, value=john_id, view=results)
    form = fake_slack.wait_for("views.push", 3)[-1].params["view"]
    form = {**form, "id": fake_slack.latest_modal()["id"]}
    assert_fits_slack(form)
    sent = slack.view_submission("UALICE", form, fill(form, {
        ids.PROPOSAL_STATEMENT: "I want to build a strong personal brand."})).json()
    assert sent["response_action"] == "update" and "on its way" in text_of(sent["view"])

    card = wait_for_dm(fake_slack, "UJOHN", "would like you to be their mentor")
    assert "I want to build a strong personal brand." in text_of(card["blocks"])
    proposal_id = button_values(card["blocks"], ids.PROPOSAL_ACCEPT)[0]
    wait_for_home(fake_slack, "UJOHN", "Requests for you")

    # John accepts from the DM: the card changes in place, Alice is told, both are matched.
    assert slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT, value=proposal_id,
                              message={"ts": card.get("ts", "1")}).status == 200
    wait_for_dm(fake_slack, "UALICE", "has accepted your mentoring request")
    updated = fake_slack.wait_for("chat.update")[0].params
    assert "You accepted" in text_of(updated["blocks"])
    assert not button_values(updated["blocks"], ids.PROPOSAL_ACCEPT)
    alice_home = wait_for_home(fake_slack, "UALICE", "· Your mentor")
    assert "john@example.org" in text_of(alice_home)
    john_home = wait_for_home(fake_slack, "UJOHN", "· Your mentee")
    assert "alice@example.org" in text_of(john_home)
    assert_fits_slack(alice_home)
    with app.sessions() as session:
        assert session.query(Relationship).one().status == RelationshipStatus.ACTIVE
        assert session.query(Proposal).one().status == ProposalStatus.ACCEPTED


def test_a_declined_mentee_is_told_kindly_and_shown_alternatives(
    slack: SlackRequests, fake_slack: FakeSlack, people: None
) -> None:
    card = ask_the_closest_mentor(slack, fake_slack)
    proposal_id = button_values(card["blocks"], ids.PROPOSAL_DECLINE)[0]

    slack.block_action("UJOHN", ids.PROPOSAL_DECLINE, value=proposal_id)
    fake_slack.wait_for("views.open", 2)
    decline = fake_slack.latest_modal()
    assert decline["callback_id"] == ids.PROPOSAL_DECLINE_SUBMIT
    assert slack.view_submission("UJOHN", decline, fill(decline, {
        ids.PROPOSAL_NOTE: "I'm away until spring; Jane knows networking well."})).status == 200
    told = wait_for_dm(fake_slack, "UALICE", "isn't able to mentor you this time")
    shown = text_of(told["blocks"])
    assert "away until spring" in shown and "Jane Doe" in shown
    suggested = button_values(told["blocks"], ids.SEARCH_VIEW_PROFILE)
    assert suggested and button_values(card["blocks"], ids.PROPOSAL_MESSAGE)[0] not in suggested
    assert ids.SEARCH_OPEN in shown


def test_a_request_is_edited_withdrawn_and_reinstated_from_home(
    slack: SlackRequests, fake_slack: FakeSlack, people: None
) -> None:
    results = search(slack, fake_slack, "UALICE")
    slack.block_action("UALICE", ids.PROPOSAL_OPEN, value=button_values(
        results, ids.PROPOSAL_OPEN)[0], view=results)
    fake_slack.wait_for("views.push")
    form = fake_slack.latest_modal()
    slack.view_submission("UALICE", form, fill(form, {ids.PROPOSAL_STATEMENT: "First try."}))
    wait_for_dm(fake_slack, "UJOHN", "would like you to be their mentor")
    home = wait_for_home(fake_slack, "UALICE", "Requests you sent")
    proposal_id = button_values(home, ids.PROPOSAL_EDIT)[0]

    slack.block_action("UALICE", ids.PROPOSAL_EDIT, value=proposal_id)
    fake_slack.wait_for("views.open", 2)
    edit = fake_slack.latest_modal()
    assert "First try." in text_of(edit)
    assert slack.view_submission("UALICE", edit, fill(edit, {
        ids.PROPOSAL_STATEMENT: "Second, better try."})).status == 200
    updated = fake_slack.wait_for("chat.update")[0].params
    assert "Second, better try." in text_of(updated["blocks"])

    slack.block_action("UALICE", ids.PROPOSAL_WITHDRAW, value=proposal_id)
    wait_for_dm(fake_slack, "UJOHN", "has withdrawn their mentoring request")
    home = wait_for_home(fake_slack, "UALICE", ids.PROPOSAL_REINSTATE)
    slack.block_action("UALICE", ids.PROPOSAL_REINSTATE, value=proposal_id)
    wait_for_dm(fake_slack, "UJOHN", "has reinstated their mentoring request")


def test_either_side_can_end_the_relationship_and_the_mentee_can_search_again(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, people: None
) -> None:
    card = ask_the_closest_mentor(slack, fake_slack)
    slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT,
                       value=button_values(card["blocks"], ids.PROPOSAL_ACCEPT)[0])
    home = wait_for_home(fake_slack, "UJOHN", "· Your mentee")
    menu = next(e for b in home["blocks"] for e in b.get("elements", [])
                if e.get("action_id") == ids.RELATIONSHIP_ACTIONS)
    choice = menu["options"][0]

    slack.block_action("UJOHN", ids.RELATIONSHIP_ACTIONS, action_type="overflow",
                       selected_option=choice)
    fake_slack.wait_for("views.open", 2)
    confirm = fake_slack.latest_modal()
    assert confirm["callback_id"] == ids.RELATIONSHIP_WITHDRAW_SUBMIT
    slack.view_submission("UJOHN", confirm, fill(confirm, {
        ids.RELATIONSHIP_REASON: "My role has changed."}))
    told = wait_for_dm(fake_slack, "UALICE", "has ended your mentoring relationship")
    assert "My role has changed." in text_of(told["blocks"])
    assert ids.SEARCH_OPEN in text_of(told["blocks"])
    with app.sessions() as session:
        assert session.query(Relationship).one().status == RelationshipStatus.WITHDRAWN
    fake_slack.reset()
    assert "John Smith" in text_of(search(slack, fake_slack, "UALICE"))


def test_paging_keeps_every_view_inside_slacks_limits(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    for n in range(19):
        join_as_mentor(slack, fake_slack, f"UM{n:02d}", f"Mentor {n:02d}")
    fake_slack.reset()
    first = search(slack, fake_slack, "UALICE")
    assert "Showing 1–8 of 19" in text_of(first)
    seen = set(button_values(first, ids.PROPOSAL_OPEN))
    view = first
    for page in (1, 2):
        slack.block_action("UALICE", ids.SEARCH_PAGE, value=value(Page(page)), view=view)
        fake_slack.wait_for("views.update", page + 1)
        view = fake_slack.latest_modal()
        assert_fits_slack(view)
        seen |= set(button_values(view, ids.PROPOSAL_OPEN))
    assert len(seen) == 19
    assert "Showing 17–19 of 19" in text_of(view)

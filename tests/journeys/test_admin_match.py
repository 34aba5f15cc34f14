"""An admin matches a mentee with a mentor by hand, over HTTP, as Slack would send it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from blocks import ids, kit
from bot.app import Mentorbot
from domain.model import (
    AdminLogEntry,
    Member,
    MentorProfile,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from tests.journeys.steps import (
    ask_the_closest_mentor,
    join_as_mentee,
    join_as_mentor,
    text_of,
    wait_for_dm,
    wait_for_home,
)
from tests.journeys.test_double_sends import three_at_once
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Reply, SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually

MENU = {"blocks": [kit.actions(kit.button("Match manually", ids.ADMIN_MATCH_OPEN))]}


def open_form(slack: SlackRequests, fake: FakeSlack, admin: str = "UADMIN") -> dict[str, Any]:
    """The admin clicks Match manually in the admin menu: the form Slack shows."""
    known = len(fake.views)
    assert slack.block_action(admin, ids.ADMIN_MATCH_OPEN, message=MENU).status == 200
    form = fake.wait_for_new_modal(ids.ADMIN_MATCH_SUBMIT, known)
    assert_fits_slack(form)
    return form


def submit(slack: SlackRequests, form: dict[str, Any], mentee: str, mentor: str,
           note: str = "", admin: str = "UADMIN") -> Reply:
    return slack.view_submission(admin, form, fill(form, {
        ids.ADMIN_MATCH_MENTEE: mentee, ids.ADMIN_MATCH_MENTOR: mentor,
        ids.ADMIN_MATCH_NOTE: note}))


def people(slack: SlackRequests, fake: FakeSlack, capacity: str = "3") -> None:
    """Alice (mentee), John (mentor) and Sam, a workspace admin who is not a member."""
    join_as_mentee(slack, fake, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake, "UJOHN", "John Smith", **{ids.PROFILE_CAPACITY: capacity})
    fake.add_user("UADMIN", name="sam", real_name="Sam Admin", is_admin=True)


def spare(app: Mentorbot, user_id: str) -> int:
    """The mentor's spare capacity as stored."""
    with app.sessions() as session:
        return int(session.scalar(select(MentorProfile.spare_capacity).join(
            Member, Member.id == MentorProfile.member_id).where(Member.slack_user_id == user_id)))


def test_an_admin_matches_two_people_who_are_both_told_and_start_at_once(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    people(slack, fake_slack)
    form = open_form(slack, fake_slack)
    answer = submit(slack, form, "UALICE", "UJOHN", "You both work in road freight.").json()
    assert answer["response_action"] == "update"
    assert answer["view"]["callback_id"] == ids.ADMIN_MATCH_DONE_VIEW
    assert "Alice Kember" in text_of(answer["view"]) and "John Smith" in text_of(answer["view"])
    to_alice = wait_for_dm(fake_slack, "UALICE", "Sam Admin from")
    assert "matched you with John Smith as your mentor" in to_alice["text"]
    assert "You both work in road freight." in text_of(to_alice["blocks"])
    wait_for_dm(fake_slack, "UJOHN", "matched you with Alice Kember as their mentor")
    wait_for_home(fake_slack, "UALICE", ids.MEETING_OPEN)
    assert spare(app, "UJOHN") == 2
    with app.sessions() as session:
        assert session.scalars(select(Relationship.status)).all() == [RelationshipStatus.ACTIVE]
        assert session.scalars(select(AdminLogEntry.action)).all() == ["match_manually"]


def test_past_a_limit_the_admin_confirms_and_the_override_is_logged(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    people(slack, fake_slack, capacity="1")
    join_as_mentee(slack, fake_slack, "UEVE", "Eve Adams")
    submit(slack, open_form(slack, fake_slack), "UEVE", "UJOHN")
    form = open_form(slack, fake_slack)
    answer = submit(slack, form, "UALICE", "UJOHN", "Worth it.").json()
    confirm = answer["view"]
    assert confirm["callback_id"] == ids.ADMIN_MATCH_CONFIRM
    assert "John Smith is full: they mentor 1 of the 1 mentees" in text_of(confirm)
    assert_fits_slack(confirm)
    with app.sessions() as session:
        assert len(session.scalars(select(Relationship)).all()) == 1  # nothing yet
    done = slack.view_submission("UADMIN", {**confirm, "id": form["id"]}).json()
    assert done["view"]["callback_id"] == ids.ADMIN_MATCH_DONE_VIEW
    assert "override" in text_of(done["view"])
    wait_for_dm(fake_slack, "UALICE", "matched you with John Smith")
    with app.sessions() as session:
        assert session.scalars(select(AdminLogEntry.action).order_by(AdminLogEntry.id)).all() \
            == ["match_manually", "match_override"]
    assert spare(app, "UJOHN") == -1


def test_a_bad_choice_is_refused_beside_its_field(
        slack: SlackRequests, fake_slack: FakeSlack) -> None:
    people(slack, fake_slack)
    answer = submit(slack, open_form(slack, fake_slack), "UJOHN", "UALICE").json()
    assert answer["response_action"] == "errors"
    assert "registered as a mentee" in answer["errors"][ids.ADMIN_MATCH_MENTEE]
    assert "registered as a mentor" in answer["errors"][ids.ADMIN_MATCH_MENTOR]


def test_a_double_submit_makes_one_pair(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    people(slack, fake_slack)
    form = open_form(slack, fake_slack)
    replies = three_at_once(slack, "UADMIN", form, {
        ids.ADMIN_MATCH_MENTEE: "UALICE", ids.ADMIN_MATCH_MENTOR: "UJOHN"})
    assert all(r.json()["view"]["callback_id"] == ids.ADMIN_MATCH_DONE_VIEW for r in replies)
    app.settle()
    with app.sessions() as session:
        assert len(session.scalars(select(Relationship)).all()) == 1
    assert spare(app, "UJOHN") == 2


def test_a_non_admin_is_refused_the_form_and_a_forged_submission(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    people(slack, fake_slack)
    form = open_form(slack, fake_slack)
    known = len(fake_slack.views)
    slack.block_action("UALICE", ids.ADMIN_MATCH_OPEN, message=MENU)
    opened = list(fake_slack.views.values())[known:]
    assert [v["callback_id"] for v in opened] == [ids.NOTICE_VIEW]
    assert "only the programme's admins" in text_of(opened[0])
    answer = submit(slack, form, "UALICE", "UJOHN", admin="UALICE").json()
    assert answer["response_action"] == "errors"
    assert "only the programme's admins" in text_of(answer["errors"])
    with app.sessions() as session:
        assert session.scalars(select(Relationship)).all() == []


def test_a_request_waiting_between_them_is_accepted_by_the_match(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    people(slack, fake_slack)
    fake_slack.reset()
    ask_the_closest_mentor(slack, fake_slack)
    submit(slack, open_form(slack, fake_slack), "UALICE", "UJOHN")
    wait_for_dm(fake_slack, "UALICE", "matched you with John Smith")
    with app.sessions() as session:
        proposal = session.scalars(select(Proposal)).one()
        relationship = session.scalars(select(Relationship)).one()
    assert proposal.status == ProposalStatus.ACCEPTED
    assert relationship.proposal_id == proposal.id
    # The mentor's request card is updated in place: nothing left to accept.
    eventually(lambda: fake_slack.calls_to("chat.update"), bool, "the request card updated")

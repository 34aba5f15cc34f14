"""Journey: a newcomer registers, fills in a profile and sees it on Home."""

from __future__ import annotations

import json

from blocks import ids
from bot.app import Mentorbot
from domain.loading import PROFILES
from domain.model import Member, OutboxMessage
from tests.journeys.steps import mentee_answers, mentor_answers, register, wait_for_home
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def member_row(app: Mentorbot, user_id: str) -> Member | None:
    with app.sessions() as session:
        return session.query(Member).filter_by(slack_user_id=user_id).options(
            *PROFILES).one_or_none()


def test_a_newcomers_home_offers_register(slack: SlackRequests, fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember")
    assert slack.app_home_opened("UALICE").status == 200
    published = fake_slack.wait_for("views.publish")[0].params
    assert published["user_id"] == "UALICE"
    assert_fits_slack(published["view"])
    assert ids.HOME_REGISTER in json.dumps(published["view"])


def test_a_mentee_registers_and_completes_their_profile(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember",
                        email="alice@slack.example", tz="Europe/London")
    form = register(slack, fake_slack, "UALICE", "mentee")
    assert_fits_slack(form)
    blocks = {b.get("block_id") for b in form["blocks"]}
    assert ids.PROFILE_MENTEE_AREAS in blocks and ids.PROFILE_MENTOR_AREAS not in blocks
    email = next(b for b in form["blocks"] if b.get("block_id") == ids.PROFILE_CONTACT_EMAIL)
    assert email["element"]["initial_value"] == "alice@slack.example"

    welcome = fake_slack.wait_for("chat.postMessage")[0].params
    assert "Welcome" in welcome["text"] and welcome["channel"] == "DUALICE"

    reply = slack.view_submission("UALICE", form, fill(form, mentee_answers(form)))
    assert reply.status == 200 and not reply.body
    home = wait_for_home(fake_slack, "UALICE", "Transport co-ordinator")
    assert_fits_slack(home)
    assert "Transport co-ordinator" in json.dumps(home)
    assert "Networking and networking skills" in json.dumps(home)

    member = member_row(app, "UALICE")
    assert member is not None and member.mentee_profile is not None
    assert member.contact_email == "alice@example.org"
    assert [a.label for a in member.mentee_profile.areas] == ["Networking and networking skills"]
    assert member.mentee_profile.preferred_role_id is None


def test_a_mentor_registers_with_capacity_and_open_to_requests(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UJOHN", name="john", real_name="John Smith", email="john@slack.example")
    form = register(slack, fake_slack, "UJOHN", "mentor")
    reply = slack.view_submission("UJOHN", form, fill(form, mentor_answers(form)))
    assert reply.status == 200 and not reply.body
    member = member_row(app, "UJOHN")
    assert member is not None and member.mentor_profile is not None
    assert member.mentor_profile.capacity == 3 and member.mentor_profile.open_to_requests
    assert member.mentor_profile.role.label == "Director or senior leader"


def test_every_entry_point_leads_a_newcomer_to_register(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UNEW", name="new")
    assert slack.command("UNEW", "profile").status == 200
    fake_slack.wait_for("views.open")
    assert fake_slack.latest_modal()["callback_id"] == ids.REGISTRATION_SUBMIT
    # A refusal right after ack() must still answer Slack with 200, not a timeout.
    assert slack.block_action("UNEW", ids.HOME_OPEN_PROFILE, value="").status == 200
    fake_slack.wait_for("views.open", 2)
    assert fake_slack.latest_modal()["callback_id"] == ids.REGISTRATION_SUBMIT


def test_adding_the_mentor_role_later_shows_the_mentor_half(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember")
    form = register(slack, fake_slack, "UALICE", "mentee")
    slack.view_submission("UALICE", form, fill(form, mentee_answers(form)))

    slack.command("UALICE", "profile")
    fake_slack.wait_for("views.open", 2)
    form = fake_slack.latest_modal()
    typed = fill(form, mentee_answers(form, **{ids.PROFILE_JOB_TITLE: "Typed, not saved",
                                               ids.PROFILE_ROLES: ["mentor", "mentee"]}))
    slack.block_action("UALICE", ids.PROFILE_ROLES, view={**form, "state": {"values": typed}},
                       action_type="checkboxes")
    fake_slack.wait_for("views.update")
    form = fake_slack.latest_modal()
    blocks = {b.get("block_id"): b for b in form["blocks"]}
    assert ids.PROFILE_MENTOR_AREAS in blocks and ids.PROFILE_MENTEE_AREAS in blocks
    assert blocks[ids.PROFILE_JOB_TITLE]["element"]["initial_value"] == "Typed, not saved"

    answers = {**mentee_answers(form), **mentor_answers(form),
               ids.PROFILE_ROLES: ["mentor", "mentee"]}
    reply = slack.view_submission("UALICE", form, fill(form, answers))
    assert reply.status == 200 and not reply.body
    member = member_row(app, "UALICE")
    assert member is not None and member.is_mentor and member.is_mentee
    assert member.mentor_profile is not None and member.mentee_profile is not None


def test_a_double_click_on_register_makes_one_member_and_one_welcome(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UALICE", name="alice")
    slack.command("UALICE")
    fake_slack.wait_for("views.open")
    view = fake_slack.latest_modal()
    values = fill(view, {ids.REGISTRATION_ROLES: ["mentee"]})
    assert slack.view_submission("UALICE", view, values).json()["response_action"] == "update"
    assert slack.view_submission("UALICE", view, values).json()["response_action"] == "update"
    with app.sessions() as session:
        assert session.query(Member).count() == 1
        assert session.query(OutboxMessage).count() == 1



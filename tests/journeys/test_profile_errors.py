"""Journey: bad profile input is answered beside the field, and nothing is stored."""

from __future__ import annotations

from typing import Any

import pytest

from blocks import ids
from bot.app import Mentorbot
from domain.loading import PROFILES
from domain.model import Member
from tests.journeys.steps import mentee_answers, mentor_answers, register, wait_for_home
from tests.support.block_limits import mrkdwn_texts
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


@pytest.fixture
def form(slack: SlackRequests, fake_slack: FakeSlack) -> dict[str, Any]:
    """A registered mentor-and-mentee's empty profile form."""
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember")
    return register(slack, fake_slack, "UALICE", "mentor", "mentee")


def complete(form: dict[str, Any]) -> dict[str, Any]:
    return {**mentee_answers(form), **mentor_answers(form),
            ids.PROFILE_ROLES: ["mentor", "mentee"]}


def forged(form: dict[str, Any], block_id: str, value: str) -> dict[str, Any]:
    """Valid state with one text value replaced as a forged payload could (no client checks)."""
    values = fill(form, complete(form))
    values[block_id][block_id]["value"] = value
    return values


def stored_profile(app: Mentorbot) -> tuple[object, object]:
    with app.sessions() as session:
        member = session.query(Member).options(*PROFILES).one()
        return member.mentor_profile, member.mentee_profile


@pytest.mark.parametrize(
    ("block_id", "value", "says"),
    [
        (ids.PROFILE_JOB_TITLE, "", "job title"),
        (ids.PROFILE_JOB_TITLE, "x" * 300, "80 characters"),
        (ids.PROFILE_JOB_TITLE, "Fleet planner 🚚", "emoji"),
        (ids.PROFILE_ORGANISATION, "<!channel> Freight", "mentions"),
        (ids.PROFILE_CAPACITY, "0", "from 1 to 20"),
        (ids.PROFILE_CAPACITY, "500", "from 1 to 20"),
        (ids.PROFILE_CAPACITY, "2.5", "from 1 to 20"),
        (ids.PROFILE_BIO, "b" * 5000, "1500 characters"),
        (ids.PROFILE_STATEMENT, "   ", "statement"),
        (ids.PROFILE_CONTACT_EMAIL, "not an address", "e-mail"),
    ],
)
def test_a_bad_field_gets_an_error_beside_it_and_nothing_is_stored(
    app: Mentorbot, slack: SlackRequests, form: dict[str, Any], block_id: str, value: str,
    says: str,
) -> None:
    reply = slack.view_submission("UALICE", form, forged(form, block_id, value))
    answer = reply.json()
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [block_id]
    assert says in answer["errors"][block_id]
    assert stored_profile(app) == (None, None)


def test_every_empty_required_field_is_named_at_once(
    slack: SlackRequests, form: dict[str, Any]
) -> None:
    answer = slack.view_submission("UALICE", form, fill(form, {
        ids.PROFILE_ROLES: ["mentor", "mentee"]})).json()
    assert answer["response_action"] == "errors"
    assert set(answer["errors"]) >= {
        ids.PROFILE_JOB_TITLE, ids.PROFILE_MENTOR_AREAS, ids.PROFILE_MENTOR_ROLE,
        ids.PROFILE_MENTOR_COMMUNITY, ids.PROFILE_BIO, ids.PROFILE_MENTEE_AREAS,
        ids.PROFILE_STATEMENT}


def test_a_forged_option_from_another_list_is_refused(
    slack: SlackRequests, form: dict[str, Any]
) -> None:
    values = fill(form, complete(form))
    values[ids.PROFILE_MENTOR_AREAS][ids.PROFILE_MENTOR_AREAS]["selected_options"] = [
        {"text": {"type": "plain_text", "text": "x"}, "value": "999999"}]
    answer = slack.view_submission("UALICE", form, values).json()
    assert list(answer["errors"]) == [ids.PROFILE_MENTOR_AREAS]


def test_markup_in_a_slack_name_is_escaped_on_home_and_in_the_welcome_dm(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UMAL", name="mal", real_name="<!channel> Mal & <@U999>")
    form = register(slack, fake_slack, "UMAL", "mentee")
    welcome = fake_slack.wait_for("chat.postMessage")[0].params
    assert "<!channel>" not in welcome["text"] and "&lt;!channel&gt; Mal &amp;" in welcome["text"]
    slack.view_submission("UMAL", form, fill(form, mentee_answers(form)))
    # Home refreshes coalesce, so wait for what it shows rather than for a count.
    texts = "\n".join(mrkdwn_texts(wait_for_home(fake_slack, "UMAL", "Transport co-ordinator")))
    assert "<!channel>" not in texts and "<@U999>" not in texts
    assert "&lt;!channel&gt; Mal &amp; &lt;@U999&gt;" in texts

"""Steps a person takes in Slack, as the journeys use them."""

from __future__ import annotations

import json
from typing import Any

from blocks import ids
from blocks.payloads import RelationshipRef, decode
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Reply, SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually


def text_of(thing: Any) -> str:
    """Everything a view or message says, as one string (unicode kept)."""
    return json.dumps(thing, ensure_ascii=False)


def option_value(view: dict[str, Any], block_id: str, label: str) -> str:
    """The value of the option labelled `label` in the select of `block_id`."""
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    for option in block["element"]["options"]:
        if option["text"]["text"] == label:
            return str(option["value"])
    raise AssertionError(f"no option {label!r} in {block_id}")


def register(slack: SlackRequests, fake: FakeSlack, user_id: str, *roles: str) -> dict[str, Any]:
    """`/mentor`, tick the roles, Register: returns the profile form Slack then shows."""
    modals_before = len(fake.calls_to("views.open"))
    assert slack.command(user_id).status == 200
    fake.wait_for("views.open", modals_before + 1)
    view = fake.latest_modal()
    assert view["callback_id"] == ids.REGISTRATION_SUBMIT
    reply = slack.view_submission(user_id, view, fill(view, {ids.REGISTRATION_ROLES: list(roles)}))
    answer = reply.json()
    assert answer["response_action"] == "update", answer
    return {**answer["view"], "id": view["id"]}


def mentee_answers(view: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A complete mentee half of the profile form."""
    answers = {
        ids.PROFILE_JOB_TITLE: "Transport co-ordinator",
        ids.PROFILE_ORGANISATION: "Mango Logistics",
        ids.PROFILE_CONTACT_EMAIL: "alice@example.org",
        ids.PROFILE_MENTEE_AREAS: [option_value(view, ids.PROFILE_MENTEE_AREAS,
                                                "Networking and networking skills")],
        ids.PROFILE_PREFERRED_ROLE: ids.ANY,
        ids.PROFILE_PREFERRED_COMMUNITY: option_value(view, ids.PROFILE_PREFERRED_COMMUNITY,
                                                      "Logistics"),
        ids.PROFILE_STATEMENT: "I'd like help building a strong professional network.",
    }
    return {**answers, **overrides}


def mentor_answers(view: dict[str, Any], **overrides: Any) -> dict[str, Any]:
    """A complete mentor half of the profile form."""
    answers = {
        ids.PROFILE_JOB_TITLE: "Operations director",
        ids.PROFILE_ORGANISATION: "Kember Freight",
        ids.PROFILE_CONTACT_EMAIL: "john@example.org",
        ids.PROFILE_MENTOR_AREAS: [
            option_value(view, ids.PROFILE_MENTOR_AREAS, "Networking and networking skills"),
            option_value(view, ids.PROFILE_MENTOR_AREAS, "Leadership and management"),
        ],
        ids.PROFILE_MENTOR_ROLE: option_value(view, ids.PROFILE_MENTOR_ROLE,
                                              "Director or senior leader"),
        ids.PROFILE_MENTOR_COMMUNITY: option_value(view, ids.PROFILE_MENTOR_COMMUNITY,
                                                   "Road transport and haulage"),
        ids.PROFILE_BIO: "Twenty years running road freight operations.",
        ids.PROFILE_CAPACITY: "3",
        ids.PROFILE_OPEN_TO_REQUESTS: ["open"],
    }
    return {**answers, **overrides}


def by_label(form: dict[str, Any], choose: dict[str, str | list[str]]) -> dict[str, Any]:
    """Answers for selects given by the labels a person sees, not by option values."""
    return {block_id: [option_value(form, block_id, one) for one in labels]
            if isinstance(labels, list) else option_value(form, block_id, labels)
            for block_id, labels in choose.items()}


def join_as_mentor(slack: SlackRequests, fake: FakeSlack, user_id: str, name: str,
                   choose: dict[str, str | list[str]] | None = None,
                   community: str | None = None, team_id: str = "T1",
                   enterprise_id: str | None = None, **answers: Any) -> None:
    """Register and complete a mentor profile (defaults from mentor_answers; `choose` and
    `community` pick options by their labels)."""
    if community:
        choose = {**(choose or {}), ids.PROFILE_MENTOR_COMMUNITY: community}
    fake.add_user(user_id, name=name.split(maxsplit=1)[0].lower(), real_name=name,
                  email=f"{user_id.lower()}@example.org", title="Director", team_id=team_id,
                  enterprise_id=enterprise_id)
    form = register(slack, fake, user_id, "mentor")
    answers = {**mentor_answers(form, **answers), **by_label(form, choose or {})}
    reply = slack.view_submission(user_id, form, fill(form, answers))
    assert reply.status == 200 and not reply.body, reply.body


def join_as_mentee(slack: SlackRequests, fake: FakeSlack, user_id: str, name: str,
                   team_id: str = "T1", enterprise_id: str | None = None,
                   **answers: Any) -> None:
    """Register and complete a mentee profile (defaults from mentee_answers)."""
    fake.add_user(user_id, name=name.split(maxsplit=1)[0].lower(), real_name=name,
                  email=f"{user_id.lower()}@example.org", team_id=team_id,
                  enterprise_id=enterprise_id)
    form = register(slack, fake, user_id, "mentee")
    reply = slack.view_submission(user_id, form, fill(form, mentee_answers(form, **answers)))
    assert reply.status == 200 and not reply.body, reply.body


def button_values(view_or_blocks: Any, action_id: str) -> list[str]:
    """The values of every button with this action_id, in order."""
    blocks = view_or_blocks["blocks"] if isinstance(view_or_blocks, dict) else view_or_blocks
    found = []
    for block in blocks:
        for element in [*block.get("elements", []), block.get("accessory") or {}]:
            if element.get("action_id") == action_id:
                found.append(str(element.get("value", "")))
    return found


def dms_to(fake: FakeSlack, user_id: str) -> list[dict[str, Any]]:
    """Every chat.postMessage the app sent to this person's DM, oldest first."""
    return [c.params for c in fake.calls_to("chat.postMessage")
            if c.params.get("channel") == f"D{user_id}"]


def wait_for_dm(fake: FakeSlack, user_id: str, containing: str,
                timeout: float = 5.0) -> dict[str, Any]:
    """The first DM to this person whose text contains the words; fails after `timeout`."""
    eventually(lambda: [m.get("text", "") for m in dms_to(fake, user_id)],
               lambda texts: any(containing in text for text in texts),
               f"a DM to {user_id} containing {containing!r}", timeout)
    return next(m for m in dms_to(fake, user_id) if containing in m.get("text", ""))


def wait_for_home(fake: FakeSlack, user_id: str, containing: str,
                  timeout: float = 5.0) -> dict[str, Any]:
    """This person's Home tab once it shows the words."""
    def shows(home: dict[str, Any] | None) -> bool:
        return bool(home) and containing in json.dumps(home, ensure_ascii=False)

    return eventually(lambda: fake.home_views.get(user_id), shows,
                      f"the Home of {user_id} showing {containing!r}", timeout)


def request_and_accept(slack: SlackRequests, fake: FakeSlack, mentee: str) -> None:
    """The mentee asks the first mentor the search offers, who accepts from the DM."""
    slack.command(mentee, "find")
    fake.wait_for("views.update")
    results = fake.latest_modal()
    slack.block_action(mentee, ids.PROPOSAL_OPEN,
                       value=button_values(results, ids.PROPOSAL_OPEN)[0], view=results)
    fake.wait_for("views.push")
    form = fake.latest_modal()
    slack.view_submission(mentee, form, fill(form, {ids.PROPOSAL_STATEMENT: "Please."}))
    card = wait_for_dm(fake, "UJOHN", "would like you to be their mentor")
    slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT,
                       value=button_values(card["blocks"], ids.PROPOSAL_ACCEPT)[0])
    wait_for_dm(fake, mentee, "has accepted your mentoring request")


def match_alice_with_john(slack: SlackRequests, fake: FakeSlack) -> None:
    """Alice Kember (mentee) and John Smith (mentor) join and are matched."""
    join_as_mentee(slack, fake, "UALICE", "Alice Kember")
    join_as_mentor(slack, fake, "UJOHN", "John Smith")
    request_and_accept(slack, fake, "UALICE")


def choose(slack: SlackRequests, user: str, action_id: str, value: str,
           view: dict[str, Any] | None = None) -> None:
    """Pick an overflow or menu option with this value."""
    assert slack.block_action(user, action_id, action_type="overflow", view=view,
                              selected_option={"text": {"type": "plain_text", "text": "x"},
                                               "value": value}).status == 200


def search(slack: SlackRequests, fake: FakeSlack, user_id: str) -> dict[str, Any]:
    """`/mentor find`: the results the modal shows once the search has run."""
    assert slack.command(user_id, "find").status == 200
    opened = fake.wait_for("views.open")[0].params["view"]
    assert "Finding mentors" in text_of(opened)
    fake.wait_for("views.update")
    results = fake.latest_modal()
    assert_fits_slack(results)
    return results


def ask_the_closest_mentor(slack: SlackRequests, fake: FakeSlack) -> dict[str, Any]:
    """Alice searches and sends John (the first result) a request; returns John's DM card."""
    results = search(slack, fake, "UALICE")
    slack.block_action("UALICE", ids.PROPOSAL_OPEN,
                       value=button_values(results, ids.PROPOSAL_OPEN)[0], view=results)
    fake.wait_for("views.push")
    form = fake.latest_modal()
    slack.view_submission("UALICE", form, fill(form, {ids.PROPOSAL_STATEMENT: "Please."}))
    return wait_for_dm(fake, "UJOHN", "would like you to be their mentor")


def match_pair(slack: SlackRequests, fake: FakeSlack, mentee_name: str = "Zoë Ngô",
               mentor_name: str = "Дмитрий Ωμέγα") -> int:
    """Alice (New York) becomes John's (London) mentee; returns their relationship id.

    The names are in several scripts so every DM, Home and PDF of the pair carries them.
    The fake's call log is cleared afterwards, so a test counts only its own calls."""
    fake.add_user("UALICE", name="alice", real_name=mentee_name, email="ualice@example.org",
                  tz="America/New_York")
    form = register(slack, fake, "UALICE", "mentee")
    assert slack.view_submission("UALICE", form, fill(form, mentee_answers(form))).status == 200
    join_as_mentor(slack, fake, "UJOHN", mentor_name)
    request_and_accept(slack, fake, "UALICE")
    home = wait_for_home(fake, "UALICE", ids.MEETING_OPEN)
    fake.reset()
    return decode(button_values(home, ids.MEETING_OPEN)[0], RelationshipRef).relationship


def assert_notice(reply: Reply, saying: str) -> None:
    """The submission was answered, as Slack accepts, by a notice saying what happened."""
    assert reply.status == 200
    answer = reply.json()
    assert answer["response_action"] == "update"
    assert answer["view"]["callback_id"] == ids.NOTICE_VIEW
    assert saying in text_of(answer["view"])
    assert_fits_slack(answer["view"])


def open_account(slack: SlackRequests, fake: FakeSlack, user: str) -> dict[str, Any]:
    """/mentor account: the Account modal Slack was asked to open (within Slack's limits)."""
    known = len(fake.views)
    assert slack.command(user, "account").status == 200
    view = fake.wait_for_new_modal(ids.ACCOUNT_VIEW, known)
    assert_fits_slack(view)
    return view

"""users.info answers are shared across requests, for a while and for a bounded number."""

from __future__ import annotations

from slack_sdk import WebClient

from handlers.context import PeopleDirectory
from tests.support.fake_slack import FakeSlack


def test_a_person_is_asked_for_once_and_the_least_recent_leaves_first(
    fake_slack: FakeSlack,
) -> None:
    for user_id in ("U1", "U2", "U3"):
        fake_slack.add_user(user_id, name=user_id.lower(), real_name=f"Person {user_id}")
    client = WebClient(token="xoxb-test", base_url=fake_slack.base_url)
    people = PeopleDirectory(most=2)
    assert people.identity(client, "T1", "U1").name == "Person U1"
    people.identity(client, "T1", "U2")
    assert people.identity(client, "T1", "U1").name == "Person U1"  # kept: no new call
    people.identity(client, "T1", "U3")  # U2 is now the least recently used
    assert len(people) == 2
    asked = [call.params["user"] for call in fake_slack.calls_to("users.info")]
    assert asked == ["U1", "U2", "U3"]
    people.identity(client, "T1", "U2")
    people.identity(client, "T1", "U3")
    assert [call.params["user"] for call in fake_slack.calls_to("users.info")] == [
        "U1", "U2", "U3", "U2"]


def test_an_answer_older_than_its_time_is_asked_for_again(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("U1", name="u1", real_name="Before")
    client = WebClient(token="xoxb-test", base_url=fake_slack.base_url)
    people = PeopleDirectory(ttl_seconds=0)
    assert people.identity(client, "T1", "U1").name == "Before"
    fake_slack.add_user("U1", name="u1", real_name="After")
    assert people.identity(client, "T1", "U1").name == "After"

"""Every supported Web API method round-trips through a real slack_sdk WebClient."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.support.fake_slack import FakeSlack

MODAL: dict[str, Any] = {
    "type": "modal", "callback_id": "profile", "private_metadata": "m1",
    "title": {"type": "plain_text", "text": "Profile"},
    "submit": {"type": "plain_text", "text": "Save"},
    "blocks": [{"type": "input", "block_id": "bio", "label": {"type": "plain_text", "text": "Bio"},
                "element": {"type": "plain_text_input", "action_id": "bio"}}],
}
HOME: dict[str, Any] = {"type": "home", "blocks": [
    {"type": "section", "text": {"type": "mrkdwn", "text": "Hello"}}]}


def test_auth_test(client: WebClient, fake: FakeSlack) -> None:
    answer = client.auth_test()
    assert answer["team"] == "Acme" and answer["team_id"] == "T1"
    assert (answer["user"], answer["user_id"], answer["bot_id"]) == ("mentorbot", "UBOT", "BBOT")
    assert answer["url"].startswith("https://")
    assert fake.calls_to("auth.test")[0].token == "xoxb-test"


def test_users_info_shape_and_time_zone(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U1", name="ann", real_name="Ann Lee", email="ann@acme.test",
                  tz="America/New_York", title="Engineer", is_admin=True)
    user = client.users_info(user="U1")["user"]
    offset = datetime.now(ZoneInfo("America/New_York")).utcoffset()
    assert offset is not None and user["tz_offset"] == int(offset.total_seconds())
    assert user["tz"] == "America/New_York" and user["tz_label"].startswith("Eastern")
    assert (user["id"], user["team_id"], user["name"], user["real_name"]) == (
        "U1", "T1", "ann", "Ann Lee")
    assert user["is_admin"] is True and user["deleted"] is False and user["is_bot"] is False
    profile = user["profile"]
    assert profile["email"] == "ann@acme.test" and profile["title"] == "Engineer"
    assert profile["display_name"] == "ann" and profile["image_72"].startswith("https://")
    assert fake.calls_to("users.info")[0].params == {"user": "U1"}


def test_users_info_without_email_and_unknown_user(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U2", name="bob", deleted=True)
    user = client.users_info(user="U2")["user"]
    assert "email" not in user["profile"] and user["deleted"] is True
    assert user["tz_label"] in ("Greenwich Mean Time", "British Summer Time")
    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="U404")
    assert raised.value.response["error"] == "user_not_found"
    with pytest.raises(ValueError, match="time zone"):
        fake.add_user("U3", name="x", tz="Mars/Olympus")


def test_views_open_push_update(client: WebClient, fake: FakeSlack) -> None:
    opened = client.views_open(trigger_id="t1", view=MODAL)["view"]
    assert opened["id"].startswith("V") and opened["hash"]
    assert opened["root_view_id"] == opened["id"]
    assert opened["state"] == {"values": {}} and opened["blocks"] == MODAL["blocks"]
    assert opened["callback_id"] == "profile" and opened["private_metadata"] == "m1"
    pushed = client.views_push(trigger_id="t2", view={**MODAL, "callback_id": "step2"})["view"]
    assert pushed["id"] != opened["id"] and pushed["root_view_id"] == opened["id"]
    assert pushed["previous_view_id"] == opened["id"]
    updated = client.views_update(view_id=opened["id"], hash=opened["hash"],
                                  view={**MODAL, "private_metadata": "m2"})["view"]
    assert updated["id"] == opened["id"] and updated["private_metadata"] == "m2"
    assert updated["hash"] != opened["hash"]
    # The modal on top stays the latest: a background update of the one below doesn't change it.
    assert fake.latest_modal()["callback_id"] == "step2"
    assert fake.views[opened["id"]]["private_metadata"] == "m2"
    client.views_update(view_id=pushed["id"], view={**MODAL, "callback_id": "step3"})
    assert fake.latest_modal()["callback_id"] == "step3"
    assert fake.calls_to("views.open")[0].params["view"] == MODAL
    with pytest.raises(SlackApiError) as stale:
        client.views_update(view_id=opened["id"], hash=opened["hash"], view=MODAL)
    assert stale.value.response["error"] == "hash_conflict"


def test_views_update_by_external_id_and_errors(client: WebClient) -> None:
    client.views_open(trigger_id="t1", view={**MODAL, "external_id": "ext-1"})
    updated = client.views_update(external_id="ext-1", view={**MODAL, "callback_id": "x"})
    assert updated["view"]["callback_id"] == "x"
    for kwargs, error in [({"external_id": "nope"}, "not_found"),
                          ({"view_id": "V404"}, "not_found")]:
        with pytest.raises(SlackApiError) as raised:
            client.views_update(view=MODAL, **kwargs)
        assert raised.value.response["error"] == error


def test_views_reject_reused_trigger_and_bad_views(client: WebClient) -> None:
    client.views_open(trigger_id="t1", view=MODAL)
    with pytest.raises(SlackApiError) as reused:
        client.views_open(trigger_id="t1", view=MODAL)
    assert reused.value.response["error"] == "exchanged_trigger_id"
    bad_views = [{**MODAL, "private_metadata": "x" * 3001},
                 {**MODAL, "title": {"type": "plain_text", "text": "x" * 25}},
                 {k: v for k, v in MODAL.items() if k != "submit"}]
    for number, view in enumerate(bad_views):
        with pytest.raises(SlackApiError) as raised:
            client.views_open(trigger_id=f"bad{number}", view=view)
        assert raised.value.response["error"] == "invalid_arguments"
        assert raised.value.response["response_metadata"]["messages"]


def test_views_publish(client: WebClient, fake: FakeSlack) -> None:
    first = client.views_publish(user_id="U1", view=HOME)["view"]
    second = client.views_publish(user_id="U1", view=HOME)["view"]
    assert first["type"] == "home" and first["id"] == second["id"]
    assert fake.home_views["U1"]["blocks"] == HOME["blocks"]
    assert fake.calls_to("views.publish")[0].params["user_id"] == "U1"


def test_chat_methods(client: WebClient, fake: FakeSlack) -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "*hi*"}}]
    first = client.chat_postMessage(channel="C1", text="hi", blocks=blocks)
    second = client.chat_postMessage(channel="U1", text="again")
    assert first["channel"] == "C1" and second["channel"] == "DU1"
    assert float(second["ts"]) > float(first["ts"]) and len(first["ts"].split(".")[1]) == 6
    assert first["message"]["blocks"] == blocks and first["message"]["bot_id"] == "BBOT"
    assert fake.calls_to("chat.postMessage")[0].params["blocks"] == blocks
    updated = client.chat_update(channel="C1", ts=first["ts"], text="edited")
    assert (updated["ts"], updated["message"]["text"]) == (first["ts"], "edited")
    ephemeral = client.chat_postEphemeral(channel="C1", user="U1", text="psst")
    assert float(ephemeral["message_ts"]) > float(second["ts"])
    assert client.chat_delete(channel="C1", ts=first["ts"])["ts"] == first["ts"]
    link = client.chat_getPermalink(channel="C1", message_ts="1700000000.000100")
    assert link["permalink"] == "https://acme.slack.test/archives/C1/p1700000000000100"
    with pytest.raises(SlackApiError) as raised:
        client.api_call("chat.postMessage", json={"channel": "C1"})
    assert raised.value.response["error"] == "no_text"


def test_conversations_open(client: WebClient, fake: FakeSlack) -> None:
    assert client.conversations_open(users="U1")["channel"]["id"] == "DU1"
    assert client.conversations_open(users=["U1", "U2"])["channel"]["id"].startswith("G")
    fake.add_user("U9", name="gone", deleted=True)
    with pytest.raises(SlackApiError) as raised:
        client.conversations_open(users="U9")
    assert raised.value.response["error"] == "user_disabled"


def test_files_upload_v2_with_content(client: WebClient, fake: FakeSlack) -> None:
    data = b"%PDF-1.4\r\n\x00\xff binary\r\n--not-a-boundary\n"
    answer = client.files_upload_v2(channel="D1", content=data, filename="x.pdf", title="X",
                                    initial_comment="Your certificate")
    assert answer["file"]["id"].startswith("F") and answer["file"]["title"] == "X"
    assert fake.uploaded_files == [{"filename": "x.pdf", "title": "X", "content": data,
                                    "channel_id": "D1", "initial_comment": "Your certificate"}]
    assert fake.calls_to("upload")[0].files["file"] == data
    assert [c.method for c in fake.calls] == [
        "files.getUploadURLExternal", "upload", "files.completeUploadExternal"]


def test_files_upload_v2_with_file_path(client: WebClient, fake: FakeSlack,
                                        tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7 report")
    client.files_upload_v2(channel="D1", file=str(path), title="Report")
    upload = fake.uploaded_files[0]
    assert (upload["filename"], upload["content"]) == ("report.pdf", b"%PDF-1.7 report")

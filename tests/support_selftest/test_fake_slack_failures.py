"""Scripted failures, outages, request decoding and call recording of FakeSlack."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.support.fake_slack import FakeSlack


def _error(client: WebClient, **kwargs: str) -> SlackApiError:
    """The SlackApiError raised by a chat.postMessage call."""
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="C1", text="x", **kwargs)
    return raised.value


def test_rate_limited_with_retry_after(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", retry_after=7)
    error = _error(client)
    assert error.response.status_code == 429
    assert error.response.headers["Retry-After"] == "7"
    assert error.response["error"] == "ratelimited"
    assert client.chat_postMessage(channel="C1", text="x")["ok"] is True


def test_server_errors_are_consumed_in_order(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("chat.postMessage", times=2, status=500)
    fake.fail_next("chat.postMessage", status=503)
    assert [_error(client).response.status_code for _ in range(3)] == [500, 500, 503]
    assert client.chat_postMessage(channel="C1", text="x")["ok"] is True
    assert len(fake.calls_to("chat.postMessage")) == 4


def test_scripted_api_error(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U1", name="ann")
    fake.fail_next("users.info", error="user_not_found")
    with pytest.raises(SlackApiError) as raised:
        client.users_info(user="U1")
    assert raised.value.response.status_code == 200
    assert raised.value.response["error"] == "user_not_found"
    assert client.users_info(user="U1")["user"]["name"] == "ann"


def test_down_answers_503_and_still_records(client: WebClient, fake: FakeSlack) -> None:
    fake.set_down(True)
    assert _error(client).response.status_code == 503
    with pytest.raises(SlackApiError):
        client.auth_test()
    fake.set_down(False)
    assert client.auth_test()["ok"] is True
    assert [c.method for c in fake.calls] == ["chat.postMessage", "auth.test", "auth.test"]


def test_failed_upload_makes_files_upload_v2_fail(client: WebClient, fake: FakeSlack) -> None:
    fake.fail_next("upload", status=500)
    with pytest.raises(urllib.error.HTTPError) as raised:
        client.files_upload_v2(channel="D1", content=b"x", filename="x.pdf", title="X")
    raised.value.close()
    assert fake.uploaded_files == []


def test_unknown_method_is_recorded(client: WebClient, fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as raised:
        client.api_call("reactions.add", params={"name": "tada"})
    assert raised.value.response["error"] == "unknown_method"
    assert fake.calls_to("reactions.add")[0].params == {"name": "tada"}


def test_form_json_strings_and_multipart_are_decoded(client: WebClient, fake: FakeSlack) -> None:
    blocks = [{"type": "divider"}]
    client.api_call("chat.postMessage",
                    params={"channel": "C1", "text": "t", "blocks": json.dumps(blocks)})
    assert fake.calls_to("chat.postMessage")[0].params["blocks"] == blocks
    with pytest.raises(SlackApiError):
        client.api_call("files.upload", files={"file": b"\x00bytes"}, data={"channels": "C1"})
    upload = fake.calls_to("files.upload")[0]
    assert upload.files == {"file": b"\x00bytes"} and upload.params == {"channels": "C1"}
    assert upload.token == "xoxb-test"


def test_get_query_and_token_param(fake: FakeSlack) -> None:
    query = urlencode({"token": "xoxb-q", "user": "U1", "view": json.dumps({"type": "home"})})
    with urllib.request.urlopen(f"{fake.base_url}users.info?{query}", timeout=5) as response:
        assert response.headers["Content-Type"] == "application/json; charset=utf-8"
        assert json.loads(response.read()) == {"ok": False, "error": "user_not_found"}
    call = fake.calls_to("users.info")[0]
    assert call.token == "xoxb-q" and call.params == {"user": "U1", "view": {"type": "home"}}


def test_response_url_posts_are_recorded(fake: FakeSlack) -> None:
    body = json.dumps({"text": "done", "replace_original": True}).encode()
    request = urllib.request.Request(f"{fake.response_url_base}commands-1", data=body,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read()) == {"ok": True}
    call = fake.wait_for("response_url")[0]
    assert call.params == {"response_id": "commands-1", "text": "done", "replace_original": True}


def test_reset_keeps_users_only(client: WebClient, fake: FakeSlack) -> None:
    fake.add_user("U1", name="ann")
    fake.fail_next("users.info", error="boom")
    client.chat_postMessage(channel="C1", text="x")
    fake.reset()
    assert fake.calls == [] and client.users_info(user="U1")["user"]["name"] == "ann"


def test_wait_for_polls_and_reports_what_was_called(client: WebClient, fake: FakeSlack) -> None:
    timer = threading.Timer(0.05, lambda: client.chat_postMessage(channel="C1", text="late"))
    timer.start()
    try:
        assert fake.wait_for("chat.postMessage", timeout=2)[0].params["text"] == "late"
    finally:
        timer.join()
    with pytest.raises(AssertionError, match=r"views\.open.*'chat\.postMessage': 1"):
        fake.wait_for("views.open", timeout=0.05)


def test_base_url_needs_start_and_stop_is_idempotent() -> None:
    fake = FakeSlack()
    with pytest.raises(RuntimeError):
        _ = fake.base_url
    fake.start()
    fake.stop()
    fake.stop()


def test_malformed_requests_get_answers_not_hangs(fake: FakeSlack) -> None:
    for path in ("api/chat.postMessage", "response/x"):
        request = urllib.request.Request(f"{fake.origin}/{path}", data=b"{not json",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=5) as response:
                assert json.loads(response.read())["ok"] is False
        except urllib.error.HTTPError as error:
            with error:
                assert error.code == 500 and b"fake_slack_error" in error.read()
    assert [c.method for c in fake.calls] == ["chat.postMessage", "<fake-slack-error>"]

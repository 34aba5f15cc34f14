"""`mentorbot socket` as a real process: connects over Socket Mode, acks, answers, stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from blocks import ids
from tests.support.fake_slack import FakeSlack
from tests.support.fake_socket_mode import FakeSocketMode
from tests.support.slack_payloads import PayloadFactory

REPO = Path(__file__).resolve().parents[1]


def test_socket_mode_answers_a_slash_command_and_an_event_then_stops_cleanly(
    tmp_path: Path, fake_slack: FakeSlack
) -> None:
    socket_mode = FakeSocketMode().start()
    fake_slack.offer_socket_mode(socket_mode.url)
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-socket", SLACK_SIGNING_SECRET="unused-in-socket-mode",
               SLACK_APP_TOKEN="xapp-1-socket", SLACK_API_URL=fake_slack.base_url,
               DATABASE_URL=f"sqlite:///{tmp_path / 'socket.sqlite3'}", PYTHONPATH=str(REPO))
    log = tmp_path / "socket.log"
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "socket"], cwd=tmp_path,
                                   env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            socket_mode.wait_until_connected()
            assert fake_slack.calls_to("apps.connections.open")[0].token == "xapp-1-socket"
            payloads = PayloadFactory("T1", "acme", fake_slack.response_url_base)
            # A payload of a shape Slack never sends is acknowledged and refused, and the
            # client goes on serving.
            malformed = socket_mode.send("interactive", {"type": "block_actions", "user": 5,
                                                         "actions": "MARKER-9"})
            assert socket_mode.wait_for_ack(malformed, timeout=10) == {
                "envelope_id": malformed}
            command = socket_mode.send("slash_commands", payloads.command(
                "UALICE", "", "/mentor", None))
            assert "envelope_id" in socket_mode.wait_for_ack(command, timeout=10)
            fake_slack.wait_for("views.open", timeout=10)
            assert fake_slack.latest_modal()["callback_id"] == ids.REGISTRATION_SUBMIT
            event = socket_mode.send("events_api", payloads.event_callback(
                {"type": "app_home_opened", "user": "UALICE", "tab": "home"}))
            socket_mode.wait_for_ack(event, timeout=10)
            assert "Register" in str(fake_slack.wait_for("views.publish", timeout=10)[0].params)
        finally:
            process.send_signal(signal.SIGTERM)
            started = time.monotonic()
            code = process.wait(timeout=20)
            socket_mode.stop()
    assert code == 0, log.read_text()
    logged = log.read_text()
    assert "refused a Socket Mode envelope" in logged
    assert "Traceback" not in logged and "MARKER-9" not in logged
    assert time.monotonic() - started < 15

"""A fake Slack Socket Mode endpoint on 127.0.0.1: says hello, sends envelopes, records acks."""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from tests.support.waiting import eventually


class FakeSocketMode:
    """The WebSocket end of Socket Mode; FakeSlack hands its URL out from apps.connections.open."""

    def __init__(self) -> None:
        self.acks: list[dict[str, Any]] = []
        self._connection: ServerConnection | None = None
        self._connected = threading.Event()
        self._lock = threading.Lock()
        self._server: Server | None = None

    @property
    def url(self) -> str:
        """The ws:// address a client connects to."""
        if self._server is None:
            raise RuntimeError("start() the fake first")
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket=fake"

    def start(self) -> FakeSocketMode:
        """Listen on a free port in a background thread."""
        self._server = serve(self._converse, "127.0.0.1", 0)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Close the connection and stop listening."""
        if self._server is not None:
            self._server.shutdown()

    def wait_until_connected(self, timeout: float = 30.0) -> None:
        """Block until a client has connected and been greeted."""
        if not self._connected.wait(timeout):
            raise AssertionError(f"nothing connected over Socket Mode within {timeout}s")

    def send(self, kind: str, payload: dict[str, Any]) -> str:
        """Send one envelope (slash_commands, interactive, events_api); returns its id."""
        envelope_id = str(uuid.uuid4())
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                    "accepts_response_payload": kind != "events_api", "retry_attempt": 0}
        with self._lock:
            connection = self._connection
        if connection is None:
            raise AssertionError("no Socket Mode client is connected")
        connection.send(json.dumps(envelope))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 30.0) -> dict[str, Any]:
        """The acknowledgement the client sent for this envelope."""
        def acks() -> list[dict[str, Any]]:
            with self._lock:
                return [ack for ack in self.acks if ack.get("envelope_id") == envelope_id]

        return eventually(acks, bool, f"an ack of envelope {envelope_id}", timeout)[0]

    def _converse(self, connection: ServerConnection) -> None:
        """Greet the client as Slack does, then record every message it sends back."""
        connection.send(json.dumps({"type": "hello", "num_connections": 1,
                                    "debug_info": {"host": "fake-socket-mode"}}))
        with self._lock:
            self._connection = connection
        self._connected.set()
        try:
            for message in connection:
                with self._lock:
                    self.acks.append(json.loads(message))
        except ConnectionClosed:
            pass

"""Closed-loop clients for the load benchmark: signed Slack requests over keep-alive
connections, each timed until its view reaches the Slack stub (or its answer comes back)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import itertools
import json
import random
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from benchmarks.slack_stub import SlackStub

HOME, MENU, SEARCH = "Home", "/mentor", "search"
MIX = ((HOME, 0.4), (MENU, 0.3), (SEARCH, 0.3))
FORM, JSON = "application/x-www-form-urlencoded", "application/json"
WAIT_SECONDS = 30.0
_serial = itertools.count(1)


@dataclass
class Workload:
    """What the clients send: to whom, as whom, and the search modal they submit."""

    url: str
    secret: str
    team_id: str
    users: list[str]
    search_view: dict[str, Any]
    area_options: list[dict[str, Any]]


@dataclass
class Tally:
    """Milliseconds per kind of request, and what went wrong."""

    times: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k, _ in MIX})
    failures: list[str] = field(default_factory=list)
    done: int = 0
    driver_cpu: float = 0.0  # CPU seconds the benchmark's own process used meanwhile

    def merge(self, other: Tally) -> None:
        """Add another client's tally to this one."""
        for kind, times in other.times.items():
            self.times[kind] += times
        self.failures += other.failures
        self.done += other.done


def signed(secret: str, body: bytes, content_type: str) -> dict[str, str]:
    """Headers of a request as Slack signs it."""
    ts = str(int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": f"v0={digest}", "User-Agent": "Slackbot 1.0"}


def trigger_id() -> str:
    """A fresh trigger_id, unique within the run."""
    return f"{int(time.time())}{next(_serial):06d}.1.{secrets.token_hex(6)}"


def home_opened(team_id: str, user: str) -> bytes:
    """An app_home_opened event as the Events API delivers it."""
    return json.dumps({
        "token": "verification-token", "team_id": team_id, "api_app_id": "A1",
        "type": "event_callback", "event_id": f"Ev{secrets.token_hex(6).upper()}",
        "event_time": int(time.time()),
        "event": {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home",
                  "event_ts": f"{time.time():.6f}"},
        "authorizations": [{"team_id": team_id, "user_id": "UBOT", "is_bot": True}]}).encode()


def mentor_command(team_id: str, user: str, trigger: str) -> bytes:
    """`/mentor` with no text, form-encoded like Slack."""
    return urlencode({"token": "verification-token", "team_id": team_id, "team_domain": "acme",
                      "channel_id": f"D{user}", "channel_name": "directmessage",
                      "user_id": user, "user_name": user.lower(), "command": "/mentor",
                      "text": "", "api_app_id": "A1", "trigger_id": trigger,
                      "response_url": "http://127.0.0.1:9/response/commands"}).encode()


def search_submission(work: Workload, user: str, rng: random.Random) -> bytes:
    """'Update search results' with one to three areas chosen."""
    chosen = rng.sample(work.area_options, min(len(work.area_options), rng.randint(1, 3)))
    values: dict[str, Any] = {}
    for block in work.search_view["blocks"]:
        if block.get("type") != "input":
            continue
        element = block["element"]
        state: dict[str, Any] = {"type": element["type"]}
        if element["type"] == "multi_static_select":
            state["selected_options"] = chosen
        elif element["type"] == "static_select":
            state["selected_option"] = element.get("initial_option")
        elif element["type"] == "checkboxes":
            state["selected_options"] = []
        else:
            state["value"] = None
        values[block["block_id"]] = {element["action_id"]: state}
    view = {**work.search_view, "id": f"V{secrets.token_hex(5).upper()}", "team_id":
            work.team_id, "hash": f"{int(time.time())}.x", "state": {"values": values}}
    payload = {"type": "view_submission", "team": {"id": work.team_id, "domain": "acme"},
               "user": {"id": user, "name": user.lower(), "team_id": work.team_id},
               "api_app_id": "A1", "token": "verification-token", "trigger_id": trigger_id(),
               "view": view, "response_urls": []}
    return urlencode({"payload": json.dumps(payload)}).encode()


class Client:
    """One person at a time acting, waiting for each answer before the next request."""

    def __init__(self, work: Workload, stub: SlackStub, users: list[str], seed: int) -> None:
        self.work, self.stub, self.users = work, stub, users
        self.rng = random.Random(seed)
        url = urlsplit(work.url)
        self.host, self.port, self.path = url.hostname or "", url.port or 80, url.path
        self.connection: http.client.HTTPConnection | None = None
        self.tally = Tally()

    def run(self, until: float) -> None:
        """Act until the perf_counter time `until`."""
        kinds, weights = zip(*MIX, strict=True)
        while time.perf_counter() < until:
            kind = self.rng.choices(kinds, weights)[0]
            try:
                took = self.act(kind, self.rng.choice(self.users))
            except (OSError, http.client.HTTPException) as failure:
                self.close()
                self.tally.failures.append(f"{kind}: {type(failure).__name__}")
                continue
            if took is not None:
                self.tally.times[kind].append(took * 1000)
                self.tally.done += 1
        self.close()

    def act(self, kind: str, user: str) -> float | None:
        """Send one request; seconds until its view reached Slack (None on failure)."""
        if kind == SEARCH:
            body = search_submission(self.work, user, self.rng)
            started = time.perf_counter()
            status, answer = self._post(body, FORM)
            if status != 200 or b'"response_action"' not in answer:
                return self._failed(f"{kind}: {status} {answer[:80]!r}")
            return time.perf_counter() - started
        method, key = ("views.publish", user) if kind == HOME else ("views.open", trigger_id())
        arrival = self.stub.expect(method, key)
        body = (home_opened(self.work.team_id, user) if kind == HOME
                else mentor_command(self.work.team_id, user, key))
        started = time.perf_counter()
        try:
            status, answer = self._post(body, JSON if kind == HOME else FORM)
        except (OSError, http.client.HTTPException):
            self.stub.forget(method, key)
            raise
        if status != 200:
            self.stub.forget(method, key)
            return self._failed(f"{kind}: {status} {answer[:80]!r}")
        at = arrival.wait(WAIT_SECONDS)
        if at is None:
            self.stub.forget(method, key)
            return self._failed(f"{kind}: no {method} within {WAIT_SECONDS:.0f} s")
        return at - started

    def submit_search(self, user: str) -> tuple[int, bytes]:
        """Submit the search modal; the app's HTTP status and answer."""
        return self._post(search_submission(self.work, user, self.rng), FORM)

    def _failed(self, reason: str) -> None:
        if "unhandled request" in reason:  # Bolt's answer when no ack() came within 3 s
            reason = reason.split(":", maxsplit=1)[0] + ": no ack() within Bolt's 3 s (404)"
        self.tally.failures.append(reason)

    def _post(self, body: bytes, content_type: str) -> tuple[int, bytes]:
        # A kept-alive connection the server has just closed fails as soon as it is used;
        # like any HTTP client, send again once on a new one (these requests change nothing).
        reused = self.connection is not None
        try:
            return self._exchange(body, content_type)
        except (BrokenPipeError, ConnectionResetError, http.client.RemoteDisconnected):
            self.close()
            if not reused:
                raise
        return self._exchange(body, content_type)

    def _exchange(self, body: bytes, content_type: str) -> tuple[int, bytes]:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.connection.request("POST", self.path, body,
                                signed(self.work.secret, body, content_type))
        response = self.connection.getresponse()
        answer = response.read()
        if response.getheader("Connection", "").lower() == "close":
            self.close()
        return response.status, answer

    def close(self) -> None:
        """Drop the keep-alive connection."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def drive(work: Workload, stub: SlackStub, clients: int, seconds: float) -> tuple[Tally, float]:
    """`clients` closed-loop clients for `seconds`, each acting as its own people; returns
    the merged tally and the seconds it took until the last one stopped."""
    crowd = [Client(work, stub, work.users[n::clients] or work.users, seed=n)
             for n in range(clients)]
    started, cpu = time.perf_counter(), time.process_time()
    threads = [threading.Thread(target=c.run, args=(started + seconds,), daemon=True)
               for c in crowd]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    total = Tally(driver_cpu=time.process_time() - cpu)
    for client in crowd:
        total.merge(client.tally)
    return total, elapsed

"""A fake Slack Web API server on 127.0.0.1 that records every call and answers like Slack."""

from __future__ import annotations

import collections
import copy
import threading
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from .fake_slack_api import FakeWorkspace
from .fake_slack_errors import ScriptedFailure, SlackError
from .fake_slack_http import Call, Serving
from .fake_slack_oauth import TOKEN_SECONDS, FakeInstall, FakeInstalls
from .fake_slack_users import FakeUser
from .fake_slack_wire import (
    Answer,
    decode_api_request,
    decode_upload,
    json_answer,
    text_answer,
)
from .waiting import eventually

UPLOAD_METHOD = "upload"
RESPONSE_URL_METHOD = "response_url"
DOWNLOAD_METHOD = "file_download"


class FakeSlack:
    """Fake Slack Web API on 127.0.0.1; point WebClient(base_url=fake.base_url) at it."""

    def __init__(self) -> None:
        """Create a stopped fake; call start() or use it as a context manager."""
        self.calls: list[Call] = []
        self._lock = threading.Lock()
        self._failures: dict[str, collections.deque[ScriptedFailure]] = {}
        self._down = False
        self._workspace = FakeWorkspace()
        self._installs = FakeInstalls()
        self._server: Serving | None = None
        self.origin = ""

    @property
    def base_url(self) -> str:
        """Web API base URL in slack_sdk form: http://127.0.0.1:<port>/api/."""
        return f"{self._require_origin()}/api/"

    @property
    def response_url_base(self) -> str:
        """Prefix of response_url values that this fake records (method "response_url")."""
        return f"{self._require_origin()}/response/"

    @property
    def uploaded_files(self) -> list[dict[str, Any]]:
        """Completed uploads: filename, title, content (bytes), channel_id, initial_comment."""
        return self._workspace.uploaded_files

    @property
    def views(self) -> dict[str, dict[str, Any]]:
        """Every view the app opened, pushed, updated or published, keyed by view id."""
        return self._workspace.views.views

    @property
    def home_views(self) -> dict[str, dict[str, Any]]:
        """The App Home view last published for each user id."""
        return self._workspace.views.home_views

    def latest_modal(self) -> dict[str, Any]:
        """The modal most recently opened or pushed, as it stands now (its own updates included;
        a background update of another view does not make that one the latest)."""
        with self._lock:
            latest = self._workspace.views.latest
        if latest is None:
            raise AssertionError(f"no modal was opened; calls: {self._method_counts()}")
        return copy.deepcopy(latest)

    def wait_for_new_modal(self, callback_id: str, known: int,
                           timeout: float = 30.0) -> dict[str, Any]:
        """The newest modal with this callback_id among those opened or pushed after the first
        `known` views (pass len(fake.views) from before the click)."""
        def fresh() -> tuple[list[dict[str, Any]], dict[str, int]]:
            with self._lock:
                found = [v for v in list(self.views.values())[known:]
                         if v.get("callback_id") == callback_id]
            return found, self._method_counts()

        found, _ = eventually(fresh, lambda seen: bool(seen[0]), f"a new {callback_id} modal",
                              timeout)
        return copy.deepcopy(found[-1])

    def start(self) -> FakeSlack:
        """Bind an ephemeral port on 127.0.0.1 and serve in a daemon thread."""
        if self._server is None:
            self._server = Serving(self.handle)
            self.origin = self._workspace.origin = self._server.origin
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        server, self._server = self._server, None
        if server is not None:
            server.stop()

    def __enter__(self) -> FakeSlack:
        """Start the fake for a with-block."""
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Stop the fake at the end of a with-block."""
        self.stop()

    def reset(self, *, keep_users: bool = True) -> None:
        """Forget calls, scripted failures, views, uploads and the down flag; keep users
        unless told otherwise (a test starts with none: what an earlier test added, on
        whichever worker ran it, must not decide what this one sees)."""
        with self._lock:
            self.calls.clear()
            self._failures.clear()
            self._down = False
            if keep_users:
                self._workspace.forget()
            else:
                self._workspace.forget_people()
            self._installs = FakeInstalls()

    def add_user(self, user_id: str, **fields: Any) -> None:
        """Register (or replace) a user that users.info will return (fields of FakeUser)."""
        user = FakeUser(user_id, **fields)
        with self._lock:
            self._workspace.users[user_id] = user

    def known_users(self) -> list[FakeUser]:
        """A copy of every user users.info returns now, to add again later (add_known_users)."""
        with self._lock:
            return [copy.deepcopy(user) for user in self._workspace.users.values()]

    def add_known_users(self, users: list[FakeUser]) -> None:
        """Register (or replace) users taken by known_users, as copies."""
        with self._lock:
            self._workspace.users.update((u.user_id, copy.deepcopy(u)) for u in users)

    def offer_install(self, code: str, *, expires_in: int | None = None,
                      **fields: Any) -> FakeInstall:
        """Let oauth.v2.access exchange `code` (once) for a bot token of this workspace, or
        of an org (fields of FakeInstall); with token rotation on, one that expires (in
        `expires_in`, or as refreshed tokens do)."""
        with self._lock:
            rotation = self._installs.rotation
            lasts = None if rotation is None else expires_in or rotation
            install = FakeInstall(code, **fields, expires_in=lasts)
            self._installs.offered[code] = install
        return install

    def turn_on_token_rotation(self, expires_in: int = TOKEN_SECONDS) -> None:
        """Installs from now on get bot tokens that expire, and refresh tokens to renew them."""
        with self._lock:
            self._installs.rotation = expires_in

    def revoke_refresh_tokens(self, team_id: str) -> None:
        """The workspace's refresh tokens stop working: a refresh is refused."""
        with self._lock:
            self._installs.revoke_refresh_tokens(team_id)

    def bot_tokens(self, team_id: str) -> list[str]:
        """The bot tokens oauth.v2.access handed out for the workspace, oldest first."""
        with self._lock:
            return list(self._installs.issued.get(team_id, []))

    def accept_client(self, client_id: str, client_secret: str) -> None:
        """The app credentials oauth.v2.access accepts."""
        with self._lock:
            self._installs.client_id, self._installs.client_secret = client_id, client_secret

    def offer_socket_mode(self, url: str) -> None:
        """Answer apps.connections.open with this WebSocket URL."""
        with self._lock:
            self._workspace.socket_mode_url = url

    def fail_next(self, method: str, *, times: int = 1, status: int = 200,
                  error: str | None = None, retry_after: int | None = None) -> None:
        """Script the next `times` calls to method to fail (HTTP status, error, or 429)."""
        if times < 1:
            raise ValueError("times must be at least 1")
        with self._lock:
            queue = self._failures.setdefault(method, collections.deque())
            queue.extend(ScriptedFailure(status, error, retry_after) for _ in range(times))

    def set_down(self, down: bool) -> None:
        """While down, every call is still recorded but answered with HTTP 503."""
        with self._lock:
            self._down = down

    def calls_to(self, method: str) -> list[Call]:
        """Recorded calls to one method, oldest first."""
        with self._lock:
            return [call for call in self.calls if call.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 30.0) -> list[Call]:
        """Poll until method was called count times; AssertionError lists what was called."""
        eventually(self._method_counts, lambda counts: counts.get(method, 0) >= count,
                   f"{count} call(s) to {method}", timeout)
        return self.calls_to(method)

    def handle(self, target: str, headers: dict[str, str], body: bytes) -> Answer:
        """Answer one HTTP request (called from the server threads); never raises."""
        try:
            return self._route(target, headers, body)
        except Exception as exc:  # a broken fake must show up in the test, not hang it
            self._record(Call("<fake-slack-error>", {"target": target, "error": repr(exc)}))
            return json_answer({"ok": False, "error": f"fake_slack_error: {exc!r}"}, 500)

    def _route(self, target: str, headers: dict[str, str], body: bytes) -> Answer:
        """Dispatch by path: /api/<method>, /upload/<file id>, /response/<id>."""
        path = urlsplit(target).path
        if path.startswith("/api/"):
            return self._handle_api(path.removeprefix("/api/"), target, headers, body)
        if path.startswith("/upload/"):
            return self._handle_upload(path.removeprefix("/upload/"), headers, body)
        if path.startswith("/files/"):
            return self._handle_download(path.removeprefix("/files/").split("/")[0], headers)
        if path.startswith("/response/"):
            return self._handle_response_url(path.removeprefix("/response/"), target, body,
                                             headers)
        return json_answer({"ok": False, "error": "not_found"}, 404)

    def _handle_api(self, method: str, target: str, headers: dict[str, str],
                    body: bytes) -> Answer:
        """Record an API call, apply down/scripted failures, then answer it."""
        try:
            decoded = decode_api_request(target, headers, body)
        except (ValueError, UnicodeDecodeError):
            self._record(Call(method, {"_raw": body.decode("utf-8", "replace")}))
            return json_answer({"ok": False, "error": "invalid_json"})
        call = Call(method, decoded.params, decoded.token, decoded.files)
        with self._lock:
            self.calls.append(call)
            scripted = self._scripted_failure(method)
            if scripted is not None:
                return scripted
            try:
                answered = self._installs.answer(method, call.params, call.token, headers)
                if answered is not None:
                    return json_answer(answered)
                # A view belongs to the workspace whose token opened it (T1 without installs).
                self._workspace.views.team_id = self._installs.team_of(call.token)
                return json_answer(self._workspace.answer(method, copy.deepcopy(call.params)))
            except SlackError as exc:
                return json_answer(exc.to_slack())

    def _handle_upload(self, file_id: str, headers: dict[str, str], body: bytes) -> Answer:
        """Store bytes POSTed to an upload URL from files.getUploadURLExternal."""
        content = decode_upload(headers, body)
        with self._lock:
            self.calls.append(Call(UPLOAD_METHOD, {"file_id": file_id}, None, {"file": content}))
            scripted = self._scripted_failure(UPLOAD_METHOD)
            if scripted is not None:
                return scripted
            if not self._workspace.store_upload(file_id, content):
                return text_answer("file not found", 404)
        return text_answer(f"OK - {len(content)}")

    def _handle_download(self, file_id: str, headers: dict[str, str]) -> Answer:
        """Serve a person's uploaded file to a request bearing a token (method file_download)."""
        token = headers.get("authorization", "").removeprefix("Bearer ").strip() or None
        self._record(Call(DOWNLOAD_METHOD, {"file_id": file_id}, token))
        content = self._workspace.file_content(file_id)
        if token is None or content is None:
            return text_answer("not found", 404)
        return Answer(200, content, {"Content-Type": "application/octet-stream"})

    def add_user_file(self, user_id: str, name: str, content: bytes) -> dict[str, Any]:
        """A file a person uploaded in a modal: the object a file_input submits."""
        with self._lock:
            return self._workspace.add_user_file(user_id, name, content)

    def _handle_response_url(self, response_id: str, target: str, body: bytes,
                             headers: dict[str, str]) -> Answer:
        """Record a POST to a response_url handed out in slash commands or actions."""
        decoded = decode_api_request(target, headers, body)
        call = Call(RESPONSE_URL_METHOD, {"response_id": response_id, **decoded.params})
        with self._lock:
            self.calls.append(call)
            scripted = self._scripted_failure(RESPONSE_URL_METHOD)
        return scripted or json_answer({"ok": True})

    def _scripted_failure(self, method: str) -> Answer | None:
        """The down answer or next scripted failure for method, if any (lock held)."""
        if self._down:
            return json_answer({"ok": False, "error": "service_unavailable"}, 503)
        queue = self._failures.get(method)
        return queue.popleft().answer() if queue else None

    def _record(self, call: Call) -> None:
        """Append a call under the lock."""
        with self._lock:
            self.calls.append(call)

    def _method_counts(self) -> dict[str, int]:
        """How often each method was called, in first-call order."""
        with self._lock:
            return dict(collections.Counter(call.method for call in self.calls))

    def _require_origin(self) -> str:
        """The server origin; raises if the fake has not been started."""
        if not self.origin:
            raise RuntimeError("FakeSlack is not started; call start() first")
        return self.origin

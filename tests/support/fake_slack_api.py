"""Method answers of the fake Slack Web API, backed by a small in-memory workspace."""

from __future__ import annotations

import itertools
import mimetypes
from collections.abc import Callable
from typing import Any

from .fake_slack_errors import SlackError, require
from .fake_slack_users import FakeUser
from .fake_slack_views import ViewStore

Handler = Callable[[dict[str, Any]], dict[str, Any]]
BOT = {"user": "mentorbot", "user_id": "UBOT", "bot_id": "BBOT", "app_id": "A1"}
TEAM = {"team": "Acme", "team_id": "T1", "domain": "acme"}
_MESSAGE_FIELDS = ("blocks", "attachments", "thread_ts", "metadata")


def dm_channel(target: str) -> str:
    """The DM channel id the fake uses for a user id ("D" + user id); others pass through."""
    return f"D{target}" if target[:1] in ("U", "W") else target


class FakeWorkspace:
    """In-memory workspace state that answers the supported Web API methods."""

    def __init__(self, origin: str = "http://127.0.0.1") -> None:
        """Create an empty workspace whose upload URLs point at origin."""
        self.origin = origin
        self.users: dict[str, FakeUser] = {}
        self.uploaded_files: list[dict[str, Any]] = []
        self.user_files: dict[str, tuple[dict[str, Any], bytes]] = {}
        self._pending: dict[str, dict[str, Any]] = {}
        self._ts = itertools.count(1)
        self._ids = itertools.count(1)
        self.views = ViewStore(self.new_id)
        self._handlers: dict[str, Handler] = {
            "auth.test": self._auth_test, "users.info": self._users_info,
            "views.open": self.views.open, "views.push": self.views.push,
            "views.update": self.views.update, "views.publish": self.views.publish,
            "chat.postMessage": self._post_message, "chat.update": self._update_message,
            "chat.postEphemeral": self._post_ephemeral, "chat.delete": self._delete_message,
            "chat.getPermalink": self._permalink, "conversations.open": self._open_conversation,
            "files.getUploadURLExternal": self._upload_url,
            "files.completeUploadExternal": self._complete_upload,
            "files.info": self._file_info,
            "apps.connections.open": self._socket_mode_url,
            "functions.completeSuccess": self._complete_function,
            "functions.completeError": self._complete_function,
        }
        self.socket_mode_url: str | None = None

    def forget(self) -> None:
        """Forget views and uploads; keep users and keep ids/timestamps increasing."""
        self.views.forget()
        self.uploaded_files.clear()
        self._pending.clear()

    def forget_people(self) -> None:
        """Forget users, the files they uploaded and the Socket Mode URL too."""
        self.forget()
        self.users.clear()
        self.user_files.clear()
        self.socket_mode_url = None

    def new_id(self, prefix: str) -> str:
        """Mint a fresh Slack-style id such as V0000000001."""
        return f"{prefix}{next(self._ids):010d}"

    def next_ts(self) -> str:
        """Mint a fresh, strictly increasing message ts like 1700000000.000100."""
        micros = next(self._ts) * 100
        return f"{1700000000 + micros // 1_000_000}.{micros % 1_000_000:06d}"

    def answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        """Answer one API call; raises SlackError for {"ok": false} answers."""
        handler = self._handlers.get(method)
        if handler is None:
            raise SlackError("unknown_method")
        return {"ok": True, **handler(params)}

    def store_upload(self, file_id: str, content: bytes) -> bool:
        """Keep the bytes POSTed to an upload URL; False when the file id is unknown."""
        pending = self._pending.get(file_id)
        if pending is None:
            return False
        pending["content"] = content
        return True

    def add_user_file(self, user_id: str, name: str, content: bytes) -> dict[str, Any]:
        """A file a person uploaded through a modal's file_input; returns its file object."""
        file_id = self.new_id("F")
        file = {"id": file_id, "name": name, "title": name, "user": user_id,
                "mimetype": "application/octet-stream", "size": len(content),
                "url_private": f"{self.origin}/files/{file_id}",
                "url_private_download": f"{self.origin}/files/{file_id}/download",
                "permalink": f"https://acme.slack.test/files/{user_id}/{file_id}/{name}"}
        self.user_files[file_id] = (file, content)
        return dict(file)

    def file_content(self, file_id: str) -> bytes | None:
        """The bytes of a file a person uploaded, for the download URL."""
        found = self.user_files.get(file_id)
        return found[1] if found else None

    def _file_info(self, params: dict[str, Any]) -> dict[str, Any]:
        """files.info: a file a person uploaded."""
        found = self.user_files.get(str(params.get("file")))
        if found is None:
            raise SlackError("file_not_found")
        return {"file": dict(found[0])}

    def _auth_test(self, params: dict[str, Any]) -> dict[str, Any]:
        """auth.test: who the bot token belongs to."""
        return {"url": "https://acme.slack.test/", "team": TEAM["team"], "user": BOT["user"],
                "team_id": TEAM["team_id"], "user_id": BOT["user_id"], "bot_id": BOT["bot_id"],
                "is_enterprise_install": False}

    def _socket_mode_url(self, params: dict[str, Any]) -> dict[str, Any]:
        """apps.connections.open: where to connect over Socket Mode (when a fake is listening)."""
        if self.socket_mode_url is None:
            raise SlackError("not_allowed_token_type")
        return {"url": self.socket_mode_url}

    def _complete_function(self, params: dict[str, Any]) -> dict[str, Any]:
        """functions.completeSuccess / completeError: the step's outcome (recorded as a call)."""
        require(params, "function_execution_id", error="invalid_arguments")
        return {}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        """users.info: the registered user or user_not_found."""
        require(params, "user", error="user_not_found")
        user = self.users.get(str(params["user"]))
        if user is None:
            raise SlackError("user_not_found")
        return {"user": user.to_slack()}

    def _post_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """chat.postMessage: a new message with a fresh ts."""
        channel = self._message_channel(params)
        ts = self.next_ts()
        return {"channel": channel, "ts": ts, "message": self._message(params, ts)}

    def _update_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """chat.update: echo the edited message."""
        channel = self._message_channel(params)
        require(params, "ts", error="message_not_found")
        ts = str(params["ts"])
        return {"channel": channel, "ts": ts, "text": params.get("text", ""),
                "message": self._message(params, ts)}

    def _post_ephemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        """chat.postEphemeral: only a message_ts comes back."""
        self._message_channel(params)
        require(params, "user", error="user_not_in_channel")
        return {"message_ts": self.next_ts()}

    def _delete_message(self, params: dict[str, Any]) -> dict[str, Any]:
        """chat.delete: echo channel and ts."""
        require(params, "channel", error="channel_not_found")
        require(params, "ts", error="message_not_found")
        return {"channel": dm_channel(str(params["channel"])), "ts": str(params["ts"])}

    def _permalink(self, params: dict[str, Any]) -> dict[str, Any]:
        """chat.getPermalink: a workspace archive URL for the message."""
        require(params, "channel", error="channel_not_found")
        require(params, "message_ts", error="message_not_found")
        channel = str(params["channel"])
        digits = str(params["message_ts"]).replace(".", "")
        return {"channel": channel,
                "permalink": f"https://acme.slack.test/archives/{channel}/p{digits}"}

    def _open_conversation(self, params: dict[str, Any]) -> dict[str, Any]:
        """conversations.open: D+user for one user, a G… id for several."""
        if params.get("channel"):
            return {"channel": {"id": str(params["channel"])}}
        require(params, "users", error="users_list_not_supplied")
        users = [u.strip() for u in str(params["users"]).split(",") if u.strip()]
        for user_id in users:
            known = self.users.get(user_id)
            if known is not None and known.deleted:
                raise SlackError("user_disabled")
        if len(users) == 1:
            return {"channel": {"id": dm_channel(users[0])}}
        return {"channel": {"id": "G" + "".join(sorted(users))}}

    def _upload_url(self, params: dict[str, Any]) -> dict[str, Any]:
        """files.getUploadURLExternal: an upload URL on this same fake server."""
        require(params, "filename", "length")
        file_id = self.new_id("F")
        self._pending[file_id] = {"filename": str(params["filename"]),
                                  "length": int(params["length"]), "content": None}
        return {"upload_url": f"{self.origin}/upload/{file_id}", "file_id": file_id}

    def _complete_upload(self, params: dict[str, Any]) -> dict[str, Any]:
        """files.completeUploadExternal: finish uploads and share them to channel_id."""
        require(params, "files")
        entries = params["files"]
        if not isinstance(entries, list) or not all(isinstance(f, dict) for f in entries):
            raise SlackError("invalid_arguments", ["[ERROR] files must be a JSON array"])
        for entry in entries:
            pending = self._pending.get(str(entry.get("id")))
            if pending is None or pending["content"] is None:
                raise SlackError("file_not_found")
        return {"files": [self._finish_upload(entry, params) for entry in entries]}

    def _finish_upload(self, entry: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        """Move one uploaded file from pending to uploaded_files; return its file object."""
        file_id = str(entry["id"])
        pending = self._pending.pop(file_id)
        title = entry.get("title") or pending["filename"]
        self.uploaded_files.append({
            "filename": pending["filename"], "title": title, "content": pending["content"],
            "channel_id": params.get("channel_id"),
            "initial_comment": params.get("initial_comment"),
        })
        mimetype = mimetypes.guess_type(pending["filename"])[0] or "application/octet-stream"
        return {"id": file_id, "title": title, "name": pending["filename"],
                "mimetype": mimetype, "size": len(pending["content"]), "user": BOT["user_id"]}

    def _message_channel(self, params: dict[str, Any]) -> str:
        """Validate channel and content of a message call; return the channel id."""
        require(params, "channel", error="channel_not_found")
        text = params.get("text")
        blocks = params.get("blocks")
        if not text and not blocks and not params.get("attachments"):
            raise SlackError("no_text")
        if blocks is not None and (not isinstance(blocks, list) or len(blocks) > 50):
            raise SlackError("invalid_blocks")
        if text and len(str(text)) > 40000:
            raise SlackError("msg_too_long")
        return dm_channel(str(params["channel"]))

    def _message(self, params: dict[str, Any], ts: str) -> dict[str, Any]:
        """Render a bot message as it comes back in chat.postMessage/chat.update."""
        message: dict[str, Any] = {"type": "message", "text": params.get("text", ""),
                                   "user": BOT["user_id"], "bot_id": BOT["bot_id"],
                                   "app_id": BOT["app_id"], "team": TEAM["team_id"], "ts": ts}
        message.update({k: params[k] for k in _MESSAGE_FIELDS if k in params})
        return message

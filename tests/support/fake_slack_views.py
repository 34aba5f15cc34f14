"""views.open / views.push / views.update / views.publish of the fake Slack Web API."""

from __future__ import annotations

import copy
import secrets
import time
from collections.abc import Callable
from typing import Any

from .fake_slack_errors import SlackError, require

_MAX_TEXT = {"title": 24, "submit": 24, "close": 24}
_MAX_FIELD = {"private_metadata": 3000, "callback_id": 255, "external_id": 255}


def view_problems(view: Any, expected_type: str | None) -> list[str]:
    """List the reasons Slack would reject this view (empty when it is acceptable)."""
    if not isinstance(view, dict) or view.get("type") not in ("modal", "home"):
        return ["[ERROR] view must be an object with type modal or home [json-pointer:/view]"]
    problems = []
    if expected_type and view["type"] != expected_type:
        problems.append(f"[ERROR] view type must be {expected_type} [json-pointer:/view/type]")
    blocks = view.get("blocks", [])
    if not isinstance(blocks, list) or len(blocks) > 100:
        problems.append("[ERROR] blocks must be a list of at most 100 items [json-pointer:/view]")
    for key, limit in _MAX_FIELD.items():
        if len(str(view.get(key) or "")) > limit:
            problems.append(f"[ERROR] must be less than {limit + 1} characters "
                            f"[json-pointer:/view/{key}]")
    if view["type"] == "modal":
        problems.extend(_modal_problems(view, blocks if isinstance(blocks, list) else []))
    return problems


def _modal_problems(view: dict[str, Any], blocks: list[Any]) -> list[str]:
    """Modal-only checks: title present, button texts short, submit present with inputs."""
    problems = []
    if not isinstance(view.get("title"), dict):
        problems.append("[ERROR] missing required field: title [json-pointer:/view/title]")
    for key, limit in _MAX_TEXT.items():
        text = view.get(key)
        if isinstance(text, dict) and len(str(text.get("text", ""))) > limit:
            problems.append(f"[ERROR] must be less than {limit + 1} characters "
                            f"[json-pointer:/view/{key}/text]")
    has_input = any(isinstance(b, dict) and b.get("type") == "input" for b in blocks)
    if has_input and not view.get("submit"):
        problems.append("[ERROR] must provide submit when the view has input blocks "
                        "[json-pointer:/view/submit]")
    return problems


def _new_hash() -> str:
    """A fresh view hash in Slack's '<epoch>.<hex>' form."""
    return f"{int(time.time())}.{secrets.token_hex(4)}"


class ViewStore:
    """Views the app has opened, pushed, updated or published, keyed by view id."""

    def __init__(self, new_id: Callable[[str], str]) -> None:
        """Create an empty store that mints ids with new_id(prefix)."""
        self._new_id = new_id
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.latest: dict[str, Any] | None = None
        self._external: dict[str, str] = {}
        self._stack: list[str] = []
        self._used_triggers: set[str] = set()
        self.team_id = "T1"  # the workspace of the call being answered (set by FakeSlack)

    def forget(self) -> None:
        """Drop every stored view and used trigger id."""
        for mapping in (self.views, self.home_views, self._external):
            mapping.clear()
        self._stack.clear()
        self._used_triggers.clear()
        self.latest = None

    def open(self, params: dict[str, Any]) -> dict[str, Any]:
        """views.open: start a new modal stack."""
        view = self._checked(params, "modal", trigger=True)
        view_id = self._new_id("V")
        self._stack = [view_id]
        return {"view": self._store(view, view_id, root=view_id, previous=None)}

    def push(self, params: dict[str, Any]) -> dict[str, Any]:
        """views.push: add a modal on top of the current stack."""
        view = self._checked(params, "modal", trigger=True)
        view_id = self._new_id("V")
        previous = self._stack[-1] if self._stack else None
        root = self._stack[0] if self._stack else view_id
        self._stack.append(view_id)
        return {"view": self._store(view, view_id, root=root, previous=previous)}

    def update(self, params: dict[str, Any]) -> dict[str, Any]:
        """views.update: replace a stored view found by view_id or external_id."""
        view_id = params.get("view_id") or self._external.get(str(params.get("external_id")))
        if not view_id and not params.get("external_id"):
            raise SlackError("invalid_arguments", ["[ERROR] view_id or external_id required"])
        old = self.views.get(str(view_id))
        if old is None:
            raise SlackError("not_found")
        view = self._checked(params, old["type"], trigger=False)
        self._check_hash(params, old)
        return {"view": self._store(view, old["id"], root=old["root_view_id"],
                                    previous=old["previous_view_id"])}

    def publish(self, params: dict[str, Any]) -> dict[str, Any]:
        """views.publish: set a user's App Home view."""
        require(params, "user_id")
        view = self._checked(params, "home", trigger=False)
        user_id = str(params["user_id"])
        old = self.home_views.get(user_id)
        if old is not None:
            self._check_hash(params, old)
        view_id = old["id"] if old is not None else self._new_id("V")
        rendered = self._store(view, view_id, root=view_id, previous=None)
        self.home_views[user_id] = rendered
        return {"view": rendered}

    def _checked(self, params: dict[str, Any], kind: str, *, trigger: bool) -> dict[str, Any]:
        """Validate trigger_id (when needed) and the view; return the view dict."""
        if trigger:
            require(params, "trigger_id")
            if params["trigger_id"] in self._used_triggers:
                raise SlackError("exchanged_trigger_id")
            self._used_triggers.add(str(params["trigger_id"]))
        require(params, "view")
        problems = view_problems(params["view"], kind)
        if problems:
            raise SlackError("invalid_arguments", problems)
        return params["view"]

    def _check_hash(self, params: dict[str, Any], old: dict[str, Any]) -> None:
        """Refuse a stale hash the way Slack does."""
        if params.get("hash") and params["hash"] != old["hash"]:
            raise SlackError("hash_conflict")

    def _store(self, view: dict[str, Any], view_id: str, *, root: str,
               previous: str | None) -> dict[str, Any]:
        """Render the view as Slack echoes it, remember it and return a copy."""
        rendered: dict[str, Any] = {
            "id": view_id, "team_id": self.team_id, "type": "modal", "title": None, "submit": None,
            "close": None, "blocks": [], "private_metadata": "", "callback_id": "",
            "external_id": "", "clear_on_close": False, "notify_on_close": False,
            **copy.deepcopy(view),
        }
        rendered.update(id=view_id, hash=_new_hash(), state={"values": {}}, root_view_id=root,
                        previous_view_id=previous, app_id="A1", app_installed_team_id=self.team_id,
                        bot_id="BBOT")
        is_new = view_id not in self.views
        self.views[view_id] = rendered
        if rendered["external_id"]:
            self._external[rendered["external_id"]] = view_id
        # An update to some other view (a list refreshed in the background) is not what the
        # person is looking at: only a new modal, or a change to the one on top, is.
        if rendered["type"] == "modal" and (
                is_new or self.latest is None or self.latest["id"] == view_id):
            self.latest = rendered
        return copy.deepcopy(rendered)

"""The Slack app manifest: read from manifest.yml, optionally pointed at a public URL."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import yaml

MANIFEST_FILE = "manifest.yml"
EVENTS_PATH = "/slack/events"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


def manifest_path() -> Path:
    """manifest.yml beside the source tree, else in the working directory."""
    beside = Path(__file__).resolve().parent.parent / MANIFEST_FILE
    return beside if beside.exists() else Path.cwd() / MANIFEST_FILE


def load_manifest(url: str | None = None, *, token_rotation: bool = False) -> dict[str, Any]:
    """The manifest; with `url`, every request URL points there and Socket Mode is off; with
    `token_rotation`, installs get bot tokens that expire (SLACK_TOKEN_ROTATION=on)."""
    manifest: dict[str, Any] = yaml.safe_load(manifest_path().read_text(encoding="utf-8"))
    if token_rotation:
        manifest.setdefault("settings", {})["token_rotation_enabled"] = True
    if url:
        endpoint = url.rstrip("/") + EVENTS_PATH
        for command in manifest.get("features", {}).get("slash_commands", []):
            command["url"] = endpoint
        settings = manifest.setdefault("settings", {})
        for section in ("event_subscriptions", "interactivity"):
            if section in settings:
                settings[section]["request_url"] = endpoint
        interactivity = settings.get("interactivity", {})
        if "message_menu_options_url" in interactivity:  # where external selects get options
            interactivity["message_menu_options_url"] = endpoint
        settings["socket_mode_enabled"] = False
        # Where Slack sends people back once they approve an install (distributed mode).
        manifest.setdefault("oauth_config", {})["redirect_urls"] = [
            url.rstrip("/") + REDIRECT_PATH]
    return manifest


@cache
def bot_scopes() -> tuple[str, ...]:
    """The bot scopes manifest.yml asks for, read once: an install asks for exactly these."""
    return tuple(load_manifest().get("oauth_config", {}).get("scopes", {}).get("bot", []))


def manifest_text(*, as_json: bool, url: str | None = None, token_rotation: bool = False) -> str:
    """The manifest as JSON (what Slack's app page and CLI take) or YAML."""
    manifest = load_manifest(url, token_rotation=token_rotation)
    if as_json:
        return json.dumps(manifest, indent=2, ensure_ascii=False)
    return yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True)

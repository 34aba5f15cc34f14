"""Configuration from the environment (and an optional .env), checked once at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_DATABASE_URL = "sqlite:///mentorbot.sqlite3"
DEFAULT_SLACK_API_URL = "https://slack.com/api/"

WHERE = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-…) from your Slack app's "
    "'OAuth & Permissions' page",
    "SLACK_SIGNING_SECRET": "the Signing Secret from your Slack app's 'Basic Information' page",
    "SLACK_CLIENT_ID": "the Client ID from your Slack app's 'Basic Information' page",
    "SLACK_CLIENT_SECRET": "the Client Secret from your Slack app's 'Basic Information' page",
    "SLACK_APP_TOKEN": "an app-level token (xapp-…) with the connections:write scope, made on "
    "your Slack app's 'Basic Information' page",
}


class ConfigError(Exception):
    """Configuration is missing or malformed; the message says which variable and how to fix it."""


@dataclass(frozen=True)
class Settings:
    """Everything the process reads from its environment."""

    bot_token: str = ""  # set: one workspace; empty with client_id: installs in many
    client_id: str = ""
    client_secret: str = ""
    signing_secret: str = ""
    app_token: str = ""
    database_url: str = DEFAULT_DATABASE_URL
    slack_api_url: str = DEFAULT_SLACK_API_URL
    host: str = "0.0.0.0"
    port: int = 3000
    web_threads: int = 8
    web_workers: int | None = None  # None: one per core on PostgreSQL (bot/prefork.py)
    scheduler: bool = True  # SCHEDULER=off: `serve` and `socket` embed no ticks
    token_rotation: bool = False  # SLACK_TOKEN_ROTATION=on: installs' bot tokens expire
    outbox_interval_seconds: float = 10.0
    log_level: str = "INFO"

    @property
    def distributed(self) -> bool:
        """Installed by OAuth in many workspaces, each with its own bot token."""
        return not self.bot_token and bool(self.client_id)


def _number(env: Mapping[str, str], name: str, default: float, *, whole: bool) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw) if whole else float(raw)
    except ValueError:
        kind = "a whole number" if whole else "a number"
        raise ConfigError(f"{name} must be {kind}, but it is {raw!r}.") from None
    if value <= 0:
        raise ConfigError(f"{name} must be greater than zero, but it is {raw!r}.")
    return value


def _switch(env: Mapping[str, str], name: str, *, default: bool = True) -> bool:
    """An on/off setting; `default` when not set."""
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("on", "true", "1", "yes"):
        return True
    if raw in ("off", "false", "0", "no"):
        return False
    raise ConfigError(f"{name} must be on or off, but it is {raw!r}.")


def token_rotation(env: Mapping[str, str]) -> bool:
    """SLACK_TOKEN_ROTATION: off unless set on, and only with installs by OAuth, whose
    refresh tokens mentorbot keeps (a bot token copied from the app's page has none)."""
    on = _switch(env, "SLACK_TOKEN_ROTATION", default=False)
    if on and env.get("SLACK_BOT_TOKEN", "").strip():
        raise ConfigError(
            "SLACK_TOKEN_ROTATION=on works only when workspaces install mentorbot by OAuth "
            "(SLACK_CLIENT_ID and SLACK_CLIENT_SECRET), since a SLACK_BOT_TOKEN cannot be "
            "refreshed: remove SLACK_TOKEN_ROTATION or SLACK_BOT_TOKEN.")
    return on


def _required(env: Mapping[str, str], name: str, prefix: str | None = None) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise ConfigError(f"{name} is not set. Copy {WHERE[name]} into .env or the environment.")
    if prefix and not value.startswith(prefix):
        raise ConfigError(f"{name} should start with {prefix!r}: use {WHERE[name]}.")
    return value


def database_url(env: Mapping[str, str]) -> str:
    """The SQLAlchemy URL; plain postgres:// URLs are read as psycopg 3."""
    url = env.get("DATABASE_URL", "").strip() or DEFAULT_DATABASE_URL
    for plain in ("postgres://", "postgresql://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url[len(plain):]
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise ConfigError(
            "DATABASE_URL must be a SQLite (sqlite:///file.sqlite3) or PostgreSQL "
            f"(postgresql+psycopg://user@host/db) URL, but it is {url!r}."
        )
    return url


def load_settings(
    env: Mapping[str, str] | None = None, *, need_slack: bool = True, need_app_token: bool = False,
    need_signing_secret: bool = True,
) -> Settings:
    """Read and check the settings; ConfigError names the first thing that is wrong.
    (`mentorbot tick` only posts, so it needs no signing secret.)"""
    env = os.environ if env is None else env
    api_url = env.get("SLACK_API_URL", "").strip() or DEFAULT_SLACK_API_URL
    if not api_url.startswith(("http://", "https://")):
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL, but it is {api_url!r}.")
    bot_token, client_id, client_secret = _mode(env) if need_slack else ("", "", "")
    return Settings(
        bot_token=bot_token, client_id=client_id, client_secret=client_secret,
        signing_secret=_required(env, "SLACK_SIGNING_SECRET")
        if need_slack and need_signing_secret else "",
        app_token=_required(env, "SLACK_APP_TOKEN", "xapp-") if need_app_token else "",
        database_url=database_url(env),
        slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
        host=env.get("HOST", "").strip() or "0.0.0.0",
        port=int(_number(env, "PORT", 3000, whole=True)),
        web_threads=int(_number(env, "WEB_THREADS", 8, whole=True)),
        web_workers=int(_number(env, "WEB_WORKERS", 0, whole=True)) or None,
        scheduler=_switch(env, "SCHEDULER"),
        token_rotation=token_rotation(env) if need_slack else False,
        outbox_interval_seconds=_number(env, "OUTBOX_INTERVAL_SECONDS", 10.0, whole=False),
        log_level=(env.get("LOG_LEVEL", "").strip() or "INFO").upper(),
    )


def _mode(env: Mapping[str, str]) -> tuple[str, str, str]:
    """(bot token, client id, client secret): one workspace with a bot token, or many
    workspaces installing by OAuth with the app's client id and secret; never both."""
    token = env.get("SLACK_BOT_TOKEN", "").strip()
    oauth = any(env.get(name, "").strip() for name in ("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET"))
    if token and oauth:
        raise ConfigError(
            "Set either SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID and "
            "SLACK_CLIENT_SECRET (installs in many workspaces), not both: remove one from "
            ".env or the environment.")
    if not token and not oauth:
        raise ConfigError(
            f"SLACK_BOT_TOKEN is not set. Copy {WHERE['SLACK_BOT_TOKEN']} into .env or the "
            "environment (or, to let many workspaces install mentorbot, set SLACK_CLIENT_ID "
            "and SLACK_CLIENT_SECRET instead).")
    if not oauth:
        return _required(env, "SLACK_BOT_TOKEN", "xoxb-"), "", ""
    return "", _required(env, "SLACK_CLIENT_ID"), _required(env, "SLACK_CLIENT_SECRET")

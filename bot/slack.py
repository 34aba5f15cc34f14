"""Slack Web API clients: base URL from the settings, 429s and 5xx retried with backoff."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import WHERE, ConfigError, Settings

if TYPE_CHECKING:
    from bot.installations import Installations


def interactive_client(settings: Settings) -> WebClient:
    """The client listeners use: a short retry, because Slack's trigger_id lasts 3 seconds.
    (In distributed mode it has no token: Bolt gives each request its workspace's.)"""
    return WebClient(
        token=settings.bot_token or None,
        base_url=settings.slack_api_url,
        timeout=10,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=1),
            RateLimitErrorRetryHandler(max_retry_count=1),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


def background_client(settings: Settings) -> WebClient:
    """The client of the outbox sender: no in-line retries; the outbox reschedules instead."""
    return WebClient(
        token=settings.bot_token, base_url=settings.slack_api_url, timeout=15, retry_handlers=[]
    )


def check_slack_access(settings: Settings) -> None:
    """Ask Slack who we are; ConfigError in one sentence when the token or URL is wrong.
    (In distributed mode there is no token yet: each workspace brings its own on install.)"""
    if settings.distributed:
        return
    client = WebClient(token=settings.bot_token, base_url=settings.slack_api_url, timeout=10,
                       retry_handlers=[])
    try:
        client.auth_test()
    except SlackApiError as refusal:
        error = refusal.response.get("error") if isinstance(refusal.response.data, dict) else None
        raise ConfigError(
            f"Slack did not accept SLACK_BOT_TOKEN ({error or refusal.response.status_code}): "
            f"copy {WHERE['SLACK_BOT_TOKEN']} again, and reinstall the app if it was revoked."
        ) from None
    except OSError as failure:
        raise ConfigError(
            f"Slack cannot be reached at SLACK_API_URL {settings.slack_api_url} ({failure}); "
            "check the network, a proxy, or the URL."
        ) from None


class WorkspaceClients(Protocol):
    """The background client for one workspace's DMs, Home tabs and uploads."""

    def for_team(self, team_id: str) -> WebClient | None:
        """That workspace's client; None when mentorbot is not installed there."""
        ...


class OneWorkspace:
    """Single-workspace mode: the one bot token serves every row."""

    def __init__(self, client: WebClient) -> None:
        self._client = client

    def for_team(self, team_id: str) -> WebClient:
        """The one client, whatever the workspace."""
        return self._client


class InstalledWorkspaces:
    """Distributed mode: each workspace's own bot token, from the installation store (cached
    there for a minute, refreshed there when it expires soon), so a DM never goes out with
    another workspace's token."""

    def __init__(self, settings: Settings, installations: Installations) -> None:
        self._settings = settings
        self._installations = installations

    def for_team(self, team_id: str) -> WebClient | None:
        """A client with the workspace's bot token; None when it has no installation."""
        bot = self._installations.bot_for_programme(team_id)
        if bot is None:
            return None
        return WebClient(token=bot.token, base_url=self._settings.slack_api_url, timeout=15,
                         retry_handlers=[])


def background_clients(settings: Settings, installations: Installations | None) -> WorkspaceClients:
    """The outbox sender's clients: per installation in distributed mode, else the one."""
    if installations is not None:
        return InstalledWorkspaces(settings, installations)
    return OneWorkspace(background_client(settings))

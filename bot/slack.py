"""Slack Web API clients: base URL from the settings, 429s and 5xx retried with backoff."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.config import WHERE, ConfigError, Settings


def interactive_client(settings: Settings) -> WebClient:
    """The client listeners use: a short retry, because Slack's trigger_id lasts 3 seconds."""
    return WebClient(
        token=settings.bot_token,
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
    """Ask Slack who we are; ConfigError in one sentence when the token or URL is wrong."""
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

"""Bot tokens that expire (token rotation): refreshed by whichever process needs one first,
one process at a time, and saved for all the others.

With token rotation a bot token lasts 12 hours, and Slack revokes the refresh token each
refresh uses, handing out a new one with the new token (Slack's guide, "Using token
rotation"). Two processes refreshing with the same refresh token at once would each be
given a pair, one of which no longer works. So a refresh holds the bot row's lock from
before it asks Slack until the new pair is saved (FOR UPDATE on PostgreSQL; on SQLite every
transaction begins IMMEDIATE, which queues them) and reads the row again under it: a
process that waited finds the token another one has just refreshed, and asks Slack nothing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackTokenRotationError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.token_rotation import TokenRotator
from sqlalchemy import Connection, Engine, select, update

from domain.model.installations import slack_bots, slack_installations

log = logging.getLogger("mentorbot.installations")

Row = Mapping[str, Any]
# Refresh in a token's last two hours, as Bolt and slack_sdk do: a token handed out (cached
# for at most a minute) never runs out during the request or the pass that uses it.
REFRESH_MARGIN_SECONDS = 2 * 60 * 60
# The rotator judges "expiring" by the real clock; we judged already by ours (the same one in
# production, a hand-moved one in tests), so its window is made wide enough to agree.
_ANY_EXPIRY_MINUTES = 10**9
# What oauth.v2.access answers when this refresh token will never work again.
DEAD_REFRESH_TOKEN = frozenset({"invalid_refresh_token", "token_revoked", "token_expired",
                                "invalid_grant", "invalid_auth", "account_inactive",
                                "app_uninstalled"})
_HINTS = {"invalid_client_id": ": check SLACK_CLIENT_ID",
          "bad_client_secret": ": check SLACK_CLIENT_SECRET"}


def expires_at(row: Row) -> float | None:
    """When the row's bot token expires (Unix seconds); None for a token that never does."""
    value = row["bot_token_expires_at"]
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


def refresh_due(expires: float | None, now: float) -> bool:
    """Whether a token expiring at `expires` is to be refreshed at `now`."""
    return expires is not None and expires - REFRESH_MARGIN_SECONDS <= now


def _db_time(seconds: float) -> datetime:
    """Unix seconds as the naive UTC datetime slack_sdk's tables hold."""
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def _still_valid(row: Row, now: float) -> Row | None:
    """The row while its token has not expired yet, else None."""
    expires = expires_at(row)
    return row if expires is None or expires > now else None


class TokenRefresher:
    """Refreshes a workspace's bot token with slack_sdk's TokenRotator and saves the new
    pair on the bot row (and on its installation's row, which slack_sdk also reads)."""

    def __init__(self, *, client_id: str, client_secret: str, api_url: str, engine: Engine,
                 clock: Callable[[], float]) -> None:
        client = WebClient(base_url=api_url, timeout=10, retry_handlers=[])
        self._rotator = TokenRotator(client_id=client_id, client_secret=client_secret,
                                     client=client)
        self._client_id = client_id
        self._engine = engine
        self._clock = clock

    def refresh(self, row_id: int) -> Row | None:
        """The bot row with a token good for a while yet: refreshed now, or by another process
        just before; None when mentorbot cannot speak there (the log says why)."""
        with self._engine.begin() as connection:
            row = connection.execute(select(slack_bots).where(slack_bots.c.id == row_id)
                                     .with_for_update()).mappings().first()
            if row is None or not row["bot_token"]:
                return None  # uninstalled, or refused, while this one waited
            now = self._clock()
            if not refresh_due(expires_at(row), now):
                return row  # another process refreshed it while this one waited
            try:
                values = self._rotate(row, now)
            except SlackTokenRotationError as failure:
                return self._refused(connection, row, failure, now)
            except OSError as failure:  # Slack unreachable: the old token serves while it lasts
                return self._not_now(row, f"Slack could not be reached ({failure})", now)
            if values is None:
                return self._not_now(row, "Slack's answer held no bot token", now)
            self._save(connection, row, values)
            log.info("bot token of %s refreshed", _where(row))
            return {**row, **values}

    def _rotate(self, row: Row, now: float) -> dict[str, Any] | None:
        """Ask Slack for a new pair: the new columns, or None if the answer held no bot token."""
        offset = now - time.time()  # our clock against the one the rotator reads: 0 live
        rotated = self._rotator.perform_bot_token_rotation(
            bot=SQLAlchemyInstallationStore.build_bot_entity(row),
            minutes_before_expiration=_ANY_EXPIRY_MINUTES)
        if rotated is None or rotated.bot_token_expires_at is None:
            return None
        return {"bot_token": rotated.bot_token,
                "bot_refresh_token": rotated.bot_refresh_token or row["bot_refresh_token"],
                "bot_token_expires_at": _db_time(rotated.bot_token_expires_at + offset)}

    def _save(self, connection: Connection, row: Row, values: dict[str, Any]) -> None:
        """The new pair on the bot row, and on the row of the install it came from."""
        connection.execute(update(slack_bots).where(slack_bots.c.id == row["id"]).values(values))
        c = slack_installations.c
        connection.execute(update(slack_installations).where(
            c.client_id == self._client_id, c.installed_at == row["installed_at"],
            c.team_id.is_(None) if row["team_id"] is None else c.team_id == row["team_id"],
            c.enterprise_id.is_(None) if row["enterprise_id"] is None
            else c.enterprise_id == row["enterprise_id"]).values(values))

    def _refused(self, connection: Connection, row: Row, failure: SlackTokenRotationError,
                 now: float) -> Row | None:
        """Slack said no: a dead refresh token ends the install's tokens (until it installs
        again); anything else leaves them for the next try."""
        response = failure.api_error.response
        status = response.status_code
        error = str(response.get("error") or f"http_{status}") if isinstance(
            response.data, dict) else f"http_{status}"
        if status == 200 and error in DEAD_REFRESH_TOKEN:
            self._save(connection, row, {"bot_token": None})
            log.warning("bot token of %s not refreshed: Slack said %s, so mentorbot is not "
                        "installed there until a workspace admin installs it again",
                        _where(row), error)
            return None
        return self._not_now(row, f"Slack said {error}{_HINTS.get(error, '')}", now)

    @staticmethod
    def _not_now(row: Row, why: str, now: float) -> Row | None:
        """The old token while it lasts, with one line saying why it was not refreshed."""
        usable = _still_valid(row, now)
        then = "the old one serves until it expires" if usable else (
            "it has expired, so nothing is sent there until a refresh succeeds")
        log.warning("bot token of %s not refreshed: %s; %s", _where(row), why, then)
        return usable


def _where(row: Row) -> str:
    """The workspace (or org) a bot row belongs to, for the log."""
    return str(row["team_id"] or row["enterprise_id"])

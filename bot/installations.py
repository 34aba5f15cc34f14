"""Installs by OAuth: slack_sdk's stores on our tables, and each workspace's bot token, cached.

In distributed mode every workspace that installs mentorbot gets its own bot token. Bolt's
authorize (for requests) and the outbox sender (for DMs, Home tabs and uploads) both ask
`Installations.bot_for` here, so a workspace is only ever spoken to with its own token, and
a token that expires (token rotation) is refreshed on the way, whichever of them needs it
first (bot/token_rotation.py)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine, select

from bot.config import Settings
from bot.token_rotation import (
    REFRESH_MARGIN_SECONDS,
    Row,
    TokenRefresher,
    expires_at,
    refresh_due,
)
from domain.base import Base
from domain.model.installations import slack_bots, slack_installations, slack_oauth_states
from domain.programme.units import install_of

log = logging.getLogger("mentorbot.installations")

TOKEN_CACHE_SECONDS = 60.0
STATE_EXPIRATION_SECONDS = 600  # an install left open longer than this starts again


@dataclass(frozen=True)
class InstalledBot:
    """What a workspace's latest install gave mentorbot."""

    team_id: str | None
    enterprise_id: str | None
    token: str
    bot_id: str | None
    bot_user_id: str | None
    scopes: str
    expires_at: float | None = None  # Unix seconds, with token rotation; None: never expires

    @classmethod
    def of(cls, row: Row) -> InstalledBot:
        """The bot of one row of slack_bots."""
        return cls(row["team_id"], row["enterprise_id"], row["bot_token"], row["bot_id"],
                   row["bot_user_id"], row["bot_scopes"] or "", expires_at(row))


def cache_deadline(bot: InstalledBot, now: float) -> float:
    """Until when a bot looked up at `now` may be served from the cache: a minute, and never
    past the start of its refresh window (nor, once a refresh failed, past its expiry)."""
    deadline = now + TOKEN_CACHE_SECONDS
    if bot.expires_at is None:
        return deadline
    refresh_from = bot.expires_at - REFRESH_MARGIN_SECONDS
    return min(deadline, refresh_from if refresh_from > now else bot.expires_at)


class Installations:
    """The installation and OAuth state stores on our database, and a short cache of tokens,
    refreshed before they expire when installs come with token rotation."""

    def __init__(self, client_id: str, engine: Engine, clock: Callable[[], float] = time.time,
                 refresher: TokenRefresher | None = None) -> None:
        self.store = SQLAlchemyInstallationStore(client_id=client_id, engine=engine)
        # The store built its own copies of the tables; use ours, which the migrations made.
        self.store.metadata = Base.metadata
        self.store.installations = slack_installations
        self.store.bots = slack_bots
        self.states = SQLAlchemyOAuthStateStore(
            expiration_seconds=STATE_EXPIRATION_SECONDS, engine=engine)
        self.states.metadata = Base.metadata
        self.states.oauth_states = slack_oauth_states
        self._client_id = client_id
        self._engine = engine
        self._clock = clock  # the wall clock: tokens' expiry is a time of day
        self._refresher = refresher
        self._lock = threading.Lock()
        self._cache: dict[tuple[str | None, str | None], tuple[float, InstalledBot]] = {}

    def bot_for(self, team_id: str | None, enterprise_id: str | None = None) -> InstalledBot | None:
        """The workspace's bot (from the cache when looked up in the last minute), its token
        refreshed first when it expires soon; None when it never installed mentorbot, removed
        it, or its token can no longer be refreshed. Misses are not cached, so that a fresh
        install works at once in every process."""
        key = (enterprise_id, team_id)
        now = self._clock()
        with self._lock:
            cached = self._cache.get(key)
        if cached is not None and now < cached[0] <= now + TOKEN_CACHE_SECONDS:
            return cached[1]
        row = self._latest_bot(team_id, enterprise_id)
        if row is None and enterprise_id and team_id:  # a workspace of an org-wide install
            row = self._latest_bot(None, enterprise_id)
        row = self._usable(row, now)
        bot = InstalledBot.of(row) if row is not None else None
        with self._lock:
            if bot is None:
                self._cache.pop(key, None)
            else:
                self._cache[key] = (cache_deadline(bot, self._clock()), bot)
        return bot

    def bot_for_programme(self, key: str) -> InstalledBot | None:
        """The bot that speaks for a programme (`domain.programme.units`): its workspace's
        install, or its org's org-wide install."""
        team_id, enterprise_id = install_of(key)
        return self.bot_for(team_id, enterprise_id)

    def _usable(self, row: Row | None, now: float) -> Row | None:
        """The row to speak with: as it is, or with its token refreshed when that is due."""
        if row is None or not refresh_due(expires_at(row), now):
            return row
        if self._refresher is None:  # cannot refresh: the token serves until it expires
            return row if (expires_at(row) or 0) > now else None
        return self._refresher.refresh(row["id"])

    def _latest_bot(self, team_id: str | None, enterprise_id: str | None) -> Row | None:
        """The newest bot row of this workspace (of the org, for an org-wide install), if it
        holds a token."""
        c = slack_bots.c
        query = select(slack_bots).where(c.client_id == self._client_id)
        query = query.where(c.team_id == team_id) if team_id else query.where(
            c.team_id.is_(None), c.is_enterprise_install.is_(True))
        if enterprise_id:
            query = query.where(c.enterprise_id == enterprise_id)
        with self._engine.connect() as connection:
            row = connection.execute(query.order_by(c.installed_at.desc(), c.id.desc())
                                     .limit(1)).mappings().first()
        return row if row is not None and row["bot_token"] else None

    def forget(self, team_id: str | None, enterprise_id: str | None = None) -> None:
        """Drop what the cache holds for this workspace (after an install or an uninstall)."""
        with self._lock:
            # An org-wide install (no team) answered for every workspace of its org.
            for key in [k for k in self._cache
                        if (k[1] == team_id or team_id is None)
                        and (enterprise_id is None or k[0] == enterprise_id)]:
                del self._cache[key]

    def delete_installation(self, team_id: str | None, enterprise_id: str | None = None) -> None:
        """Forget the workspace's installs and bot tokens (app_uninstalled, tokens_revoked):
        from now on its requests are refused and nothing is sent there."""
        self.store.delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        self.store.delete_installation(enterprise_id=enterprise_id, team_id=team_id)
        self.forget(team_id, enterprise_id)
        log.info("installation of %s deleted", team_id or enterprise_id)


def installations_for(settings: Settings, engine: Engine,
                      clock: Callable[[], float] = time.time) -> Installations | None:
    """Distributed mode's installs, each bot token refreshed when it comes to expire; None in
    single-workspace mode (its one token does not expire)."""
    if not settings.distributed:
        return None
    refresher = TokenRefresher(client_id=settings.client_id, client_secret=settings.client_secret,
                               api_url=settings.slack_api_url, engine=engine, clock=clock)
    return Installations(settings.client_id, engine, clock, refresher)


class InstalledAuthorize(Authorize):
    """Bolt's authorize from our store: the workspace's own bot token, no auth.test per
    request (the install recorded the bot's ids already)."""

    def __init__(self, installations: Installations) -> None:
        super().__init__()
        self._installations = installations

    def __call__(self, *, context: Any, enterprise_id: str | None, team_id: str | None,
                 user_id: str | None, **_actor: Any) -> AuthorizeResult | None:
        """The request's workspace's bot, or None (Bolt then refuses the request)."""
        # An org-wide install answers for every workspace of the org, whatever other
        # install one of them may have; Slack says on each request which one it reached.
        org_wide = bool(getattr(context, "is_enterprise_install", False)) and enterprise_id
        bot = self._installations.bot_for(None if org_wide else team_id, enterprise_id)
        if bot is None:
            log.warning("refused a request from %s: mentorbot is not installed there",
                        team_id or enterprise_id)
            return None
        return AuthorizeResult(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id,
                               bot_token=bot.token, bot_id=bot.bot_id,
                               bot_user_id=bot.bot_user_id, bot_scopes=bot.scopes)

"""What every listener is given: the acting person, a unit of work, the clock and Slack's people."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session, sessionmaker

from domain import outbox
from domain.members import Actor, SlackIdentity
from domain.programme import RESUMES_SENDING, Origin, programme_of
from domain.programme.units import is_org_key


class PeopleDirectory:
    """Slack's users.info answers, shared by every request of the process: each kept at most
    `ttl_seconds`, and at most `most` people, the least recently used leaving first."""

    def __init__(self, ttl_seconds: float = 300.0, most: int = 2000) -> None:
        self._ttl = ttl_seconds
        self._most = most
        self._cache: OrderedDict[tuple[str, str], tuple[float, SlackIdentity]] = OrderedDict()
        self._lock = threading.Lock()

    def identity(self, client: WebClient, team_id: str, user_id: str) -> SlackIdentity:
        """Name, e-mail, photo, title and time zone of a Slack user."""
        key = (team_id, user_id)
        with self._lock:
            cached = self._cache.get(key)
            if cached and time.monotonic() - cached[0] < self._ttl:
                self._cache.move_to_end(key)
                return cached[1]
        identity = _identity_from(client, user_id)  # not under the lock: Slack may be slow
        self.remember(team_id, user_id, identity)
        return identity

    def remember(self, team_id: str, user_id: str, identity: SlackIdentity) -> None:
        """Take a profile Slack sent us (a user_change event) instead of asking again."""
        with self._lock:
            self._cache[(team_id, user_id)] = (time.monotonic(), identity)
            self._cache.move_to_end((team_id, user_id))
            while len(self._cache) > self._most:
                self._cache.popitem(last=False)

    def __len__(self) -> int:
        """How many people are kept."""
        with self._lock:
            return len(self._cache)


def _identity_from(client: WebClient, user_id: str) -> SlackIdentity:
    try:
        user: dict[str, Any] = client.users_info(user=user_id)["user"]
    except SlackApiError:
        # Without users:read (or for a user Slack won't describe) we still let them join.
        return SlackIdentity(name=user_id)
    return identity_of(user)


def identity_of(user: dict[str, Any]) -> SlackIdentity:
    """The parts of a Slack user object mentorbot keeps."""
    profile = user.get("profile") or {}
    return SlackIdentity(
        name=profile.get("real_name") or user.get("real_name") or user.get("name")
        or str(user.get("id") or ""),
        email=profile.get("email"),
        tz=user.get("tz"),
        image_url=profile.get("image_192") or profile.get("image_72"),
        title=profile.get("title") or "",
        workspace_admin=_any_flag(user),
        org_admin=_any_flag(user.get("enterprise_user") or {}),
    )


def _any_flag(user: dict[str, Any]) -> bool:
    """Whether Slack calls this person an admin or owner (of a workspace, or of the org)."""
    return any(bool(user.get(flag)) for flag in ("is_admin", "is_owner", "is_primary_owner"))


def origin_of(body: dict[str, Any], context: dict[str, Any]) -> Origin:
    """Where a request came from, as Bolt read it from Slack's body."""
    enterprise_id = context.get("enterprise_id")
    team_id = context.get("team_id")
    if not team_id or team_id == enterprise_id:  # a view of an org-wide install says the org
        team_id = _team_in(body)
    return Origin(team_id=team_id, enterprise_id=enterprise_id,
                  org_install=bool(context.get("is_enterprise_install")))


def _team_in(body: dict[str, Any]) -> str:
    """The workspace a body names where Bolt found none: under an org-wide install Slack
    sends `team: null` on interactivity and no team in an event's authorizations."""
    for holder in (body, body.get("user"), body.get("view"), body.get("event")):
        if isinstance(holder, dict) and isinstance(holder.get("team_id"), str):
            return str(holder["team_id"])
    return ""


@dataclass
class Services:
    """Long-lived collaborators the composition root hands to the listeners."""

    session_factory: sessionmaker[Session]
    clock: Callable[[], datetime]
    after_commit: Callable[[], None] = lambda: None
    people: PeopleDirectory = field(default_factory=PeopleDirectory)
    # Installs by OAuth: forget a workspace's install and tokens (team id, enterprise id).
    # One workspace with a static token has no install to forget.
    forget_install: Callable[[str | None, str | None], None] = lambda _team, _enterprise: None

    def programme_key(self, origin: Origin, *, resumes: bool) -> str:
        """The programme a request belongs to: its workspace's, unless it reached an org-wide
        install (then the org's programme settings decide, one cached read)."""
        if not origin.org_wide:
            return origin.team_id
        with self.session_factory.begin() as session:
            session.info[RESUMES_SENDING] = resumes
            return programme_of(session, origin=origin, now=self.clock())


@dataclass
class Ctx:
    """One request's view of the world: who acts, in which workspace, and how to change things."""

    services: Services
    # The programme's key: the workspace's id, or on Enterprise Grid the org's (units.py).
    team_id: str
    user_id: str
    # Where the request came from, as Slack said: workspace, org, org-wide install or not.
    origin: Origin
    # A signed request from Slack comes only from a workspace that has the app: reading its
    # programme lifts a stop on sending (all but the events that tell of the uninstall).
    resumes: bool = True

    @property
    def org_programme(self) -> bool:
        """Whether the programme serves a whole Enterprise Grid org."""
        return is_org_key(self.team_id)

    @property
    def actor(self) -> Actor:
        """The acting Slack user, as the domain knows them."""
        return Actor(team_id=self.team_id, user_id=self.user_id)

    def now(self) -> datetime:
        """The current time in UTC."""
        return self.services.clock()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A unit of work: commits when the block ends, rolls back if it raises."""
        with self.services.session_factory.begin() as session:
            session.info[RESUMES_SENDING] = self.resumes
            yield session
            wrote_outbox = session.info.pop(outbox.PENDING_FLAG, False)
        if wrote_outbox:
            self.services.after_commit()

    def identity(self, client: WebClient) -> SlackIdentity:
        """The acting person's Slack profile."""
        return self.services.people.identity(client, self.team_id, self.user_id)

    def workspace_admin(self, client: WebClient) -> bool:
        """Whether Slack (users.info, never the payload) says the actor administers the
        workspace; programme admins named in the settings are added by `domain.admin`."""
        identity = self.identity(client)
        # An org's programme is the org's to run: its owners and admins, not one workspace's.
        return identity.org_admin if self.org_programme else identity.workspace_admin

"""The programme and its lists as frozen values, and the per-process cache that keeps them."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from domain.model import ListKind, ProgrammeScope

# The key under which a session factory hands its sessions the process's ProgrammeCache.
PROGRAMME_CACHE = "programme_cache"
# Set on a session that serves a signed request from Slack: Slack sends those only to
# workspaces that have the app installed, so reading the programme there lifts a stop.
RESUMES_SENDING = "resumes_sending"


class Choice(Protocol):
    """What a list entry offers a form: an id and a label."""

    @property
    def id(self) -> int: ...

    @property
    def label(self) -> str: ...

    @property
    def archived(self) -> bool: ...


RETIRED = " (retired)"


def shown_label(item: Choice) -> str:
    """An entry's label as people read it: a retired one says so."""
    return item.label + RETIRED if item.archived else item.label


Item = TypeVar("Item", bound=Choice)


@dataclass(frozen=True)
class ListEntry:
    """One entry of a programme list as a plain value, safe to share between threads."""

    id: int
    kind: ListKind
    label: str
    position: int
    archived: bool = False


@dataclass(frozen=True)
class ProgrammeLists(Generic[Item]):
    """The lists profiles and matching choose from, in display order: `ListEntry` values from
    the cache, or `ListItem` rows where a write needs them (`programme_lists`)."""

    areas: Sequence[Item]
    roles: Sequence[Item]
    communities: Sequence[Item]
    themes: Sequence[Item] = ()
    # Retired entries of every kind: no longer offered, still named where profiles, searches
    # and reports refer to them.
    retired: Sequence[Item] = ()

    def by_kind(self, kind: str) -> Sequence[Item]:
        """The list of one kind: 'area', 'role', 'community' or 'theme'."""
        return {ListKind.AREA: self.areas, ListKind.ROLE: self.roles,
                ListKind.COMMUNITY: self.communities, ListKind.THEME: self.themes}[kind]

    def retired_of(self, kind: str) -> list[Item]:
        """The retired entries of one kind."""
        return [item for item in self.retired if getattr(item, "kind", None) == kind]

    def named(self, item_ids: Iterable[int]) -> list[Item]:
        """The entries (offered or retired) with these ids, in the order asked; unknown ids
        are left out."""
        known = {item.id: item for item in (*self.areas, *self.roles, *self.communities,
                                            *self.themes, *self.retired)}
        return [known[one] for one in item_ids if one in known]


@dataclass(frozen=True)
class ReminderTimings:
    """When the programme's reminders fall due; the `reminder_timings` column overrides these."""

    meeting_hours_before: tuple[int, ...] = (24, 1)
    proposal_chase_days: tuple[int, ...] = (3, 7)
    goal_days_before: int = 3
    inactive_warning_days: int | None = None  # off unless an admin sets it (90 is usual)
    inactive_close_days: int = 7
    feedback_chase_days: tuple[int, ...] = (2, 7)
    incomplete_profile_days: tuple[int, ...] = (2, 14)
    no_request_days: tuple[int, ...] = (7, 14)

    @classmethod
    def from_document(cls, document: Mapping[str, Any] | None) -> ReminderTimings:
        """The timings stored as JSON, with the defaults for anything missing or unknown."""
        known = {f.name: f for f in fields(cls)}
        given = {name: tuple(value) if isinstance(value, list) else value
                 for name, value in (document or {}).items() if name in known}
        return cls(**given)

    def to_document(self) -> dict[str, Any]:
        """The timings as JSON for the `reminder_timings` column."""
        return {f.name: (list(value) if isinstance(value := getattr(self, f.name), tuple)
                         else value) for f in fields(self)}


@dataclass(frozen=True)
class ProgrammeSnapshot:
    """The programme's settings as they were at one `version`."""

    team_id: str
    version: int
    name: str
    support_channel_id: str | None
    admin_user_ids: tuple[str, ...]
    default_capacity: int
    proposal_expiry_days: int
    max_open_proposals: int
    max_active_mentors: int
    video_link_template: str
    created_at: datetime
    admin_channel_id: str | None = None
    nudges_paused: bool = False
    quiet_hours_start: int = 20
    quiet_hours_end: int = 8
    quiet_weekends: bool = True
    daily_nudge_cap: int = 3
    quiet_relationship_days: int = 21
    reminders: ReminderTimings = field(default_factory=ReminderTimings)
    # Set while the app is uninstalled from the workspace: nothing is sent to it.
    sending_stopped_at: datetime | None = None
    # Read on an org's programme: whether it serves the whole org or each workspace apart.
    scope: ProgrammeScope = ProgrammeScope.WORKSPACE


@dataclass(frozen=True)
class CachedProgramme:
    """What a process keeps of one programme: its settings, and its lists once read."""

    programme: ProgrammeSnapshot
    lists: ProgrammeLists[ListEntry] | None = None


class ProgrammeCache:
    """The latest programme (and lists) of each workspace read by this process (thread-safe)."""

    def __init__(self) -> None:
        self._kept: dict[str, CachedProgramme] = {}
        self._lock = threading.Lock()

    def get(self, team_id: str, version: int) -> CachedProgramme | None:
        """What is kept at exactly this version, if this process has it."""
        with self._lock:
            found = self._kept.get(team_id)
        return found if found is not None and found.programme.version == version else None

    def put(self, programme: ProgrammeSnapshot,
            lists: ProgrammeLists[ListEntry] | None = None) -> None:
        """Keep the programme (and its lists) unless a newer version is kept already: versions
        only go up, so an older read finishing late never replaces a newer one."""
        with self._lock:
            kept = self._kept.get(programme.team_id)
            if kept is None or kept.programme.version < programme.version:
                self._kept[programme.team_id] = CachedProgramme(programme, lists)
            elif kept.programme.version == programme.version and lists is not None:
                self._kept[programme.team_id] = CachedProgramme(kept.programme, lists)

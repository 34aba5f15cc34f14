"""Which programme a Slack request belongs to, on Enterprise Grid as in a single workspace.

A programme is keyed by the `team_id` column of every table. That key is:
- a workspace's id (`T…`) for an app installed in that workspace;
- an org's id (`E…`) for an org-wide install whose programme serves the whole org, so that
  members from all its workspaces find and match each other;
- `E…:T…` for a workspace's own programme under an org-wide install whose programme is set
  to serve each workspace apart.
So an org-wide install never shares a row with a workspace-level install of one of its
workspaces, and the key alone says which install's token speaks for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from domain.model import ProgrammeScope

SEPARATOR = ":"


@dataclass(frozen=True)
class Origin:
    """Where a request comes from: its workspace, its org, and whether the app is installed
    org-wide there (Slack says so on every request)."""

    team_id: str
    enterprise_id: str | None = None
    org_install: bool = False

    @property
    def org_wide(self) -> bool:
        """Whether the request reached an org-wide install (which needs the org's id)."""
        return self.org_install and bool(self.enterprise_id)

    @property
    def install(self) -> str:
        """The key of the install the request reached (`install_key`)."""
        return install_key(team_id=self.team_id, enterprise_id=self.enterprise_id,
                           org_wide=self.org_wide)


def install_key(*, team_id: str | None, enterprise_id: str | None, org_wide: bool) -> str:
    """An install's own key: its workspace's id, or its org's for an org-wide install (whose
    programmes `domain.workspace.install_family` finds from it); `install_of` reads it back."""
    return str(enterprise_id) if org_wide else str(team_id or "")


def is_org_key(key: str) -> bool:
    """Whether a programme key is an org's own (Slack's org ids start with E)."""
    return key.startswith("E") and SEPARATOR not in key


def programme_key(origin: Origin, scope: ProgrammeScope) -> str:
    """The key of the programme a request belongs to, given the org programme's scope."""
    if not origin.org_wide:
        return origin.team_id
    if scope == ProgrammeScope.ORG or not origin.team_id:
        return str(origin.enterprise_id)
    return f"{origin.enterprise_id}{SEPARATOR}{origin.team_id}"


def install_of(key: str) -> tuple[str | None, str | None]:
    """(team id, enterprise id) of the install that speaks for a programme: a workspace's
    own install, or the org-wide install of an org's (or its workspace's) programme."""
    if SEPARATOR in key:
        return None, key.split(SEPARATOR, 1)[0]
    return (None, key) if is_org_key(key) else (key, None)


def org_of(key: str) -> str | None:
    """The org whose org-wide install a programme key belongs to; None for a workspace's."""
    return install_of(key)[1]


def in_use(key: str, scopes: Mapping[str, ProgrammeScope]) -> bool:
    """Whether requests reach this programme, given every org programme's scope: an org's
    own while it serves the whole org, a workspace's under an org-wide install while the
    org runs one per workspace. A programme nobody can reach is sent no reminders."""
    if is_org_key(key):
        return scopes.get(key) != ProgrammeScope.WORKSPACE
    org = org_of(key)
    return org is None or scopes.get(org) == ProgrammeScope.WORKSPACE


def in_programme(key: str, *, team_id: str, enterprise_id: str | None) -> bool:
    """Whether a Slack user of this workspace (and org) belongs to the programme `key`."""
    if SEPARATOR in key:
        return key == f"{enterprise_id}{SEPARATOR}{team_id}"
    return key == team_id or (is_org_key(key) and key == enterprise_id)

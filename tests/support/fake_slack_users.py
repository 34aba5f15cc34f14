"""User objects of the fake Slack workspace, shaped like Slack's users.info answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_TZ_LABELS = {
    "GMT": "Greenwich Mean Time",
    "BST": "British Summer Time",
    "UTC": "Coordinated Universal Time",
    "CET": "Central European Time",
    "CEST": "Central European Summer Time",
    "EET": "Eastern European Time",
    "EEST": "Eastern European Summer Time",
    "EST": "Eastern Standard Time",
    "EDT": "Eastern Daylight Time",
    "CST": "Central Standard Time",
    "CDT": "Central Daylight Time",
    "MST": "Mountain Standard Time",
    "MDT": "Mountain Daylight Time",
    "PST": "Pacific Standard Time",
    "PDT": "Pacific Daylight Time",
    "IST": "India Standard Time",
    "JST": "Japan Standard Time",
    "AEST": "Australian Eastern Standard Time",
    "AEDT": "Australian Eastern Daylight Time",
}


@dataclass
class FakeUser:
    """A workspace member known to the fake Slack server."""

    user_id: str
    name: str
    real_name: str | None = None
    email: str | None = None
    tz: str = "Europe/London"
    team_id: str = "T1"
    title: str = ""
    deleted: bool = False
    is_admin: bool = False
    is_bot: bool = False
    image_url: str = "https://example.test/a.png"
    enterprise_id: str | None = None  # an Enterprise Grid org's member
    org_admin: bool = False  # an admin of that org

    def __post_init__(self) -> None:
        """Reject unknown time zones at registration rather than at lookup."""
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.tz!r}") from exc

    def to_slack(self, now: datetime | None = None) -> dict[str, Any]:
        """Render the user like users.info's `user` object."""
        local = (now or datetime.now(ZoneInfo("UTC"))).astimezone(ZoneInfo(self.tz))
        offset = local.utcoffset()
        abbreviation = local.tzname() or self.tz
        return {
            "id": self.user_id,
            "team_id": self.team_id,
            "name": self.name,
            "deleted": self.deleted,
            "color": "9f69e7",
            "real_name": self._real_name(),
            "tz": self.tz,
            "tz_label": _TZ_LABELS.get(abbreviation, abbreviation),
            "tz_offset": int(offset.total_seconds()) if offset is not None else 0,
            "profile": self._profile(),
            "is_admin": self.is_admin,
            "is_owner": False,
            "is_primary_owner": False,
            "is_restricted": False,
            "is_ultra_restricted": False,
            "is_bot": self.is_bot,
            "is_app_user": False,
            "updated": 1700000000,
            **self._enterprise_user(),
        }

    def _enterprise_user(self) -> dict[str, Any]:
        """Slack's `enterprise_user` of an org's member (absent outside Enterprise Grid)."""
        if self.enterprise_id is None:
            return {}
        return {"enterprise_user": {"id": self.user_id, "enterprise_id": self.enterprise_id,
                                    "enterprise_name": f"Org {self.enterprise_id}",
                                    "is_admin": self.org_admin, "is_owner": False,
                                    "is_primary_owner": False, "teams": [self.team_id]}}

    def _real_name(self) -> str:
        """Real name, falling back to the handle as Slack does for bare accounts."""
        return self.real_name if self.real_name is not None else self.name

    def _profile(self) -> dict[str, Any]:
        """Render the nested `profile` object (email only when the user has one)."""
        profile: dict[str, Any] = {
            "title": self.title,
            "real_name": self._real_name(),
            "real_name_normalized": self._real_name(),
            "display_name": self.name,
            "display_name_normalized": self.name,
            "status_text": "",
            "status_emoji": "",
            "avatar_hash": "g0000000000",
            "image_24": self.image_url,
            "image_32": self.image_url,
            "image_48": self.image_url,
            "image_72": self.image_url,
            "image_192": self.image_url,
            "image_512": self.image_url,
            "team": self.team_id,
        }
        if self.email is not None:
            profile["email"] = self.email
        return profile

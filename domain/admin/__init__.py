"""What the programme's admins do: who they are first, then each of their use cases."""

from domain.admin.access import ADMIN_ONLY, require_admin
from domain.admin.overview import AdminMenu, Headline, Trend, admin_menu_of, headline_of
from domain.admin.rules import SettingsForm
from domain.admin.settings import (
    CHANGED_SETTING,
    LoggedChange,
    SettingChange,
    recent_changes,
    settings_of,
    update_settings,
)

__all__ = [
    "ADMIN_ONLY",
    "CHANGED_SETTING",
    "AdminMenu",
    "Headline",
    "LoggedChange",
    "SettingChange",
    "SettingsForm",
    "Trend",
    "admin_menu_of",
    "headline_of",
    "recent_changes",
    "require_admin",
    "settings_of",
    "update_settings",
]

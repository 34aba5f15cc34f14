"""What programme admins see: the admin menu, Home's Admin section, settings, recent changes."""

from blocks.admin.changes import recent_changes_view, settings_saved_view
from blocks.admin.menu import MENU_SECTIONS, MenuSection, admin_menu_view, home_admin_section
from blocks.admin.settings import read_settings, settings_form

__all__ = [
    "MENU_SECTIONS",
    "MenuSection",
    "admin_menu_view",
    "home_admin_section",
    "read_settings",
    "recent_changes_view",
    "settings_form",
    "settings_saved_view",
]

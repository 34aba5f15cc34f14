"""The programme admins' ids (issue 11): every action and callback id starts with "admin", so
the wiring refuses anyone else before the listener runs and the refusal test finds them all."""

from __future__ import annotations

# Programme admins: the menu, Home's Admin section, settings and recent changes (issue 11).
# Every admin action and callback id starts with "admin", so the refusal test finds them.
ADMIN_OPEN = "admin.open"
ADMIN_MENU_VIEW = "admin.menu_view"
ADMIN_SETTINGS_OPEN = "admin.settings"
ADMIN_SETTINGS_SUBMIT = "admin.settings_submit"
ADMIN_SETTINGS_SAVED_VIEW = "admin.settings_saved_view"
ADMIN_RECENT_OPEN = "admin.recent_changes"
ADMIN_RECENT_VIEW = "admin.recent_changes_view"
# Settings form inputs: block ids end in the domain's field name, so errors land beside them
ADMIN_NAME = "admin.name"
ADMIN_SUPPORT_CHANNEL = "admin.support_channel_id"
ADMIN_ALERT_CHANNEL = "admin.admin_channel_id"
ADMIN_USERS = "admin.admin_user_ids"
ADMIN_DEFAULT_CAPACITY = "admin.default_capacity"
ADMIN_MAX_OPEN_PROPOSALS = "admin.max_open_proposals"
ADMIN_MAX_ACTIVE_MENTORS = "admin.max_active_mentors"
ADMIN_EXPIRY_DAYS = "admin.proposal_expiry_days"
ADMIN_VIDEO_LINK = "admin.video_link_template"
ADMIN_NUDGES_PAUSED = "admin.nudges_paused"
ADMIN_QUIET_START = "admin.quiet_hours_start"
ADMIN_QUIET_END = "admin.quiet_hours_end"
ADMIN_QUIET_WEEKENDS = "admin.quiet_weekends"
ADMIN_DAILY_CAP = "admin.daily_nudge_cap"
ADMIN_QUIET_DAYS = "admin.quiet_relationship_days"
ADMIN_CHASE_DAYS = "admin.proposal_chase_days"
ADMIN_GOAL_DAYS = "admin.goal_days_before"
ADMIN_INACTIVE_DAYS = "admin.inactive_warning_days"
# Manual matching by a programme admin (issue 11)
ADMIN_MATCH_OPEN = "admin_match.open"
ADMIN_MATCH_SUBMIT = "admin_match.submit"
ADMIN_MATCH_CONFIRM = "admin_match.confirm"
ADMIN_MATCH_DONE_VIEW = "admin_match.done_view"
ADMIN_MATCH_MENTEE = "admin_match.mentee"
ADMIN_MATCH_MENTOR = "admin_match.mentor"
ADMIN_MATCH_NOTE = "admin_match.note"

# Alert cards in the admin channel and their buttons (issue 11)
ADMIN_ALERTS_NUDGE = "admin_alert.nudge"
ADMIN_ALERTS_MATCH = "admin_alert.match"
ADMIN_ALERTS_CLOSE = "admin_alert.close"
ADMIN_ALERTS_CLOSE_SUBMIT = "admin_alert.close_submit"
ADMIN_ALERTS_REASON = "admin_alert.reason"
ADMIN_ALERTS_PROFILE = "admin_alert.profile"
ADMIN_ALERTS_PROFILE_VIEW = "admin_alert.profile_view"
ADMIN_ALERTS_DONE = "admin_alert.done"
# A support request's card (support channel or admins' DMs): admin-only by the "admin" prefix.
ADMIN_SUPPORT_REPLY = "admin.support_reply"
ADMIN_SUPPORT_REPLY_SUBMIT = "admin.support_reply_submit"
ADMIN_SUPPORT_ANSWER = "admin.support_answer"
ADMIN_SUPPORT_MARK_ANSWERED = "admin.support_mark_answered"

# Programme admins: the health report (summary modal, the PDF with its charts, the CSVs)
ADMIN_HEALTH_OPEN = "admin_health.open"
ADMIN_HEALTH_VIEW = "admin_health.view"
ADMIN_HEALTH_PDF = "admin_health.pdf"
ADMIN_HEALTH_CSV = "admin_health.csv"
ADMIN_HEALTH_NOTICE = "admin_health.notice"
ADMIN_HEALTH_CHART = "admin_health.chart"

# Programme admins: the lists (areas of support, roles, communities, diary themes). Every
# admin action and callback id starts with "admin", so the refusal test finds them all.
ADMIN_LISTS_OPEN = "admin_lists.open"
ADMIN_LISTS_VIEW = "admin_lists.view"
ADMIN_LISTS_KIND = "admin_lists.kind"
ADMIN_LISTS_PAGE = "admin_lists.page"
ADMIN_LISTS_ADD = "admin_lists.add"
ADMIN_LISTS_ITEM = "admin_lists.item"
ADMIN_LISTS_ADD_SUBMIT = "admin_lists.add_submit"
ADMIN_LISTS_EDIT_SUBMIT = "admin_lists.edit_submit"
ADMIN_LISTS_LABELS = "admin_lists.labels"
ADMIN_LISTS_LABEL = "admin_lists.label"
ADMIN_LISTS_POSITION = "admin_lists.position"
ADMIN_LISTS_TOOLS = "admin_lists.tools"
ADMIN_LISTS_PAGING = "admin_lists.paging"


def admin_lists_kind_block(kind: str) -> str:
    """The list chooser, named for the list shown so Slack never keeps an older choice."""
    return f"admin_lists.kind.{kind}"


def admin_lists_item_block(item_id: int) -> str:
    """One entry's row in an admin's list."""
    return f"admin_lists.item.{item_id}"
def admin_alert_block(alert_id: int) -> str:
    """The buttons of one alert card in the admin channel."""
    return f"admin_alert.card.{alert_id}"
# Whole-cohort matching (admins only: every id starts with "admin")
ADMIN_COHORT_OPEN = "admin_cohort.open"
ADMIN_COHORT_SUGGEST = "admin_cohort.suggest"
ADMIN_COHORT_PAGE = "admin_cohort.page"
ADMIN_COHORT_REMOVE = "admin_cohort.remove"
ADMIN_COHORT_RESTORE = "admin_cohort.restore"
ADMIN_COHORT_PUBLISH = "admin_cohort.publish"
ADMIN_COHORT_DONE_VIEW = "admin_cohort.done"
ADMIN_COHORT_PAGING = "admin_cohort.paging"


def admin_cohort_pair_block(suggestion_id: int) -> str:
    """One suggested pair of the cohort review."""
    return f"admin_cohort.pair.{suggestion_id}"
# Whom an org-wide install's programme is for (issue 14, Enterprise Grid).
ADMIN_SCOPE_OPEN = "admin.scope"
ADMIN_SCOPE_SUBMIT = "admin.scope_submit"
ADMIN_SCOPE_CHOICE = "admin.scope_choice"
ADMIN_SCOPE_SAVED_VIEW = "admin.scope_saved_view"

"""Every action_id, callback_id and block_id the app uses, each defined once as feature.verb."""

from __future__ import annotations

from datetime import datetime

# /mentor and its menu
COMMAND = "/mentor"
MENU_VIEW = "menu.view"
MENU_OPEN_PROFILE = "menu.open_profile"
MENU_OPEN_HELP = "menu.open_help"

# Registration
REGISTRATION_OPEN = "registration.open"
REGISTRATION_SUBMIT = "registration.submit"
REGISTRATION_ROLES = "registration.roles"

# Profile form (block ids end in the domain's field name, so errors land on the right field)
PROFILE_SUBMIT = "profile.submit"
PROFILE_ROLES = "profile.roles"
PROFILE_JOB_TITLE = "profile.job_title"
PROFILE_ORGANISATION = "profile.organisation"
PROFILE_CONTACT_EMAIL = "profile.contact_email"
PROFILE_MENTOR_AREAS = "profile.mentor_areas"
PROFILE_MENTOR_ROLE = "profile.mentor_role"
PROFILE_MENTOR_COMMUNITY = "profile.mentor_community"
PROFILE_BIO = "profile.bio"
PROFILE_CAPACITY = "profile.capacity"
PROFILE_OPEN_TO_REQUESTS = "profile.open_to_requests"
PROFILE_MENTEE_AREAS = "profile.mentee_areas"
PROFILE_PREFERRED_ROLE = "profile.preferred_role"
PROFILE_PREFERRED_COMMUNITY = "profile.preferred_community"
PROFILE_STATEMENT = "profile.statement"

# Account: /mentor account and Account on Home (block ids end in the domain's field name)
ACCOUNT_VIEW = "account.view"
ACCOUNT_OPEN = "account.open"
ACCOUNT_CONTACT_EMAIL = "account.contact_email"
ACCOUNT_MENTOR_PAUSED = "account.mentor_paused"
ACCOUNT_MENTEE_PAUSED = "account.mentee_paused"
ACCOUNT_REMINDERS = "account.reminders"
# See what is stored (Account modal, Help): the person's data as files in their DM
PERSONAL_DATA_EXPORT = "personal_data.export"

# Leaving: Cancel my account from the Account modal, its confirmation, and the red button
LEAVING_OPEN = "leaving.open"
LEAVING_VIEW = "leaving.view"
LEAVING_CONFIRM = "leaving.confirm"
LEAVING_DONE_VIEW = "leaving.done"

# Notices
NOTICE_VIEW = "notice.view"

# Help: the FAQs and guides (/mentor help, Help on Home and in the menu)
HELP_VIEW = "help.view"
HELP_ANSWER_VIEW = "help.answer_view"
HELP_GUIDE_VIEW = "help.guide_view"
HELP_KEYWORD = "help.keyword"
HELP_TOPIC = "help.topic"
HELP_BACK = "help.back"
HELP_GO = "help.go"
HELP_GUIDE = "help.guide"
HELP_REFLECT = "help.reflect"
# Contact support (Help's footer and the /mentor menu): the form and its fields (block ids end
# in the domain's field names, so each error sits beside its field)
HELP_CONTACT = "help.contact_support"
MENU_CONTACT_SUPPORT = "menu.contact_support"
SUPPORT_SUBMIT = "support.submit"
SUPPORT_NAME = "support.name"
SUPPORT_EMAIL = "support.email"
SUPPORT_SUBJECT = "support.subject"
SUPPORT_MESSAGE = "support.message"
# Report to the programme (on what a member receives from another) and blocking: the form's
# fields end in the domain's field names; Block in its confirmation; Unblock in Account
REPORT_OPEN = "report.open"
REPORT_SUBMIT = "report.submit"
REPORT_REASON = "report.reason"
REPORT_DETAILS = "report.details"
REPORT_BLOCK = "report.block"
ACCOUNT_UNBLOCK = "account.unblock"

# App Home
HOME_OPEN_PROFILE = "home.open_profile"
HOME_REGISTER = "home.register"
HOME_OPEN_HELP = "home.open_help"

# Workflow Builder steps: Slack allows only letters, digits and underscores in a function's
# callback_id, so these are "feature_verb" rather than "feature.verb".
WORKFLOW_INVITE = "workflow_invite"
WORKFLOW_SUGGEST = "workflow_suggest"
WORKFLOW_LOG_MEETING = "workflow_log_meeting"

# Direct messages
NOTIFICATION_OPEN_PROFILE = "notification.open_profile"

# Find a mentor
SEARCH_SHORTCUT = "search.shortcut"
SEARCH_OPEN = "search.open"
SEARCH_SUBMIT = "search.submit"
SEARCH_PAGE = "search.page"
SEARCH_PAGING = "search.paging"
SEARCH_AREAS = "search.areas"
SEARCH_ROLE = "search.role"
SEARCH_COMMUNITY = "search.community"
SEARCH_KEYWORD = "search.keyword"
SEARCH_EXACT = "search.exact"
SEARCH_VIEW_PROFILE = "search.view_profile"
SEARCH_PROFILE_VIEW = "search.profile_view"
ASK_ABOUT_MESSAGE = "ask_about.open"
ASK_ABOUT_QUESTION = "ask_about.question"

# Questions and messages between two members
CONVERSATION_OPEN = "conversation.open"
CONVERSATION_SEND = "conversation.send"
CONVERSATION_MESSAGE = "conversation.message"
CONVERSATION_FILES = "conversation.files"
CONVERSATION_EARLIER = "conversation.earlier"
CONVERSATION_PAGING = "conversation.paging"

# Mentor requests
PROPOSAL_OPEN = "proposal.open"
PROPOSAL_SUBMIT = "proposal.submit"
PROPOSAL_AREA = "proposal.area"
PROPOSAL_STATEMENT = "proposal.statement"
PROPOSAL_EDIT = "proposal.edit"
PROPOSAL_WITHDRAW = "proposal.withdraw"
PROPOSAL_REINSTATE = "proposal.reinstate"
PROPOSAL_ACCEPT = "proposal.accept"
PROPOSAL_DECLINE = "proposal.decline"
PROPOSAL_MESSAGE = "proposal.message"
PROPOSAL_SENT_VIEW = "proposal.sent_view"
PROPOSAL_DECLINE_SUBMIT = "proposal.decline_submit"
PROPOSAL_NOTE = "proposal.note"
PROPOSAL_DECLINE_AND_PAUSE = "proposal.decline_and_pause"

# Relationships
RELATIONSHIP_ACTIONS = "relationship.actions"
RELATIONSHIP_WITHDRAW_SUBMIT = "relationship.withdraw_submit"
RELATIONSHIP_REASON = "relationship.reason"
RELATIONSHIP_LIST_VIEW = "relationship.list_view"
HOME_FIND_MENTOR = "home.find_mentor"

# Meetings (issue 4)
MEETING_OPEN = "meeting.open"
MEETING_SUBMIT = "meeting.submit"
MEETING_DATE = "meeting.date"
MEETING_TIME = "meeting.time"
MEETING_DURATION = "meeting.duration"
MEETING_TITLE = "meeting.title"
MEETING_LOCATION = "meeting.location"
MEETING_DETAILS = "meeting.details"
MEETING_OPTIONS = "meeting.options"
MEETING_LIST_VIEW = "meeting.list_view"
MEETING_EDIT = "meeting.edit"
MEETING_CANCEL = "meeting.cancel"
MEETING_CANCEL_SUBMIT = "meeting.cancel_submit"
MEETING_NOTES = "meeting.notes"
MEETING_NOTES_SUBMIT = "meeting.notes_submit"
MEETING_NOTES_TEXT = "meeting.notes_text"
MEETING_REASON = "meeting.reason"
MEETING_JOIN_VIDEO = "meeting.join_video"  # a link button in a reminder: the click is only acked

# Goals: the Goals menu on a relationship card, SMART goals and their milestones
GOAL_MENU = "goal.menu"
GOAL_LIST_VIEW = "goal.list_view"
GOAL_ACROSS_VIEW = "goal.across_view"
GOAL_PAGE = "goal.page"
GOAL_NEW = "goal.new"
GOAL_SUBMIT = "goal.submit"
GOAL_LABEL = "goal.label"
GOAL_DETAILS = "goal.details"
GOAL_DUE_ON = "goal.due_on"
GOAL_NO_DUE = "goal.no_due_date"
GOAL_ACTIONS = "goal.actions"
GOAL_DELETE_SUBMIT = "goal.delete_submit"
GOAL_COMPLETE_SUBMIT = "goal.complete_submit"
GOAL_NOTE = "goal.note"
GOAL_MILESTONES_VIEW = "goal.milestones_view"
GOAL_MILESTONE_SUBMIT = "goal.milestone_submit"
GOAL_MILESTONE_KIND = "goal.kind"
GOAL_MILESTONE_TEXT = "goal.text"
GOAL_MILESTONE_DATE = "goal.happened_on"
GOAL_MILESTONE_REMOVE = "goal.remove_milestone"
WORKSHEET_SUBMIT = "worksheet.submit"
WORKSHEET_DELETE = "worksheet.delete"
WORKSHEET_DELETE_SUBMIT = "worksheet.delete_submit"
WORKSHEET_DOWNLOAD = "worksheet.download"
WORKSHEET_STRENGTHS = "worksheet.strengths"
WORKSHEET_WEAKNESSES = "worksheet.weaknesses"
WORKSHEET_OPPORTUNITIES = "worksheet.opportunities"
WORKSHEET_THREATS = "worksheet.threats"
WORKSHEET_GOAL = "worksheet.goal"
WORKSHEET_SITUATION = "worksheet.situation"
WORKSHEET_TASK = "worksheet.task"
WORKSHEET_ACTION = "worksheet.action"
WORKSHEET_RESULT = "worksheet.result"

# Journey stages, completion and feedback (issue 4)
STAGE_OPEN = "stage.open"
STAGE_VIEW = "stage.view"
STAGE_COMPLETE = "stage.complete"
COMPLETION_OPEN = "completion.open"
COMPLETION_CONFIRM_SUBMIT = "completion.confirm_submit"
COMPLETION_REQUEST = "completion.request"
COMPLETION_NEW_JOURNEY = "completion.new_journey"
FEEDBACK_OPEN = "feedback.open"
FEEDBACK_SUBMIT = "feedback.submit"
FEEDBACK_RATING = "feedback.rating"
FEEDBACK_GOALS_MET = "feedback.goals_met"
FEEDBACK_RECOMMEND = "feedback.would_recommend"
FEEDBACK_WHAT_WORKED = "feedback.what_worked"
FEEDBACK_COULD_BE_BETTER = "feedback.could_be_better"

# Learning diary (block ids end in the domain's field name, so errors land on the right field)
DIARY_SHORTCUT = "diary.shortcut"
DIARY_MESSAGE_SHORTCUT = "diary.message_shortcut"
DIARY_OPEN = "diary.open"
DIARY_LIST_VIEW = "diary.list_view"
DIARY_PAGE = "diary.page"
DIARY_NEW = "diary.new"
DIARY_ENTRY = "diary.entry"
DIARY_ENTRY_VIEW = "diary.entry_view"
DIARY_EDIT = "diary.edit"
DIARY_DELETE = "diary.delete"
DIARY_DELETE_SUBMIT = "diary.delete_submit"
DIARY_EXPORT = "diary.export"
DIARY_FROM_MEETING = "diary.from_meeting"
DIARY_FROM_STAGE = "diary.from_stage"
DIARY_FROM_GOAL = "diary.from_goal"
GOAL_COMPLETED_VIEW = "goal.completed_view"
DIARY_SUBMIT = "diary.submit"
DIARY_TITLE = "diary.title"
DIARY_REFLECTION = "diary.reflection"
DIARY_THEMES = "diary.themes"
DIARY_TAGS = "diary.tags"
DIARY_DATE = "diary.entry_date"
DIARY_LINK = "diary.link"
MEETING_NOTES_SAVED_VIEW = "meeting.notes_saved_view"
# Reminders: the row under every nudge, and the line it becomes once muted
REMINDER_MUTE = "reminder.mute"
REMINDER_UNMUTE = "reminder.unmute"
REMINDER_MUTE_ROW = "reminder.mute_row"

# Element values mean "no preference" in selects that allow any
ANY = "any"


def field_of(block_id: str) -> str:
    """The domain field a block id stands for: the part after the feature."""
    return block_id.rsplit(".", 1)[-1]



# Block ids that name one object's row, so Slack keeps each row's state apart
def help_keyword_block(round_: int) -> str:
    """The keyword box of Help: a new block id clears what was typed (Slack keeps an input's
    state under an unchanged one)."""
    return f"help.keyword.{round_}"


def search_result_block(mentor_id: int) -> str:
    """The actions row of one mentor in the search results."""
    return f"search.result.{mentor_id}"


def proposal_answer_block(proposal_id: int) -> str:
    """Accept / Decline / Message of one waiting request."""
    return f"proposal.answer.{proposal_id}"


def proposal_sent_block(proposal_id: int) -> str:
    """Edit / Withdraw / Reinstate of one request the member sent."""
    return f"proposal.sent.{proposal_id}"


def meeting_row_block(meeting_id: int) -> str:
    """The buttons of one meeting."""
    return f"meeting.row.{meeting_id}"


def relationship_past_block(relationship_id: int) -> str:
    """One past relationship's line on Home."""
    return f"relationship.past.{relationship_id}"


def relationship_card_block(relationship_id: int, now: datetime) -> str:
    """A relationship card's row; new at every render, so a menu never stays on its last
    choice (Slack keeps a drop-down's choice under an unchanged block_id)."""
    return f"relationship.card.{relationship_id}.{now:%d%H%M%S%f}"


# The admins' ids, read as ids.NAME like every other (kept apart only for the module's size).
from blocks.ids.admin import *  # noqa: E402, F403

"""The programme's tables as typed SQLAlchemy classes; every row belongs to one workspace."""

from domain.model.alerts import AdminAlert
from domain.model.cohort import CohortRun, CohortSuggestion
from domain.model.conversations import Conversation, ConversationMessage
from domain.model.installations import slack_bots, slack_installations, slack_oauth_states
from domain.model.journey import Proposal, Relationship
from domain.model.members import (
    Member,
    MenteeProfile,
    MentorProfile,
    area_list_of,
    area_pattern,
    mentee_areas,
    mentor_areas,
)
from domain.model.outbox import HomeRefresh, OutboxMessage
from domain.model.programme import AdminLogEntry, ListItem, Programme
from domain.model.reflection import (
    DiaryEntry,
    Goal,
    GoalMilestone,
    Worksheet,
    diary_entry_themes,
)
from domain.model.reminders import Nudge, NudgeMute
from domain.model.states import (
    AlertKind,
    AlertState,
    CohortOutcome,
    CohortRunStatus,
    GoalStatus,
    ListKind,
    MeetingStatus,
    MemberStatus,
    MilestoneKind,
    NudgeKind,
    NudgeStatus,
    OutboxKind,
    OutboxStatus,
    ProgrammeScope,
    ProposalStatus,
    RelationshipStatus,
    Stage,
    SupportKind,
    SupportState,
    WorksheetKind,
    member_of,
)
from domain.model.submissions import Submission
from domain.model.support import MemberBlock, SupportRequest
from domain.model.together import Feedback, Meeting, StageCompletion

__all__ = [
    "AdminAlert",
    "AdminLogEntry",
    "AlertKind",
    "AlertState",
    "CohortOutcome",
    "CohortRun",
    "CohortRunStatus",
    "CohortSuggestion",
    "Conversation",
    "ConversationMessage",
    "DiaryEntry",
    "Feedback",
    "Goal",
    "GoalMilestone",
    "GoalStatus",
    "HomeRefresh",
    "ListItem",
    "ListKind",
    "Meeting",
    "MeetingStatus",
    "Member",
    "MemberBlock",
    "MemberStatus",
    "MenteeProfile",
    "MentorProfile",
    "MilestoneKind",
    "Nudge",
    "NudgeKind",
    "NudgeMute",
    "NudgeStatus",
    "OutboxKind",
    "OutboxMessage",
    "OutboxStatus",
    "Programme",
    "ProgrammeScope",
    "Proposal",
    "ProposalStatus",
    "Relationship",
    "RelationshipStatus",
    "Stage",
    "StageCompletion",
    "Submission",
    "SupportKind",
    "SupportRequest",
    "SupportState",
    "Worksheet",
    "WorksheetKind",
    "area_list_of",
    "area_pattern",
    "diary_entry_themes",
    "member_of",
    "mentee_areas",
    "mentor_areas",
    "slack_bots",
    "slack_installations",
    "slack_oauth_states",
]

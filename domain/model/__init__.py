"""The programme's tables as typed SQLAlchemy classes; every row belongs to one workspace."""

from domain.model.conversations import Conversation, ConversationMessage
from domain.model.journey import Proposal, Relationship
from domain.model.members import Member, MenteeProfile, MentorProfile, mentee_areas, mentor_areas
from domain.model.outbox import HomeRefresh, OutboxMessage
from domain.model.programme import LIST_KINDS, ListItem, Programme
from domain.model.reflection import (
    MILESTONE_KINDS,
    WORKSHEET_KINDS,
    DiaryEntry,
    Goal,
    GoalMilestone,
    Worksheet,
    diary_entry_themes,
)
from domain.model.together import STAGES, Feedback, Meeting, StageCompletion

__all__ = [
    "LIST_KINDS",
    "MILESTONE_KINDS",
    "STAGES",
    "WORKSHEET_KINDS",
    "Conversation",
    "ConversationMessage",
    "DiaryEntry",
    "Feedback",
    "Goal",
    "GoalMilestone",
    "HomeRefresh",
    "ListItem",
    "Meeting",
    "Member",
    "MenteeProfile",
    "MentorProfile",
    "OutboxMessage",
    "Programme",
    "Proposal",
    "Relationship",
    "StageCompletion",
    "Worksheet",
    "diary_entry_themes",
    "mentee_areas",
    "mentor_areas",
]

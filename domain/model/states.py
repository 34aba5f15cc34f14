"""The closed vocabularies of the model: statuses, stages and kinds, each spelled once."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound=StrEnum)


class ProposalStatus(StrEnum):
    """Where a mentoring request stands (moves in domain.lifecycle)."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class RelationshipStatus(StrEnum):
    """Where a mentoring relationship stands (moves in domain.lifecycle)."""

    ACTIVE = "active"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"
    # Closed by the programme after a warning, when nobody got in touch (neither completed
    # nor withdrawn in the health report).
    INACTIVE = "inactive"


class MeetingStatus(StrEnum):
    """Whether a meeting is still on."""

    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class GoalStatus(StrEnum):
    """Whether a goal is still being worked on."""

    OPEN = "open"
    COMPLETED = "completed"


class MemberStatus(StrEnum):
    """Whether a member takes part in the programme."""

    ACTIVE = "active"
    # Cancelled their account or left the workspace: personal data erased, the row kept
    # (no name, a tombstone for a Slack id) so programme statistics still count them.
    ERASED = "erased"


class OutboxStatus(StrEnum):
    """Where a DM owed stands: waiting, being sent, delivered, given up, or withdrawn (a
    reminder whose subject changed before Slack took it)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    # The workspace uninstalled the app (or revoked its bot token) first: never retried.
    STOPPED = "stopped"


class ProgrammeScope(StrEnum):
    """Whom an org-wide install's programme is for: the whole Enterprise Grid org (one
    programme), or each of its workspaces (a programme apiece). Read on the org's own row."""

    ORG = "org"
    WORKSPACE = "workspace"


class Stage(StrEnum):
    """The road map of a relationship, in the order a pair goes through it."""

    FIRST_CONVERSATION = "first_conversation"
    PROGRESSION = "progression"
    COMPLETION = "completion"


class ListKind(StrEnum):
    """The programme's lists that profiles and matching choose from."""

    AREA = "area"
    ROLE = "role"
    COMMUNITY = "community"
    THEME = "theme"


class WorksheetKind(StrEnum):
    """The worksheets a member can fill in for a relationship."""

    SWOT = "swot"
    GSTAR = "gstar"


class MilestoneKind(StrEnum):
    """What a dated entry against a goal records."""

    MILESTONE = "milestone"
    REVIEW = "review"
    OUTCOME = "outcome"


class OutboxKind(StrEnum):
    """Every kind of DM the domain owes; each has a template and a block builder in blocks/."""

    WELCOME = "welcome"
    PROPOSAL_CARD = "proposal_card"
    PROPOSAL_REMINDER = "proposal_reminder"
    PROPOSAL_REINSTATED = "proposal_reinstated"
    PROPOSAL_WITHDRAWN = "proposal_withdrawn"
    PROPOSAL_ACCEPTED = "proposal_accepted"
    PROPOSAL_DECLINED = "proposal_declined"
    PROPOSAL_EXPIRED = "proposal_expired"
    PROPOSAL_CLOSED = "proposal_closed"
    RELATIONSHIP_ENDED = "relationship_ended"
    CONVERSATION_MESSAGE = "conversation_message"
    MEETING_ARRANGED = "meeting_arranged"
    MEETING_UPDATED = "meeting_updated"
    MEETING_CANCELLED = "meeting_cancelled"
    MEETING_REMINDER = "meeting_reminder"
    STAGE_COMPLETED = "stage_completed"
    COMPLETION_REQUESTED = "completion_requested"
    RELATIONSHIP_COMPLETED = "relationship_completed"
    JOURNEY_STARTED = "journey_started"
    GOAL_PDF = "goal_pdf"
    DIARY_PDF = "diary_pdf"
    WORKSHEET_PDF = "worksheet_pdf"
    # Programme admins: the health report as a PDF with its charts, or as CSV files.
    HEALTH_PDF = "health_pdf"
    HEALTH_CSV = "health_csv"
    # Programme admins (issue 11): manual matches, alert cards in the admin channel, nudges.
    ADMIN_MATCHED = "admin_matched"
    ADMIN_ALERT = "admin_alert"
    ADMIN_NUDGE = "admin_nudge"
    ADMIN_CLOSED = "admin_closed"
    # The mentee's word that cohort matching sent a request on their behalf.
    PROPOSAL_SUGGESTED = "proposal_suggested"
    # Reminders (domain/reminders): the day's nudges over the cap, in one DM
    NUDGE_DIGEST = "nudge_digest"
    # Newcomers (domain/reminders/kinds/newcomers): finish your profile; mentors to ask
    NUDGE_PROFILE_INCOMPLETE = "nudge_profile_incomplete"
    NUDGE_NO_REQUEST = "nudge_no_request"
    # Reminders: a goal's date is near, here or past (the payload says which)
    GOAL_DUE = "goal_due"
    # Reminders: the feedback survey of a completed relationship, still unanswered
    FEEDBACK_CHASE = "feedback_chase"
    # Reminders: once a meeting has ended, its notes and a diary entry to write
    MEETING_FOLLOW_UP = "meeting_follow_up"
    # A request closed at once because its mentor paused new requests or has no place left
    PROPOSAL_UNAVAILABLE = "proposal_unavailable"
    # Quiet and inactive relationships (domain/reminders/kinds/quiet.py, inactive.py): the
    # friendly nudge, the warning before closing, and the word that it was closed.
    QUIET_NUDGE = "quiet_nudge"
    INACTIVE_WARNING = "inactive_warning"
    INACTIVE_CLOSED = "inactive_closed"
    # Contact support (domain/support): the card to the support channel or each admin, the
    # person's "we have your request", and an admin's answer threaded under it.
    SUPPORT_CARD = "support_card"
    # Workflow Builder's "Invite to the mentoring programme" step (domain/workflows.py)
    PROGRAMME_INVITE = "programme_invite"
    # Workflow Builder's "Suggest mentors to a person" step: a mentee's three best matches
    MENTOR_SUGGESTIONS = "mentor_suggestions"
    # Workflow Builder's "Log a meeting" step: the partner hears who logged which meeting
    MEETING_LOGGED = "meeting_logged"
    SUPPORT_RECEIVED = "support_received"
    SUPPORT_ANSWER = "support_answer"
    # "See what is stored" (domain/personal_data): the person's data as JSON and PDF files.
    MY_DATA = "my_data"


class SupportKind(StrEnum):
    """What a support request is: a question, or a report about a person (later)."""

    QUESTION = "question"
    REPORT = "report"


class SupportState(StrEnum):
    """Whether an admin has answered a support request yet."""

    OPEN = "open"
    ANSWERED = "answered"


class AlertKind(StrEnum):
    """What an alert card in the programme's admin channel is about."""

    PROPOSAL_EXPIRED = "proposal_expired"
    QUIET_RELATIONSHIP = "quiet_relationship"
    SUPPORT_REQUEST = "support_request"
    # A member left the Slack workspace: withdrawn and erased (the card names nobody).
    MEMBER_LEFT = "member_left"


class AlertState(StrEnum):
    """Whether an admin has acted on an alert card (then its buttons go)."""

    OPEN = "open"
    HANDLED = "handled"


def member_of(vocabulary: type[E], value: str) -> E | None:
    """The member spelled `value`, or None when it is not one (input from outside)."""
    try:
        return vocabulary(value)
    except ValueError:
        return None


def one_of(column: str, vocabulary: type[StrEnum]) -> str:
    """A CHECK expression allowing exactly the vocabulary's values in `column`."""
    return f"{column} IN ({', '.join(repr(m.value) for m in vocabulary)})"


def equals(column: str, member: StrEnum) -> str:
    """A partial-index condition: `column` holds this one value."""
    return f"{column} = '{member.value}'"


# Whole-cohort matching (domain/admin/cohort)
class CohortRunStatus(StrEnum):
    """A cohort run: suggested and under review, or published as proposals (once)."""

    DRAFT = "draft"
    PUBLISHED = "published"


class CohortOutcome(StrEnum):
    """What publishing did with one suggested pair: a proposal, or why it was skipped."""

    PROPOSED = "proposed"
    MENTEE_MATCHED = "mentee_matched"
    MENTEE_LEFT = "mentee_left"
    MENTOR_UNAVAILABLE = "mentor_unavailable"
    MENTOR_FULL = "mentor_full"
    NOT_POSSIBLE = "not_possible"


# Reminders and nudges (domain/reminders)
class NudgeKind(StrEnum):
    """A kind of reminder the programme sends by itself; each can be muted on its own."""

    MEETING_SOON = "meeting_soon"
    MEETING_FOLLOW_UP = "meeting_follow_up"
    PROPOSAL_CHASE = "proposal_chase"
    GOAL_DUE = "goal_due"
    QUIET_RELATIONSHIP = "quiet_relationship"
    INACTIVE_RELATIONSHIP = "inactive_relationship"
    FEEDBACK_CHASE = "feedback_chase"
    PROFILE_INCOMPLETE = "profile_incomplete"
    NO_REQUEST = "no_request"
    DIGEST = "digest"


class NudgeStatus(StrEnum):
    """What became of one nudge: sent, held over the day's cap, or folded into a digest."""

    SENT = "sent"
    HELD = "held"
    DIGESTED = "digested"
    DROPPED = "dropped"  # held, then out of date before the digest went

"""Where a member's personal data lives: for each table, the columns that tie a row to a
person, the export section each lands in, or why it is deliberately left out.

tests/domain/test_personal_data_export.py reads Base.metadata and fails when a table or a
column that points at a person is missing here, so a new table cannot slip past the export
(or the erasure, which reads the same catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """One column that ties a row to a person: the export section it goes to, or why not."""

    column: str
    section: str | None = None
    reason: str = ""

    @property
    def exported(self) -> bool:
        """Whether rows found through this column are in the person's export."""
        return self.section is not None


def _out(column: str, reason: str) -> Link:
    return Link(column, None, reason)


ADMIN = "admin_actions"

# Table -> the columns linking its rows to a person. Child tables with no person column
# of their own (milestones, themes, areas) are reached through their parent's row.
CATALOGUE: dict[str, tuple[Link, ...]] = {
    "members": (Link("slack_user_id", "member"),),
    "mentor_profiles": (Link("member_id", "mentor_profile"),),
    "mentee_profiles": (Link("member_id", "mentee_profile"),),
    "mentor_areas": (Link("member_id", "mentor_profile"),),
    "mentee_areas": (Link("member_id", "mentee_profile"),),
    "nudge_mutes": (Link("member_id", "settings"),),
    "member_blocks": (
        Link("blocker_id", "settings"),
        _out("blocked_id", "who blocked a person is kept from them, for the blocker's safety"),
    ),
    "proposals": (Link("mentee_id", "proposals"), Link("mentor_id", "proposals")),
    "relationships": (Link("mentee_id", "relationships"), Link("mentor_id", "relationships"),
                      Link("ended_by_id", "relationships")),
    "stage_completions": (Link("completed_by_id", "relationships"),),
    "conversations": (Link("first_member_id", "messages"), Link("second_member_id", "messages")),
    "conversation_messages": (Link("author_id", "messages"),),
    "meetings": (Link("created_by_id", "meetings"),),
    "goals": (Link("author_id", "goals"),),
    "goal_milestones": (Link("goal_id", "goals"),),
    "worksheets": (Link("author_id", "worksheets"),),
    "diary_entries": (Link("author_id", "diary"),),
    "diary_entry_themes": (Link("entry_id", "diary"),),
    "feedback": (Link("author_id", "feedback"),),
    "support_requests": (
        Link("requester_user_id", "support_requests"),
        Link("member_id", "support_requests"),
        _out("reported_member_id", "reports about a person are for the programme's admins only"),
        Link("answered_by_user_id", ADMIN),
    ),
    "nudges": (Link("member_id", "reminders"),),
    "admin_log": (Link("actor_user_id", ADMIN),),
    "cohort_runs": (Link("created_by", ADMIN), Link("published_by", ADMIN)),
    "admin_alerts": (
        _out("mentee_id", "admins' working cards about the programme, not about the person"),
        _out("mentor_id", "admins' working cards about the programme, not about the person"),
        _out("requester_user_id", "the support request it stands for is exported itself"),
        Link("handled_by_user_id", ADMIN),
    ),
    "cohort_suggestions": (
        _out("mentee_id", "admins' draft pairings; a pairing sent becomes a proposal, exported"),
        _out("mentor_id", "admins' draft pairings; a pairing sent becomes a proposal, exported"),
    ),
    # How long: domain/outbox/retention.py (RETENTION).
    "outbox": (_out("recipient_user_id",
                    "technical delivery record, kept 90 days after the message is sent: the "
                    "messages themselves are in your Slack DMs"),),
    "home_refreshes": (_out("user_id", "technical: a Home tab waiting to be re-published"),),
    "programmes": (Link("admin_user_ids", ADMIN),),
    # Installs by OAuth (distributed mode): the workspace's, not a member's.
    "slack_installations": (
        _out("user_id", "technical: who installed the app, kept with its secret tokens"),
        _out("bot_user_id", "the app's own bot user, not a person"),
    ),
    "slack_bots": (_out("bot_user_id", "the app's own bot user, not a person"),),
}

# Tables that hold nothing about any one person, and why.
NO_PERSON: dict[str, str] = {
    "list_items": "the programme's lists (areas, roles, communities); exported by label",
    "submissions": "technical: guards against double submits, names no one",
    "slack_oauth_states": "technical: one-time states of an install in progress",
}

SECTIONS: tuple[str, ...] = (
    "member", "settings", "mentor_profile", "mentee_profile", "proposals", "relationships",
    "messages", "meetings", "goals", "worksheets", "diary", "feedback", "support_requests",
    "reminders", ADMIN)


def links_of(table: str) -> tuple[Link, ...]:
    """The catalogued person columns of `table` (none for a table that names no one)."""
    return CATALOGUE.get(table, ())


def not_exported() -> list[tuple[str, str, str]]:
    """(table, column, reason) of every person column deliberately left out of the export."""
    return [(table, link.column, link.reason) for table, links in CATALOGUE.items()
            for link in links if not link.exported]

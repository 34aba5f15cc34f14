"""What buttons, menus and modals carry back to us: one small typed shape per kind of payload.

Write them with `value(...)` / `metadata(...)`, read them with `action_payload` / `view_payload`
(blocks.codec's, re-exported here); never by hand. The member journey's shapes live in
`journey`, the programme admins' in `admin`; importing this package registers them all."""

from __future__ import annotations

from blocks.codec import (
    BoundView,
    action_payload,
    decode,
    decode_id,
    decode_ids,
    encode,
    encode_id,
    metadata,
    value,
    view_payload,
)
from blocks.payloads.admin import (
    AdminListForm,
    AdminListItem,
    AdminListPage,
    AlertRef,
    CohortPage,
    CohortPair,
    MatchDraft,
)
from blocks.payloads.journey import (
    EntryRef,
    GoalAction,
    GoalMenuChoice,
    GoalRef,
    HelpGo,
    HelpPlace,
    MeetingRef,
    MemberRef,
    MilestoneRef,
    Page,
    ProposalForm,
    ProposalRef,
    RelationshipAction,
    RelationshipRef,
    ReminderKindRef,
    SearchState,
    StageMark,
    SupportRef,
    Target,
    Worksheet,
)

__all__ = [
    "AdminListForm", "AdminListItem", "AdminListPage", "AlertRef", "BoundView", "CohortPage",
    "CohortPair", "EntryRef", "GoalAction", "GoalMenuChoice", "GoalRef", "HelpGo", "HelpPlace",
    "MatchDraft", "MeetingRef", "MemberRef", "MilestoneRef", "Page", "ProposalForm",
    "ProposalRef", "RelationshipAction", "RelationshipRef", "ReminderKindRef", "SearchState",
    "StageMark", "SupportRef", "Target", "Worksheet", "action_payload", "decode", "decode_id",
    "decode_ids", "encode", "encode_id", "metadata", "value", "view_payload",
]

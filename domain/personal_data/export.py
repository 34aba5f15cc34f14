"""Everything the programme holds about one member, as a plain JSON-able document.

One statement per table, never one per row: each section reads its table once, keyed by
the actor's own member id (or Slack id), and names come from one read of the people named.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from domain.members import Actor, require_member
from domain.model import (
    AdminAlert,
    AdminLogEntry,
    CohortRun,
    Conversation,
    ConversationMessage,
    DiaryEntry,
    Feedback,
    Goal,
    GoalMilestone,
    ListItem,
    Meeting,
    Member,
    MemberBlock,
    Nudge,
    NudgeMute,
    Programme,
    Proposal,
    Relationship,
    StageCompletion,
    SupportRequest,
    Worksheet,
    diary_entry_themes,
)

Doc = dict[str, Any]


def _when(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _labels(session: Session, team_id: str) -> dict[int, str]:
    """Every list item's label in the workspace (areas, roles, communities)."""
    rows = session.execute(select(ListItem.id, ListItem.label).where(ListItem.team_id == team_id))
    return {item_id: label for item_id, label in rows}


def _names(session: Session, member_ids: set[int]) -> dict[int, str]:
    """The names of the people the document mentions (partners, blocked people)."""
    if not member_ids:
        return {}
    rows = session.execute(select(Member.id, Member.name).where(Member.id.in_(member_ids)))
    return {member_id: name for member_id, name in rows}


def _member(me: Member) -> Doc:
    return {"name": me.name, "slack_user_id": me.slack_user_id, "slack_email": me.slack_email,
            "contact_email": me.contact_email, "photo": me.image_url, "time_zone": me.tz,
            "job_title": me.job_title, "organisation": me.organisation,
            "mentor": me.is_mentor, "mentee": me.is_mentee, "status": str(me.status),
            "registered_at": _when(me.registered_at), "updated_at": _when(me.updated_at)}


def _profiles(me: Member, labels: dict[int, str]) -> tuple[Doc | None, Doc | None]:
    mentor, mentee = me.mentor_profile, me.mentee_profile
    mentor_doc = mentor and {
        "role": labels.get(mentor.role_id), "community": labels.get(mentor.community_id),
        "areas": [a.label for a in mentor.areas], "experience": mentor.bio,
        "capacity": mentor.capacity, "open_to_requests": mentor.open_to_requests,
        "updated_at": _when(mentor.updated_at)}
    mentee_doc = mentee and {
        "preferred_role": labels.get(mentee.preferred_role_id or 0),
        "preferred_community": labels.get(mentee.preferred_community_id or 0),
        "areas": [a.label for a in mentee.areas], "statement": mentee.statement,
        "paused": mentee.paused, "updated_at": _when(mentee.updated_at)}
    return mentor_doc, mentee_doc


def _settings(session: Session, me: Member, names: dict[int, str],
              blocks: list[MemberBlock]) -> Doc:
    muted = session.scalars(select(NudgeMute).where(NudgeMute.member_id == me.id)).all()
    return {"contact_email": me.contact_email,
            "paused_as_mentor": (not me.mentor_profile.open_to_requests
                                 if me.mentor_profile else None),
            "paused_as_mentee": me.mentee_profile.paused if me.mentee_profile else None,
            "muted_reminders": [{"kind": str(m.kind), "since": _when(m.muted_at)} for m in muted],
            "blocked_people": [{"name": names.get(b.blocked_id, ""), "since": _when(b.created_at)}
                               for b in blocks]}


def _proposal(p: Proposal, me: Member, names: dict[int, str], labels: dict[int, str]) -> Doc:
    sent = p.mentee_id == me.id
    return {"direction": "sent" if sent else "received",
            "to" if sent else "from": names.get(p.mentor_id if sent else p.mentee_id, ""),
            "area": labels.get(p.area_id), "statement": p.statement, "status": str(p.status),
            "answer": p.answer_note, "sent_at": _when(p.created_at),
            "answered_at": _when(p.answered_at)}


def _relationship(r: Relationship, me: Member, names: dict[int, str],
                  stages: dict[int, list[Doc]]) -> Doc:
    as_mentor = r.mentor_id == me.id
    return {"id": r.id, "you_are": "mentor" if as_mentor else "mentee",
            "partner": names.get(r.mentee_id if as_mentor else r.mentor_id, ""),
            "status": str(r.status), "stage": str(r.stage), "started_at": _when(r.started_at),
            "ended_at": _when(r.ended_at), "ended_by_you": r.ended_by_id == me.id,
            "end_reason": r.end_reason if r.ended_by_id == me.id else "",
            "stages_you_completed": stages.get(r.id, [])}


def _messages(session: Session, me: Member, names: dict[int, str]) -> list[Doc]:
    """The messages the member wrote (their partners' words are theirs to export)."""
    rows = session.execute(
        select(ConversationMessage, Conversation.first_member_id, Conversation.second_member_id)
        .join(Conversation, Conversation.id == ConversationMessage.conversation_id)
        .where(ConversationMessage.author_id == me.id)
        .order_by(ConversationMessage.created_at, ConversationMessage.id))
    return [{"to": names.get(second if first == me.id else first, ""), "text": m.body,
             "files": [{"name": f.get("name") or f.get("title")} for f in m.files or []],
             "sent_at": _when(m.created_at)} for m, first, second in rows]


def _meetings(session: Session, relationship_ids: list[int], me: Member) -> list[Doc]:
    found = session.scalars(select(Meeting).where(Meeting.relationship_id.in_(relationship_ids))
                            .order_by(Meeting.starts_at, Meeting.id)).all()
    return [{"relationship": m.relationship_id, "title": m.title, "starts_at": _when(m.starts_at),
             "minutes": m.duration_minutes, "location": m.location, "details": m.details,
             "video": m.video_url, "status": str(m.status), "notes": m.notes,
             "arranged_by_you": m.created_by_id == me.id} for m in found]


def _goals(session: Session, me: Member) -> list[Doc]:
    goals = session.scalars(select(Goal).where(Goal.author_id == me.id)
                            .order_by(Goal.created_at, Goal.id)).all()
    milestones: dict[int, list[Doc]] = {g.id: [] for g in goals}
    for m in session.scalars(select(GoalMilestone).where(GoalMilestone.goal_id.in_(milestones))
                             .order_by(GoalMilestone.happened_on, GoalMilestone.id)):
        milestones[m.goal_id].append({"kind": str(m.kind), "text": m.text,
                                      "on": _when(m.happened_on)})
    return [{"relationship": g.relationship_id, "goal": g.label, "details": g.details,
             "due_on": _when(g.due_on), "status": str(g.status), "outcome": g.outcome_note,
             "completed_at": _when(g.completed_at), "milestones": milestones[g.id]}
            for g in goals]


def _worksheets(session: Session, me: Member) -> list[Doc]:
    found = session.scalars(select(Worksheet).where(Worksheet.author_id == me.id)
                            .order_by(Worksheet.created_at, Worksheet.id)).all()
    return [{"relationship": w.relationship_id, "kind": str(w.kind), "sections": w.sections,
             "updated_at": _when(w.updated_at)} for w in found]


def _diary(session: Session, me: Member) -> list[Doc]:
    entries = session.scalars(select(DiaryEntry).where(DiaryEntry.author_id == me.id)
                              .order_by(DiaryEntry.entry_date, DiaryEntry.id)).all()
    themes: dict[int, list[str]] = {e.id: [] for e in entries}
    for entry_id, theme in session.execute(
            select(diary_entry_themes.c.entry_id, diary_entry_themes.c.theme)
            .where(diary_entry_themes.c.entry_id.in_(themes))
            .order_by(diary_entry_themes.c.theme)):
        themes[entry_id].append(theme)
    return [{"title": e.title, "date": _when(e.entry_date), "reflection": e.reflection,
             "themes": themes[e.id], "from_message": e.source_permalink} for e in entries]


def _feedback(session: Session, me: Member) -> list[Doc]:
    found = session.scalars(select(Feedback).where(Feedback.author_id == me.id)).all()
    return [{"relationship": f.relationship_id, "rating": f.rating, "goals_met": f.goals_met,
             "would_recommend": f.would_recommend, "what_worked": f.what_worked,
             "could_be_better": f.could_be_better, "submitted_at": _when(f.submitted_at)}
            for f in found]


def _support(requests: list[SupportRequest]) -> list[Doc]:
    return [{"subject": s.subject, "message": s.message, "name": s.name, "email": s.email,
             "kind": str(s.kind), "state": str(s.state), "sent_at": _when(s.created_at),
             "answer": s.answer, "answered_at": _when(s.answered_at)} for s in requests]


def _reminders(session: Session, me: Member) -> list[Doc]:
    found = session.execute(select(Nudge.kind, Nudge.status, Nudge.created_at)
                            .where(Nudge.member_id == me.id).order_by(Nudge.created_at))
    return [{"kind": str(kind), "status": str(status), "at": _when(at)}
            for kind, status, at in found]


def _admin_actions(session: Session, actor: Actor, answered: list[SupportRequest]) -> Doc:
    """What the member did as a programme admin (asked only of admins)."""
    me, team = actor.user_id, actor.team_id
    log = session.scalars(select(AdminLogEntry).where(
        AdminLogEntry.team_id == team, AdminLogEntry.actor_user_id == me)
        .order_by(AdminLogEntry.at)).all()
    runs = session.scalars(select(CohortRun).where(
        CohortRun.team_id == team, or_(CohortRun.created_by == me, CohortRun.published_by == me))
        .order_by(CohortRun.created_at)).all()
    alerts = session.scalars(select(AdminAlert).where(
        AdminAlert.team_id == team, AdminAlert.handled_by_user_id == me)).all()
    return {"changes": [{"action": e.action, "subject": e.subject, "at": _when(e.at)}
                        for e in log],
            "cohort_runs": [{"created_by_you": r.created_by == me, "published_by_you":
                             r.published_by == me, "at": _when(r.created_at)} for r in runs],
            "alerts_handled": [{"kind": str(a.kind), "action": a.handled_action,
                                "at": _when(a.handled_at)} for a in alerts],
            "support_answered": [{"request": s.id, "at": _when(s.answered_at)}
                                 for s in answered]}


def _is_admin(session: Session, actor: Actor, me: Member) -> bool:
    admins = session.scalar(select(Programme.admin_user_ids)
                            .where(Programme.team_id == actor.team_id)) or []
    return me.workspace_admin or actor.user_id in admins


def _together(session: Session, me: Member) -> tuple[list[Proposal], list[Relationship],
                                                    list[MemberBlock]]:
    """The rows that name the member's partners, read before the partners' names."""
    proposals = session.scalars(select(Proposal).where(
        or_(Proposal.mentee_id == me.id, Proposal.mentor_id == me.id))
        .order_by(Proposal.created_at, Proposal.id)).all()
    pairs = session.scalars(select(Relationship).where(
        or_(Relationship.mentee_id == me.id, Relationship.mentor_id == me.id))
        .order_by(Relationship.started_at, Relationship.id)).all()
    blocks = session.scalars(select(MemberBlock).where(MemberBlock.blocker_id == me.id)).all()
    return list(proposals), list(pairs), list(blocks)


def _stages(session: Session, me: Member) -> dict[int, list[Doc]]:
    found: dict[int, list[Doc]] = {}
    for done in session.scalars(select(StageCompletion)
                                .where(StageCompletion.completed_by_id == me.id)):
        found.setdefault(done.relationship_id, []).append(
            {"stage": str(done.stage), "at": _when(done.completed_at)})
    return found


def _people(session: Session, me: Member, proposals: list[Proposal],
            pairs: list[Relationship], blocks: list[MemberBlock]) -> dict[int, str]:
    """The names of everyone the document mentions: partners, requesters, blocked people."""
    people = {p.mentee_id for p in proposals} | {p.mentor_id for p in proposals}
    people |= {r.mentee_id for r in pairs} | {r.mentor_id for r in pairs}
    people |= {b.blocked_id for b in blocks}
    conversations = session.execute(select(
        Conversation.first_member_id, Conversation.second_member_id).where(or_(
            Conversation.first_member_id == me.id, Conversation.second_member_id == me.id)))
    people |= {who for pair in conversations for who in pair}
    return _names(session, people - {me.id})


def _support_rows(session: Session, actor: Actor) -> list[SupportRequest]:
    """The requests the actor sent, and those they answered as an admin, in one read."""
    return list(session.scalars(select(SupportRequest).where(
        SupportRequest.team_id == actor.team_id,
        or_(SupportRequest.requester_user_id == actor.user_id,
            SupportRequest.answered_by_user_id == actor.user_id))
        .order_by(SupportRequest.created_at)))


def export_personal_data(session: Session, *, actor: Actor, now: datetime) -> Doc:
    """Everything the programme holds about the actor, section by section (see catalogue)."""
    me = require_member(session, actor=actor)
    labels = _labels(session, actor.team_id)
    proposals, pairs, blocks = _together(session, me)
    names = _people(session, me, proposals, pairs, blocks)
    support = _support_rows(session, actor)
    mentor, mentee = _profiles(me, labels)
    stages = _stages(session, me)
    doc: Doc = {
        "exported_at": _when(now), "member": _member(me),
        "settings": _settings(session, me, names, blocks),
        "mentor_profile": mentor, "mentee_profile": mentee,
        "proposals": [_proposal(p, me, names, labels) for p in proposals],
        "relationships": [_relationship(r, me, names, stages) for r in pairs],
        "messages": _messages(session, me, names),
        "meetings": _meetings(session, [r.id for r in pairs], me),
        "goals": _goals(session, me), "worksheets": _worksheets(session, me),
        "diary": _diary(session, me), "feedback": _feedback(session, me),
        "support_requests": _support([s for s in support
                                      if s.requester_user_id == actor.user_id]),
        "reminders": _reminders(session, me), "admin_actions": None}
    if _is_admin(session, actor, me):
        doc["admin_actions"] = _admin_actions(
            session, actor, [s for s in support if s.answered_by_user_id == actor.user_id])
    return doc

"""Acting on an alert card: claimed once (a conditional UPDATE), then the card shows who did what.

Two admins clicking at once, or one clicking twice, both reach `claim_alert`; the database lets
one of them move the alert from open to handled, and the other is told who already acted.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from domain import outbox
from domain.admin.access import require_admin
from domain.admin.alerts.cards import card_key, card_payload
from domain.errors import DomainError
from domain.loading import PROFILES, SIDES
from domain.members import Actor
from domain.model import (
    AdminAlert,
    AdminLogEntry,
    AlertState,
    Member,
    OutboxKind,
    Relationship,
    RelationshipStatus,
)
from domain.people import in_workspace, person
from domain.programme import ProgrammeSnapshot
from domain.relationships import MAX_REASON, end_early
from domain.text import one_text

NUDGE, CLOSE, DONE = "nudge", "close", "done"
# How the loser of a race is told what the winner did.
DONE_AS = {NUDGE: "nudged both", "match": "matched the mentee manually",
           CLOSE: "closed the relationship", DONE: "marked this alert as handled"}


class AlreadyHandled(DomainError):
    """Another admin (or another click) acted on this alert first."""


def _handled_message(alert: AdminAlert) -> str:
    who = alert.handled_by_name or "Another admin"
    return f"{who} already {DONE_AS.get(alert.handled_action or '', 'acted on this alert')}."


def _alert(session: Session, actor: Actor, alert_id: int, *, fresh: bool = False) -> AdminAlert:
    return in_workspace(session, actor=actor, model=AdminAlert, object_id=alert_id,
                        what="alert", fresh=fresh)


def open_alert(session: Session, *, actor: Actor, workspace_admin: bool, alert_id: int,
               now: datetime, still_open: bool = True) -> tuple[ProgrammeSnapshot, AdminAlert]:
    """An alert of the admin's programme; with `still_open`, refused once someone acted."""
    programme = require_admin(session, actor=actor, workspace_admin=workspace_admin,
                              what="alert", now=now)
    alert = _alert(session, actor, alert_id)
    if still_open and alert.state != AlertState.OPEN:
        raise AlreadyHandled(_handled_message(alert))
    return programme, alert


def claim_alert(session: Session, *, actor: Actor, admin_name: str, alert_id: int, action: str,
                done: str, now: datetime) -> AdminAlert:
    """Mark the alert handled by the actor, or refuse when someone did first; the card is
    updated in place to say who did what (`done`), without its buttons."""
    claimed = session.execute(
        update(AdminAlert).where(AdminAlert.id == alert_id, AdminAlert.team_id == actor.team_id,
                                 AdminAlert.state == AlertState.OPEN)
        .values(state=AlertState.HANDLED, handled_by_user_id=actor.user_id,
                handled_by_name=(admin_name or "An admin")[:120], handled_action=action,
                handled_at=now)
        .execution_options(synchronize_session=False)).rowcount
    alert = _alert(session, actor, alert_id, fresh=True)
    if claimed != 1:
        raise AlreadyHandled(_handled_message(alert))
    channel, shown = card_payload(session, alert=alert)
    outbox.enqueue(session, team_id=alert.team_id, recipient=channel or actor.user_id,
                   kind=OutboxKind.ADMIN_ALERT, dedupe_key=f"{card_key(alert.id)}:handled",
                   now=now, payload={**shown, "replaces": card_key(alert.id),
                                     "handled": {"by": alert.handled_by_name, "done": done,
                                                 "at": now.isoformat()}})
    return alert


def _log(session: Session, actor: Actor, alert: AdminAlert, action: str, now: datetime,
         after: dict[str, Any] | None = None) -> None:
    session.add(AdminLogEntry(team_id=actor.team_id, actor_user_id=actor.user_id,
                              action=f"alert_{action}", subject=f"alert {alert.id} ({alert.kind})",
                              after=after, at=now))


def _sides(session: Session, alert: AdminAlert) -> tuple[Member, Member]:
    """The alert's mentee and mentor, when it is about a pair."""
    ids = [i for i in (alert.mentee_id, alert.mentor_id) if i]
    found = {m.id: m for m in session.scalars(select(Member).where(Member.id.in_(ids))
                                              .options(*PROFILES)).unique()}
    if alert.mentee_id not in found or alert.mentor_id not in found:
        raise DomainError("This alert is not about a pair, so there is nobody to nudge.")
    return found[alert.mentee_id], found[alert.mentor_id]


def nudge_both(session: Session, *, actor: Actor, workspace_admin: bool, admin_name: str,
               alert_id: int, now: datetime) -> AdminAlert:
    """A friendly DM to both people of the alert, once, whoever clicks first."""
    programme, alert = open_alert(session, actor=actor, workspace_admin=workspace_admin,
                                  alert_id=alert_id, now=now)
    mentee, mentor = _sides(session, alert)
    alert = claim_alert(session, actor=actor, admin_name=admin_name, alert_id=alert.id,
                        action=NUDGE, done="nudged both", now=now)
    for side, partner in ((mentee, mentor), (mentor, mentee)):
        outbox.enqueue(session, team_id=actor.team_id, recipient=side.slack_user_id,
                       kind=OutboxKind.ADMIN_NUDGE, now=now,
                       dedupe_key=f"{card_key(alert.id)}:nudge:{side.id}",
                       payload={"alert_kind": alert.kind, "name": side.name,
                                "partner": person(partner), "i_am_mentor": side is mentor,
                                "by": alert.handled_by_name, "programme": programme.name})
    _log(session, actor, alert, NUDGE, now)
    return alert


def relationship_to_close(session: Session, *, actor: Actor, workspace_admin: bool,
                          alert_id: int, now: datetime) -> tuple[AdminAlert, Relationship]:
    """The alert's active relationship, for the confirmation before closing it."""
    _, alert = open_alert(session, actor=actor, workspace_admin=workspace_admin,
                          alert_id=alert_id, now=now)
    return alert, _active_relationship(session, alert)


def _active_relationship(session: Session, alert: AdminAlert) -> Relationship:
    relationship = session.scalars(select(Relationship).where(
        Relationship.id == (alert.relationship_id or 0)).options(*SIDES)).unique().one_or_none()
    if relationship is None:
        raise DomainError("This alert is not about a relationship.")
    if relationship.status != RelationshipStatus.ACTIVE:
        raise DomainError("This relationship has already ended.")
    return relationship


def close_from_alert(session: Session, *, actor: Actor, workspace_admin: bool, admin_name: str,
                     alert_id: int, reason: str, now: datetime) -> Relationship:
    """End the alert's relationship as a withdrawal does; both are told, kindly."""
    reason = one_text("reason", reason, label="reason", max_length=MAX_REASON)
    programme, alert = open_alert(session, actor=actor, workspace_admin=workspace_admin,
                                  alert_id=alert_id, now=now)
    relationship = _active_relationship(session, alert)
    alert = claim_alert(session, actor=actor, admin_name=admin_name, alert_id=alert.id,
                        action=CLOSE, done="closed the relationship", now=now)
    end_early(session, relationship=relationship, ended_by_id=None, reason=reason, now=now)
    for side, partner in ((relationship.mentee, relationship.mentor),
                          (relationship.mentor, relationship.mentee)):
        outbox.enqueue(session, team_id=actor.team_id, recipient=side.slack_user_id,
                       kind=OutboxKind.ADMIN_CLOSED, now=now,
                       dedupe_key=f"relationship:{relationship.id}:closed:{side.id}",
                       payload={"partner": person(partner), "reason": reason,
                                "i_am_mentor": side is relationship.mentor,
                                "by": alert.handled_by_name, "programme": programme.name})
    _log(session, actor, alert, CLOSE, now, {"relationship_id": relationship.id})
    return relationship


def mark_handled(session: Session, *, actor: Actor, workspace_admin: bool, admin_name: str,
                 alert_id: int, now: datetime) -> AdminAlert:
    """The admin dealt with it another way: the card says so and its buttons go."""
    open_alert(session, actor=actor, workspace_admin=workspace_admin, alert_id=alert_id, now=now)
    alert = claim_alert(session, actor=actor, admin_name=admin_name, alert_id=alert_id,
                        action=DONE, done="marked this as handled", now=now)
    _log(session, actor, alert, DONE, now)
    return alert


def people_of_alert(session: Session, *, actor: Actor, workspace_admin: bool, alert_id: int,
                    now: datetime) -> list[Member]:
    """The members an alert is about, with their profiles, for Open profile."""
    _, alert = open_alert(session, actor=actor, workspace_admin=workspace_admin,
                          alert_id=alert_id, now=now, still_open=False)
    ids = [i for i in (alert.mentee_id, alert.mentor_id) if i]
    query = select(Member).where(Member.id.in_(ids)) if ids else select(Member).where(
        Member.team_id == alert.team_id, Member.slack_user_id == alert.requester_user_id)
    found = list(session.scalars(query.options(*PROFILES)).unique())
    return sorted(found, key=lambda m: 0 if m.id == alert.mentee_id else 1)


def mentee_of_alert(session: Session, *, actor: Actor, workspace_admin: bool, alert_id: int,
                    now: datetime) -> str | None:
    """The Slack id of the mentee an alert is about, to fill in the manual match."""
    _, alert = open_alert(session, actor=actor, workspace_admin=workspace_admin,
                          alert_id=alert_id, now=now)
    if alert.mentee_id is None:
        return None
    return session.scalar(select(Member.slack_user_id).where(Member.id == alert.mentee_id))

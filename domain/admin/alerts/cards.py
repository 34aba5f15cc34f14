"""Raising alert cards: one row per cause, and its card owed to the admin channel by the outbox.

Nothing is raised while the programme has no admin channel: there is nobody to show it to.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain import outbox
from domain.loading import PROFILES
from domain.model import (
    AdminAlert,
    AlertKind,
    AlertState,
    Member,
    MemberStatus,
    OutboxKind,
    OutboxMessage,
    Proposal,
    Relationship,
)
from domain.people import person
from domain.programme import ensure_programme

MAX_SUMMARY = 2000


def card_key(alert_id: int) -> str:
    """The outbox key of an alert's card; its update in place names it in `replaces`."""
    return f"admin_alert:{alert_id}"


def _raise(session: Session, *, alert: AdminAlert, payload: dict[str, Any], now: datetime
           ) -> AdminAlert | None:
    """Keep the alert and owe its card, once per cause; None when it was raised already or
    the programme has no admin channel."""
    channel = ensure_programme(session, team_id=alert.team_id, now=now).admin_channel_id
    if not channel:
        return None
    try:
        with session.begin_nested():
            session.add(alert)
    except IntegrityError:  # raised already (the same cause seen twice)
        return None
    outbox.enqueue(session, team_id=alert.team_id, recipient=channel,
                   kind=OutboxKind.ADMIN_ALERT, dedupe_key=card_key(alert.id), now=now,
                   payload={"alert_id": alert.id, "kind": alert.kind, "to_channel": True,
                            "at": now.isoformat(), "handled": None, **payload})
    return alert


def alert_proposal_expired(session: Session, *, proposal: Proposal, now: datetime
                           ) -> AdminAlert | None:
    """A card for a request nobody answered before it expired (proposal loaded with its
    members and area)."""
    alert = AdminAlert(team_id=proposal.team_id, kind=AlertKind.PROPOSAL_EXPIRED,
                       state=AlertState.OPEN, dedupe_key=f"proposal:{proposal.id}:expired",
                       mentee_id=proposal.mentee_id, mentor_id=proposal.mentor_id,
                       proposal_id=proposal.id, created_at=now)
    return _raise(session, alert=alert, now=now, payload={
        "mentee": person(proposal.mentee), "mentor": person(proposal.mentor),
        "area": proposal.area.label, "asked_at": proposal.created_at.isoformat(),
        "expired_at": proposal.expires_at.isoformat()})


def alert_quiet_relationship(session: Session, *, relationship: Relationship,
                             quiet_since: datetime, now: datetime) -> AdminAlert | None:
    """A card for a relationship with no activity since `quiet_since` (one per quiet spell:
    the spell is known by when it began)."""
    alert = AdminAlert(team_id=relationship.team_id, kind=AlertKind.QUIET_RELATIONSHIP,
                       state=AlertState.OPEN, mentee_id=relationship.mentee_id,
                       mentor_id=relationship.mentor_id, relationship_id=relationship.id,
                       dedupe_key=f"relationship:{relationship.id}:quiet:"
                                  f"{quiet_since.timestamp():.0f}",
                       created_at=now)
    return _raise(session, alert=alert, now=now, payload={
        "mentee": person(relationship.mentee), "mentor": person(relationship.mentor),
        "started_at": relationship.started_at.isoformat(),
        "quiet_since": quiet_since.isoformat(), "quiet_days": (now - quiet_since).days})


def alert_support_request(session: Session, *, team_id: str, requester_user_id: str,
                          summary: str, now: datetime, requester_name: str = "",
                          request_id: int | None = None) -> AdminAlert | None:
    """A card for a new support request (the help feature calls this with what was asked, and
    the name the person gave when they are not a member)."""
    requester = session.scalars(select(Member).where(
        Member.team_id == team_id, Member.slack_user_id == requester_user_id,
        Member.status == MemberStatus.ACTIVE).options(*PROFILES)).unique().one_or_none()
    summary = (summary or "").strip()[:MAX_SUMMARY]
    alert = AdminAlert(team_id=team_id, kind=AlertKind.SUPPORT_REQUEST, state=AlertState.OPEN,
                       dedupe_key=f"support:{requester_user_id}:{now.timestamp():.6f}",
                       mentee_id=requester.id if requester and requester.is_mentee else None,
                       requester_user_id=requester_user_id, summary=summary, created_at=now)
    shown = person(requester) if requester else {"member_id": None, "user_id": requester_user_id,
                                                 "name": requester_name[:120], "email": ""}
    return _raise(session, alert=alert, now=now, payload={
        "requester": shown, "summary": summary, "request_id": request_id,
        "mentee": person(requester) if alert.mentee_id and requester else None,
        "mentor": None})


def alert_member_left(session: Session, *, team_id: str, member_id: int, mentees: int,
                      mentors: int, partners: list[str], now: datetime) -> AdminAlert | None:
    """A card for a member who left the Slack workspace and was withdrawn. It names only the
    partners who were told, never the leaver: their personal data is erased right after, and
    the card's stored copy must not keep it."""
    alert = AdminAlert(team_id=team_id, kind=AlertKind.MEMBER_LEFT, state=AlertState.OPEN,
                       dedupe_key=f"member:{member_id}:left", created_at=now)
    return _raise(session, alert=alert, now=now, payload={
        "mentee": None, "mentor": None, "left_mentees": mentees, "left_mentors": mentors,
        "partners": partners[:20]})


def card_payload(session: Session, *, alert: AdminAlert) -> tuple[str | None, dict[str, Any]]:
    """Where the alert's card went and what it showed when it was posted (its outbox row)."""
    row = session.scalars(select(OutboxMessage).where(
        OutboxMessage.team_id == alert.team_id,
        OutboxMessage.dedupe_key == card_key(alert.id))).one_or_none()
    if row is None:
        return None, {"alert_id": alert.id, "kind": alert.kind, "to_channel": True}
    return row.recipient_user_id, dict(row.payload)

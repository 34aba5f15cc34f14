"""Manual matching: an admin pairs a mentee with a mentor, as if the mentor had accepted.

The programme's limits (the mentor full or paused, the mentee's most active mentors) stop a
match until the admin confirms it: the override is logged. Everything else that is wrong
(not registered in that role, the same person, already a pair) is refused beside its field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain import outbox
from domain.admin.access import require_admin
from domain.admin.alerts.acting import claim_alert
from domain.capacity import active_mentees_of, locked_profile
from domain.errors import DomainError, InvalidInput
from domain.loading import PROFILES, PROPOSAL_APART, SIDES
from domain.members import Actor
from domain.model import (
    AdminLogEntry,
    Member,
    MemberStatus,
    MentorProfile,
    OutboxKind,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
)
from domain.people import person
from domain.programme import ProgrammeSnapshot
from domain.proposals.answers import close_others_when_full, start_relationship
from domain.proposals.requests import active_mentors
from domain.reports import blocked_between
from domain.submissions import create_once
from domain.text import check_text

MAX_NOTE = 500
MATCH = "match"


@dataclass(frozen=True)
class MatchRequest:
    """What the admin asked for: two Slack users, a note for them, and the card it came from."""

    mentee_user_id: str | None
    mentor_user_id: str | None
    note: str = ""
    alert_id: int | None = None


@dataclass(frozen=True)
class ManualMatch:
    """A match made, or (relationship None) the limits it would go past, to confirm first."""

    mentee: Member
    mentor: Member
    note: str
    limits: tuple[str, ...]
    relationship: Relationship | None = None


class _NeedsConfirmation(DomainError):
    """Raised inside the savepoint so that nothing of the match is kept."""

    def __init__(self, limits: tuple[str, ...]) -> None:
        super().__init__(" ".join(limits))
        self.limits = limits


def match_manually(session: Session, *, actor: Actor, workspace_admin: bool, admin_name: str,
                   request: MatchRequest, override: bool, now: datetime,
                   submission: str | None = None) -> ManualMatch:
    """Pair the mentee with the mentor; past a programme limit only with `override`. A double
    submit (the same `submission`) makes one relationship."""
    programme = require_admin(session, actor=actor, workspace_admin=workspace_admin,
                              what="match manually", now=now)
    mentee, mentor, note = _checked(session, actor.team_id, request)
    profile = locked_profile(session, mentor_id=mentor.id)  # two submits go one at a time
    assert profile is not None  # _checked refused a mentor without a profile
    found: list[tuple[str, ...]] = []  # the limits passed, when this call made the match

    def make() -> Relationship:
        _refuse_existing_pair(session, mentee, mentor)
        limits = limits_passed(programme, mentee=mentee, mentor=mentor, profile=profile,
                               mentors_now=active_mentors(session, mentee_id=mentee.id))
        if limits and not override:
            raise _NeedsConfirmation(limits)
        found.append(limits)
        return _start(session, programme, actor, admin_name, mentee, mentor, note,
                      request.alert_id, limits, now)

    try:
        relationship = create_once(session, team_id=actor.team_id, key=submission,
                                   model=Relationship, make=make, now=now, options=SIDES)
    except _NeedsConfirmation as waiting:
        return ManualMatch(mentee, mentor, note, waiting.limits)
    return ManualMatch(mentee, mentor, note, found[0] if found else (), relationship)


def limits_passed(programme: ProgrammeSnapshot, *, mentee: Member, mentor: Member,
                  profile: MentorProfile, mentors_now: int) -> tuple[str, ...]:
    """Each programme limit this match would go past, in words an admin can weigh."""
    name = mentor.name
    limits = []
    if not profile.open_to_requests:
        limits.append(f"{name} has paused new requests.")
    if profile.spare_capacity <= 0:
        limits.append(f"{name} is full: they mentor {active_mentees_of(profile)} of the "
                      f"{profile.capacity} mentees they said they can take.")
    if mentors_now >= programme.max_active_mentors:
        most = programme.max_active_mentors
        limits.append(f"{mentee.name} already has {mentors_now} active mentor"
                      f"{'s' if mentors_now != 1 else ''}; the programme allows {most} at once.")
    return tuple(limits)


def _member(session: Session, team_id: str, user_id: str | None) -> Member | None:
    if not user_id:
        return None
    return session.scalars(select(Member).where(
        Member.team_id == team_id, Member.slack_user_id == user_id,
        Member.status == MemberStatus.ACTIVE).options(*PROFILES)).unique().one_or_none()


def _checked(session: Session, team_id: str, request: MatchRequest
             ) -> tuple[Member, Member, str]:
    """Both people, registered in the right roles, and the note; refused beside each field."""
    errors: dict[str, str] = {}
    note = check_text(errors, "note", request.note, label="note", max_length=MAX_NOTE,
                      required=False)
    mentee = _member(session, team_id, request.mentee_user_id)
    mentor = _member(session, team_id, request.mentor_user_id)
    if mentee is None or not mentee.is_mentee:
        errors["mentee"] = ("Please choose someone." if not request.mentee_user_id else
                            "This person hasn't registered as a mentee.")
    elif mentee.mentee_profile is not None and mentee.mentee_profile.paused:
        errors["mentee"] = f"{mentee.name} has paused taking part as a mentee."
    if mentor is None or not mentor.is_mentor:
        errors["mentor"] = ("Please choose someone." if not request.mentor_user_id else
                            "This person hasn't registered as a mentor.")
    elif mentor.mentor_profile is None:
        errors["mentor"] = f"{mentor.name} hasn't completed their mentor profile yet."
    if mentee is not None and mentor is not None and mentee.id == mentor.id and not errors:
        errors["mentor"] = "Please choose someone other than the mentee."
    if errors:
        raise InvalidInput(errors)
    assert mentee is not None and mentor is not None
    if blocked_between(session, mentee.id, mentor.id):
        raise InvalidInput.of("mentor", f"{mentor.name} and {mentee.name} can't be matched: "
                              "one of them asked not to be contacted by the other.")
    return mentee, mentor, note


def _refuse_existing_pair(session: Session, mentee: Member, mentor: Member) -> None:
    if session.scalar(select(Relationship.id).where(
            Relationship.mentee_id == mentee.id, Relationship.mentor_id == mentor.id,
            Relationship.status == RelationshipStatus.ACTIVE)):
        raise InvalidInput.of("mentor", f"{mentor.name} is already {mentee.name}'s mentor.")


def _start(session: Session, programme: ProgrammeSnapshot, actor: Actor, admin_name: str,
           mentee: Member, mentor: Member, note: str, alert_id: int | None,
           limits: tuple[str, ...], now: datetime) -> Relationship:
    """The relationship, as an accept starts it; both told; the change logged."""
    if alert_id is not None:
        claim_alert(session, actor=actor, admin_name=admin_name, alert_id=alert_id,
                    action=MATCH, done=f"matched {mentee.name} with {mentor.name}", now=now)
    waiting = session.scalars(select(Proposal).where(
        Proposal.mentee_id == mentee.id, Proposal.mentor_id == mentor.id,
        Proposal.status == ProposalStatus.PENDING).with_for_update()
        .options(*PROPOSAL_APART)).one_or_none()
    relationship = start_relationship(session, mentee=mentee, mentor=mentor, proposal=waiting,
                                      now=now)
    session.flush()
    close_others_when_full(session, relationship=relationship, now=now)
    for side, partner, i_am_mentor in ((mentee, mentor, False), (mentor, mentee, True)):
        outbox.enqueue(session, team_id=actor.team_id, recipient=side.slack_user_id,
                       kind=OutboxKind.ADMIN_MATCHED, now=now,
                       dedupe_key=f"relationship:{relationship.id}:matched:{side.id}",
                       payload={"relationship_id": relationship.id, "partner": person(partner),
                                "i_am_mentor": i_am_mentor, "by": admin_name or "A programme admin",
                                "note": note, "programme": programme.name})
    session.add(AdminLogEntry(
        team_id=actor.team_id, actor_user_id=actor.user_id,
        action="match_override" if limits else "match_manually",
        subject=f"{mentee.name} → {mentor.name}"[:80],
        before={"limits": list(limits)} if limits else None,
        after={"relationship_id": relationship.id, "note": note}, at=now))
    return relationship

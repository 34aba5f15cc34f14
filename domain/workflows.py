"""Workflow Builder steps: what a workflow of this workspace may ask the programme to do.

Permission rule: a step runs as the app, and Slack's `function_executed` event names no
person who started the workflow (only the step's inputs and its execution id). So a step
may only do what anyone in the workspace could ask for themselves: inviting someone sends
them an invitation they are free to ignore. Every person named in the inputs must be an
active, human member of the workflow's own workspace.

A step that acts for someone (Log a meeting) takes them from a `user_context` input, which
Slack alone fills in, with the person who started the workflow, and only for a workflow a
person started (a link trigger, a shortcut); a builder cannot type one in. That person is
the actor, checked like anyone clicking a button: nothing from a payload is trusted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from domain import outbox
from domain.errors import DomainError
from domain.matching import SearchCriteria
from domain.meetings.logged import HeldMeeting, log_held_meeting
from domain.members import Actor, find_member, find_membership
from domain.model import OutboxKind
from domain.programme import ensure_programme
from domain.programme.units import in_programme
from domain.reminders.kinds.newcomers.no_request import SHOWN_MATCHES, match_payload
from domain.search import top_matches

# What the workflow's owner reads when Log a meeting has no person to act for.
RUNNER_NEEDED = ("Log a meeting must be started by a person: use a link or shortcut trigger "
                 "and set 'Person who used this workflow'.")


@dataclass(frozen=True)
class SlackPerson:
    """What users.info says of a person named in a step's inputs."""

    user_id: str
    team_id: str
    is_bot: bool
    deleted: bool
    enterprise_id: str | None = None  # their Enterprise Grid org, if any


def check_person(person: SlackPerson, *, team_id: str) -> None:
    """Refuse a person outside the programme's workspace (or org), a bot, or a deactivated
    account."""
    if not in_programme(team_id, team_id=person.team_id, enterprise_id=person.enterprise_id):
        raise DomainError("That person is not in this workspace.")
    if person.is_bot or person.deleted:
        raise DomainError("That person is a bot or has left the workspace, so they "
                          "cannot be invited to the mentoring programme.")


def invite_to_programme(session: Session, *, team_id: str, person: SlackPerson,
                        execution_id: str, now: datetime) -> bool:
    """DM the person an invitation with Register; False (and nothing sent) when they are
    already in the programme."""
    check_person(person, team_id=team_id)
    if find_membership(session, actor=Actor(team_id, person.user_id)) is not None:
        return False
    programme = ensure_programme(session, team_id=team_id, now=now)
    # Keyed on the execution: Slack retrying the event sends no second invitation.
    outbox.enqueue(session, team_id=team_id, recipient=person.user_id,
                   kind=OutboxKind.PROGRAMME_INVITE, dedupe_key=f"invite:{execution_id}",
                   payload={"programme": programme.name}, now=now)
    return True


def suggest_mentors(session: Session, *, team_id: str, person: SlackPerson,
                    execution_id: str, now: datetime) -> int:
    """DM a registered mentee their best matches; how many were suggested. Refused (for the
    workflow's owner to read) when the person is no mentee, has no profile or no match."""
    check_person(person, team_id=team_id)
    member = find_member(session, actor=Actor(team_id, person.user_id))
    if member is None or not member.is_mentee:
        raise DomainError("That person is not a mentee in the mentoring programme.")
    profile = member.mentee_profile
    if profile is None:
        raise DomainError("That mentee has not filled in their profile yet, so there is "
                          "nothing to match mentors against.")
    criteria = SearchCriteria(area_ids=tuple(area.id for area in profile.areas),
                              role_id=profile.preferred_role_id,
                              community_id=profile.preferred_community_id)
    matches = top_matches(session, team_id=team_id, searcher_id=member.id,
                          criteria=criteria, limit=SHOWN_MATCHES)
    if not matches:
        raise DomainError("No mentor with room matches that mentee's profile right now.")
    programme = ensure_programme(session, team_id=team_id, now=now)
    outbox.enqueue(session, team_id=team_id, recipient=person.user_id,
                   kind=OutboxKind.MENTOR_SUGGESTIONS, dedupe_key=f"suggest:{execution_id}",
                   payload={"name": member.name, "programme": programme.name,
                            "matches": [match_payload(match) for match in matches]}, now=now)
    return len(matches)



def log_meeting(session: Session, *, team_id: str, runner: str, held: HeldMeeting,
                execution_id: str, now: datetime) -> bool:
    """Log, for the person who ran the workflow (`runner`, read from its user_context), a
    meeting they had with their mentor or mentee; False when the pair already had it."""
    # Keyed on the execution: Slack retrying the event logs no second meeting.
    logged = log_held_meeting(session, actor=Actor(team_id, runner), held=held,
                              key=f"workflow:{execution_id}", now=now)
    return logged.added

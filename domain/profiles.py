"""Mentor and mentee profiles: what each person offers or needs, checked field by field, and
the name, photo, e-mail and time zone kept in step with their Slack profile."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, or_
from sqlalchemy.orm import Session

from domain.capacity import keep_listing, spare_after_capacity_change
from domain.errors import InvalidInput
from domain.members import Actor, SlackIdentity, find_member, refresh_identity, require_member
from domain.model import ListItem, ListKind, Member, MenteeProfile, MentorProfile
from domain.programme import (
    ListEntry,
    ProgrammeLists,
    ensure_programme,
    lists_of,
    programme_lists,
)
from domain.proposals.answers import close_when_unavailable
from domain.text import EMAIL_HINT, check_text, clean, is_email

MIN_CAPACITY, MAX_CAPACITY = 1, 20
MAX_MENTOR_AREAS, MAX_MENTEE_AREAS = 10, 5
MAX_NAME, MAX_STORY = 80, 1500
MENTEE, MENTOR = "mentee", "mentor"


def missing_profiles(*, is_mentee: bool, has_mentee_profile: bool, is_mentor: bool,
                     has_mentor_profile: bool) -> tuple[str, ...]:
    """The halves of a profile still to fill in (mentee's first): each role a member took
    needs its profile. Home's next steps and the newcomers' reminders both ask this."""
    return tuple(role for role, taken, filled in ((MENTEE, is_mentee, has_mentee_profile),
                                                   (MENTOR, is_mentor, has_mentor_profile))
                 if taken and not filled)


def has_profile(model: type[MentorProfile] | type[MenteeProfile]) -> ColumnElement[bool]:
    """The member row has this kind of profile, as SQL (correlated to the member only, so a
    query that joins the profile table too still reads it here)."""
    return exists().where(model.member_id == Member.id).correlate(Member)


def profile_incomplete() -> ColumnElement[bool]:
    """`missing_profiles` is not empty, as SQL over member rows."""
    return or_(and_(Member.is_mentee.is_(True), ~has_profile(MenteeProfile)),
               and_(Member.is_mentor.is_(True), ~has_profile(MentorProfile)))


@dataclass(frozen=True)
class MentorAnswers:
    """The mentor half of the profile form, as typed."""

    area_ids: list[int] = field(default_factory=list)
    role_id: int | None = None
    community_id: int | None = None
    bio: str = ""
    capacity: int | None = None
    open_to_requests: bool = True


@dataclass(frozen=True)
class MenteeAnswers:
    """The mentee half of the profile form, as typed; no preference means any."""

    area_ids: list[int] = field(default_factory=list)
    preferred_role_id: int | None = None
    preferred_community_id: int | None = None
    statement: str = ""


@dataclass(frozen=True)
class ProfileAnswers:
    """The whole profile form: shared details plus a half for each role taken."""

    as_mentor: bool
    as_mentee: bool
    job_title: str
    organisation: str
    contact_email: str
    mentor: MentorAnswers | None = None
    mentee: MenteeAnswers | None = None


def save_profile(
    session: Session, *, actor: Actor, answers: ProfileAnswers, now: datetime
) -> Member:
    """Check every field, then store the profile; InvalidInput names each field that is wrong."""
    member = require_member(session, actor=actor)
    lists = programme_lists(session, team_id=actor.team_id)
    errors: dict[str, str] = {}
    if not (answers.as_mentor or answers.as_mentee):
        errors["roles"] = "Please choose at least one: mentor or mentee."
    job_title = check_text(errors, "job_title", answers.job_title, label="job title",
                           max_length=MAX_NAME, plain_name=True)
    organisation = check_text(errors, "organisation", answers.organisation, label="organisation",
                              max_length=MAX_NAME, required=False, plain_name=True)
    email = clean(answers.contact_email)
    if not is_email(email):
        errors["contact_email"] = EMAIL_HINT
    had_mentor, had_mentee = member.mentor_profile, member.mentee_profile
    mentor = _checked_mentor(errors, answers.mentor, _kept(lists, [
        *had_mentor.areas, had_mentor.role, had_mentor.community] if had_mentor else [])
    ) if answers.as_mentor else None
    mentee = _checked_mentee(errors, answers.mentee, _kept(lists, [
        *had_mentee.areas, had_mentee.preferred_role, had_mentee.preferred_community]
        if had_mentee else [])) if answers.as_mentee else None
    if errors:
        raise InvalidInput(errors)
    member.is_mentor, member.is_mentee = answers.as_mentor, answers.as_mentee
    member.job_title, member.organisation, member.contact_email = job_title, organisation, email
    member.updated_at = now
    if mentor is not None:
        _store_mentor(member, mentor, now)
    if mentee is not None:
        _store_mentee(member, mentee, now)
    session.flush()
    keep_listing(session, member=member)
    if had_mentor is not None or mentor is not None:
        # Paused, no longer mentoring, or no place left: waiting requests are answered now.
        close_when_unavailable(session, mentor_id=member.id, now=now)
    # Partners' cards and mentors' request lists show this e-mail, title and organisation.
    return member


def _kept(lists: ProgrammeLists[ListItem],
          chosen: list[ListItem | None]) -> ProgrammeLists[ListItem]:
    """The lists a half of the form may choose from: those offered, plus the retired entries
    that half already has, which a person keeps until they change them."""
    had = {item.id for item in chosen if item is not None}
    return replace(lists, retired=[item for item in lists.retired if item.id in had])


def _items(lists: ProgrammeLists[ListItem], kind: str, ids: list[int]) -> list[ListItem] | None:
    """The list entries with these ids, or None when any is not one of the programme's."""
    known = {item.id: item for item in (*lists.by_kind(kind), *lists.retired_of(kind))}
    if any(item_id not in known for item_id in ids):
        return None
    return [known[item_id] for item_id in dict.fromkeys(ids)]


def _one(lists: ProgrammeLists[ListItem], kind: str, item_id: int | None) -> ListItem | None:
    found = _items(lists, kind, [item_id]) if item_id is not None else None
    return found[0] if found else None


def _checked_areas(
    errors: dict[str, str], name: str, lists: ProgrammeLists[ListItem], ids: list[int], most: int
) -> list[ListItem]:
    areas = _items(lists, ListKind.AREA, ids)
    if areas is None:
        errors[name] = "One of those areas is no longer offered; please choose again."
    elif not areas:
        errors[name] = "Please choose at least one area of support."
    elif len(areas) > most:
        errors[name] = f"Please choose at most {most} areas of support."
    return areas or []


@dataclass(frozen=True)
class _MentorValues:
    areas: list[ListItem]
    role: ListItem
    community: ListItem
    bio: str
    capacity: int
    open_to_requests: bool


def _checked_mentor(
    errors: dict[str, str], given: MentorAnswers | None, lists: ProgrammeLists[ListItem]
) -> _MentorValues | None:
    given = given or MentorAnswers()
    areas = _checked_areas(errors, "mentor_areas", lists, given.area_ids, MAX_MENTOR_AREAS)
    role = _one(lists, ListKind.ROLE, given.role_id)
    if role is None:
        errors["mentor_role"] = "Please choose the role that best describes yours."
    community = _one(lists, ListKind.COMMUNITY, given.community_id)
    if community is None:
        errors["mentor_community"] = "Please choose your professional community."
    bio = check_text(errors, "bio", given.bio, label="experience", max_length=MAX_STORY)
    capacity = given.capacity
    if capacity is None or not MIN_CAPACITY <= capacity <= MAX_CAPACITY:
        errors["capacity"] = (
            f"Please enter how many mentees you can take at once, "
            f"from {MIN_CAPACITY} to {MAX_CAPACITY}."
        )
    if role is None or community is None or capacity is None:
        return None
    return _MentorValues(areas, role, community, bio, capacity, given.open_to_requests)


@dataclass(frozen=True)
class _MenteeValues:
    areas: list[ListItem]
    preferred_role: ListItem | None
    preferred_community: ListItem | None
    statement: str


def _checked_mentee(
    errors: dict[str, str], given: MenteeAnswers | None, lists: ProgrammeLists[ListItem]
) -> _MenteeValues:
    given = given or MenteeAnswers()
    areas = _checked_areas(errors, "mentee_areas", lists, given.area_ids, MAX_MENTEE_AREAS)
    role = _one(lists, ListKind.ROLE, given.preferred_role_id)
    if given.preferred_role_id is not None and role is None:
        errors["preferred_role"] = "That role is no longer offered; please choose again."
    community = _one(lists, ListKind.COMMUNITY, given.preferred_community_id)
    if given.preferred_community_id is not None and community is None:
        errors["preferred_community"] = "That community is no longer offered; please choose again."
    statement = check_text(errors, "statement", given.statement,
                           label="statement", max_length=MAX_STORY)
    return _MenteeValues(areas, role, community, statement)


def _store_mentor(member: Member, values: _MentorValues, now: datetime) -> None:
    if member.mentor_profile is None:
        member.mentor_profile = MentorProfile(spare_capacity=values.capacity)
    else:
        # Computed by the UPDATE itself from the row as it stands: see domain.capacity.
        member.mentor_profile.spare_capacity = spare_after_capacity_change(values.capacity)
    profile = member.mentor_profile
    profile.areas = values.areas
    profile.role, profile.community = values.role, values.community
    profile.bio, profile.capacity = values.bio, values.capacity
    profile.open_to_requests = values.open_to_requests
    profile.updated_at = now


def _store_mentee(member: Member, values: _MenteeValues, now: datetime) -> None:
    if member.mentee_profile is None:
        member.mentee_profile = MenteeProfile()
    profile = member.mentee_profile
    profile.areas = values.areas
    profile.preferred_role = values.preferred_role
    profile.preferred_community = values.preferred_community
    profile.statement = values.statement
    profile.updated_at = now


@dataclass(frozen=True)
class ProfileDraft:
    """What the profile form needs: the member as stored and the lists to choose from."""

    member: Member
    lists: ProgrammeLists[ListEntry]
    default_capacity: int


def open_profile(session: Session, *, actor: Actor, now: datetime) -> ProfileDraft:
    """The actor's profile with the programme's lists, ready for the edit form."""
    member = require_member(session, actor=actor)
    programme = ensure_programme(session, team_id=actor.team_id, now=now)
    return ProfileDraft(member, lists_of(session, programme=programme),
                        programme.default_capacity)


def _shown(member: Member) -> tuple[object, ...]:
    return (member.name, member.slack_email, member.image_url, member.tz, member.contact_email,
            member.workspace_admin)


def follow_slack_profile(session: Session, *, actor: Actor, identity: SlackIdentity,
                         now: datetime) -> None:
    """Copy a changed Slack profile onto the member and refresh the Homes that show them.

    People who have not registered are left alone: nothing is stored about them."""
    member = find_member(session, actor=actor)
    if member is None:
        return
    before = _shown(member)
    refresh_identity(member, identity, now)
    if _shown(member) == before:
        return
    session.flush()

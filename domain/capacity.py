"""A mentor's spare capacity: their capacity less their active mentees, kept as a column.

Search filters and ranks by it for every mentor at once, so it is stored rather than counted
(`MentorProfile.spare_capacity`). Every change that starts or ends a relationship, or changes
a capacity, moves it here in the same transaction, as an UPDATE relative to the row's current
value: two changes at once queue on the row and neither is lost. Checks that must not let two
accepts overbook a mentor read it through `locked_profile`.

Beside it, `MentorProfile.listed` copies whether the member takes part as a mentor, so that
search reads one narrow index of the mentors it may offer and never the members table.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from domain.loading import relock
from domain.model import Member, MemberStatus, MentorProfile


def locked_profile(session: Session, *, mentor_id: int) -> MentorProfile | None:
    """The mentor's profile re-read under a row lock, as it stands now.

    Only its columns are re-read: areas, role and community loaded with it stay loaded."""
    profile = session.get(MentorProfile, mentor_id)
    return relock(session, profile) if profile is not None else None


def active_mentees_of(profile: MentorProfile) -> int:
    """How many mentees the mentor has now, as the column keeps it."""
    return profile.capacity - profile.spare_capacity


def _move(session: Session, mentor_id: int, by: int) -> None:
    session.execute(
        update(MentorProfile).where(MentorProfile.member_id == mentor_id)
        .values(spare_capacity=MentorProfile.spare_capacity + by)
        .execution_options(synchronize_session="fetch"))


def take_place(session: Session, *, mentor_id: int) -> None:
    """A relationship with this mentor started: one place fewer."""
    _move(session, mentor_id, -1)


def free_place(session: Session, *, mentor_id: int) -> None:
    """A relationship with this mentor ended: one place more."""
    _move(session, mentor_id, 1)


def spare_after_capacity_change(new_capacity: int) -> ColumnElement[int]:
    """The spare capacity once the capacity becomes `new_capacity`, for the same UPDATE.

    Relative to the row's values when the UPDATE runs, so an accept committed meanwhile counts."""
    return MentorProfile.spare_capacity + new_capacity - MentorProfile.capacity


def keep_listing(session: Session, *, member: Member) -> None:
    """Offer the member's mentor profile in search exactly while they take part as a mentor."""
    session.execute(
        update(MentorProfile).where(MentorProfile.member_id == member.id)
        .values(listed=member.is_mentor and member.status == MemberStatus.ACTIVE)
        .execution_options(synchronize_session="fetch"))

"""Members and their mentor and mentee profiles."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
    inspect,
    select,
)
from sqlalchemy import text as sql
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.base import Base, EnumString, UTCDateTime
from domain.model.programme import ListItem
from domain.model.states import MemberStatus


def _areas_of(profile_table: str) -> Table:
    """The areas of support chosen on one kind of profile (offered or needed)."""
    owner = profile_table.removesuffix("_profiles")
    return Table(
        f"{owner}_areas",
        Base.metadata,
        Column("member_id", ForeignKey(f"{profile_table}.member_id", ondelete="CASCADE"),
               primary_key=True),
        Column("item_id", ForeignKey("list_items.id"), primary_key=True),
        # The primary key leads with the member; search and matching start from the area.
        Index(f"ix_{owner}_areas_item", "item_id", "member_id"),
    )


# Open to requests, with room: the mentors a search can offer (an index's condition, so
# domain.search spells its filter the same way).
OPEN_WITH_ROOM = sql("listed AND open_to_requests AND spare_capacity > 0")
# What search filters and scores by, after the column an index leads with.
LISTING = ("spare_capacity", "listed", "open_to_requests", "area_list")


def area_list_of(area_ids: Iterable[int]) -> str:
    """A mentor's area ids as MentorProfile.area_list holds them: " 3 8 12 "."""
    return f" {' '.join(str(one) for one in sorted(set(area_ids)))} "


def area_pattern(area_id: int) -> str:
    """The LIKE pattern an area list matches when it holds `area_id`."""
    return f"% {area_id} %"


def _all_spare(context: DefaultExecutionContext) -> int:
    """A new mentor profile has no mentees yet: all of its capacity is spare."""
    return int(context.get_current_parameters()["capacity"])


def _member_team(context: DefaultExecutionContext) -> str:
    """For inserts that do not say (bulk loads): the workspace of the profile's member."""
    members = Base.metadata.tables["members"]
    member_id = context.get_current_parameters()["member_id"]
    return str(context.connection.scalar(
        select(members.c.team_id).where(members.c.id == member_id)))


mentor_areas = _areas_of("mentor_profiles")
mentee_areas = _areas_of("mentee_profiles")


class Member(Base):
    """A person of the workspace who registered as mentor, mentee or both."""

    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("team_id", "slack_user_id"),
        # The newcomers' reminders read only the members who joined in the last weeks.
        Index("ix_members_registered", "registered_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("programmes.team_id"), index=True)
    slack_user_id: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(120), default="")
    slack_email: Mapped[str | None] = mapped_column(String(254))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    image_url: Mapped[str | None] = mapped_column(String(500))
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    job_title: Mapped[str] = mapped_column(String(80), default="")
    organisation: Mapped[str] = mapped_column(String(80), default="")
    is_mentor: Mapped[bool] = mapped_column(Boolean, default=False)
    is_mentee: Mapped[bool] = mapped_column(Boolean, default=False)
    # Slack's word (users.info is_admin / is_owner) as of the latest profile we saw, so Home
    # re-published in the background knows whom to show the Admin section.
    workspace_admin: Mapped[bool] = mapped_column(Boolean, default=False,
                                                  server_default=sql("false"))
    status: Mapped[MemberStatus] = mapped_column(EnumString(MemberStatus, 16),
                                                default=MemberStatus.ACTIVE)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    mentor_profile: Mapped[MentorProfile | None] = relationship(
        back_populates="member", cascade="all, delete-orphan", lazy="raise"
    )
    mentee_profile: Mapped[MenteeProfile | None] = relationship(
        back_populates="member", cascade="all, delete-orphan", lazy="raise"
    )


class MentorProfile(Base):
    """What a mentor offers and how many mentees they can take."""

    __tablename__ = "mentor_profiles"
    __table_args__ = (
        CheckConstraint("capacity BETWEEN 1 AND 20", name="capacity_range"),
        # The mentors search may offer, with what it scores them by: narrow indexes the
        # database reads instead of the table (see domain.search). They hold the columns of
        # their own condition too, which SQLite needs to read nothing else.
        Index("ix_mentor_profiles_open", "team_id", "member_id", "role_id", "community_id",
              *LISTING, sqlite_where=OPEN_WITH_ROOM, postgresql_where=OPEN_WITH_ROOM),
        # Exact searches asking for a role or a community start from its mentors.
        *(Index(f"ix_mentor_profiles_open_{by}", f"{by}_id", "member_id", "team_id",
                f"{other}_id", *LISTING, sqlite_where=OPEN_WITH_ROOM,
                postgresql_where=OPEN_WITH_ROOM)
          for by, other in (("role", "community"), ("community", "role"))),
    )

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    # Copied from the member (see below), so search reads one narrow index, not two tables.
    team_id: Mapped[str] = mapped_column(String(32), default=_member_team)
    # The member takes part as a mentor (is_mentor, status active): kept by domain.capacity.
    listed: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sql("true"))
    role_id: Mapped[int] = mapped_column(ForeignKey("list_items.id"))
    community_id: Mapped[int] = mapped_column(ForeignKey("list_items.id"))
    bio: Mapped[str] = mapped_column(Text, default="")
    capacity: Mapped[int] = mapped_column(Integer)
    open_to_requests: Mapped[bool] = mapped_column(Boolean, default=True)
    # capacity minus active relationships as mentor, kept by domain.capacity in the same
    # transaction as every change to either, so no query has to count relationships.
    spare_capacity: Mapped[int] = mapped_column(Integer, default=_all_spare, server_default="0")
    # The ids of `areas` (mentor_areas) as area_list_of writes them, copied on every flush
    # that changes them (below), so search scores a mentor from this one row.
    area_list: Mapped[str] = mapped_column(Text, default="", server_default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)

    member: Mapped[Member] = relationship(back_populates="mentor_profile", lazy="raise")
    role: Mapped[ListItem] = relationship(foreign_keys=[role_id], lazy="raise")
    community: Mapped[ListItem] = relationship(foreign_keys=[community_id], lazy="raise")
    areas: Mapped[list[ListItem]] = relationship(
        secondary=mentor_areas, lazy="raise", order_by=ListItem.position
    )


class MenteeProfile(Base):
    """What a mentee needs and the kind of mentor they would like."""

    __tablename__ = "mentee_profiles"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    preferred_role_id: Mapped[int | None] = mapped_column(ForeignKey("list_items.id"))
    preferred_community_id: Mapped[int | None] = mapped_column(ForeignKey("list_items.id"))
    statement: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Paused from the Account modal: admins' matching and cohort suggestions pass them by.
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sql("false"))

    member: Mapped[Member] = relationship(back_populates="mentee_profile", lazy="raise")
    preferred_role: Mapped[ListItem | None] = relationship(
        foreign_keys=[preferred_role_id], lazy="raise"
    )
    preferred_community: Mapped[ListItem | None] = relationship(
        foreign_keys=[preferred_community_id], lazy="raise"
    )
    areas: Mapped[list[ListItem]] = relationship(
        secondary=mentee_areas, lazy="raise", order_by=ListItem.position
    )


@event.listens_for(MentorProfile, "before_insert")
def _same_workspace_as_member(_mapper: object, _connection: object, profile: MentorProfile) -> None:
    """A profile belongs to its member's workspace, whoever creates it."""
    if profile.team_id is None and profile.member is not None:
        profile.team_id = profile.member.team_id


@event.listens_for(MentorProfile, "before_insert")
@event.listens_for(MentorProfile, "before_update")
def _copy_areas(_mapper: object, _connection: object, profile: MentorProfile) -> None:
    """area_list follows the areas in the same flush, whichever code changed them."""
    state = inspect(profile)
    if "areas" not in state.unloaded and state.attrs.areas.history.has_changes():
        profile.area_list = area_list_of(area.id for area in profile.areas)

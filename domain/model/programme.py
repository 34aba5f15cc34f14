"""The programme itself: its settings and the lists profiles and matching choose from."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy import true as sa_true
from sqlalchemy.orm import Mapped, mapped_column

from domain.base import Base, EnumString, JSONDocument, UTCDateTime
from domain.model.states import ListKind, ProgrammeScope, one_of


class Programme(Base):
    """One workspace's mentoring programme and its settings."""

    __tablename__ = "programmes"

    team_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    support_channel_id: Mapped[str | None] = mapped_column(String(32))
    admin_user_ids: Mapped[list[str]] = mapped_column(JSONDocument, default=list)
    default_capacity: Mapped[int] = mapped_column(Integer, default=2)
    proposal_expiry_days: Mapped[int] = mapped_column(Integer, default=14)
    max_open_proposals: Mapped[int] = mapped_column(Integer, default=3)
    max_active_mentors: Mapped[int] = mapped_column(Integer, default=1)
    # {room} is replaced by a random id: each video meeting gets its own room.
    video_link_template: Mapped[str] = mapped_column(
        String(300), default="https://meet.jit.si/mentorbot-{room}",
        server_default="https://meet.jit.si/mentorbot-{room}")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Where alert cards go (proposals nobody answered, quiet relationships, support requests).
    admin_channel_id: Mapped[str | None] = mapped_column(String(32))
    # The admins' switch that stops every nudge the programme sends (meeting reminders too).
    nudges_paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=sa_false())
    # Non-urgent nudges wait for working hours in each person's own time zone.
    quiet_hours_start: Mapped[int] = mapped_column(Integer, default=20, server_default="20")
    quiet_hours_end: Mapped[int] = mapped_column(Integer, default=8, server_default="8")
    quiet_weekends: Mapped[bool] = mapped_column(Boolean, default=True, server_default=sa_true())
    daily_nudge_cap: Mapped[int] = mapped_column(Integer, default=3, server_default="3")
    # Days without a message, meeting, goal or stage change before a relationship is "quiet".
    quiet_relationship_days: Mapped[int] = mapped_column(Integer, default=21,
                                                         server_default="21")
    # The other reminder timings, as overrides of `domain.programme.ReminderTimings`.
    reminder_timings: Mapped[dict[str, object] | None] = mapped_column(JSONDocument, default=dict)
    # Raised in the same transaction as any change to the programme or its lists, so that
    # every process's cached copy knows it is out of date (domain/programme/version.py).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Set when the app was uninstalled or its bot token revoked: nothing is sent to the
    # workspace until it is used again (domain/workspace.py). Its data is kept meanwhile.
    sending_stopped_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sending_stopped_reason: Mapped[str | None] = mapped_column(String(32))
    # On an Enterprise Grid org's programme (team_id is the org's id): one programme for the
    # whole org, or one per workspace (domain/programme/units.py). A workspace's says so.
    scope: Mapped[ProgrammeScope] = mapped_column(
        EnumString(ProgrammeScope, 16), default=ProgrammeScope.WORKSPACE,
        server_default=ProgrammeScope.WORKSPACE.value)


class ListItem(Base):
    """An entry of one of the programme's lists: areas of support, roles, communities."""

    __tablename__ = "list_items"
    __table_args__ = (
        UniqueConstraint("team_id", "kind", "label"),
        CheckConstraint(one_of("kind", ListKind), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("programmes.team_id"), index=True)
    kind: Mapped[ListKind] = mapped_column(EnumString(ListKind, 16))
    label: Mapped[str] = mapped_column(String(75))
    position: Mapped[int] = mapped_column(Integer, default=0)
    # Retired: no longer offered by any form, still named (marked retired) wherever used.
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class AdminLogEntry(Base):
    """Who changed what in the programme, and when: settings, lists, overrides of the limits."""

    __tablename__ = "admin_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    team_id: Mapped[str] = mapped_column(ForeignKey("programmes.team_id"), index=True)
    actor_user_id: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(80), default="")
    before: Mapped[object] = mapped_column(JSONDocument, nullable=True)
    after: Mapped[object] = mapped_column(JSONDocument, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)

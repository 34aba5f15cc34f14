"""The programme's settings as its admins change them, each change logged as who, what, when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.admin.access import require_admin
from domain.admin.rules import SettingsForm, chase_days, checked
from domain.members import Actor
from domain.model import AdminLogEntry, Programme
from domain.programme import ProgrammeSnapshot, ReminderTimings

CHANGED_SETTING = "settings.change"
RECENT = 20
# The reminder timings the settings form shows; the others keep their defaults or overrides.
TIMINGS = ("proposal_chase_days", "goal_days_before", "inactive_warning_days")


@dataclass(frozen=True)
class SettingChange:
    """One setting that a save changed, as the admin log records it."""

    subject: str
    before: Any
    after: Any


@dataclass(frozen=True)
class LoggedChange:
    """One row of the admin log, as Recent changes shows it."""

    actor_user_id: str
    action: str
    subject: str
    before: Any
    after: Any
    at: datetime


def settings_of(session: Session, *, actor: Actor, workspace_admin: bool,
                now: datetime) -> ProgrammeSnapshot:
    """The programme's current settings, for an admin's settings form."""
    return require_admin(session, actor=actor, workspace_admin=workspace_admin,
                         what="open settings", now=now)


def update_settings(session: Session, *, actor: Actor, workspace_admin: bool,
                    changes: SettingsForm, now: datetime) -> list[SettingChange]:
    """Save the settings an admin submitted: every field is checked first (InvalidInput names
    each wrong one), then each setting that differs is changed and logged. A repeat of the
    same save (a double click, a retry) changes and logs nothing."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin, what="save settings",
                  now=now)
    wanted = checked(changes)
    row = session.scalars(select(Programme).where(Programme.team_id == actor.team_id)
                          .with_for_update()).one()
    made = [SettingChange(name, getattr(row, name), value) for name, value in wanted.items()
            if _comparable(getattr(row, name)) != _comparable(value)]
    for change in made:
        setattr(row, change.subject, change.after)
    made += _change_timings(row, changes)
    session.add_all(AdminLogEntry(team_id=actor.team_id, actor_user_id=actor.user_id,
                                  action=CHANGED_SETTING, subject=change.subject,
                                  before=_comparable(change.before),
                                  after=_comparable(change.after), at=now) for change in made)
    session.flush()  # the flush hook raises the programme's version with the change
    return made


def _change_timings(row: Programme, form: SettingsForm) -> list[SettingChange]:
    """Set the reminder timings the form shows; the changes, as the log names them."""
    timings = ReminderTimings.from_document(row.reminder_timings)
    wanted = _timings_from(form, timings)
    made = [SettingChange(f"reminder_timings.{name}", _comparable(getattr(timings, name)),
                          _comparable(getattr(wanted, name)))
            for name in TIMINGS if getattr(timings, name) != getattr(wanted, name)]
    if made:
        row.reminder_timings = wanted.to_document()
    return made


def _timings_from(form: SettingsForm, timings: ReminderTimings) -> ReminderTimings:
    """The programme's timings with the three the form shows set as typed (already checked)."""
    return replace(timings, proposal_chase_days=chase_days(form.proposal_chase_days) or (),
                   goal_days_before=form.goal_days_before,
                   inactive_warning_days=form.inactive_warning_days)


def _comparable(value: Any) -> Any:
    """A setting as JSON keeps it: lists for tuples, so before and after compare alike."""
    return list(value) if isinstance(value, (list, tuple)) else value


def recent_changes(session: Session, *, actor: Actor, workspace_admin: bool, now: datetime,
                   limit: int = RECENT) -> Sequence[LoggedChange]:
    """The newest rows of the programme's admin log: who changed what, when."""
    require_admin(session, actor=actor, workspace_admin=workspace_admin,
                  what="read recent changes", now=now)
    rows = session.execute(
        select(AdminLogEntry.actor_user_id, AdminLogEntry.action, AdminLogEntry.subject,
               AdminLogEntry.before, AdminLogEntry.after, AdminLogEntry.at)
        .where(AdminLogEntry.team_id == actor.team_id)
        .order_by(AdminLogEntry.at.desc(), AdminLogEntry.id.desc()).limit(limit))
    return [LoggedChange(*row) for row in rows]

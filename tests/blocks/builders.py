"""Domain objects built in memory for rendering tests (no database needed)."""

from __future__ import annotations

from datetime import UTC, datetime

from domain.home.dashboard import Dashboard, next_step
from domain.model import ListItem, Member, MemberStatus, MenteeProfile, MentorProfile, Programme
from domain.programme import DEFAULT_LISTS, ProgrammeLists

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def default_lists() -> ProgrammeLists:
    """The default lists with ids 1, 2, 3… in order."""
    made = {kind: [ListItem(id=100 * n + i, team_id="T1", kind=kind, label=label, position=i)
                   for i, label in enumerate(labels)]
            for n, (kind, labels) in enumerate(DEFAULT_LISTS.items(), start=1)}
    return ProgrammeLists(made["area"], made["role"], made["community"])


def member(name: str = "Ana Silva", *, mentor: bool = True, mentee: bool = True,
           complete: bool = True, **fields: object) -> Member:
    """A member with both profiles filled in (unless `complete` is False)."""
    lists = default_lists()
    person = Member(id=1, team_id="T1", slack_user_id="UANA", name=name, is_mentor=mentor,
                    is_mentee=mentee, job_title="Fleet planner", organisation="Mango Logistics",
                    contact_email="ana@example.org", tz="Europe/London", registered_at=NOW,
                    updated_at=NOW, status=MemberStatus.ACTIVE)
    for key, value in fields.items():
        setattr(person, key, value)
    if complete and mentor:
        person.mentor_profile = MentorProfile(
            role=lists.roles[0], community=lists.communities[0], areas=lists.areas[:2],
            bio="Twenty years in freight.", capacity=2, open_to_requests=True, updated_at=NOW)
    if complete and mentee:
        person.mentee_profile = MenteeProfile(areas=lists.areas[2:3], statement="Help me.",
                                              updated_at=NOW)
    return person


def dashboard(person: Member | None, programme_name: str = "Mentoring programme") -> Dashboard:
    """The dashboard the domain would load for this person."""
    programme = Programme(team_id="T1", name=programme_name, created_at=NOW, admin_user_ids=[])
    return Dashboard(programme=programme, member=person, next_step=next_step(person), now=NOW)

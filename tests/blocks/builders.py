"""Domain objects built in memory for rendering tests (no database needed)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, TypeVar

from blocks.payloads import decode
from domain.home.dashboard import Dashboard, next_step
from domain.model import (
    ListItem,
    Member,
    MemberStatus,
    MenteeProfile,
    MentorProfile,
    Programme,
    Relationship,
    RelationshipStatus,
    Stage,
)
from domain.programme import DEFAULT_LISTS, ProgrammeLists
from domain.relationships import Pairing
from tests.support.block_limits import mrkdwn_texts, walk

P = TypeVar("P")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
# A name or title that would ping the whole channel and a person if Slack read it as markup.
EVIL = "<!channel> & <@U123>"
EVIL_ESCAPED = "&lt;!channel&gt; &amp; &lt;@U123&gt;"


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


def pairing(*, i_am_mentor: bool = False, partner_name: str = EVIL,
            status: RelationshipStatus = RelationshipStatus.ACTIVE, **fields: object) -> Pairing:
    """Relationship 7 between Ana (member 1, the viewer) and a partner (member 2)."""
    me = Member(id=1, team_id="T1", slack_user_id="UANA", name="Ana Silva", tz="Europe/London")
    partner = Member(id=2, team_id="T1", slack_user_id="UJOHN", name=partner_name,
                     contact_email="john@example.org", job_title=EVIL, tz="Europe/London")
    mentor, mentee = (me, partner) if i_am_mentor else (partner, me)
    values: dict[str, object] = {"stage": Stage.FIRST_CONVERSATION,
                                 "completion_requested_at": None, **fields}
    relationship = Relationship(id=7, team_id="T1", mentor=mentor, mentor_id=mentor.id,
                                mentee=mentee, mentee_id=mentee.id, status=status,
                                started_at=NOW, **values)
    return Pairing(relationship, partner, i_am_mentor)


def assert_escaped(view_or_blocks: object) -> None:
    """No mrkdwn string of it carries EVIL as markup, and at least one shows it escaped."""
    wrapped = view_or_blocks if isinstance(view_or_blocks, dict) else {"blocks": view_or_blocks}
    texts = "\n".join(mrkdwn_texts(wrapped))
    assert "<!channel>" not in texts and "<@U123>" not in texts, texts
    assert EVIL_ESCAPED in texts, texts


def carried(view_or_blocks: Any, action_id: str, kind: type[P]) -> list[P]:
    """What every button, or option of a menu, with this action_id carries, decoded as `kind`.

    Decoding is strict, so a value of another shape fails the test."""
    found: list[P] = []
    for element in walk(view_or_blocks):
        if element.get("action_id") == action_id:
            written = [element["value"]] if "value" in element else \
                [o["value"] for o in element.get("options", [])]
            found += [decode(one, kind) for one in written]
    return found

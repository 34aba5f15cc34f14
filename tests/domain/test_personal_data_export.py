"""See what is stored: the catalogue covers every column of the schema that points at a
person, and the export holds what a member put in, and nothing of anyone else's."""

from __future__ import annotations

import io
import json
import re
from datetime import date, timedelta

from pypdf import PdfReader
from sqlalchemy import Column, ForeignKey, Integer, Table
from sqlalchemy.orm import Session

from bot.pdf_my_data import my_data_pdf
from domain.base import Base
from domain.model import (
    AdminLogEntry,
    Conversation,
    ConversationMessage,
    DiaryEntry,
    Feedback,
    Goal,
    GoalMilestone,
    Meeting,
    Member,
    MemberBlock,
    MilestoneKind,
    Nudge,
    NudgeKind,
    NudgeMute,
    NudgeStatus,
    Programme,
    Proposal,
    Stage,
    StageCompletion,
    SupportKind,
    SupportRequest,
    Worksheet,
    WorksheetKind,
    diary_entry_themes,
)
from domain.personal_data import CATALOGUE, NO_PERSON, SECTIONS, export_personal_data
from domain.programme import ProgrammeLists
from tests.support import seed
from tests.support.statements import counting

PERSON_NAMES = re.compile(r"(user_id|^created_by|^published_by|^slack_user_id)$")
WHEN = seed.WHEN


def _points_at_person(column: Column[object]) -> bool:
    """A column that names a member: a foreign key to members.id (or to a column that is
    itself one, as the areas' link to a profile is), or a Slack user id by its name."""
    if PERSON_NAMES.search(column.name):
        return True
    return any((fk.column.table.name == "members" and fk.column.name == "id")
               or _points_at_person(fk.column) for fk in column.foreign_keys)


def _person_columns(table: Table) -> set[str]:
    return {c.name for c in table.columns if _points_at_person(c)}


def test_every_table_that_names_a_person_is_in_the_catalogue() -> None:
    missing = []
    for table in Base.metadata.sorted_tables:
        if table.name in CATALOGUE:
            continue
        if table.name not in NO_PERSON or _person_columns(table):
            missing.append(table.name)
    assert not missing, (
        f"Tables {missing} are not in domain/personal_data/catalogue.py: add each to CATALOGUE "
        "with the columns that tie a row to a person and the export section they go to "
        "(or why not), or to NO_PERSON when it names no one.")


def test_every_column_that_points_at_a_person_is_exported_or_excluded_with_a_reason() -> None:
    for table in Base.metadata.sorted_tables:
        links = {link.column: link for link in CATALOGUE.get(table.name, ())}
        uncovered = _person_columns(table) - set(links)
        assert not uncovered, (
            f"{table.name}.{sorted(uncovered)} point at a person but are not in the catalogue: "
            "add a Link(column, section) to CATALOGUE, or an excluded one with its reason.")
        for name, link in links.items():
            assert name in table.columns, f"{table.name}.{name} is catalogued but does not exist"
            assert link.section in SECTIONS if link.exported else link.reason.strip(), link


def test_a_table_added_without_an_entry_fails_with_what_to_add() -> None:
    extra = Table("mentor_badges", Base.metadata,
                  Column("holder_id", Integer, ForeignKey("members.id")))
    try:
        try:
            test_every_table_that_names_a_person_is_in_the_catalogue()
        except AssertionError as failure:
            assert "mentor_badges" in str(failure) and "CATALOGUE" in str(failure)
        else:
            raise AssertionError("a new table naming a member went unnoticed")
    finally:
        Base.metadata.remove(extra)


def _everything_of_alice(session: Session, lists: ProgrammeLists) -> tuple[Member, Member]:
    """Alice, a mentee and programme admin with one of everything; John, her mentor, with
    private words of his own; Bob, whom she blocked."""
    john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
    alice = seed.mentee(session, lists, "UALICE", areas=[1, 2], role=0, name="Alice Kember 🌱")
    bob = seed.mentee(session, lists, "UBOB", areas=[1], name="Bob Reyes")
    session.get_one(Programme, "T1").admin_user_ids = ["UALICE"]
    proposal = Proposal(team_id="T1", mentee=alice, mentor=john, area=lists.areas[1],
                        statement="Help me with my network, please", status="accepted",
                        created_at=WHEN, updated_at=WHEN, expires_at=WHEN + timedelta(days=14),
                        answer_note="Happy to help")
    session.add(proposal)
    session.flush()
    pair = seed.pair(session, john, alice)
    pair.proposal_id = proposal.id
    chat = Conversation(team_id="T1", first_member_id=min(john.id, alice.id),
                        second_member_id=max(john.id, alice.id), created_at=WHEN,
                        last_message_at=WHEN)
    session.add(chat)
    session.flush()
    session.add_all([
        ConversationMessage(conversation_id=chat.id, author_id=alice.id, body="Alice asks मदद",
                            files=[{"id": "F1", "name": "cv.pdf", "filetype": "pdf"}],
                            created_at=WHEN),
        ConversationMessage(conversation_id=chat.id, author_id=john.id,
                            body="John's private reply", created_at=WHEN),
        StageCompletion(relationship_id=pair.id, stage=Stage.FIRST_CONVERSATION,
                        completed_by_id=alice.id, completed_at=WHEN),
        Meeting(team_id="T1", relationship_id=pair.id, created_by_id=john.id, uid="m1@x",
                title="Kick-off", starts_at=WHEN, duration_minutes=30, notes="We met 会議",
                created_at=WHEN, updated_at=WHEN),
        Worksheet(team_id="T1", relationship_id=pair.id, author_id=alice.id,
                  kind=WorksheetKind.SWOT, sections={"strengths": "Alice is curious"},
                  created_at=WHEN, updated_at=WHEN),
        DiaryEntry(team_id="T1", author_id=alice.id, title="Alice diary title",
                   reflection="Alice reflects " + "long words " * 80, entry_date=date(2026, 11, 2),
                   created_at=WHEN, updated_at=WHEN),
        DiaryEntry(team_id="T1", author_id=john.id, title="John's secret diary",
                   entry_date=date(2026, 11, 2), created_at=WHEN, updated_at=WHEN),
        Feedback(team_id="T1", relationship_id=pair.id, author_id=alice.id, rating=5,
                 goals_met="yes", would_recommend=True, what_worked="Alice liked it",
                 submitted_at=WHEN),
        SupportRequest(team_id="T1", requester_user_id="UALICE", member_id=alice.id,
                       name="Alice", email="alice@example.org", subject="Alice asks support",
                       message="Search finds nobody", created_at=WHEN),
        SupportRequest(team_id="T1", requester_user_id="UJOHN", member_id=john.id,
                       reported_member_id=alice.id, kind=SupportKind.REPORT, name="John",
                       email="john@example.org", subject="John reports Alice",
                       message="A report about Alice", created_at=WHEN),
        Nudge(team_id="T1", member_id=alice.id, kind=NudgeKind.MEETING_SOON, subject_id=1,
              anchor_at=WHEN, step=0, key="k1", status=NudgeStatus.SENT, local_day="2026-11-01",
              created_at=WHEN),
        NudgeMute(member_id=alice.id, kind=NudgeKind.PROPOSAL_CHASE, muted_at=WHEN),
        MemberBlock(team_id="T1", blocker_id=alice.id, blocked_id=bob.id, created_at=WHEN),
        AdminLogEntry(team_id="T1", actor_user_id="UALICE", action="settings.changed",
                      subject="Expiry days", at=WHEN),
    ])
    goal = Goal(team_id="T1", relationship_id=pair.id, author_id=alice.id,
                label="Alice goal: grow network", created_at=WHEN, updated_at=WHEN)
    session.add(goal)
    session.flush()
    entry = session.query(DiaryEntry).filter_by(author_id=alice.id).one()
    session.execute(diary_entry_themes.insert().values(entry_id=entry.id, theme="Networking"))
    session.add(GoalMilestone(goal_id=goal.id, kind=MilestoneKind.MILESTONE,
                              text="Alice met three people", happened_on=date(2026, 11, 3),
                              created_at=WHEN))
    # The same Slack id in another workspace is another person.
    other = seed.programme(session, "T2")
    twin = seed.mentee(session, other, "UALICE", areas=[1], team_id="T2", name="Other Alice")
    session.add(DiaryEntry(team_id="T2", author_id=twin.id, title="Other workspace diary",
                           entry_date=date(2026, 11, 2), created_at=WHEN, updated_at=WHEN))
    session.flush()
    return alice, john


def test_the_export_holds_one_of_everything_and_nothing_of_anyone_else(
        session: Session, lists: ProgrammeLists) -> None:
    alice, _john = _everything_of_alice(session, lists)
    session.expire_all()
    with counting(session.get_bind()) as statements:
        doc = export_personal_data(session, actor=seed.actor(alice), now=WHEN)
    # One statement per table (plus the member's profiles and areas), never one per row.
    assert len(statements) == 25, statements
    assert set(SECTIONS) <= set(doc)
    assert doc["member"]["name"] == "Alice Kember 🌱"
    assert doc["mentee_profile"]["statement"] == "I would like help with my network."
    assert len(doc["mentee_profile"]["areas"]) == 2 and doc["mentee_profile"]["preferred_role"]
    assert doc["mentor_profile"] is None
    assert doc["settings"]["muted_reminders"][0]["kind"] == "proposal_chase"
    assert doc["settings"]["blocked_people"][0]["name"] == "Bob Reyes"
    [sent] = doc["proposals"]
    assert (sent["direction"], sent["to"], sent["statement"], sent["answer"]) == (
        "sent", "John Smith", "Help me with my network, please", "Happy to help")
    [pair] = doc["relationships"]
    assert pair["partner"] == "John Smith" and pair["stages_you_completed"][0]["stage"] == \
        "first_conversation"
    assert [(m["to"], m["text"], m["files"][0]["name"]) for m in doc["messages"]] == [
        ("John Smith", "Alice asks मदद", "cv.pdf")]
    assert doc["meetings"][0]["notes"] == "We met 会議"
    assert doc["goals"][0]["milestones"][0]["text"] == "Alice met three people"
    assert doc["worksheets"][0]["sections"] == {"strengths": "Alice is curious"}
    assert [(d["title"], d["themes"]) for d in doc["diary"]] == [
        ("Alice diary title", ["Networking"])]
    assert doc["feedback"][0]["what_worked"] == "Alice liked it"
    assert [s["subject"] for s in doc["support_requests"]] == ["Alice asks support"]
    assert doc["reminders"][0]["kind"] == "meeting_soon"
    assert doc["admin_actions"]["changes"][0]["action"] == "settings.changed"
    whole = json.dumps(doc, ensure_ascii=False)
    for private in ("John's private reply", "John's secret diary", "John reports Alice",
                    "A report about Alice", "Other workspace diary", "Other Alice"):
        assert private not in whole


def test_the_pdf_of_an_export_reads_in_any_script(session: Session,
                                                  lists: ProgrammeLists) -> None:
    alice, _john = _everything_of_alice(session, lists)
    doc = export_personal_data(session, actor=seed.actor(alice), now=WHEN)
    content = my_data_pdf(doc)
    assert content.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    for heading in ("Learning diary", "Goals and milestones", "Messages you wrote"):
        assert heading in text
    assert "Alice diary title" in text and "Alice met three people" in text


def test_a_member_who_is_not_an_admin_has_no_admin_section(
        session: Session, lists: ProgrammeLists, john: Member) -> None:
    doc = export_personal_data(session, actor=seed.actor(john), now=WHEN)
    assert doc["admin_actions"] is None and doc["mentor_profile"]["capacity"] == 2
    assert doc["proposals"] == doc["diary"] == []

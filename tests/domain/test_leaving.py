"""Leaving the programme: withdrawal, then erasure, proved by scanning every stored text.

Alice (the leaver) has typed a unique "zq-" marker into every field she can; after she
leaves, no text, string or JSON column of any table may hold a marker, her name, e-mail or
Slack id. The health report reads the same just before and just after the erase step, and
John (her mentor) keeps what is his."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import JSON, String, Text, select
from sqlalchemy.orm import Session

from domain import outbox
from domain.admin.health.report import build_report
from domain.base import Base
from domain.leaving import cancel_account, leave_workspace, what_leaving_does, withdraw_member
from domain.members import Actor, SlackIdentity
from domain.model import (
    AdminAlert,
    AlertKind,
    AlertState,
    Conversation,
    ConversationMessage,
    DiaryEntry,
    Feedback,
    Goal,
    GoalMilestone,
    Meeting,
    MeetingStatus,
    Member,
    MemberStatus,
    MentorProfile,
    MilestoneKind,
    Nudge,
    NudgeKind,
    NudgeMute,
    NudgeStatus,
    OutboxKind,
    OutboxMessage,
    OutboxStatus,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
    SupportRequest,
    Worksheet,
    WorksheetKind,
    diary_entry_themes,
)
from domain.people import person
from domain.personal_data.erasure import FORMER_NAME, REMOVED, erase_member
from domain.programme import ProgrammeLists
from domain.registration import register_member
from tests.support import seed

NOW = seed.WHEN + timedelta(days=10)
NAME, EMAIL, SLACK_EMAIL = "Ada Zqleaver", "zq-contact@example.org", "zq-slack@example.org"


def _alice(session: Session, lists: ProgrammeLists) -> Member:
    alice = seed.mentee(session, lists, "UALICE", areas=[1], name=NAME)
    alice.contact_email, alice.slack_email = EMAIL, SLACK_EMAIL
    alice.job_title, alice.organisation = "zq-job-title", "zq-organisation"
    alice.image_url = "https://img.example.org/zq-photo.png"
    alice.mentee_profile.statement = "zq-statement-1a"
    return alice


def _say(session: Session, a: Member, b: Member, body: str, author: Member) -> None:
    first, second = sorted((a, b), key=lambda m: m.id)
    conversation = session.scalars(select(Conversation).where(
        Conversation.first_member_id == first.id,
        Conversation.second_member_id == second.id)).one_or_none()
    if conversation is None:
        conversation = Conversation(team_id="T1", first_member_id=first.id,
                                    second_member_id=second.id, created_at=NOW,
                                    last_message_at=NOW)
        session.add(conversation)
        session.flush()
    session.add(ConversationMessage(conversation_id=conversation.id, author_id=author.id,
                                    body=body, files=[{"name": f"{body}.pdf"}], created_at=NOW))


def _meeting(pair: Relationship, by: Member, title: str, starts: Any, **more: Any) -> Meeting:
    return Meeting(team_id="T1", relationship_id=pair.id, created_by_id=by.id,
                   uid=f"m{starts.timestamp():.0f}@mentorbot", title=title, starts_at=starts,
                   duration_minutes=60,
                   created_at=NOW, updated_at=NOW, **more)


def _goal(session: Session, pair: Relationship, by: Member, tag: str) -> Goal:
    goal = Goal(team_id="T1", relationship_id=pair.id, author_id=by.id, label=f"{tag}-label",
                details=f"{tag}-details", outcome_note=f"{tag}-outcome", created_at=NOW,
                updated_at=NOW)
    goal.milestones = [GoalMilestone(kind=MilestoneKind.MILESTONE, text=f"{tag}-milestone",
                                     happened_on=date(2026, 11, 5), created_at=NOW)]
    session.add(goal)
    return goal


def _own_things(session: Session, pair: Relationship, by: Member, tag: str) -> None:
    """A goal, a worksheet, a diary entry (with a theme) and feedback, each marked `tag`."""
    _goal(session, pair, by, tag)
    session.add(Worksheet(team_id="T1", relationship_id=pair.id, author_id=by.id,
                          kind=WorksheetKind.SWOT, sections={"strengths": f"{tag}-worksheet"},
                          created_at=NOW, updated_at=NOW))
    entry = DiaryEntry(team_id="T1", author_id=by.id, title=f"{tag}-diary-title",
                       reflection=f"{tag}-diary-7f3", entry_date=date(2026, 11, 6),
                       created_at=NOW, updated_at=NOW)
    session.add(entry)
    session.flush()
    session.execute(diary_entry_themes.insert().values(entry_id=entry.id, theme=f"{tag}-theme"))
    session.add(Feedback(team_id="T1", relationship_id=pair.id, author_id=by.id, rating=4,
                         goals_met="mostly", would_recommend=True, what_worked=f"{tag}-worked",
                         could_be_better=f"{tag}-better", submitted_at=NOW))


def _outbox_rows(session: Session, alice: Member, john: Member) -> None:
    """A DM to John quoting Alice, already out; one owed to Alice; her reminders."""
    outbox.enqueue(session, team_id="T1", recipient=john.slack_user_id,
                   kind=OutboxKind.CONVERSATION_MESSAGE, dedupe_key="message:1",
                   payload={"from": person(alice), "body": "zq-message-4d"}, now=NOW)
    outbox.enqueue(session, team_id="T1", recipient=alice.slack_user_id,
                   kind=OutboxKind.CONVERSATION_MESSAGE, dedupe_key="message:2",
                   payload={"from": person(john), "body": "john-message"}, now=NOW)
    session.flush()
    for row in session.scalars(select(OutboxMessage)):
        outbox.mark_sent(row, channel_id="D1", message_ts="1.0", now=NOW)
    session.add(Nudge(team_id="T1", member_id=alice.id, kind=NudgeKind.MEETING_SOON,
                      subject_id=1, anchor_at=NOW, step=0, key="zq-nudge", local_day="2026-11-11",
                      status=NudgeStatus.SENT, line="zq-nudge-line", created_at=NOW))
    session.add(NudgeMute(member_id=alice.id, kind=NudgeKind.GOAL_DUE, muted_at=NOW))


def _support(session: Session, alice: Member) -> None:
    session.add(SupportRequest(team_id="T1", requester_user_id=alice.slack_user_id,
                               member_id=alice.id, name=NAME, email=EMAIL,
                               subject="zq-support-subject", message="zq-support-message",
                               created_at=NOW))
    session.add(AdminAlert(team_id="T1", kind=AlertKind.SUPPORT_REQUEST, state=AlertState.OPEN,
                           dedupe_key="support:1", requester_user_id=alice.slack_user_id,
                           summary="zq-support-message", created_at=NOW))


@pytest.fixture
def seeded(session: Session, lists: ProgrammeLists) -> tuple[Member, Member, Member]:
    """Alice, mentored by John, has asked Bea too; each has typed into every field."""
    alice = _alice(session, lists)
    john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith")
    bea = seed.mentor(session, lists, "UBEA", areas=[1], name="Bea Rivers")
    accepted = Proposal(team_id="T1", mentee=alice, mentor=john, area=lists.areas[1],
                        statement="zq-proposal-accepted", status=ProposalStatus.ACCEPTED,
                        created_at=seed.WHEN, updated_at=seed.WHEN, answer_note="",
                        expires_at=NOW + timedelta(days=30))
    waiting = Proposal(team_id="T1", mentee=alice, mentor=bea, area=lists.areas[1],
                       statement="zq-proposal-2b", created_at=NOW, updated_at=NOW,
                       expires_at=NOW + timedelta(days=14))
    session.add_all([accepted, waiting])
    pair = seed.pair(session, john, alice)
    _say(session, alice, bea, "zq-question-3c", alice)
    _say(session, alice, john, "zq-message-4d", alice)
    _say(session, alice, john, "john-message", john)
    session.add_all([
        _meeting(pair, alice, "zq-meet-title", NOW + timedelta(days=3), details="zq-meet-details",
                 location="zq-meet-location"),
        _meeting(pair, alice, "zq-held", NOW - timedelta(days=3), notes="zq-meet-notes",
                 status=MeetingStatus.SCHEDULED),
        _meeting(pair, john, "John's catch-up", NOW - timedelta(days=2), notes="zq-notes-2")])
    _own_things(session, pair, alice, "zq")
    _own_things(session, pair, john, "john")
    _outbox_rows(session, alice, john)
    _support(session, alice)
    session.flush()
    return alice, john, bea


def _deliver_all(session: Session) -> None:
    """What the sender does for each DM owed: Slack has it."""
    for row in session.scalars(select(OutboxMessage).where(
            OutboxMessage.status == OutboxStatus.PENDING)):
        outbox.mark_sent(row, channel_id="D2", message_ts="2.0", now=NOW)
    session.flush()


def _stored_texts(session: Session) -> list[tuple[str, str, str]]:
    """Every text, string and JSON value of every table, as (table, column, text)."""
    found = []
    for table in Base.metadata.sorted_tables:
        columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
        for row in session.execute(select(*columns)).all() if columns else ():
            for column, value in zip(columns, row, strict=True):
                if value is not None:
                    text = value if isinstance(value, str) else json.dumps(value,
                                                                           ensure_ascii=False)
                    found.append((table.name, column.name, text))
    return found


def _leftovers(session: Session) -> list[tuple[str, str, str]]:
    # The "zq" marker never counts inside a random token, which can hold it anywhere but
    # never right after a character outside its alphabet.
    personal = (r"(?<![\w-])zq|\\nzq", "ualice", "zqleaver")
    return [(t, c, v) for t, c, v in _stored_texts(session)
            if any(re.search(p, v.lower()) for p in personal)]


def _figures(session: Session) -> Any:
    report = build_report(session, team_id="T1", name="Programme", now=NOW)
    # The latest comments quote feedback text, which is erased: the numbers must not move.
    return replace(report, feedback=replace(report.feedback, comments=()))


def test_the_confirmation_says_what_will_happen_for_this_person(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    alice, _, _ = seeded
    leaving = what_leaving_does(session, actor=seed.actor(alice), now=NOW)
    assert leaving.requests_sent_to == ("Bea Rivers",)
    assert [(p.name, p.is_mentor) for p in leaving.partners] == [("John Smith", True)]
    assert leaving.meetings_ahead == 1
    assert (leaving.diary_entries, leaving.worksheets, leaving.goals, leaving.messages) == (
        1, 1, 1, 2)


def test_after_erasure_nothing_of_her_is_left_and_the_figures_do_not_move(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    alice, _, _ = seeded
    assert _leftovers(session)  # the scan sees what was typed before
    withdraw_member(session, actor=seed.actor(alice), member=alice, now=NOW)
    before = _figures(session)
    erase_member(session, member_id=alice.id, now=NOW)
    session.flush()
    assert _figures(session) == before
    _deliver_all(session)
    left = _leftovers(session)
    assert left == [], json.dumps(left, ensure_ascii=False)
    erased = session.get_one(Member, alice.id)
    assert (erased.name, erased.status, erased.contact_email) == (
        FORMER_NAME, MemberStatus.ERASED, None)
    # The anonymous records stay: her goal is counted, her rating kept.
    assert session.scalar(select(Goal.label).where(Goal.author_id == alice.id)) == "Goal"
    assert session.scalar(select(Feedback.rating).where(Feedback.author_id == alice.id)) == 4


def test_the_partner_keeps_his_own_things_and_is_told(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    alice, john, _ = seeded
    cancel_account(session, actor=seed.actor(alice), now=NOW)
    _deliver_all(session)
    assert session.scalar(select(Goal.details).where(Goal.author_id == john.id)) == "john-details"
    assert session.scalar(select(DiaryEntry.reflection).where(
        DiaryEntry.author_id == john.id)) == "john-diary-7f3"
    assert session.scalar(select(Worksheet.sections).where(
        Worksheet.author_id == john.id)) == {"strengths": "john-worksheet"}
    assert session.scalar(select(ConversationMessage.body).where(
        ConversationMessage.author_id == john.id)) == "john-message"
    assert session.scalar(select(GoalMilestone.text).join(Goal).where(
        Goal.author_id == john.id)) == "john-milestone"
    pair = session.scalars(select(Relationship)).one()
    assert pair.status == RelationshipStatus.WITHDRAWN
    profile = session.get_one(MentorProfile, john.id)
    assert profile.spare_capacity == profile.capacity  # his place is free again
    kinds = {row.kind for row in session.scalars(select(OutboxMessage).where(
        OutboxMessage.recipient_user_id == "UJOHN"))}
    assert {OutboxKind.RELATIONSHIP_ENDED, OutboxKind.MEETING_CANCELLED} <= kinds
    assert session.scalars(select(Meeting.status).where(
        Meeting.starts_at > NOW)).one() == MeetingStatus.CANCELLED
    assert session.scalars(select(Proposal.status).where(
        Proposal.mentor_id != john.id)).one() == ProposalStatus.WITHDRAWN


def test_a_second_click_does_nothing_and_registering_again_starts_afresh(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    alice, _, _ = seeded
    actor = seed.actor(alice)
    assert cancel_account(session, actor=actor, now=NOW) is not None
    rows = session.scalar(select(OutboxMessage.id).order_by(OutboxMessage.id.desc()).limit(1))
    assert cancel_account(session, actor=actor, now=NOW) is None
    assert session.scalar(select(OutboxMessage.id).order_by(
        OutboxMessage.id.desc()).limit(1)) == rows
    again = register_member(session, actor=actor, as_mentor=False, as_mentee=True,
                            identity=SlackIdentity(name="Ada Again"), now=NOW)
    assert again.id != alice.id and again.name == "Ada Again"
    assert session.get_one(Member, alice.id).status == MemberStatus.ERASED
    assert what_leaving_does(session, actor=actor, now=NOW).partners == ()


def test_someone_who_is_not_a_member_leaving_the_workspace_changes_nothing(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    before = _stored_texts(session)
    assert leave_workspace(session, actor=Actor("T1", "UNOBODY"), now=NOW) is None
    session.flush()
    assert _stored_texts(session) == before


def test_copies_about_other_people_keep_a_phrase_she_also_typed(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    alice, john, bea = seeded
    _say(session, alice, john, "Shall we meet on Friday?", alice)
    outbox.enqueue(session, team_id="T1", recipient=bea.slack_user_id,
                   kind=OutboxKind.CONVERSATION_MESSAGE, dedupe_key="message:3",
                   payload={"from": person(john), "body": "Shall we meet on Friday?"}, now=NOW)
    session.flush()
    cancel_account(session, actor=seed.actor(alice), now=NOW)
    _deliver_all(session)
    row = session.scalars(select(OutboxMessage).where(
        OutboxMessage.dedupe_key == "message:3")).one()
    assert row.payload == {"from": person(john), "body": "Shall we meet on Friday?"}


def test_the_farewell_still_owed_names_her_until_slack_has_it(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    alice, _, _ = seeded
    cancel_account(session, actor=seed.actor(alice), now=NOW)
    farewell = session.scalars(select(OutboxMessage).where(
        OutboxMessage.kind == OutboxKind.RELATIONSHIP_ENDED)).one()
    assert farewell.payload["by"]["name"] == NAME
    assert farewell.payload[outbox.KEPT_AFTER_SENT]["by"]["name"] == FORMER_NAME
    _deliver_all(session)
    assert farewell.payload["by"]["name"] == FORMER_NAME
    assert outbox.KEPT_AFTER_SENT not in farewell.payload


def test_a_copy_about_her_past_the_first_batch_read_is_scrubbed_too(
        session: Session, seeded: tuple[Member, Member, Member]) -> None:
    alice, john, bea = seeded
    outbox.enqueue_many(session, now=NOW, rows=[  # the workspace's other DMs, read first
        outbox.OwedDM("T1", bea.slack_user_id, OutboxKind.CONVERSATION_MESSAGE, f"message:b{n}",
                      {"from": person(john), "body": f"john-{n}"}) for n in range(1_200)])
    outbox.enqueue(session, team_id="T1", recipient=bea.slack_user_id,
                   kind=OutboxKind.CONVERSATION_MESSAGE, dedupe_key="message:last",
                   payload={"from": person(alice), "body": "zq-message-4d"}, now=NOW)
    _deliver_all(session)
    gone = {**{key: "" for key in person(alice)}, "member_id": alice.id, "name": FORMER_NAME}
    cancel_account(session, actor=seed.actor(alice), now=NOW)
    session.flush()
    last = session.scalars(select(OutboxMessage).where(
        OutboxMessage.dedupe_key == "message:last")).one()
    assert last.payload == {"from": gone, "body": REMOVED}

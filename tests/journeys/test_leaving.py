"""Journey: leaving the programme over HTTP. Alice cancels her account from the Account modal
(the confirmation says what will happen for her); John is told kindly and sent a cancelling
.ics, his place is free and his Home shows it; nothing of Alice is left. A member deactivated
in Slack is withdrawn and erased the same way, and the admins get a card naming nobody."""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from sqlalchemy import JSON, String, Text, select

from blocks import ids
from blocks.payloads import RelationshipRef, decode
from bot.app import Mentorbot
from domain.base import Base
from domain.conversations import send_message
from domain.diary import save_entry
from domain.diary.answers import DiaryAnswers
from domain.goals.setting import GoalAnswers, create_goal
from domain.members import Actor
from domain.model import (
    Member,
    MemberStatus,
    MentorProfile,
    OutboxMessage,
    OutboxStatus,
    Programme,
    RelationshipStatus,
)
from domain.model import Relationship as Pair
from tests.journeys.meeting_steps import arrange
from tests.journeys.steps import button_values, register, text_of, wait_for_dm, wait_for_home
from tests.journeys.test_account import open_account
from tests.journeys.test_admin_alerts import CHANNEL, wait_for_card
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.waiting import eventually

ALICE = "Zoë Ngô"

# Alice's "zq-" marker (also after an escaped newline), never inside a random token (a
# video room's, say), which can hold "zq" anywhere but never right after a character outside
# its alphabet.
MARKER = r"(?<![\w-])zq|\\nzq"


def _typed_by_alice(app: Mentorbot, relationship_id: int) -> None:
    """A goal, a diary entry and a message of Alice's, written through their use cases."""
    alice = Actor("T1", "UALICE")
    with app.sessions.begin() as session:
        now = app.clock()
        john = session.scalars(select(Member.id).where(Member.slack_user_id == "UJOHN")).one()
        create_goal(session, actor=alice, relationship_id=relationship_id, now=now,
                    answers=GoalAnswers(label="zq-goal-label", details="zq-goal-details",
                                        due_on=None, no_due_date=True))
        save_entry(session, actor=alice, entry_id=None, now=now,
                   answers=DiaryAnswers(title="zq-diary-title", reflection="zq-diary-7f3",
                                        entry_date=date(2026, 11, 23)))
        send_message(session, actor=alice, partner_id=john, body="zq-message-4d", files=[],
                     now=now)
    app.sender.kick()


def _all_sent(app: Mentorbot) -> None:
    """Wait until the sender has delivered every DM owed by now."""
    def owed() -> list[tuple[str, str]]:
        with app.sessions() as session:
            return [tuple(r) for r in session.execute(
                select(OutboxMessage.kind, OutboxMessage.recipient_user_id).where(
                    OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)),
                    OutboxMessage.next_attempt_at <= app.clock())).all()]
    app.sender.kick()
    eventually(owed, lambda rows: rows == [], "every DM delivered")


def _leftovers(app: Mentorbot, personal: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """Every text, string or JSON value of any table matching one of the personal patterns."""
    found = []
    with app.sessions() as session:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text | JSON)]
            for row in session.execute(select(*columns)).all() if columns else ():
                for column, value in zip(columns, row, strict=True):
                    text = value if isinstance(value, str) else json.dumps(value,
                                                                           ensure_ascii=False)
                    if value is not None and any(re.search(p, text.lower()) for p in personal):
                        found.append((table.name, column.name, text[:300]))
    return found


def _confirmation(slack: SlackRequests, fake: FakeSlack) -> dict[str, Any]:
    account = open_account(slack, fake, "UALICE")
    known = len(fake.views)
    assert slack.block_action("UALICE", ids.LEAVING_OPEN, view=account).status == 200
    view = fake.wait_for_new_modal(ids.LEAVING_VIEW, known)
    assert_fits_slack(view)
    return view


def test_a_mentee_cancels_her_account_and_her_mentor_is_told_and_freed(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str) -> None:
    arrange(slack, fake_slack, pair_ref)  # a meeting ahead, shared with John
    _typed_by_alice(app, decode(pair_ref, RelationshipRef).relationship)
    _all_sent(app)
    view = _confirmation(slack, fake_slack)
    said = text_of(view)
    assert "Your relationship with your mentor *Дмитрий Ωμέγα* ends" in said
    assert "1 meeting ahead will be cancelled" in said and "1 diary entry" in said
    assert "Messages already in Slack stay in Slack" in said and "start afresh" in said
    assert view["blocks"][-1]["elements"][0]["style"] == "danger"
    uploads = len(fake_slack.uploaded_files)
    for _ in range(2):  # a double click does it once
        assert slack.block_action("UALICE", ids.LEAVING_CONFIRM, view=view).status == 200
    fake_slack.wait_for("views.update")
    assert "Your account is cancelled" in text_of(fake_slack.latest_modal())
    # The farewell names who left: it went out as written before its copy was scrubbed.
    wait_for_dm(fake_slack, "UJOHN", f"{ALICE} has ended your mentoring relationship")
    told = wait_for_dm(fake_slack, "UJOHN", "as your mentoring relationship has ended")
    assert "Kick-off chat" in told["text"]
    eventually(lambda: [u for u in fake_slack.uploaded_files[uploads:]
                        if u["filename"].endswith("-cancelled.ics")],
               lambda found: len(found) == 1, "one cancelling .ics, to John")
    wait_for_home(fake_slack, "UALICE", ids.HOME_REGISTER)
    _all_sent(app)
    with app.sessions() as session:
        profile = session.scalars(select(MentorProfile)).one()
        assert profile.spare_capacity == profile.capacity
        assert session.scalars(select(Pair.status)).one() == RelationshipStatus.WITHDRAWN
        erased = session.scalars(select(Member).where(Member.status == MemberStatus.ERASED)).one()
        assert erased.name == "Former member"
    assert _leftovers(app, (MARKER, "ualice", re.escape(ALICE.lower()))) == []
    # Registering again starts afresh: a new member, nothing of the old one.
    form = register(slack, fake_slack, "UALICE", "mentee")
    assert form["callback_id"]


def test_a_mentor_deactivated_in_slack_is_withdrawn_and_erased_with_a_card(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair_ref: str) -> None:
    with app.sessions.begin() as session:
        session.get_one(Programme, "T1").admin_channel_id = CHANNEL
    arrange(slack, fake_slack, pair_ref)
    _all_sent(app)
    gone = {"type": "user_change", "user": {"id": "UJOHN", "team_id": "T1", "deleted": True,
                                            "real_name": "Дмитрий Ωμέγα", "profile": {}}}
    assert slack.event(gone).status == 200
    wait_for_dm(fake_slack, "UALICE", "has ended your mentoring relationship")
    card = wait_for_card(fake_slack, "A member left the Slack workspace")
    assert "A member with 1 mentee" in text_of(card) and ALICE in text_of(card)
    assert "Дмитрий" not in text_of(card)
    assert button_values(card["blocks"], ids.ADMIN_ALERTS_NUDGE) == []
    _all_sent(app)
    # The meeting was Alice's (she arranged it), so its title stays hers to keep.
    assert _leftovers(app, ("ujohn", "дмитрий")) == []
    # A second delivery of the event, and one for someone never registered, do nothing more.
    posts = len(fake_slack.calls_to("chat.postMessage"))
    assert slack.event(gone, retry_num=1).status == 200
    stranger = {"type": "user_change", "user": {"id": "UNOBODY", "team_id": "T1",
                                                "deleted": True, "profile": {}}}
    assert slack.event(stranger).status == 200
    _all_sent(app)
    assert len(fake_slack.calls_to("chat.postMessage")) == posts

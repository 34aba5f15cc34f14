"""Reports and blocks in the domain: a report is a support request about someone, and a block
keeps two members apart in search, requests, questions and messages."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.admin.cohort import cohort_review, suggest_matches
from domain.admin.matching import MatchRequest, match_manually
from domain.conversations import send_message
from domain.errors import InvalidInput, NotAllowed, NotFound
from domain.matching import SearchCriteria
from domain.members import Actor
from domain.model import (
    MemberBlock,
    OutboxKind,
    Programme,
    SupportKind,
    SupportRequest,
)
from domain.proposals import ProposalAnswers, open_proposal_form, propose_mentorship
from domain.reports import (
    Blocked,
    block_member,
    blocked_between,
    blocked_people,
    report_member,
    unblock_member,
)
from domain.search import find_mentors
from domain.support import RATE_LIMIT, SupportDraft, request_support
from tests.support import seed
from tests.support.clock import FakeClock


def _people(session: Session, channels: tuple[str | None, str | None] = ("CSUP", None)):
    lists = seed.programme(session)
    programme = session.get_one(Programme, "T1")
    programme.support_channel_id, programme.admin_channel_id = channels
    programme.admin_user_ids = ["UADMIN"]
    john = seed.mentor(session, lists, "UJOHN", areas=[0], name="John Smith")
    alice = seed.mentee(session, lists, "UALICE", areas=[0], name="Alice Kember")
    session.flush()
    return lists, john, alice


def test_blocked_between_reads_either_way(session: Session, clock: FakeClock) -> None:
    _, john, alice = _people(session)
    assert not blocked_between(session, john.id, alice.id)
    block_member(session, actor=seed.actor(john), member_id=alice.id, now=clock.now())
    assert blocked_between(session, john.id, alice.id)
    assert blocked_between(session, alice.id, john.id)
    # A second click keeps one block.
    block_member(session, actor=seed.actor(john), member_id=alice.id, now=clock.now())
    assert len(session.scalars(select(MemberBlock)).all()) == 1
    unblock_member(session, actor=seed.actor(john), member_id=alice.id)
    assert not blocked_between(session, alice.id, john.id)


def test_a_report_is_a_flagged_support_request_nobody_else_hears_of(
        session: Session, clock: FakeClock) -> None:
    _, john, alice = _people(session)
    filed = report_member(session, actor=seed.actor(john), member_id=alice.id, reason="spam",
                          details="Selling *courses* <!here>", now=clock.now())
    request = session.get_one(SupportRequest, filed.request.id)
    assert (request.kind, request.reported_member_id) == (SupportKind.REPORT, alice.id)
    assert request.subject == "Report about Alice Kember"
    assert "Spam or selling" in request.message and "<!here>" in request.message
    assert {m.recipient_user_id for m in seed.dms(session)} == {"CSUP", "UJOHN"}
    assert not [m for m in seed.dms(session) if m.recipient_user_id == "UALICE"]


def test_a_report_needs_a_reason_and_no_self_or_stranger(session: Session,
                                                         clock: FakeClock) -> None:
    _, john, alice = _people(session)
    with pytest.raises(InvalidInput) as wrong:
        report_member(session, actor=seed.actor(john), member_id=alice.id, reason="nope",
                      details="", now=clock.now())
    assert "reason" in wrong.value.errors
    with pytest.raises(NotAllowed):
        report_member(session, actor=seed.actor(john), member_id=john.id, reason="spam",
                      details="", now=clock.now())
    seed.programme(session, "T2")
    stranger = seed.mentee(session, seed.programme(session, "T2"), "USTRANGER", areas=[0],
                           team_id="T2")
    with pytest.raises(NotFound):
        block_member(session, actor=seed.actor(john), member_id=stranger.id, now=clock.now())


def test_reports_count_against_the_support_rate_limit(session: Session,
                                                      clock: FakeClock) -> None:
    _, john, alice = _people(session)
    for _ in range(RATE_LIMIT):
        request_support(session, actor=seed.actor(john),
                        draft=SupportDraft("John", "j@example.org", "Hi", "A question."),
                        now=clock.now())
    with pytest.raises(InvalidInput) as limited:
        report_member(session, actor=seed.actor(john), member_id=alice.id, reason="other",
                      details="", now=clock.now())
    assert "details" in limited.value.errors


@pytest.mark.parametrize("who_blocks", ["mentor", "mentee"])
def test_a_block_keeps_them_apart_both_ways(session: Session, clock: FakeClock,
                                            who_blocks: str) -> None:
    lists, john, alice = _people(session)
    blocker, blocked = (john, alice) if who_blocks == "mentor" else (alice, john)
    block_member(session, actor=seed.actor(blocker), member_id=blocked.id, now=clock.now())
    found = find_mentors(session, team_id="T1", searcher_id=alice.id,
                         criteria=SearchCriteria(area_ids=(lists.areas[0].id,)))
    assert john.id not in [m.mentor.id for m in found.matches]
    with pytest.raises(Blocked) as refused:
        open_proposal_form(session, actor=seed.actor(alice), mentor_id=john.id,
                           now=clock.now())
    assert "blocked" not in str(refused.value).lower()
    with pytest.raises(Blocked):
        propose_mentorship(session, actor=seed.actor(alice), mentor_id=john.id,
                           answers=ProposalAnswers(lists.areas[0].id, "Please."),
                           now=clock.now())
    for me, other in ((alice, john), (john, alice)):
        with pytest.raises(Blocked):
            send_message(session, actor=seed.actor(me), partner_id=other.id, body="Hello",
                         files=[], now=clock.now())
    assert not seed.dms(session, OutboxKind.CONVERSATION_MESSAGE)
    assert [p.id for p in blocked_people(session, member_id=blocker.id)] == [blocked.id]
    unblock_member(session, actor=seed.actor(blocker), member_id=blocked.id)
    found = find_mentors(session, team_id="T1", searcher_id=alice.id,
                         criteria=SearchCriteria(area_ids=(lists.areas[0].id,)))
    assert john.id in [m.mentor.id for m in found.matches]


@pytest.mark.parametrize("admin_channel", ["CADMIN", "CSUP", None])
def test_a_new_request_alerts_the_admin_channel_once(session: Session, clock: FakeClock,
                                                     admin_channel: str | None) -> None:
    _, john, alice = _people(session, ("CSUP", admin_channel))
    report_member(session, actor=seed.actor(john), member_id=alice.id, reason="spam",
                  details="", now=clock.now())
    alerts = seed.dms(session, OutboxKind.ADMIN_ALERT)
    cards = seed.dms(session, OutboxKind.SUPPORT_CARD)
    assert [c.recipient_user_id for c in cards] == ["CSUP"]
    assert [a.recipient_user_id for a in alerts] == (["CADMIN"] if admin_channel == "CADMIN"
                                                     else [])


@pytest.mark.parametrize("who_blocks", ["mentor", "mentee"])
def test_admins_pass_a_blocked_pair_by(session: Session, clock: FakeClock,
                                       who_blocks: str) -> None:
    _, john, alice = _people(session)
    blocker, blocked = (john, alice) if who_blocks == "mentor" else (alice, john)
    admin = Actor("T1", "UADMIN")
    assert _suggested(session, clock, admin) == [("UALICE", "UJOHN")]  # a fit, before
    block_member(session, actor=seed.actor(blocker), member_id=blocked.id, now=clock.now())
    assert _suggested(session, clock, admin) == []
    with pytest.raises(InvalidInput) as refused:
        match_manually(session, actor=admin, workspace_admin=True, admin_name="Sam",
                       request=MatchRequest("UALICE", "UJOHN", ""), override=False,
                       now=clock.now())
    assert "can't be matched" in refused.value.errors["mentor"]


def _suggested(session: Session, clock: FakeClock, admin: Actor) -> list[tuple[str, str]]:
    run = suggest_matches(session, actor=admin, workspace_admin=True, now=clock.now())
    review = cohort_review(session, actor=admin, workspace_admin=True, run_id=run.id,
                           now=clock.now())
    assert review is not None
    return [(p.mentee.slack_user_id, p.mentor.slack_user_id) for p in review.pairs]

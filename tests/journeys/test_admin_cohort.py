"""Whole-cohort matching over HTTP: an admin suggests, removes a pair and publishes; mentors
get requests marked "Suggested by the programme" and accept them as any other."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from blocks import ids
from domain.model import Proposal, ProposalStatus
from tests.journeys.steps import (
    button_values,
    join_as_mentee,
    join_as_mentor,
    text_of,
    wait_for_dm,
    wait_for_home,
)
from tests.support import seed
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests


def _programme(slack: SlackRequests, fake: FakeSlack) -> None:
    """An admin; two mentees wanting networking; John, who offers it, with room for three."""
    fake.add_user("UADMIN", name="ada", real_name="Ada Admin", is_admin=True)
    join_as_mentee(slack, fake, "UALICE", "Alice Kember")
    join_as_mentee(slack, fake, "UBOB", "Bob Ngata")
    join_as_mentor(slack, fake, "UJOHN", "John Smith")


def _review(fake: FakeSlack) -> dict[str, Any]:
    view = fake.latest_modal()
    assert view["callback_id"] == ids.ADMIN_COHORT_PUBLISH, text_of(view)
    assert_fits_slack(view)
    return view


def _pair_value(view: dict[str, Any], mentee: str, action_id: str) -> str:
    block = next(b for b in view["blocks"] if b["type"] == "section" and mentee in b["text"]["text"]
                 and b.get("accessory", {}).get("action_id") == action_id)
    return str(block["accessory"]["value"])


def _proposals(engine: Engine) -> list[tuple[int, int, bool, ProposalStatus]]:
    with Session(engine) as session:
        return [(p.mentee_id, p.mentor_id, p.suggested_by_programme, p.status)
                for p in session.scalars(select(Proposal))]


def test_suggest_remove_publish_and_the_mentor_accepts(
        slack: SlackRequests, fake_slack: FakeSlack, clean_engine: Engine) -> None:
    _programme(slack, fake_slack)
    opened = len(fake_slack.calls_to("views.open"))
    assert slack.block_action("UADMIN", ids.ADMIN_COHORT_OPEN).status == 200
    assert "Working out the best matches" in text_of(
        fake_slack.wait_for("views.open", opened + 1)[-1].params["view"])
    review = _review(fake_slack)
    shown = text_of(review)
    assert "2 pairs to propose" in shown and "Alice Kember" in shown and "Bob Ngata" in shown
    assert "Meets 1 of 1 areas" in shown

    slack.block_action("UADMIN", ids.ADMIN_COHORT_REMOVE,
                       value=_pair_value(review, "Bob Ngata", ids.ADMIN_COHORT_REMOVE),
                       view=review)
    review = _review(fake_slack)
    assert "1 pair to propose* (1 removed)" in text_of(review)

    assert slack.view_submission("UADMIN", review).json()["response_action"] == "update"
    done = fake_slack.latest_modal()
    assert "1 request sent to mentors" in text_of(done), text_of(done)
    assert [(s, st) for _, _, s, st in _proposals(clean_engine)] == [
        (True, ProposalStatus.PENDING)]

    card = wait_for_dm(fake_slack, "UJOHN", "The programme suggests you as a mentor for Alice")
    assert "Suggested by the programme" in text_of(card["blocks"])
    wait_for_dm(fake_slack, "UALICE", "The programme has suggested John Smith as a mentor")
    wait_for_home(fake_slack, "UALICE", "Suggested by the programme")
    mentor_home = wait_for_home(fake_slack, "UJOHN", "Suggested by the programme")
    assert "I'd like help building a strong professional network" not in text_of(mentor_home)
    slack.block_action("UJOHN", ids.PROPOSAL_ACCEPT,
                       value=button_values(card["blocks"], ids.PROPOSAL_ACCEPT)[0])
    wait_for_dm(fake_slack, "UALICE", "has accepted your mentoring request")


def test_publishing_twice_sends_the_requests_once(
        slack: SlackRequests, fake_slack: FakeSlack, clean_engine: Engine) -> None:
    _programme(slack, fake_slack)
    slack.block_action("UADMIN", ids.ADMIN_COHORT_OPEN)
    review = _review(fake_slack)
    slack.view_submission("UADMIN", review)
    slack.view_submission("UADMIN", review)  # a double click, or a retry
    assert "published already" in text_of(fake_slack.latest_modal())
    assert len(_proposals(clean_engine)) == 2
    cards = [m for m in fake_slack.calls_to("chat.postMessage")
             if "The programme suggests" in m.params.get("text", "")]
    assert len(cards) == 2


def test_opening_again_shows_the_run_under_review_and_suggest_again_replaces_it(
        slack: SlackRequests, fake_slack: FakeSlack) -> None:
    _programme(slack, fake_slack)
    slack.block_action("UADMIN", ids.ADMIN_COHORT_OPEN)
    first = _review(fake_slack)
    slack.block_action("UADMIN", ids.ADMIN_COHORT_REMOVE,
                       value=_pair_value(first, "Alice Kember", ids.ADMIN_COHORT_REMOVE),
                       view=first)
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UADMIN", ids.ADMIN_COHORT_OPEN)
    fake_slack.wait_for("views.open", opened + 1)
    again = _review(fake_slack)
    assert "(1 removed)" in text_of(again)
    slack.block_action("UADMIN", ids.ADMIN_COHORT_SUGGEST,
                       value=button_values(again, ids.ADMIN_COHORT_SUGGEST)[0], view=again)
    assert "2 pairs to propose" in text_of(_review(fake_slack))
    assert "removed" not in text_of(_review(fake_slack))


def test_a_non_admin_is_refused(slack: SlackRequests, fake_slack: FakeSlack,
                                clean_engine: Engine) -> None:
    _programme(slack, fake_slack)
    slack.block_action("UALICE", ids.ADMIN_COHORT_OPEN)
    notice = fake_slack.latest_modal()
    assert "only the programme's admins" in text_of(notice)
    slack.block_action("UADMIN", ids.ADMIN_COHORT_OPEN)
    review = _review(fake_slack)
    reply = slack.view_submission("UALICE", review)  # a forged submission of the admin's view
    assert "only the programme's admins" in text_of(reply.json())
    assert _proposals(clean_engine) == []


def test_a_large_run_pages_and_a_removal_stays_on_its_page(
        slack: SlackRequests, fake_slack: FakeSlack, sessions: sessionmaker[Session]) -> None:
    fake_slack.add_user("UADMIN", name="ada", real_name="Ada Admin", is_admin=True)
    with sessions.begin() as session:
        lists = seed.programme(session)
        for n in range(2):
            seed.mentor(session, lists, f"UM{n}", areas=[1], capacity=15, name=f"Mentor {n}")
        for n in range(25):
            seed.mentee(session, lists, f"UE{n:02d}", areas=[1], name=f"Mentee {n:02d}")
    slack.block_action("UADMIN", ids.ADMIN_COHORT_OPEN)
    first = _review(fake_slack)
    assert "25 pairs to propose" in text_of(first) and "Page 1 of 2" in text_of(first)
    slack.block_action("UADMIN", ids.ADMIN_COHORT_PAGE,
                       value=button_values(first, ids.ADMIN_COHORT_PAGE)[0], view=first)
    second = _review(fake_slack)
    assert "Page 2 of 2" in text_of(second)
    assert len(button_values(second, ids.ADMIN_COHORT_REMOVE)) == 5
    slack.block_action("UADMIN", ids.ADMIN_COHORT_REMOVE,
                       value=button_values(second, ids.ADMIN_COHORT_REMOVE)[0], view=second)
    after = _review(fake_slack)
    assert "Page 2 of 2" in text_of(after) and "24 pairs to propose* (1 removed)" in \
        text_of(after)
    assert len(button_values(after, ids.ADMIN_COHORT_RESTORE)) == 1

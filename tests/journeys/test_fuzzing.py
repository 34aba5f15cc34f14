"""Every view submission and block action the app registers, fed what a person can type and
shapes only a forger sends: never a 5xx or a traceback, refusals Slack can show, nothing stored
on refusal. The examples are derandomized, so every run sends the same requests."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from blocks import ids, payloads
from bot.app import Mentorbot
from domain.base import Base
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Reply, SlackRequests

# Slack accepts these answers to a submission; "errors" also needs keys it can show.
ACCEPTED = {"errors", "update", "push", "clear"}
BLOCK_IDS = sorted({v for k, v in vars(ids).items()
                    if k.isupper() and isinstance(v, str) and "." in v})
FUZZ = settings(max_examples=4, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))

texts = st.one_of(st.sampled_from(["", " ", "3", "0", "-1", "012", "any", "2026-12-10",
                                   "09:30", "<!channel>", "9" * 16, "x" * 3001]),
                  st.text(max_size=30))
jsonish = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 10**16) | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6)


def _metadata(pair: int) -> st.SearchStrategy[Any]:
    """Metadata we wrote (for the pair, or for ids that are not there) and metadata we never did."""
    ours = [payloads.Target(relationship=pair), payloads.Target(item=1),
            payloads.Target(relationship=pair, item=1, parent=payloads.BoundView("V1", "UJOHN")),
            payloads.RelationshipRef(pair), payloads.ProposalRef(1), payloads.MemberRef(1),
            payloads.ProposalForm(1), payloads.Worksheet("swot", pair), payloads.SearchState(),
            payloads.Page(of=pair)]
    return st.sampled_from([payloads.metadata(one) for one in ours]) | texts | jsonish.map(
        json.dumps)


option = st.one_of(st.fixed_dictionaries({"value": jsonish}), jsonish)
element = st.one_of(
    st.fixed_dictionaries({"type": st.just("plain_text_input"), "value": jsonish}),
    st.fixed_dictionaries({"selected_option": option}),
    st.fixed_dictionaries({"selected_options": st.lists(option, max_size=3) | jsonish}),
    st.fixed_dictionaries({"selected_date": jsonish, "selected_time": jsonish}),
    st.fixed_dictionaries({"files": jsonish}), jsonish)


@st.composite
def submitted_views(draw: st.DrawFn, callback_id: str, pair: int) -> dict[str, Any]:
    """A submitted modal of `callback_id`: its inputs, their state and its metadata."""
    inputs = draw(st.lists(st.sampled_from(BLOCK_IDS), max_size=4, unique=True))
    blocks = [{"type": "input", "block_id": b, "element": {"type": "plain_text_input",
                                                           "action_id": b}} for b in inputs]
    state = draw(st.one_of(
        st.dictionaries(st.sampled_from(BLOCK_IDS), st.one_of(
            st.dictionaries(st.sampled_from(BLOCK_IDS) | texts, element, max_size=2), jsonish),
            max_size=4),
        jsonish))
    return {"type": "modal", "callback_id": callback_id, "blocks": blocks,
            "private_metadata": draw(_metadata(pair)), "state": {"values": state},
            "title": {"type": "plain_text", "text": "Fuzz"}}


@st.composite
def clicked_actions(draw: st.DrawFn, action_id: str, pair: int) -> dict[str, Any]:
    """One action of `action_id`: a button's value or a chosen option, either ours or not."""
    value = draw(_metadata(pair) | st.just(str(pair)) | jsonish)
    action: dict[str, Any] = {"action_id": action_id, "block_id": draw(st.sampled_from(
        BLOCK_IDS)), "type": draw(st.sampled_from(["button", "static_select", "overflow"])),
        "value": value, "action_ts": "1.0"}
    if draw(st.booleans()):
        action["selected_option"] = draw(option | st.fixed_dictionaries({"value": st.just(
            value)}))
    return action


@st.composite
def clicked_in(draw: st.DrawFn, callback_ids: list[str], pair: int) -> dict[str, Any] | None:
    """The modal a click came from (one of ours, with metadata ours or not), or None for a DM."""
    if draw(st.booleans()):
        return None
    return {"id": "VFUZZ", "hash": "1.x", "type": "modal", "blocks": [],
            "callback_id": draw(st.sampled_from(callback_ids)),
            "private_metadata": draw(_metadata(pair)), "state": {"values": {}},
            "title": {"type": "plain_text", "text": "Fuzz"}}


def refused(caplog: pytest.LogCaptureFixture) -> bool:
    """True when the one failure path answered this request as a refusal."""
    return any(r.name == "mentorbot" and r.getMessage().startswith("refused ")
               for r in caplog.records)


# Every table's row count in one statement: it is read before each of the hundreds of
# examples, and one round trip per table made it most of this test's time.
ROW_COUNTS = select(*(select(func.count()).select_from(table).scalar_subquery().label(table.name)
                      for table in Base.metadata.sorted_tables))


def row_counts(app: Mentorbot) -> dict[str, int]:
    """How many rows each table holds."""
    with app.sessions() as session:
        return dict(session.execute(ROW_COUNTS).one()._mapping)


def assert_no_failure(caplog: pytest.LogCaptureFixture, sent: Any) -> None:
    """No traceback and no ERROR line was logged for this request."""
    bad = [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]
    assert not bad, (sent, [r.getMessage() for r in bad])
    caplog.clear()


def assert_submission_answer(reply: Reply, view: dict[str, Any], before: dict[str, int],
                             app: Mentorbot) -> None:
    """A refusal Slack can show, keyed to inputs the view has, and nothing stored with it."""
    assert reply.status == 200, (reply.status, view)
    if not reply.body.strip():
        return
    answer = reply.json()
    assert answer.get("response_action") in ACCEPTED, answer
    if answer["response_action"] == "errors":
        inputs = {b["block_id"] for b in view["blocks"]}
        assert answer["errors"] and set(answer["errors"]) <= inputs, (answer, view)
        assert row_counts(app) == before, view


def test_every_registered_view_and_action_holds_under_hostile_input(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int,
    caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    caplog.clear()
    assert app.wiring.views and app.wiring.actions
    for callback_id in sorted(app.wiring.views):
        @FUZZ
        @given(submitted_views(callback_id, pair), st.sampled_from(["UALICE", "UJOHN", "UCAROL"]))
        def submit(view: dict[str, Any], user: str) -> None:
            before = row_counts(app)
            payload = slack.payloads.base("view_submission", user)
            payload.update(view={**view, "id": "VFUZZ", "hash": "1.x"}, response_urls=[])
            assert_submission_answer(slack.interactive(payload), view, before, app)
            assert_no_failure(caplog, view)
        submit()
    modals = sorted(app.wiring.views)
    for action_id in sorted(app.wiring.actions):
        @FUZZ
        @given(clicked_actions(action_id, pair), clicked_in(modals, pair),
               st.sampled_from(["UALICE", "UJOHN", "UCAROL"]))
        def click(action: dict[str, Any], view: dict[str, Any] | None, user: str) -> None:
            before = row_counts(app)
            payload = slack.payloads.base("block_actions", user)
            payload.update(actions=[action], container={"type": "message"} if view is None
                           else {"type": "view", "view_id": view["id"]})
            if view is not None:
                payload["view"] = view
            reply = slack.interactive(payload)
            assert reply.status == 200, (reply.status, action)
            if refused(caplog):  # a refusal stores nothing
                assert row_counts(app) == before, (action, view)
            assert_no_failure(caplog, (action, view))
        click()

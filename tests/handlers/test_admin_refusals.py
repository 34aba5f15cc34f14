"""Every admin action, view and `/mentor` sub-command refuses anyone who is not an admin.

The ids are read from the app's own `Wiring` (and the sub-command table), so every admin
listener wired later is covered too. Each is sent over signed HTTP by a registered member
who is no admin: with a well-formed payload (`WELL_FORMED` holds one per id; the generic
default is a bare click or submission) and with forged ones. Each time the person is told
politely, nothing in the database changes, and the refusal is logged.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest
from slack_bolt import App
from slack_sdk import WebClient
from sqlalchemy import func, select
from sqlalchemy.orm import sessionmaker

from blocks import ids
from blocks.admin import settings_form
from blocks.kit import actions, button, input_block, modal
from blocks.payloads import MemberRef, RelationshipRef, value
from bot.app import Mentorbot
from domain.admin import ADMIN_ONLY
from domain.base import Base
from domain.errors import NotFound, StalePayload
from domain.model import Programme
from domain.programme import ensure_programme
from handlers import register_all
from handlers.commands import SUBCOMMANDS
from handlers.context import Services
from tests.conftest import SIGNING_SECRET, TEAM
from tests.journeys.steps import join_as_mentee, text_of
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Reply, SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
OTHER_TEAM = "T2"
# What a refused person may be told: that only admins may, or (for a forged payload that a
# listener reads before it asks the domain) that the button is out of date or gone.
POLITE = (ADMIN_ONLY, StalePayload().message, NotFound().message)


def _wired_ids() -> tuple[list[str], list[str]]:
    """The admin action ids and view callback ids every app wires (read from a Wiring built
    without a database, as the real app builds it)."""
    bolt = App(client=WebClient(token="xoxb-test"), signing_secret=SIGNING_SECRET,
               token_verification_enabled=False)
    wiring = register_all(bolt, Services(session_factory=sessionmaker(), clock=lambda: NOW))
    return (sorted(a for a in wiring.actions if a.startswith("admin")),
            sorted(v for v in wiring.views if v.startswith("admin")))


ADMIN_ACTIONS, ADMIN_VIEWS = _wired_ids()
ADMIN_COMMANDS = sorted(word for word in SUBCOMMANDS if word.startswith("admin"))


@dataclass(frozen=True)
class Sample:
    """One request for an admin id: a button's value and the modal it is clicked in, or the
    modal submitted and the state of its inputs."""

    value: str | None = None
    view: dict[str, Any] | None = None
    values: dict[str, Any] | None = None
    about: str = "well-formed"
    extra: dict[str, Any] = field(default_factory=dict)


SampleBuilder = Callable[[Mentorbot, str], Sample]


def _clicked_in_menu(_app: Mentorbot, action_id: str) -> Sample:
    """The generic click: the button, in the admin menu (any value the button would carry)."""
    return Sample(view=modal(ids.ADMIN_MENU_VIEW, "Programme admin",
                             [actions(button("Open", action_id))]))


def _generic_submission(_app: Mentorbot, callback_id: str) -> Sample:
    """The generic submission: the modal with one input, as typed."""
    view = modal(callback_id, "Admin", [input_block("admin.note", "Note", {
        "type": "plain_text_input"})], submit="Save")
    return Sample(view=view, values=fill(view, {"admin.note": "Please"}))


def _settings_saved(app: Mentorbot, _callback_id: str) -> Sample:
    """The settings form as an admin would send it, with the default capacity raised."""
    with app.sessions.begin() as session:
        form = settings_form(ensure_programme(session, team_id=TEAM, now=NOW))
    return Sample(view=form, values=fill(form, {ids.ADMIN_DEFAULT_CAPACITY: "9",
                                                ids.ADMIN_USERS: ["UALICE"]}))


# A well-formed sample payload per admin id; an id not named here gets the generic default.
# Other admin parts add theirs (e.g. a list item's value for "admin_lists.rename").
WELL_FORMED: dict[str, SampleBuilder] = {
    ids.ADMIN_SETTINGS_SUBMIT: _settings_saved,
}


def forged_clicks(sample: Sample) -> list[Sample]:
    """Clicks no button of ours sent: other objects' ids, garbage, our codec bent."""
    values = [value(MemberRef(1)), value(RelationshipRef(10**9)), "", "x" * 2000,
              '{"v":1,"t":"member","member":-1}', json.dumps([1, 2])]
    return [Sample(value=v, view=sample.view, about=f"forged value {v[:20]!r}")
            for v in values] + [Sample(value=values[0], about="clicked in a DM")]


def forged_submissions(sample: Sample) -> list[Sample]:
    """Submissions no modal of ours sent: garbage state, metadata and inputs."""
    assert sample.view is not None
    garbage = {block: {block: {"type": "plain_text_input", "value": "<!channel>" * 50,
                               "selected_conversation": ["C1"], "selected_users": "UALICE",
                               "selected_time": "99:99"}}
               for block in (sample.values or {})}
    return [
        Sample(view={**sample.view, "private_metadata": value(RelationshipRef(10**9))},
               values=sample.values, about="forged metadata"),
        Sample(view=sample.view, values=garbage, about="garbage state"),
        Sample(view={**sample.view, "blocks": []}, values={}, about="no inputs"),
    ]


def row_counts(app: Mentorbot) -> dict[str, Any]:
    """Every table's row count, and every programme's version."""
    with app.sessions() as session:
        counts: dict[str, Any] = {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in Base.metadata.sorted_tables}
        counts["versions"] = {team: version for team, version in session.execute(
            select(Programme.team_id, Programme.version))}
    return counts


@pytest.fixture
def member(slack: SlackRequests, fake_slack: FakeSlack, app: Mentorbot) -> str:
    """Alice: registered, no admin of Slack, and named admin only in another workspace."""
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    with app.sessions.begin() as session:
        ensure_programme(session, team_id=OTHER_TEAM, now=NOW)
        session.get_one(Programme, OTHER_TEAM).admin_user_ids = ["UALICE"]
        ensure_programme(session, team_id=TEAM, now=NOW)
    fake_slack.reset()
    return "UALICE"


def told(fake: FakeSlack, before: int) -> str:
    """What the app showed or sent the person since `before` calls: modals and DMs."""
    def shown() -> str:
        calls = [c for c in fake.calls if c.method in ("views.open", "views.push",
                                                       "chat.postMessage")]
        return text_of([c.params for c in calls[before:]])

    return eventually(shown, lambda text: any(p in text for p in POLITE),
                      "a polite refusal shown to the person", 10)


def shown_calls(fake: FakeSlack) -> int:
    return len([c for c in fake.calls if c.method in ("views.open", "views.push",
                                                      "chat.postMessage")])


def assert_refused(app: Mentorbot, caplog: pytest.LogCaptureFixture, before: dict[str, Any],
                   seen: str, well_formed: bool) -> None:
    """Refused politely (only admins, for a well-formed request), logged, nothing changed."""
    assert row_counts(app) == before
    assert "Programme settings" not in seen and "Programme admin" not in seen
    if well_formed:
        assert ADMIN_ONLY in seen
        assert any(r.name == "domain.admin.access" and "refused admin action" in r.getMessage()
                   for r in caplog.records)
    assert any(r.name == "mentorbot" and r.getMessage().startswith("refused ")
               for r in caplog.records), [r.getMessage() for r in caplog.records]
    caplog.clear()


def submission_told(reply: Reply) -> str:
    """The refusal a submission was answered with, as Slack shows it."""
    assert reply.status == 200, reply.body
    answer = reply.json()
    assert answer["response_action"] in ("errors", "update"), answer
    return text_of(answer)


@pytest.mark.parametrize("action_id", ADMIN_ACTIONS)
def test_every_admin_action_refuses_a_member(
    action_id: str, app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, member: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    sample = WELL_FORMED.get(action_id, _clicked_in_menu)(app, action_id)
    for one in [sample, *forged_clicks(sample)]:
        before, calls = row_counts(app), shown_calls(fake_slack)
        reply = slack.block_action(member, action_id, value=one.value, view=one.view)
        assert reply.status == 200, (one.about, reply.body)
        assert_refused(app, caplog, before, told(fake_slack, calls), one is sample)


@pytest.mark.parametrize("callback_id", ADMIN_VIEWS)
def test_every_admin_submission_refuses_a_member(
    callback_id: str, app: Mentorbot, slack: SlackRequests, member: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    sample = WELL_FORMED.get(callback_id, _generic_submission)(app, callback_id)
    assert sample.view is not None
    for one in [sample, *forged_submissions(sample)]:
        assert one.view is not None
        before = row_counts(app)
        seen = submission_told(slack.view_submission(member, one.view, one.values))
        assert any(p in seen for p in POLITE), (one.about, seen)
        assert_refused(app, caplog, before, seen, one is sample)


@pytest.mark.parametrize("word", ADMIN_COMMANDS)
def test_every_admin_subcommand_refuses_a_member(
    word: str, app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, member: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    for text in (word, f"{word} settings", word.upper()):
        before, calls = row_counts(app), shown_calls(fake_slack)
        assert slack.command(member, text).status == 200
        seen = told(fake_slack, calls)
        assert "I don't know" not in seen
        assert_refused(app, caplog, before, seen, True)


def test_a_named_admin_of_another_workspace_is_refused_here(
    app: Mentorbot, slack: SlackRequests, member: str, caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    # Alice is named admin in T2 only; acting in T1 (this workspace) she is not one.
    sample = _settings_saved(app, ids.ADMIN_SETTINGS_SUBMIT)
    assert sample.view is not None
    before = row_counts(app)
    seen = submission_told(slack.view_submission(member, sample.view, sample.values))
    assert_refused(app, caplog, before, seen, True)


def test_the_table_covers_what_the_app_wires(app: Mentorbot) -> None:
    assert sorted(a for a in app.wiring.actions if a.startswith("admin")) == ADMIN_ACTIONS
    assert sorted(v for v in app.wiring.views if v.startswith("admin")) == ADMIN_VIEWS
    assert ADMIN_ACTIONS and ADMIN_VIEWS and ADMIN_COMMANDS
    assert set(WELL_FORMED) <= {*ADMIN_ACTIONS, *ADMIN_VIEWS}

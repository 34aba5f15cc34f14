"""Journey: the Account modal over HTTP. /mentor account and Account on Home open it; a bad
e-mail is refused beside its field; pausing as a mentor tells the waiting mentee at once; an
unticked reminder is not sent any more; a newcomer is sent to Register."""

from __future__ import annotations

from sqlalchemy import select

from blocks import ids
from blocks.account import PAUSED
from bot.app import Mentorbot
from bot.ticks import run_tick
from domain.account import REMINDER_KINDS
from domain.model import Member, NudgeKind
from tests.journeys.steps import (
    button_values,
    dms_to,
    join_as_mentee,
    join_as_mentor,
    open_account,
    wait_for_dm,
    wait_for_home,
)
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

ALL_ON = [kind.value for kind in REMINDER_KINDS]
NOT_ASKED = "you haven't asked anyone to be your mentor"



def ask_john(slack: SlackRequests, fake: FakeSlack) -> None:
    """Alice sends John a request, which waits for his answer."""
    slack.command("UALICE", "find")
    fake.wait_for("views.update")
    results = fake.latest_modal()
    slack.block_action("UALICE", ids.PROPOSAL_OPEN,
                       value=button_values(results, ids.PROPOSAL_OPEN)[0], view=results)
    fake.wait_for("views.push")
    form = fake.latest_modal()
    slack.view_submission("UALICE", form, fill(form, {ids.PROPOSAL_STATEMENT: "Please."}))
    wait_for_dm(fake, "UJOHN", "would like you to be their mentor")


def contact_email(app: Mentorbot, user: str) -> str | None:
    with app.sessions() as session:
        return session.scalars(select(Member.contact_email)
                               .where(Member.slack_user_id == user)).one()


def test_a_mentor_changes_their_e_mail_and_pauses_and_the_waiting_mentee_is_told(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    ask_john(slack, fake_slack)
    view = open_account(slack, fake_slack, "UJOHN")
    before = contact_email(app, "UJOHN")
    assert ids.ACCOUNT_MENTEE_PAUSED not in {b.get("block_id") for b in view["blocks"]}
    typed = {ids.ACCOUNT_CONTACT_EMAIL: "john@<freight>.example",
             ids.ACCOUNT_MENTOR_PAUSED: [PAUSED]}
    refused = slack.view_submission("UJOHN", view, fill(view, typed))
    assert refused.json()["response_action"] == "errors"
    assert set(refused.json()["errors"]) == {ids.ACCOUNT_CONTACT_EMAIL}
    assert contact_email(app, "UJOHN") == before
    assert not [m for m in dms_to(fake_slack, "UALICE") if "isn't taking" in m.get("text", "")]
    typed[ids.ACCOUNT_CONTACT_EMAIL] = "john@freight.example"
    saved = slack.view_submission("UJOHN", view, fill(view, typed))
    assert saved.status == 200 and not saved.body, saved.body
    wait_for_dm(fake_slack, "UALICE", "John Smith isn't taking new requests right now")
    assert contact_email(app, "UJOHN") == "john@freight.example"
    again = open_account(slack, fake_slack, "UJOHN")
    pause = next(b for b in again["blocks"] if b.get("block_id") == ids.ACCOUNT_MENTOR_PAUSED)
    assert [o["value"] for o in pause["element"]["initial_options"]] == [PAUSED]


def test_an_unticked_reminder_is_not_sent(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    join_as_mentee(slack, fake_slack, "UBOB", "Bob Reyes")
    view = open_account(slack, fake_slack, "UALICE")
    mentee_pause = next(b for b in view["blocks"]
                        if b.get("block_id") == ids.ACCOUNT_MENTEE_PAUSED)
    assert "won't suggest you" in mentee_pause["hint"]["text"]
    kept = [k for k in ALL_ON if k != NudgeKind.NO_REQUEST]
    saved = slack.view_submission("UALICE", view, fill(view, {ids.ACCOUNT_REMINDERS: kept}))
    assert saved.status == 200 and not saved.body, saved.body
    clock.advance(days=7)
    # Bob, who kept them, is shown mentors to ask; Alice is not.
    assert run_tick("newcomers", app.sessions, clock.now, app.sender.kick) == 1
    wait_for_dm(fake_slack, "UBOB", NOT_ASKED)
    assert not [m for m in dms_to(fake_slack, "UALICE") if NOT_ASKED in m.get("text", "")]


def test_account_on_home_opens_it_and_a_newcomer_is_sent_to_register(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    slack.app_home_opened("UJOHN")
    home = wait_for_home(fake_slack, "UJOHN", ids.ACCOUNT_OPEN)
    known = len(fake_slack.views)
    assert slack.block_action("UJOHN", ids.ACCOUNT_OPEN, view=home).status == 200
    assert fake_slack.wait_for_new_modal(ids.ACCOUNT_VIEW, known)
    fake_slack.add_user("UNEW", name="new", real_name="New Person", email="new@example.org")
    known = len(fake_slack.views)
    assert slack.command("UNEW", "account").status == 200
    assert fake_slack.wait_for_new_modal(ids.REGISTRATION_SUBMIT, known)


def test_saving_the_account_re_publishes_home(app: Mentorbot, slack: SlackRequests,
                                              fake_slack: FakeSlack) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    slack.app_home_opened("UJOHN")
    wait_for_home(fake_slack, "UJOHN", ids.ACCOUNT_OPEN)
    view = open_account(slack, fake_slack, "UJOHN")
    saved = slack.view_submission("UJOHN", view, fill(view, {
        ids.ACCOUNT_CONTACT_EMAIL: "john@freight.example", ids.ACCOUNT_MENTOR_PAUSED: [PAUSED]}))
    assert saved.status == 200 and not saved.body, saved.body
    wait_for_home(fake_slack, "UJOHN", "You have paused new requests")

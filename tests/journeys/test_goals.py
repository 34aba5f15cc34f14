"""Journey: a matched pair sets, changes, completes, prints and deletes SMART goals, over HTTP."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from blocks import ids, payloads
from blocks.payloads import value
from bot.app import Mentorbot
from domain.model import (
    DiaryEntry,
    Goal,
    GoalMilestone,
    GoalStatus,
    Member,
    Worksheet,
    WorksheetKind,
)
from tests.journeys.goal_steps import (
    act,
    goal_menu,
    menu_choice,
    new_goal,
    open_goals,
    open_milestones,
    set_goal,
)
from tests.journeys.steps import (
    assert_notice,
    button_values,
    choose,
    join_as_mentor,
    text_of,
    wait_for_home,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually, settled


def test_alice_sets_edits_completes_and_deletes_a_goal_john_only_reads(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing = open_goals(slack, fake_slack, "UALICE", pair)
    listing = new_goal(slack, fake_slack, listing, **{
        ids.GOAL_LABEL: "Lead the depot <!channel> plan", ids.GOAL_DETAILS: "Plan it.",
        ids.GOAL_DUE_ON: "2026-11-29"})
    assert "Due 6 days from now" in text_of(listing)  # Alice's date: 23 Nov in New York
    assert "&lt;!channel&gt;" in text_of(listing)
    with app.sessions() as session:
        goal_id = session.scalars(select(Goal.id)).one()
    assert goal_menu(listing, "depot") == [act("pdf", goal_id), act("milestones", goal_id),
                                           act("edit", goal_id), act("delete", goal_id),
                                           act("complete", goal_id)]
    # Edit: no completion date.
    known = len(fake_slack.views)
    choose(slack, "UALICE", ids.GOAL_ACTIONS, act("edit", goal_id), listing)
    form = fake_slack.wait_for_new_modal(ids.GOAL_SUBMIT, known)
    slack.view_submission("UALICE", form, fill(form, {ids.GOAL_DUE_ON: None,
                                                      ids.GOAL_NO_DUE: ["none"]}))
    eventually(lambda: text_of(fake_slack.views[listing["id"]]),
               lambda text: "No completion date" in text, "the listing showing no date")
    # John sees it read-only: only Download and Milestones.
    johns = open_goals(slack, fake_slack, "UJOHN", pair)
    assert goal_menu(johns, "depot") == [act("pdf", goal_id), act("milestones", goal_id)]
    # Forged edit, delete and complete from John change nothing.
    slack.view_submission("UJOHN", form, fill(form, {ids.GOAL_LABEL: "Hacked"}))
    known = len(fake_slack.views)
    choose(slack, "UJOHN", ids.GOAL_ACTIONS, act("delete", goal_id), johns)
    notice = fake_slack.wait_for_new_modal(ids.NOTICE_VIEW, known)
    assert "Only Zoë Ngô can change this goal." in text_of(notice)
    choose(slack, "UJOHN", ids.GOAL_ACTIONS, act("reopen", goal_id), johns)
    with app.sessions() as session:
        goal = session.get_one(Goal, goal_id)
        assert (goal.label, goal.status) == ("Lead the depot <!channel> plan", GoalStatus.OPEN)
    # Alice adds a milestone, then completes the goal with an outcome, then reopens it.
    form = open_milestones(slack, fake_slack, "UALICE", listing, goal_id)
    reply = slack.view_submission("UALICE", form, fill(form, {
        ids.GOAL_MILESTONE_DATE: "2026-11-23", ids.GOAL_MILESTONE_TEXT: "Draft done"})).json()
    assert reply["response_action"] == "update" and "Draft done" in text_of(reply["view"])
    known = len(fake_slack.views)
    choose(slack, "UALICE", ids.GOAL_ACTIONS, act("complete", goal_id), listing)
    form = fake_slack.wait_for_new_modal(ids.GOAL_COMPLETE_SUBMIT, known)
    done = slack.view_submission("UALICE", form, fill(form, {ids.GOAL_NOTE: "Adopted."})).json()
    assert done["response_action"] == "update"
    diary_goal = button_values(done["view"], ids.DIARY_FROM_GOAL)
    assert diary_goal == [value(payloads.GoalRef(goal_id))]
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UALICE", ids.DIARY_FROM_GOAL, value=diary_goal[0])
    entry = fake_slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert "Goal completed:" in text_of(entry)
    entry = fake_slack.latest_modal()
    assert f'"g{goal_id}"' in text_of(entry)  # the entry is linked to the goal itself
    assert slack.view_submission("UALICE", entry, fill(entry, {})).status == 200
    with app.sessions() as session:
        assert session.query(DiaryEntry).one().goal_id == goal_id
    listing = eventually(lambda: fake_slack.views[listing["id"]],
                         lambda view: "Completed" in text_of(view)
                         and "Latest milestone: Draft done" in text_of(view),
                         "the listing showing the completed goal")
    with app.sessions() as session:
        assert session.get_one(Goal, goal_id).outcome_note == "Adopted."
    assert act("reopen", goal_id) in goal_menu(listing, "depot")
    choose(slack, "UALICE", ids.GOAL_ACTIONS, act("reopen", goal_id), listing)
    def status() -> str:
        with app.sessions() as session:
            return session.get_one(Goal, goal_id).status
    eventually(status, lambda value: value == GoalStatus.OPEN, "the goal reopening")
    # John's forged delete confirmation changes nothing; Alice's deletes it.
    known = len(fake_slack.views)
    choose(slack, "UALICE", ids.GOAL_ACTIONS, act("delete", goal_id), listing)
    confirm = fake_slack.wait_for_new_modal(ids.GOAL_DELETE_SUBMIT, known)
    assert slack.view_submission("UJOHN", confirm, fill(confirm, {})).status == 200
    with app.sessions() as session:
        assert session.get(Goal, goal_id) is not None
    slack.view_submission("UALICE", confirm, fill(confirm, {}))
    with app.sessions() as session:
        assert session.get(Goal, goal_id) is None
        assert session.scalars(select(GoalMilestone)).all() == []


def test_a_second_delete_confirmation_left_open_says_the_goal_is_gone(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing = new_goal(slack, fake_slack, open_goals(slack, fake_slack, "UALICE", pair), **{
        ids.GOAL_LABEL: "Map the routes", ids.GOAL_DUE_ON: "2026-12-20"})
    with app.sessions() as session:
        goal_id = session.scalars(select(Goal.id)).one()
    confirms = []
    for _ in range(2):
        known = len(fake_slack.views)
        choose(slack, "UALICE", ids.GOAL_ACTIONS, act("delete", goal_id), listing)
        confirms.append(fake_slack.wait_for_new_modal(ids.GOAL_DELETE_SUBMIT, known))
    assert not [b for b in confirms[1]["blocks"] if b["type"] == "input"]
    assert slack.view_submission("UALICE", confirms[0], fill(confirms[0], {})).status == 200
    reply = slack.view_submission("UALICE", confirms[1], fill(confirms[1], {}))
    # An answer Slack accepts: the stale confirmation is replaced by the reason.
    assert_notice(reply, "no longer exists")
    with app.sessions() as session:
        assert session.get(Goal, goal_id) is None


def test_a_goal_form_with_neither_date_nor_no_date_is_refused(
    slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    listing = open_goals(slack, fake_slack, "UALICE", pair)
    slack.block_action("UALICE", ids.GOAL_NEW, view=listing)
    fake_slack.wait_for("views.push")
    form = fake_slack.latest_modal()
    reply = slack.view_submission("UALICE", form, fill(form, {ids.GOAL_LABEL: "x"})).json()
    assert reply["response_action"] == "errors" and ids.GOAL_DUE_ON in reply["errors"]


def test_sixty_goals_page_within_slack_limits(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    now = datetime(2026, 11, 23, tzinfo=UTC)
    with app.sessions() as session, session.begin():
        alice = session.scalars(select(Member).where(Member.slack_user_id == "UALICE")).one()
        session.add_all(Goal(team_id=alice.team_id, relationship_id=int(pair), author_id=alice.id,
                             label=f"Goal {n:02d}", due_on=date(2026, 12, 1 + n % 28),
                             created_at=now, updated_at=now) for n in range(60))
    listing = open_goals(slack, fake_slack, "UALICE", pair)
    assert len(listing["blocks"]) < 100 and "Page 1 of 6" in text_of(listing)
    seen = set()
    for page in range(6):
        seen |= {b["text"]["text"].split("*")[1] for b in listing["blocks"]
                 if b.get("accessory", {}).get("action_id") == ids.GOAL_ACTIONS}
        if page < 5:
            slack.block_action("UALICE", ids.GOAL_PAGE, view=listing,
                               value=button_values(listing, ids.GOAL_PAGE)[-1])
            fake_slack.wait_for("views.update", page + 1)
            listing = fake_slack.views[listing["id"]]
            assert_fits_slack(listing)
    assert len(seen) == 60


def test_download_sends_the_goal_pdf_to_the_requester_s_dm(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    _, goal_id = set_goal(slack, fake_slack, pair, "Learn 東京 routes ✓ 🚚", "2026-12-01")
    johns = open_goals(slack, fake_slack, "UJOHN", pair)
    choose(slack, "UJOHN", ids.GOAL_ACTIONS, act("pdf", goal_id), johns)
    upload = eventually(lambda: fake_slack.uploaded_files, bool, "the PDF upload")[0]
    assert upload["filename"].endswith(".pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(upload["content"])).pages)
    assert "Zoë Ngô" in text and "Дмитрий Ωμέγα" in text and "routes" in text


@pytest.mark.parametrize(("kind", "section", "guidance"), [
    (WorksheetKind.SWOT, "strengths", "Take stock of where you stand"),
    (WorksheetKind.GSTAR, "situation", "tell the story of one piece of work")])
def test_each_keeps_a_worksheet_the_partner_reads_but_cannot_change(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int, kind: str,
    section: str, guidance: str
) -> None:
    field = f"worksheet.{section}"
    choose(slack, "UALICE", ids.GOAL_MENU, menu_choice(kind, pair))
    fake_slack.wait_for("views.open")
    sheet = fake_slack.latest_modal()
    assert guidance in text_of(sheet) and "hasn't written one yet" in text_of(sheet)
    assert_fits_slack(sheet)
    assert slack.view_submission("UALICE", sheet, fill(sheet, {field: "Calm <@U1> & clear"})
                                 ).status == 200
    # Alice re-opens hers for editing, and changes it.
    choose(slack, "UALICE", ids.GOAL_MENU, menu_choice(kind, pair))
    fake_slack.wait_for("views.open", 2)
    sheet = fake_slack.latest_modal()
    own = next(b for b in sheet["blocks"] if b.get("block_id") == field)
    assert own["element"]["initial_value"] == "Calm <@U1> & clear"
    slack.view_submission("UALICE", sheet, fill(sheet, {field: "Calm and clear"}))
    # John reads it, escaped and read-only; his own sheet is empty.
    choose(slack, "UJOHN", ids.GOAL_MENU, menu_choice(kind, pair))
    fake_slack.wait_for("views.open", 3)
    johns = fake_slack.latest_modal()
    assert "Calm and clear" in text_of(johns)
    assert all("initial_value" not in b.get("element", {}) for b in johns["blocks"])
    # John's forged submission of Alice's form only ever writes his own worksheet.
    slack.view_submission("UJOHN", sheet, fill(sheet, {field: "Hacked"}))
    with app.sessions() as session:
        sheets = {s.author.slack_user_id: s.sections[section]
                  for s in session.scalars(select(Worksheet))}
    assert sheets == {"UALICE": "Calm and clear", "UJOHN": "Hacked"}
    # Someone outside the pair can neither open nor save one.
    join_as_mentor(slack, fake_slack, "UEVE", "Eve Outsider")
    before = len(fake_slack.calls_to("views.open"))
    choose(slack, "UEVE", ids.GOAL_MENU, menu_choice(kind, pair))
    refused = fake_slack.wait_for("views.open", before + 1)[-1].params["view"]
    assert refused["callback_id"] == ids.NOTICE_VIEW and "isn't yours" in text_of(refused)
    reply = slack.view_submission("UEVE", sheet, fill(sheet, {field: "Intruder"})).json()
    assert reply["response_action"] == "errors"
    assert list(reply["errors"].values()) == ["Sorry, that mentoring relationship isn't yours."]
    settled(app)
    assert len(fake_slack.calls_to("views.open")) == before + 1  # the refusal, nothing more
    with app.sessions() as session:
        assert session.query(Worksheet).count() == 2


def test_goals_due_on_home_and_in_mentor_goals(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    new_goal(slack, fake_slack, open_goals(slack, fake_slack, "UALICE", pair), **{
        ids.GOAL_LABEL: "Present to the board", ids.GOAL_DUE_ON: "2026-11-21"})
    home = wait_for_home(fake_slack, "UJOHN", "Present to the board")
    assert "Overdue by 2 days" in text_of(home)  # 23 Nov where John is
    before = len(fake_slack.calls_to("views.open"))
    slack.command("UALICE", "goals")
    fake_slack.wait_for("views.open", before + 1)
    overview = fake_slack.latest_modal()
    assert_fits_slack(overview)
    assert "Present to the board" in text_of(overview) and "Overdue by 2 days" in text_of(overview)
    assert button_values(overview, ids.GOAL_MENU) == [menu_choice("smart", pair)]


def test_an_author_deletes_their_own_worksheet_and_only_their_own(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, pair: int
) -> None:
    for user, words in (("UALICE", "Alice's strengths"), ("UJOHN", "John's strengths")):
        opened = len(fake_slack.calls_to("views.open"))
        choose(slack, user, ids.GOAL_MENU, menu_choice("swot", pair))
        fake_slack.wait_for("views.open", opened + 1)
        sheet = fake_slack.latest_modal()
        slack.view_submission(user, sheet, fill(sheet, {"worksheet.strengths": words}))
    opened = len(fake_slack.calls_to("views.open"))
    choose(slack, "UALICE", ids.GOAL_MENU, menu_choice("swot", pair))
    fake_slack.wait_for("views.open", opened + 1)
    sheet = fake_slack.latest_modal()
    target = button_values(sheet, ids.WORKSHEET_DELETE)
    assert target == [value(payloads.Worksheet("swot", pair))]
    slack.block_action("UALICE", ids.WORKSHEET_DELETE, value=target[0], view=sheet)
    confirm = fake_slack.wait_for("views.push")[-1].params["view"]
    assert "Delete your SWOT?" in text_of(confirm)
    confirm = fake_slack.latest_modal()
    assert slack.view_submission("UALICE", confirm).json() == {"response_action": "clear"}
    # A forged delete by someone outside the pair changes nothing.
    join_as_mentor(slack, fake_slack, "UEVE", "Eve Outsider")
    slack.view_submission("UEVE", confirm)
    with app.sessions() as session:
        left = {s.author.slack_user_id for s in session.scalars(select(Worksheet))}
    assert left == {"UJOHN"}

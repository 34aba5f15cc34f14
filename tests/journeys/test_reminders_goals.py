"""Journey: Alice's goal reminders reach her DM in her own morning, and their buttons work."""

from __future__ import annotations

from typing import Any

from blocks import ids
from bot.app import Mentorbot
from bot.ticks import run_tick
from domain.model import Goal, GoalStatus
from tests.journeys.goal_steps import set_goal
from tests.journeys.steps import button_values, dms_to, text_of, wait_for_dm
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def tick(app: Mentorbot, clock: FakeClock) -> int:
    """The goals tick, as the scheduler runs it."""
    return run_tick("goals", app.sessions, clock.now, app.sender.kick)


def click(slack: SlackRequests, fake: FakeSlack, dm: dict[str, Any], action_id: str,
          index: int, expect: str) -> dict[str, Any]:
    """Alice clicks a button of the DM: the modal it opens."""
    known = len(fake.views)
    assert slack.block_action("UALICE", action_id, message=dm,
                              value=button_values(dm["blocks"], action_id)[index]).status == 200
    view = fake.wait_for_new_modal(expect, known)
    assert_fits_slack(view)
    return view


def test_alice_is_reminded_moves_the_date_from_the_dm_and_completes_the_goal(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock,
        pair: int) -> None:
    _, goal_id = set_goal(slack, fake_slack, pair, "Run a team meeting", "2026-11-27")
    clock.advance(days=1, hours=3, minutes=45)  # Tuesday 07:45 in New York
    assert tick(app, clock) == 0
    clock.advance(minutes=15)
    assert tick(app, clock) == 1
    dm = first = wait_for_dm(fake_slack, "UALICE", "is due in 3 days, on Friday 27 November")
    assert_fits_slack({"type": "message", "blocks": dm["blocks"]})
    assert "so Дмитрий Ωμέγα knows where you are" in dm["text"]
    assert not [m for m in dms_to(fake_slack, "UJOHN") if "Run a team meeting" in text_of(m)]

    listing = click(slack, fake_slack, dm, ids.GOAL_MENU, 0, ids.GOAL_LIST_VIEW)
    assert "Run a team meeting" in text_of(listing) and "Due 3 days from now" in text_of(listing)
    form = click(slack, fake_slack, dm, ids.GOAL_ACTIONS, 0, ids.GOAL_SUBMIT)  # Change the date
    assert '"initial_date": "2026-11-27"' in text_of(form)
    reply = slack.view_submission("UALICE", form, fill(form, {ids.GOAL_DUE_ON: "2026-12-04"}))
    assert reply.status == 200 and not reply.body.strip(), reply.body

    clock.advance(days=3)  # Friday 27th, 08:00 in New York: the old date is gone
    assert tick(app, clock) == 0
    clock.advance(days=4)  # Tuesday 1 December: three days before the new date
    assert tick(app, clock) == 1
    dm = wait_for_dm(fake_slack, "UALICE", "is due in 3 days, on Friday 4 December")
    form = click(slack, fake_slack, dm, ids.GOAL_ACTIONS, 1, ids.GOAL_COMPLETE_SUBMIT)
    done = slack.view_submission("UALICE", form, fill(form, {ids.GOAL_NOTE: "Held it."})).json()
    assert "is complete. Well done!" in text_of(done["view"])
    with app.sessions() as session:
        assert session.get_one(Goal, goal_id).status == GoalStatus.COMPLETED
    # The first reminder's Mark complete, clicked later, says so and changes nothing.
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UALICE", ids.GOAL_ACTIONS, message=first,
                       value=button_values(first["blocks"], ids.GOAL_ACTIONS)[1])
    notice = fake_slack.wait_for("views.open", opened + 1)[-1].params["view"]
    assert "“Run a team meeting” is already complete" in text_of(notice)
    with app.sessions() as session:
        assert session.get_one(Goal, goal_id).outcome_note == "Held it."

    for days in (3, 3, 1):  # Friday the 4th, Monday the 7th, Tuesday: nothing more
        clock.advance(days=days)
        assert tick(app, clock) == 0
    app.settle()
    assert len([m for m in dms_to(fake_slack, "UALICE") if "Run a team meeting" in m["text"]]) == 2

"""Journey: after completion, the side that has not answered is asked in their own morning,
and the DM's button opens the survey."""

from __future__ import annotations

from blocks import ids
from bot.app import Mentorbot
from bot.ticks import run_tick
from domain.model import Feedback
from tests.journeys.steps import button_values, dms_to, text_of, wait_for_dm
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

SURVEY = {ids.FEEDBACK_RATING: "5", ids.FEEDBACK_GOALS_MET: "mostly",
          ids.FEEDBACK_RECOMMEND: "yes"}


def tick(app: Mentorbot, clock: FakeClock) -> int:
    """The feedback tick, as the scheduler runs it."""
    return run_tick("feedback", app.sessions, clock.now, app.sender.kick)


def answer_survey(slack: SlackRequests, fake: FakeSlack, user_id: str, button: str,
                  **clicked: object) -> None:
    """Give feedback from a button carrying `button`: the survey, filled in and sent."""
    known = len(fake.views)
    assert slack.block_action(user_id, ids.FEEDBACK_OPEN, value=button, **clicked).status == 200
    survey = fake.wait_for_new_modal(ids.FEEDBACK_SUBMIT, known)
    assert_fits_slack(survey)
    thanks = slack.view_submission(user_id, survey, fill(survey, SURVEY)).json()
    assert "Thank you for your feedback" in text_of(thanks["view"])


def test_only_alice_who_has_not_answered_is_asked_and_answers_from_the_dm(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock,
        pair: int, pair_ref: str) -> None:
    known = len(fake_slack.views)
    slack.block_action("UJOHN", ids.COMPLETION_OPEN, value=pair_ref)
    confirm = fake_slack.wait_for_new_modal(ids.COMPLETION_CONFIRM_SUBMIT, known)
    assert slack.view_submission("UJOHN", confirm, fill(confirm, {})).status == 200
    told = wait_for_dm(fake_slack, "UJOHN", "Ready to give feedback")
    answer_survey(slack, fake_slack, "UJOHN", button_values(told["blocks"], ids.FEEDBACK_OPEN)[0],
                  message=told)

    clock.advance(days=2)  # Wednesday 09:00 UTC: 04:00 for Alice in New York
    assert tick(app, clock) == 0
    clock.advance(hours=4)  # 08:00 in New York
    assert tick(app, clock) == 1
    dm = wait_for_dm(fake_slack, "UALICE", "How did your mentoring with Дмитрий Ωμέγα go?")
    assert "never to your mentor" in dm["text"]
    assert_fits_slack({"type": "message", "blocks": dm["blocks"]})
    assert button_values(dm["blocks"], ids.FEEDBACK_OPEN) == [pair_ref]
    assert not [m for m in dms_to(fake_slack, "UJOHN") if "How did your mentoring" in m["text"]]
    answer_survey(slack, fake_slack, "UALICE", pair_ref, message=dm)
    with app.sessions() as session:
        assert session.query(Feedback).count() == 2

    clock.advance(days=5)  # the seventh day: both have answered, nobody is asked again
    assert tick(app, clock) == 0

"""/mentor relationships and a busy Home: every list stays inside Slack's block limits."""

from __future__ import annotations

import json

from blocks import ids
from bot.app import Mentorbot
from domain.members import Actor
from domain.proposals import ProposalAnswers, propose_mentorship
from tests.support import seed
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests


def busy_mentor(app: Mentorbot, clock: FakeClock) -> None:
    """John mentors 15 people, has room for more, and has 15 requests waiting."""
    with app.sessions.begin() as session:
        lists = seed.programme(session)
        john = seed.mentor(session, lists, "UJOHN", areas=[1], capacity=20, name="John Smith")
        for n in range(15):
            seed.pair(session, john, seed.mentee(session, lists, f"UM{n}", areas=[1],
                                                 name=f"Mentee {n} <!channel>"))
        for n in range(15):
            asker = seed.mentee(session, lists, f"UA{n}", areas=[1], name=f"Asker {n}")
            propose_mentorship(session, actor=Actor("T1", asker.slack_user_id), mentor_id=john.id,
                               answers=ProposalAnswers(lists.areas[1].id, "Please " * 60),
                               now=clock.now())


def test_relationships_lists_a_busy_mentor_within_limits(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    busy_mentor(app, clock)
    fake_slack.add_user("UJOHN", name="john")
    assert slack.command("UJOHN", "relationships").status == 200
    view = fake_slack.wait_for("views.open")[0].params["view"]
    assert view["callback_id"] == ids.RELATIONSHIP_LIST_VIEW
    assert_fits_slack(view)
    text = json.dumps(view)
    assert "Requests for you" in text and "Mentee 14" in text and "Mentee 0" in text
    assert "Showing the newest 15 of each list." in text
    assert "<!channel>" not in text


def test_a_busy_home_stays_within_limits(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    busy_mentor(app, clock)
    fake_slack.add_user("UJOHN", name="john")
    slack.app_home_opened("UJOHN")
    home = fake_slack.wait_for("views.publish")[0].params["view"]
    assert_fits_slack(home)
    assert "A mentoring request is waiting for your answer" in json.dumps(home)

"""The Home tab: newcomers, members, escaping and Slack's limits."""

from __future__ import annotations

import json

from blocks import ids
from blocks.home import home_view
from tests.blocks.builders import dashboard, member
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts


def action_ids(view: dict) -> list[str]:
    return [e["action_id"] for b in view["blocks"] for e in
            (b.get("elements") or [b.get("accessory") or {}]) if "action_id" in e]


def test_a_newcomer_is_welcomed_and_offered_register() -> None:
    view = home_view(dashboard(None))
    assert_fits_slack(view)
    assert view["type"] == "home"
    assert ids.HOME_REGISTER in action_ids(view)
    assert "How it works" in json.dumps(view)


def test_a_member_sees_their_profile_next_step_and_the_empty_sections() -> None:
    view = home_view(dashboard(member()))
    assert_fits_slack(view)
    text = json.dumps(view)
    assert "Fleet planner" in text and "Mango Logistics" in text
    assert "find a mentor" in text
    for section in ("relationships", "Requests you sent", "Upcoming meetings", "Goals due",
                    "Learning diary"):
        assert section in text
    assert ids.HOME_OPEN_PROFILE in action_ids(view)


def test_an_incomplete_profile_is_the_next_step() -> None:
    view = home_view(dashboard(member(complete=False)))
    assert "Complete your mentee profile" in json.dumps(view)


def test_names_and_titles_are_escaped_in_mrkdwn() -> None:
    view = home_view(dashboard(member(name="<!channel> & <@U123>",
                                      job_title="<https://evil.test|click>")))
    text = "\n".join(mrkdwn_texts(view))
    assert "<!channel>" not in text and "<@U123>" not in text and "<https://evil" not in text
    assert "&lt;!channel&gt; &amp; &lt;@U123&gt;" in text


def test_a_programme_name_with_markup_is_escaped_wherever_slack_reads_mrkdwn() -> None:
    view = home_view(dashboard(member(), programme_name="<!here> programme"))
    assert not [t for t in mrkdwn_texts(view) if "<!here>" in t]
    assert any("&lt;!here&gt; programme" in t for t in mrkdwn_texts(view))

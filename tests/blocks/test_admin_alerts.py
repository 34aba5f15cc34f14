"""Alert cards and their modals: who and what in words, the right buttons, within Slack's limits."""

from __future__ import annotations

from typing import Any

import pytest

from blocks import ids
from blocks.admin_alerts import alert_card_blocks, close_form, profiles_view
from blocks.payloads import AlertRef
from domain.model import AlertKind
from tests.blocks.builders import EVIL, NOW, assert_escaped, carried, member, pairing
from tests.blocks.test_notifications import ANA, JOHN
from tests.support.block_limits import assert_fits_slack, walk

BASE = {"alert_id": 3, "to_channel": True, "at": NOW.isoformat(), "handled": None}
CARDS: dict[AlertKind, dict[str, Any]] = {
    AlertKind.PROPOSAL_EXPIRED: {**BASE, "kind": AlertKind.PROPOSAL_EXPIRED, "mentee": ANA,
                                 "mentor": JOHN, "area": "Leadership",
                                 "asked_at": NOW.isoformat(), "expired_at": NOW.isoformat()},
    AlertKind.QUIET_RELATIONSHIP: {**BASE, "kind": AlertKind.QUIET_RELATIONSHIP, "mentee": ANA,
                                   "mentor": JOHN, "started_at": NOW.isoformat(),
                                   "quiet_since": NOW.isoformat(), "quiet_days": 23},
    AlertKind.SUPPORT_REQUEST: {**BASE, "kind": AlertKind.SUPPORT_REQUEST, "mentee": None,
                                "mentor": None, "summary": "How do I pause?",
                                "requester": {"member_id": None, "user_id": "UOUT", "name": ""}},
}


def action_ids(blocks: list[dict[str, Any]]) -> list[str]:
    return [e["action_id"] for e in walk({"blocks": blocks}) if "action_id" in e]


@pytest.mark.parametrize(("kind", "buttons"), [
    (AlertKind.PROPOSAL_EXPIRED, [ids.ADMIN_ALERTS_NUDGE, ids.ADMIN_ALERTS_MATCH,
                                  ids.ADMIN_ALERTS_PROFILE, ids.ADMIN_ALERTS_DONE]),
    (AlertKind.QUIET_RELATIONSHIP, [ids.ADMIN_ALERTS_NUDGE, ids.ADMIN_ALERTS_MATCH,
                                    ids.ADMIN_ALERTS_CLOSE, ids.ADMIN_ALERTS_PROFILE,
                                    ids.ADMIN_ALERTS_DONE]),
    (AlertKind.SUPPORT_REQUEST, [ids.ADMIN_ALERTS_DONE]),
])
def test_each_card_offers_what_fits_it(kind: AlertKind, buttons: list[str]) -> None:
    blocks = alert_card_blocks("", CARDS[kind])
    assert action_ids(blocks) == buttons
    assert all(ref == AlertRef(3) for b in buttons for ref in carried({"blocks": blocks}, b,
                                                                      AlertRef))
    assert_fits_slack({"type": "message", "blocks": blocks})


def test_a_card_names_people_and_a_stranger_by_mention() -> None:
    quiet = str(alert_card_blocks("", CARDS[AlertKind.QUIET_RELATIONSHIP]))
    assert "*Ana Lima* and their mentor *John Smith*" in quiet and "23 days" in quiet
    assert "From <@UOUT>" in str(alert_card_blocks("", CARDS[AlertKind.SUPPORT_REQUEST]))


def test_once_handled_the_card_says_who_did_what_and_its_buttons_go() -> None:
    handled = {**CARDS[AlertKind.QUIET_RELATIONSHIP],
               "handled": {"by": EVIL, "done": "nudged both", "at": NOW.isoformat()}}
    blocks = alert_card_blocks("", handled)
    assert action_ids(blocks) == []
    assert "nudged both" in str(blocks)
    assert_escaped(blocks)


def test_hostile_names_and_summaries_are_shown_as_text() -> None:
    evil = {"member_id": 5, "user_id": "UEVIL", "name": EVIL}
    for payload in ({**CARDS[AlertKind.QUIET_RELATIONSHIP], "mentee": evil},
                    {**CARDS[AlertKind.SUPPORT_REQUEST], "requester": evil, "summary": EVIL}):
        assert_escaped(alert_card_blocks("", payload))


def test_the_close_confirmation_and_the_profiles_fit_slack() -> None:
    relationship = pairing().relationship
    assert_fits_slack(close_form(3, relationship))
    people = [member(EVIL), member("John Smith")]
    for person in people:
        assert person.mentor_profile is not None
        person.mentor_profile.spare_capacity = 1
    view = profiles_view(people)
    assert "1 of 2 places taken" in str(view)
    assert_fits_slack(view)
    assert_escaped(view)
    assert "This person isn't registered" in str(profiles_view([]))

"""Meeting DMs: the details escaped and cut, and View meetings only while the pair can meet."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.meetings.dms import (
    cancelled_dm_blocks,
    logged_dm_blocks,
    meeting_dm_blocks,
    reminder_dm_blocks,
)
from blocks.payloads import RelationshipRef
from tests.blocks.builders import EVIL, assert_escaped, carried
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts


def meeting(**fields: Any) -> dict[str, Any]:
    return {"relationship_id": 7, "partner": {"name": EVIL}, "title": EVIL,
            "starts_at": "2026-11-23T09:00:00+00:00", "ends_at": "2026-11-23T10:30:00+00:00",
            "duration": 90, "location": EVIL, "details": "x" * 5000, **fields}


def test_an_arranged_meeting_shows_its_details_escaped_and_cut() -> None:
    blocks = meeting_dm_blocks("John arranged a meeting.", meeting(
        video_url="https://meet.test/a?b=<!here>"))
    assert_fits_slack({"blocks": blocks})
    assert_escaped(blocks)
    details = blocks[1]["text"]["text"]
    assert "(1 h 30 min)" in details and ":round_pushpin: &lt;!channel&gt;" in details
    assert "<https://meet.test/a?b=&lt;!here&gt;|Join the video chat>" in details
    assert "x" * 1999 in details and "x" * 2001 not in details
    assert carried(blocks, ids.MEETING_OPEN, RelationshipRef) == [RelationshipRef(7)]


def test_a_cancellation_quotes_the_reason_and_offers_meetings_only_to_a_live_pair() -> None:
    live = cancelled_dm_blocks("Cancelled.", meeting(reason=EVIL))
    ended = cancelled_dm_blocks("Cancelled.", meeting(reason=EVIL, ended=True))
    assert_escaped(live)
    assert "> &lt;!channel&gt;" in mrkdwn_texts({"blocks": live})[0]
    assert carried(live, ids.MEETING_OPEN, RelationshipRef) == [RelationshipRef(7)]
    assert carried(ended, ids.MEETING_OPEN, RelationshipRef) == []


def test_a_reminder_fits_without_optional_details() -> None:
    blocks = reminder_dm_blocks("Tomorrow:", meeting(location="", details=""))
    assert_fits_slack({"blocks": blocks})
    assert ":round_pushpin:" not in blocks[1]["text"]["text"]


def test_a_logged_meeting_quotes_its_notes_escaped_and_leads_to_the_meetings_list() -> None:
    blocks = logged_dm_blocks("John logged a meeting.", meeting(location="", details="",
                                                                notes=EVIL + "\n" + "y" * 3000))
    assert_fits_slack({"blocks": blocks})
    assert_escaped(blocks)
    shown = "\n".join(mrkdwn_texts({"blocks": blocks}))
    assert "*Notes*\n> &lt;!channel&gt;" in shown and "y" * 3000 not in shown
    assert carried(blocks, ids.MEETING_OPEN, RelationshipRef) == [RelationshipRef(7)]
    bare = logged_dm_blocks("John logged a meeting.", meeting(location="", details="", notes=""))
    assert "Notes" not in "\n".join(mrkdwn_texts({"blocks": bare}))

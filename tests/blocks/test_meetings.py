"""Meeting views, Home rows and DMs: Slack's limits, escaping, and which buttons show when."""

from __future__ import annotations

import json
from datetime import timedelta

from blocks import ids
from blocks.home import home_view
from blocks.meetings import chooser_view, meetings_view, notes_form
from blocks.notifications import direct_message
from blocks.payloads import MeetingRef, RelationshipRef, value
from domain.meetings import MeetingList
from domain.model import Meeting, Member, Relationship
from domain.model.states import MeetingStatus, OutboxKind, RelationshipStatus
from domain.relationships import Pairing
from tests.blocks.builders import NOW, dashboard, member
from tests.journeys.steps import button_values
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts

EVIL = "<!channel> & <@U123>"


def pair_of(me: Member) -> tuple[Relationship, Member]:
    partner = member("John <Smith>", mentee=False, id=2, slack_user_id="UJOHN")
    pair = Relationship(id=7, team_id="T1", mentee=me, mentee_id=me.id, mentor=partner,
                        mentor_id=partner.id, status=RelationshipStatus.ACTIVE, started_at=NOW)
    return pair, partner


def a_meeting(pair: Relationship, n: int, hours_ahead: float, **fields: object) -> Meeting:
    values: dict[str, object] = {
        "id": n, "team_id": "T1", "pair": pair, "relationship_id": pair.id,
        "created_by": pair.mentee, "created_by_id": pair.mentee_id, "uid": f"u{n}",
        "title": f"{EVIL} meeting {n}", "starts_at": NOW + timedelta(hours=hours_ahead),
        "duration_minutes": 60, "location": EVIL, "details": "x" * 2000, "video_url": None,
        "share_with_partner": True, "status": MeetingStatus.SCHEDULED, "sequence": 0, "notes": "",
        "created_at": NOW, "updated_at": NOW, **fields}
    return Meeting(**values)


def assert_escaped(view: dict) -> None:
    texts = "\n".join(mrkdwn_texts(view))
    assert "<!channel>" not in texts and "<@U123>" not in texts
    assert "&lt;!channel&gt;" in texts


def test_home_lists_upcoming_meetings_with_their_partner_and_buttons() -> None:
    me = member()
    pair, _ = pair_of(me)
    under_way = a_meeting(pair, 1, -0.5)
    coming = [a_meeting(pair, n, 24 * n) for n in range(2, 6)]
    board = dashboard(me)
    board = type(board)(**{**board.__dict__, "meetings": [under_way, *coming]})
    view = home_view(board)
    assert_fits_slack(view)
    assert_escaped(view)
    text = json.dumps(view)
    assert "Upcoming meetings" in text and "with John &lt;Smith&gt;" in text
    assert "<!date^" in text
    assert button_values(view, ids.MEETING_NOTES) == [value(MeetingRef(1))]
    assert button_values(view, ids.MEETING_EDIT) == [value(MeetingRef(n)) for n in (2, 3, 4, 5)]


def test_home_without_meetings_says_how_to_arrange_one() -> None:
    assert "Meet / Video" in json.dumps(home_view(dashboard(member())))


def test_a_full_meetings_list_stays_inside_slacks_limits() -> None:
    me = member()
    pair, partner = pair_of(me)
    listing = MeetingList(Pairing(pair, partner, False), me,
                          [a_meeting(pair, n, 24 * n, video_url="https://v.test/a&b")
                           for n in range(1, 11)],
                          [a_meeting(pair, n, -24 * n, notes=EVIL + "n" * 2500)
                           for n in range(11, 16)], NOW)
    view = meetings_view(listing)
    assert_fits_slack(view)
    assert_escaped(view)
    assert view["submit"]["text"] == "Create meeting"
    assert "Create meeting with John &lt;Smith&gt;" in json.dumps(view)
    assert len(button_values(view, ids.MEETING_NOTES)) == 5


def test_an_ended_pair_sees_its_meetings_but_no_form_or_buttons() -> None:
    me = member()
    pair, partner = pair_of(me)
    pair.status = RelationshipStatus.WITHDRAWN
    view = meetings_view(MeetingList(Pairing(pair, partner, False), me,
                                     [a_meeting(pair, 1, 24)], [], NOW))
    assert_fits_slack(view)
    assert "submit" not in view and not button_values(view, ids.MEETING_EDIT)
    assert not [b for b in view["blocks"] if b["type"] == "input"]


def test_notes_and_chooser_views_fit() -> None:
    me = member()
    pair, partner = pair_of(me)
    meeting = a_meeting(pair, 1, -2, notes="n" * 2500)
    assert_fits_slack(notes_form(meeting, Pairing(pair, partner, False), None))
    chooser = chooser_view([Pairing(pair, partner, False)] * 60)
    assert_fits_slack(chooser)
    texts = "\n".join(mrkdwn_texts(chooser))
    assert "John &lt;Smith&gt;" in texts and "<Smith>" not in texts


def test_meeting_dms_escape_what_people_typed() -> None:
    payload = {"meeting_id": 1, "relationship_id": 7,
               "partner": {"name": EVIL, "image_url": ""}, "title": EVIL,
               "starts_at": NOW.isoformat(), "ends_at": (NOW + timedelta(hours=1)).isoformat(),
               "duration": 60, "location": EVIL, "details": EVIL, "video_url": "",
               "status": MeetingStatus.SCHEDULED, "reason": EVIL}
    for kind in (OutboxKind.MEETING_ARRANGED, OutboxKind.MEETING_UPDATED,
                 OutboxKind.MEETING_CANCELLED, OutboxKind.MEETING_REMINDER):
        dm = direct_message(kind, payload)
        assert "<!channel>" not in dm.text and "<!date^" in dm.text
        assert_fits_slack({"type": "message", "blocks": dm.blocks})
        assert_escaped({"blocks": dm.blocks})
        assert button_values(dm.blocks, ids.MEETING_OPEN) == [value(RelationshipRef(7))]


def test_a_reminder_shows_the_video_chat_to_join_only_when_there_is_one() -> None:
    payload = {"meeting_id": 1, "relationship_id": 7,
               "partner": {"name": EVIL, "image_url": ""}, "title": EVIL,
               "starts_at": NOW.isoformat(), "ends_at": (NOW + timedelta(hours=1)).isoformat(),
               "duration": 60, "location": "", "details": "", "video_url": "",
               "status": MeetingStatus.SCHEDULED, "hours_before": 1}
    plain = direct_message(OutboxKind.MEETING_REMINDER, payload)
    assert "is in an hour" in plain.text and ids.MEETING_JOIN_VIDEO not in json.dumps(plain.blocks)
    video = direct_message(OutboxKind.MEETING_REMINDER,
                           {**payload, "video_url": "https://meet.example/r?a=1&b=2"})
    join = video.blocks[-1]["elements"][0]
    assert (join["action_id"], join["url"]) == (ids.MEETING_JOIN_VIDEO,
                                                "https://meet.example/r?a=1&b=2")


def test_the_follow_up_escapes_what_people_typed_and_opens_notes_and_diary() -> None:
    payload = {"meeting_id": 5, "relationship_id": 7,
               "partner": {"name": EVIL, "image_url": ""}, "title": EVIL,
               "starts_at": NOW.isoformat(), "ends_at": (NOW + timedelta(hours=1)).isoformat(),
               "duration": 60, "location": EVIL, "details": EVIL, "video_url": "",
               "status": MeetingStatus.SCHEDULED, "has_notes": True}
    dm = direct_message(OutboxKind.MEETING_FOLLOW_UP, payload)
    assert "<!channel>" not in dm.text and "add to the meeting notes you share" in dm.text
    assert_fits_slack({"type": "message", "blocks": dm.blocks})
    assert_escaped({"blocks": dm.blocks})
    assert button_values(dm.blocks, ids.MEETING_NOTES) == [value(MeetingRef(5))]
    assert button_values(dm.blocks, ids.DIARY_FROM_MEETING) == [value(MeetingRef(5))]


def test_a_meeting_called_off_by_the_end_of_the_pair_says_so_kindly() -> None:
    payload = {"meeting_id": 1, "relationship_id": 7,
               "partner": {"name": EVIL, "image_url": ""}, "title": EVIL,
               "starts_at": NOW.isoformat(), "ends_at": (NOW + timedelta(hours=1)).isoformat(),
               "duration": 60, "location": "", "details": "", "video_url": "",
               "status": "cancelled"}
    said = {ended: direct_message("meeting_cancelled", {**payload, "ended": ended})
            for ended in ("withdrawn", "completed")}
    assert "as your mentoring relationship has ended." in said["withdrawn"].text
    assert "as your mentoring relationship has been completed." in said["completed"].text
    for dm in said.values():
        assert "has cancelled" not in dm.text and "<!channel>" not in dm.text
        assert_escaped({"blocks": dm.blocks})
        assert "removes the meeting from your calendar" in json.dumps(dm.blocks)
        assert button_values(dm.blocks, ids.MEETING_OPEN) == []  # no meetings to arrange now

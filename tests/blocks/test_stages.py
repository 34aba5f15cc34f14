"""The road map, completion and feedback views: escaped, inside Slack's limits, stage-aware."""

from __future__ import annotations

import json

import pytest

from blocks import ids
from blocks.completion import confirm_completion_form, past_rows
from blocks.feedback import feedback_form, thanks_view
from blocks.notifications import direct_message
from blocks.payloads import RelationshipAction, value
from blocks.stages import stage_view
from domain.completion import PastPairing
from domain.model import Member, OutboxKind, Relationship, RelationshipStatus, Stage
from domain.relationships import Pairing
from domain.stages import News, RoadMap, StageState, StageStep
from tests.blocks.builders import NOW
from tests.support.block_limits import assert_fits_slack, mrkdwn_texts

EVIL = "<!channel> & <@U123>"


def pairing(stage: Stage, status: RelationshipStatus = RelationshipStatus.ACTIVE, *,
            i_am_mentor: bool = False) -> Pairing:
    mentor = Member(id=1, team_id="T1", slack_user_id="UJOHN", name=EVIL)
    mentee = Member(id=2, team_id="T1", slack_user_id="UALICE", name=EVIL)
    relationship = Relationship(id=7, team_id="T1", mentor=mentor, mentee=mentee, status=status,
                                stage=stage, started_at=NOW,
                                ended_at=NOW if status != RelationshipStatus.ACTIVE else None)
    return Pairing(relationship, mentee if i_am_mentor else mentor, i_am_mentor)


def road(stage: Stage, status: RelationshipStatus = RelationshipStatus.ACTIVE, *,
         i_am_mentor: bool = False, news: News | None = None) -> RoadMap:
    position = list(Stage).index(stage)
    finished = status == RelationshipStatus.COMPLETED
    steps = [StageStep(s, StageState.DONE if i < position or finished else
                       StageState.CURRENT if i == position else StageState.TO_COME,
                       NOW if i < position else None) for i, s in enumerate(Stage)]
    return RoadMap(pairing(stage, status, i_am_mentor=i_am_mentor), steps, False, news)


def buttons(view: dict) -> set[str]:
    return {e["action_id"] for b in view["blocks"] if b["type"] == "actions"
            for e in b["elements"]}


@pytest.mark.parametrize("i_am_mentor", [False, True])
@pytest.mark.parametrize("stage", list(Stage))
def test_every_stage_of_the_road_map_fits_slack_and_escapes_the_partner(
    stage: str, i_am_mentor: bool
) -> None:
    view = stage_view(road(stage, i_am_mentor=i_am_mentor, news=News.STAGE_COMPLETED))
    assert_fits_slack(view)
    texts = "\n".join(mrkdwn_texts(view))
    assert "<!channel>" not in texts and "&lt;!channel&gt; &amp; &lt;@U123&gt;" in texts
    assert "Successfully marked stage as completed" in texts
    assert {ids.CONVERSATION_OPEN, ids.MEETING_OPEN} <= buttons(view)


def test_the_last_stage_offers_the_mentor_completion_and_the_mentee_a_request() -> None:
    assert ids.STAGE_COMPLETE in buttons(stage_view(road(Stage.PROGRESSION)))
    assert buttons(stage_view(road(Stage.COMPLETION, i_am_mentor=True))) >= {ids.COMPLETION_OPEN}
    mentee = buttons(stage_view(road(Stage.COMPLETION)))
    assert ids.COMPLETION_REQUEST in mentee and ids.COMPLETION_OPEN not in mentee
    assert ids.STAGE_COMPLETE not in mentee


def test_a_completed_relationship_offers_feedback_a_new_journey_and_the_reminder() -> None:
    view = stage_view(road(Stage.COMPLETION, RelationshipStatus.COMPLETED,
                           news=News.RELATIONSHIP_COMPLETED))
    assert_fits_slack(view)
    assert {ids.FEEDBACK_OPEN, ids.COMPLETION_NEW_JOURNEY} <= buttons(view)
    assert "Don't forget to mark any SMART goals" in json.dumps(view)
    ended = stage_view(road(Stage.PROGRESSION, RelationshipStatus.WITHDRAWN))
    assert not buttons(ended) and "ended" in json.dumps(ended)


def test_forms_and_past_relationships_fit_slack() -> None:
    for view in (confirm_completion_form(pairing(Stage.COMPLETION, i_am_mentor=True)),
                 feedback_form(pairing(Stage.COMPLETION, RelationshipStatus.COMPLETED)),
                 thanks_view()):
        assert_fits_slack(view)
        assert "<!channel>" not in "\n".join(mrkdwn_texts(view))
    ended = pairing(Stage.COMPLETION, RelationshipStatus.COMPLETED)
    rows = past_rows([PastPairing(ended, False, False)])
    assert "<!channel>" not in json.dumps(rows)
    values = [o["value"] for o in rows[1]["accessory"]["options"]]
    assert values == [value(RelationshipAction(verb, 7))
                      for verb in ("feedback", "new_journey", "road_map")]


@pytest.mark.parametrize(("kind", "payload"), [
    (OutboxKind.STAGE_COMPLETED, {"relationship_id": 7, "by": {"name": EVIL},
                                  "done": Stage.PROGRESSION, "now": Stage.COMPLETION,
                                  "partner_is_mentor": True}),
    (OutboxKind.COMPLETION_REQUESTED, {"relationship_id": 7,
                                       "mentee": {"name": EVIL, "member_id": 2}}),
    (OutboxKind.RELATIONSHIP_COMPLETED, {"relationship_id": 7, "i_am_mentor": False,
                                         "partner": {"name": EVIL, "member_id": 1}}),
    (OutboxKind.JOURNEY_STARTED, {"relationship_id": 8, "by": {"name": EVIL}}),
])
def test_every_dm_of_the_journey_escapes_names_and_fits_slack(kind: OutboxKind,
                                                              payload: dict) -> None:
    dm = direct_message(kind, payload)
    assert "<!channel>" not in dm.text and "&lt;!channel&gt;" in dm.text
    assert_fits_slack({"blocks": dm.blocks})

"""The outbox-kind registry: every kind the domain owes has a template, a builder and a sample."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

import blocks
from blocks import ids
from blocks.notifications import BUILDERS, direct_message
from domain.model import AlertKind, GoalStatus, MeetingStatus, OutboxKind, ProposalStatus, Stage
from tests.blocks.builders import NOW
from tests.support.block_limits import assert_fits_slack

TEMPLATES = Path(blocks.__file__).parent / "templates"


def _someone(member_id: int, name: str, user_id: str) -> dict[str, Any]:
    """A person as domain.people.person snapshots them into a payload."""
    return {"member_id": member_id, "user_id": user_id, "name": name,
            "title": "Data engineer", "organisation": "Acme Health",
            "email": f"{user_id[1:].lower()}@example.org", "image_url": ""}


ANA, JOHN = _someone(1, "Ana Lima", "UANA"), _someone(2, "John Smith", "UJOHN")
CARD = {"proposal_id": 4, "status": ProposalStatus.PENDING, "mentee": ANA, "mentor": JOHN,
        "area": "Leadership", "statement": "I'd like to lead my first team well.",
        "needs": ["Leadership", "Public speaking"], "note": "",
        "expires_at": (NOW + timedelta(days=14)).isoformat()}
MEETING = {"meeting_id": 3, "relationship_id": 7, "partner": JOHN, "title": "First chat",
           "starts_at": NOW.isoformat(), "ends_at": (NOW + timedelta(hours=1)).isoformat(),
           "duration": 60, "location": "Room 2", "details": "Bring your goals.",
           "video_url": "https://meet.jit.si/mentorbot-abc", "status": MeetingStatus.SCHEDULED}
GOAL = {"label": "Run a team meeting", "owner": "Ana Lima", "partner": "John Smith",
        "details": "", "status": GoalStatus.OPEN, "outcome_note": "", "due_on": None,
        "created_on": NOW.date().isoformat(), "completed_on": None, "milestones": []}
# A nudge to one side of a quiet pair (domain/reminders/kinds/quiet.py).
QUIET = {"name": "Ana Lima", "relationship_id": 7, "i_am_mentor": False,
         "partner": {"member_id": 2, "user_id": "UJOHN", "name": "John Smith"},
         "last_in_touch": (NOW - timedelta(days=21)).isoformat(), "quiet_days": 21,
         "nudge_kind": "quiet_relationship"}

# One realistic payload per kind, shaped like what the domain enqueues for it.
SAMPLES: dict[OutboxKind, dict[str, Any]] = {
    OutboxKind.WELCOME: {"name": "Ana Lima", "programme": "Mentoring programme",
                         "is_mentor": False, "is_mentee": True},
    OutboxKind.PROPOSAL_CARD: CARD,
    OutboxKind.PROPOSAL_REMINDER: {"proposal_id": 5, "mentee": {"member_id": 2,
                                                                 "name": "Ana Lima"},
                                   "area": "Leadership", "days_waiting": 3, "days_left": 11,
                                   "expires_at": (NOW + timedelta(days=11)).isoformat(),
                                   "nudge_kind": "proposal_chase"},
    OutboxKind.PROPOSAL_REINSTATED: CARD,
    OutboxKind.PROPOSAL_WITHDRAWN: {**CARD, "status": ProposalStatus.WITHDRAWN},
    OutboxKind.PROPOSAL_ACCEPTED: {**CARD, "status": ProposalStatus.ACCEPTED},
    OutboxKind.PROPOSAL_DECLINED: {**CARD, "status": ProposalStatus.DECLINED,
                                   "note": "I'm away this quarter.", "alternatives": [JOHN]},
    OutboxKind.PROPOSAL_EXPIRED: {**CARD, "status": ProposalStatus.EXPIRED, "alternatives": []},
    OutboxKind.PROPOSAL_CLOSED: {**CARD, "status": ProposalStatus.WITHDRAWN},
    OutboxKind.PROPOSAL_SUGGESTED: {**CARD, "suggested": True},
    OutboxKind.PROPOSAL_UNAVAILABLE: {**CARD, "status": ProposalStatus.DECLINED,
                                      "reason": "paused", "alternatives": [JOHN]},
    OutboxKind.NUDGE_DIGEST: {"lines": ["Your goal <Ship it> is due on Friday."]},
    OutboxKind.NUDGE_PROFILE_INCOMPLETE: {"name": "Ana Lima", "programme": "Mentoring programme",
                                          "registered_at": NOW.isoformat(),
                                          "missing": ["mentee", "mentor"], "step": 0, "last": False,
                                          "nudge_kind": "profile_incomplete"},
    OutboxKind.NUDGE_NO_REQUEST: {"name": "Ana Lima", "programme": "Mentoring programme",
                                  "registered_at": NOW.isoformat(), "step": 1, "last": True,
                                  "matches": [{**JOHN, "offers": ["Leadership"]}],
                                  "nudge_kind": "no_request"},
    OutboxKind.RELATIONSHIP_ENDED: {"by": JOHN, "reason": "I changed jobs.",
                                    "partner_was_mentor": False},
    OutboxKind.CONVERSATION_MESSAGE: {"sender": JOHN, "body": "Shall we meet on Tuesday?",
                                      "files": [], "sent_at": NOW.isoformat()},
    OutboxKind.MEETING_ARRANGED: MEETING,
    OutboxKind.MEETING_UPDATED: MEETING,
    OutboxKind.MEETING_CANCELLED: {**MEETING, "status": MeetingStatus.CANCELLED,
                                   "reason": "I'm ill."},
    OutboxKind.MEETING_REMINDER: {**MEETING, "hours_before": 24},
    OutboxKind.MEETING_FOLLOW_UP: {**MEETING, "has_notes": False},
    OutboxKind.MEETING_LOGGED: {**MEETING, "location": "", "details": "", "video_url": "",
                                "notes": "We mapped the first goals.\n" + "x" * 2490},
    OutboxKind.STAGE_COMPLETED: {"relationship_id": 7, "by": JOHN,
                                 "done": Stage.FIRST_CONVERSATION, "now": Stage.PROGRESSION,
                                 "partner_is_mentor": True},
    OutboxKind.COMPLETION_REQUESTED: {"relationship_id": 7, "mentee": ANA},
    OutboxKind.RELATIONSHIP_COMPLETED: {"relationship_id": 7, "partner": JOHN,
                                        "i_am_mentor": False},
    OutboxKind.JOURNEY_STARTED: {"relationship_id": 8, "by": JOHN},
    OutboxKind.GOAL_PDF: {"goals_pdf": {"title": "Goal: Run a team meeting", "goals": [GOAL]}},
    OutboxKind.DIARY_PDF: {"diary_pdf": "T1"},
    OutboxKind.MY_DATA: {"my_data": "T1"},
    OutboxKind.WORKSHEET_PDF: {"worksheet_pdf": {
        "title": "SWOT of Ana Lima", "author": "Ana Lima", "updated_on": "2026-11-23",
        "sections": [{"label": "Strengths", "text": "Planning"}]}},
    OutboxKind.HEALTH_PDF: {"programme": "Mentoring programme", "period": "Dec 2025 – Nov 2026",
                            "health_pdf": {"team_id": "T1", "as_of": NOW.isoformat()}},
    OutboxKind.HEALTH_CSV: {"programme": "Mentoring programme", "period": "Dec 2025 – Nov 2026",
                            "health_csv": {"team_id": "T1", "as_of": NOW.isoformat()}},
    OutboxKind.ADMIN_MATCHED: {"relationship_id": 7, "partner": JOHN, "i_am_mentor": False,
                               "by": "Sam Admin", "note": "You both love freight.",
                               "programme": "Mentoring programme"},
    OutboxKind.ADMIN_ALERT: {"alert_id": 3, "kind": AlertKind.QUIET_RELATIONSHIP,
                             "to_channel": True, "at": NOW.isoformat(), "handled": None,
                             "mentee": ANA, "mentor": JOHN, "started_at": NOW.isoformat(),
                             "quiet_since": NOW.isoformat(), "quiet_days": 21},
    OutboxKind.ADMIN_NUDGE: {"alert_kind": AlertKind.QUIET_RELATIONSHIP, "name": "Ana Lima",
                             "partner": JOHN, "i_am_mentor": False, "by": "Sam Admin",
                             "programme": "Mentoring programme"},
    OutboxKind.ADMIN_CLOSED: {"partner": JOHN, "reason": "", "i_am_mentor": False,
                              "by": "Sam Admin", "programme": "Mentoring programme"},
    OutboxKind.GOAL_DUE: {"goal_id": 5, "relationship_id": 7, "label": "Run a team meeting",
                          "partner": "John Smith", "due_on": "2026-11-26",
                          "due_day": "Thursday 26 November", "days_left": 3,
                          "nudge_kind": "goal_due"},
    OutboxKind.FEEDBACK_CHASE: {"relationship_id": 7, "i_am_mentor": False,
                                "partner": {"member_id": 2, "name": "John Smith"},
                                "ended_at": NOW.isoformat(), "last": False,
                                "nudge_kind": "feedback_chase"},
    OutboxKind.QUIET_NUDGE: QUIET,
    OutboxKind.INACTIVE_WARNING: {**QUIET, "quiet_days": 90, "close_days": 7,
                                  "closes_at": (NOW + timedelta(days=7)).isoformat()},
    OutboxKind.INACTIVE_CLOSED: {"partner": JOHN, "i_am_mentor": False,
                                 "programme": "Mentoring programme", "warning_days": 90},
    OutboxKind.PROGRAMME_INVITE: {"programme": "Mentoring programme"},
    OutboxKind.MENTOR_SUGGESTIONS: {"name": "Ana Lima", "programme": "Mentoring programme",
                                    "matches": []},
    OutboxKind.SUPPORT_CARD: {"request_id": 5, "kind": "question", "to_channel": True,
                              "requester": "UANA", "name": "Ana Lima", "email": "ana@example.org",
                              "subject": "Cannot find a mentor", "message": "Hello\nI looked.",
                              "at": NOW.isoformat(), "answered": None},
    OutboxKind.SUPPORT_RECEIVED: {"request_id": 5, "name": "Ana Lima",
                                  "subject": "Cannot find a mentor",
                                  "programme": "Mentoring programme"},
    OutboxKind.SUPPORT_ANSWER: {"request_id": 5, "subject": "Cannot find a mentor",
                                "answer": "Try the search with fewer areas.", "by": "Sam Admin",
                                "programme": "Mentoring programme",
                                "thread_under": "support:5:received"},
}


def test_every_kind_has_a_template_a_builder_and_a_sample() -> None:
    kinds = set(OutboxKind)
    missing_templates = {k for k in kinds if not (TEMPLATES / f"{k}.txt.j2").is_file()}
    assert not missing_templates, f"no blocks/templates/<kind>.txt.j2 for {missing_templates}"
    assert set(BUILDERS) == kinds, f"builders differ: {set(BUILDERS) ^ kinds}"
    assert set(SAMPLES) == kinds, f"add a sample payload here for {kinds - set(SAMPLES)}"


def test_every_template_belongs_to_a_kind() -> None:
    templates = {p.name.removesuffix(".txt.j2") for p in TEMPLATES.glob("*.txt.j2")}
    assert templates == set(OutboxKind), f"templates without a kind: {templates - set(OutboxKind)}"


@pytest.mark.parametrize("kind", list(OutboxKind))
def test_every_kind_renders_a_dm_that_fits_slack(kind: OutboxKind) -> None:
    dm = direct_message(kind, SAMPLES[kind])
    assert dm.text and len(dm.text) <= 4000
    assert dm.blocks, "a DM with no blocks shows only its fallback text"
    assert_fits_slack({"type": "message", "blocks": dm.blocks})


@pytest.mark.parametrize(("days_left", "says"), [
    (3, "is due in 3 days, on Thursday 26 November"), (1, "is due tomorrow, Thursday"),
    (0, "is due today"), (-1, "is overdue: it was due on Thursday 26 November")])
def test_a_goal_reminder_says_how_far_off_the_date_is(days_left: int, says: str) -> None:
    dm = direct_message(OutboxKind.GOAL_DUE, {**SAMPLES[OutboxKind.GOAL_DUE],
                                              "days_left": days_left,
                                              "label": "<!here> Ship it"})
    assert says in dm.text
    assert "&lt;!here&gt; Ship it" in dm.text  # a goal's label cannot ping anyone
    ids_per_block = [[e["action_id"] for e in [*b.get("elements", []), b.get("accessory") or {}]
                      if "action_id" in e] for b in dm.blocks]
    assert all(len(found) == len(set(found)) for found in ids_per_block)  # as Slack insists


def test_the_last_feedback_reminder_says_it_is_the_last() -> None:
    sample = SAMPLES[OutboxKind.FEEDBACK_CHASE]
    assert "How did your mentoring with John Smith go?" in direct_message(
        OutboxKind.FEEDBACK_CHASE, sample).text
    last = direct_message(OutboxKind.FEEDBACK_CHASE, {**sample, "last": True, "i_am_mentor": True})
    assert last.text.startswith("One last reminder") and "never to your mentee" in last.text


def test_an_answered_support_card_says_who_and_loses_its_buttons() -> None:
    payload = {**SAMPLES[OutboxKind.SUPPORT_CARD],
               "answered": {"by": "Sam Admin", "replied": True, "at": NOW.isoformat()}}
    dm = direct_message(OutboxKind.SUPPORT_CARD, payload)
    shown = str(dm.blocks)
    assert "Sam Admin* replied" in shown and "answered by Sam Admin" in dm.text
    assert ids.ADMIN_SUPPORT_REPLY not in shown and ids.ADMIN_SUPPORT_MARK_ANSWERED not in shown

"""The road map: each stage's guide (Jinja2 templates), the Next step modal and its DMs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from blocks import ids
from blocks.kit import Block, actions, button, context, divider, escape, modal, section, slack_date
from blocks.payloads import HelpPlace, MemberRef, RelationshipRef, StageMark, metadata, value
from domain.help import guide_key
from domain.model import Relationship, RelationshipStatus
from domain.stages import FINAL, News, RoadMap, StageState, StageStep, current_stage

# The stages' texts are ours; the partner's name is the only value they print, escaped here.
_content = Environment(
    loader=PackageLoader("blocks", "templates"),
    finalize=lambda shown: escape(str(shown)) if isinstance(shown, str) else shown,
    undefined=StrictUndefined,
    autoescape=False,
)

SMART_REMINDER = "Don't forget to mark any SMART goals you may have set as complete."
_ICONS = {StageState.DONE: ":white_check_mark:", StageState.CURRENT: ":arrow_forward:",
          StageState.TO_COME: ":white_circle:"}


@dataclass(frozen=True)
class StageText:
    """What a stage is called and what it is for, from its template."""

    title: str
    short: str
    summary: str


def _template(stage: str) -> Any:
    return _content.get_template(f"stages/{stage}.txt.j2").module


def stage_text(stage: str) -> StageText:
    """The stage's names and one-line description."""
    module = _template(stage)
    return StageText(str(module.title), str(module.short), str(module.summary))


def stage_guide(stage: str, partner_name: str, i_am_mentor: bool) -> str:
    """The stage's page: what it is for and what to do, addressed to one side of the pair."""
    return str(_template(stage).guide(partner_name, i_am_mentor)).strip()


def stage_label(relationship: Relationship) -> str:
    """`Stage: First conversation`, for a relationship card."""
    return f"Stage: {stage_text(current_stage(relationship)).short}"


def _step_line(step: StageStep) -> Block:
    text = stage_text(step.stage)
    if step.state is StageState.DONE:
        where = "done" + (f" {slack_date(step.completed_at, '{date_short_pretty}')}"
                          if step.completed_at else "")
    else:
        where = "you are here" if step.state is StageState.CURRENT else "to come"
    return section(f"{_ICONS[step.state]} *{text.title}* · {where}\n{text.summary}")


def _news(road: RoadMap) -> str:
    partner = escape(road.pairing.partner.name)
    return {
        News.STAGE_COMPLETED: ":white_check_mark: *Successfully marked stage as completed.* "
                              f"You're now at *{stage_text(road.current).title}*.",
        News.COMPLETION_REQUESTED: f":envelope: We've asked {partner} to mark your mentoring "
                                   "relationship complete; they have a message with a button "
                                   "to do it.",
        News.RELATIONSHIP_COMPLETED: ":tada: *Successfully marked stage as completed.* Your "
                                     f"mentoring relationship with {partner} is complete, and "
                                     "you've both been asked for feedback.",
        News.JOURNEY_STARTED: f":seedling: Your new journey with {partner} has begun, back at "
                              "the first stage of the road map.",
    }[road.news] if road.news else ""


def _mark_current(road: RoadMap) -> list[Block]:
    """The button that moves the pair on, or what stands in for it at the last stage."""
    pairing, stage = road.pairing, road.current
    relationship = pairing.relationship
    ref = value(RelationshipRef(relationship.id))
    partner = escape(pairing.partner.name)
    if stage != FINAL:
        return [actions(button(f"Mark “{stage_text(stage).short}” complete", ids.STAGE_COMPLETE,
                               value(StageMark(stage, relationship.id)), style="primary"))]
    asked = relationship.completion_requested_at
    if pairing.i_am_mentor:
        note = [context(f"{partner} asked you to mark it complete "
                        f"{slack_date(asked, '{date_short_pretty}')}.")] if asked else []
        return [*note, actions(button("Mark relationship complete", ids.COMPLETION_OPEN, ref,
                                      style="primary"))]
    if asked:
        return [context(f"You asked {partner} to mark your relationship complete "
                        f"{slack_date(asked, '{date_short_pretty}')}.")]
    return [actions(button(f"Ask {pairing.partner.name} to mark it complete",
                           ids.COMPLETION_REQUEST, ref, style="primary"))]


def _tools(road: RoadMap) -> Block:
    partner, ref = road.pairing.partner, value(RelationshipRef(road.pairing.relationship.id))
    guide = HelpPlace(guide_key(road.current, road.pairing.i_am_mentor))
    return actions(button("Messages", ids.CONVERSATION_OPEN, value(MemberRef(partner.id))),
                   button("Meet / Video", ids.MEETING_OPEN, ref),
                   button("Guide to this stage", ids.HELP_GUIDE, value(guide)))


def _after_completion(road: RoadMap) -> list[Block]:
    """A completed relationship: feedback, a new journey, or carrying on informally."""
    pairing, ref = road.pairing, value(RelationshipRef(road.pairing.relationship.id))
    ended = pairing.relationship.ended_at
    when = f" {slack_date(ended, '{date_short_pretty}')}" if ended else ""
    buttons = [] if road.feedback_given else [
        button("Ready to give feedback", ids.FEEDBACK_OPEN, ref, style="primary")]
    buttons += [button("Start a new journey", ids.COMPLETION_NEW_JOURNEY, ref),
                button(f"Message {pairing.partner.name}", ids.CONVERSATION_OPEN,
                       value(MemberRef(pairing.partner.id)))]
    thanks = [context("Thank you for your feedback.")] if road.feedback_given else []
    return [section(f"This relationship was completed{when}. You may continue on a more "
                    "informal basis, or set more goals and start a new journey together."),
            context(SMART_REMINDER), *thanks, actions(*buttons)]


def stage_view(road: RoadMap) -> Block:
    """Next step: the road map with where the pair stands, and what to do now."""
    pairing = road.pairing
    relationship = pairing.relationship
    role = "your mentee" if pairing.i_am_mentor else "your mentor"
    blocks = [section(_news(road))] if road.news else []
    if road.news is News.STAGE_COMPLETED:
        blocks.append(actions(button("Add to learning diary", ids.DIARY_FROM_STAGE,
                                     value(RelationshipRef(relationship.id)))))
    blocks += [section(f"*Your mentoring journey with {escape(pairing.partner.name)}* "
                       f"({role})"), *[_step_line(step) for step in road.steps], divider()]
    if relationship.status == RelationshipStatus.ACTIVE:
        blocks += [section(stage_guide(road.current, pairing.partner.name, pairing.i_am_mentor)),
                   _tools(road), *_mark_current(road)]
    elif relationship.status == RelationshipStatus.COMPLETED:
        blocks += _after_completion(road)
    else:
        ended = relationship.ended_at or relationship.started_at
        blocks.append(context(f"This relationship ended "
                              f"{slack_date(ended, '{date_short_pretty}')}."))
    return modal(ids.STAGE_VIEW, "Your journey", blocks,
                 private_metadata=metadata(RelationshipRef(relationship.id)))


def next_step_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """A DM about the road map, with Next step to open it."""
    return [section(text), actions(button("Next step", ids.STAGE_OPEN,
                                          value(RelationshipRef(payload["relationship_id"])),
                                          style="primary"))]

"""SMART goals: the pair's paged list, the goal form, and delete / complete / milestones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from blocks import forms, ids, kit
from blocks.kit import Block
from blocks.payloads import (
    BoundView,
    GoalAction,
    GoalMenuChoice,
    GoalRef,
    MilestoneRef,
    Page,
    RelationshipRef,
    Target,
    metadata,
    value,
    view_payload,
)
from domain import permissions as may
from domain.goals import (
    MAX_DETAILS,
    MAX_LABEL,
    MAX_MILESTONE,
    MAX_NOTE,
    GoalAccess,
    GoalAnswers,
    GoalList,
    due_label,
    local_today,
)
from domain.model import Goal, GoalStatus, Member, MilestoneKind
from domain.relationships import Pairing

SMART = ("*Specific* – say exactly what you want to achieve.\n"
         "*Measurable* – how will you know you have got there?\n"
         "*Achievable* – within your reach with the time and help you have.\n"
         "*Realistic* – it matters to you and fits your work and life now.\n"
         "*Timebound* – set a date to aim for, and review it as you go.")
NO_DUE = "none"
SMART_OPTION = "smart"


def read_target(view: dict[str, Any], actor: str) -> Target:
    """What a submitted goal modal acts on: the pair, the goal, the list beneath it."""
    return view_payload(view, Target, actor)


def parent_view_id(body: dict[str, Any]) -> str | None:
    """The goal list a button was clicked in, so it can be refreshed after the change."""
    return forms.parent_view_of(body, ids.GOAL_LIST_VIEW)


def goals_menu(relationship_id: int) -> Block:
    """The Goals ▾ menu of a relationship card."""
    return kit.menu(ids.GOAL_MENU, "Goals", [
        kit.option(label, value(GoalMenuChoice(kind, relationship_id)))
        for label, kind in (("SWOT", "swot"), ("G-STAR", "gstar"), ("SMART Goals", SMART_OPTION))])


def goal_line(goal: Goal, today: Any) -> str:
    """A goal's label, how far off it is, its status and latest milestone, in mrkdwn."""
    state = "Completed ✓" if goal.status == GoalStatus.COMPLETED else due_label(goal.due_on, today)
    latest = goal.milestones[-1] if goal.milestones else None
    line = f"*{kit.escape(goal.label)}*\n{state} · by {kit.escape(goal.author.name)}"
    if latest is not None:
        line += f"\nLatest {latest.kind}: {kit.escape(kit.cut(latest.text, 150))}"
    return line


def _goal_menu(goal: Goal, mine: bool) -> Block:
    verbs = [("Download (PDF)", "pdf"), ("Milestones and outcomes", "milestones")]
    if mine:
        verbs += [("Edit", "edit"), ("Delete", "delete"),
                  ("Reopen goal", "reopen") if goal.status == GoalStatus.COMPLETED
                  else ("Complete goal", "complete")]
    choices = [kit.option(label, value(GoalAction(verb, goal.id))) for label, verb in verbs]
    return {"type": "overflow", "action_id": ids.GOAL_ACTIONS, "options": choices}


def _pager(listing: GoalList) -> list[Block]:
    if listing.pages == 1:
        return []
    rel, buttons = listing.pairing.relationship.id, []
    if listing.page > 0:
        buttons.append(kit.button("Previous", ids.GOAL_PAGE, value(Page(listing.page - 1, rel))))
    if listing.page < listing.pages - 1:
        buttons.append(kit.button("Next", ids.GOAL_PAGE, value(Page(listing.page + 1, rel))))
    return [kit.context(f"Page {listing.page + 1} of {listing.pages}"), kit.actions(*buttons)]


def goals_view(listing: GoalList) -> Block:
    """The pair's goals, a page at a time, each with its Actions menu."""
    rel = listing.pairing.relationship.id
    partner = kit.escape(listing.pairing.partner.name)
    blocks: list[Block] = [
        kit.section(f"Goals you and *{partner}* have set. Each of you changes only your own."),
        kit.actions(kit.button("New goal", ids.GOAL_NEW, value(RelationshipRef(rel)),
                               style="primary"),
                    kit.button("Download all (PDF)", ids.GOAL_ACTIONS,
                               value(GoalAction("pdfall", rel)))),
        kit.divider()]
    for goal in listing.goals:
        blocks.append(kit.section(goal_line(goal, listing.today),
                                  _goal_menu(goal, may.may_change_goal(goal, listing.me))))
    if not listing.goals:
        blocks.append(kit.context("No goals yet. Set your first with *New goal*."))
    return kit.modal(ids.GOAL_LIST_VIEW, "SMART Goals", [*blocks, *_pager(listing)],
                     private_metadata=metadata(Target(rel)))


def goal_form(pairing: Pairing, goal: Goal | None, parent: BoundView | None) -> Block:
    """Create or edit a goal, with the SMART guidance."""
    label: dict[str, Any] = {"type": "plain_text_input", "max_length": MAX_LABEL}
    details: dict[str, Any] = {"type": "plain_text_input", "multiline": True,
                               "max_length": MAX_DETAILS}
    due: dict[str, Any] = {"type": "datepicker"}
    no_due: dict[str, Any] = {"type": "checkboxes",
                              "options": [kit.option("No completion date", NO_DUE)]}
    if goal is not None:
        label["initial_value"], details["initial_value"] = goal.label, goal.details
        if goal.due_on:
            due["initial_date"] = goal.due_on.isoformat()
        else:
            no_due["initial_options"] = no_due["options"]
    partner = kit.escape(pairing.partner.name)
    target = Target(pairing.relationship.id, goal.id if goal else None, parent)
    return kit.modal(ids.GOAL_SUBMIT, "Edit goal" if goal else "New goal", [
        kit.section(SMART),
        kit.context(f"Your goals can be viewed by {partner} but not amended."),
        kit.input_block(ids.GOAL_LABEL, "Goal", label),
        kit.input_block(ids.GOAL_DETAILS, "Details", details, optional=True),
        kit.input_block(ids.GOAL_DUE_ON, "Expected completion date", due, optional=True),
        kit.input_block(ids.GOAL_NO_DUE, "Or", no_due, optional=True),
    ], submit="Save goal", close="Cancel", private_metadata=metadata(target))


def read_goal_answers(view: dict[str, Any]) -> GoalAnswers:
    """The goal form as submitted."""
    return GoalAnswers(forms.text_value(view, ids.GOAL_LABEL),
                       forms.text_value(view, ids.GOAL_DETAILS),
                       forms.date_value(view, ids.GOAL_DUE_ON),
                       NO_DUE in forms.selected_values(view, ids.GOAL_NO_DUE))


def delete_form(goal: Goal, parent: BoundView | None) -> Block:
    """Confirm deleting a goal and its milestones."""
    return kit.modal(ids.GOAL_DELETE_SUBMIT, "Delete goal", [
        kit.section(f"Delete *{kit.escape(goal.label)}* and its milestones? "
                    "This can't be undone.")],
        submit="Delete", close="Keep it",
        private_metadata=metadata(Target(goal.relationship_id, goal.id, parent)))


def complete_form(goal: Goal, parent: BoundView | None) -> Block:
    """Complete a goal, with an optional outcome note."""
    note = {"type": "plain_text_input", "multiline": True, "max_length": MAX_NOTE}
    return kit.modal(ids.GOAL_COMPLETE_SUBMIT, "Complete goal", [
        kit.section(f"Mark *{kit.escape(goal.label)}* as complete?"),
        kit.input_block(ids.GOAL_NOTE, "Outcome (optional)", note, optional=True),
    ], submit="Complete goal", close="Cancel",
        private_metadata=metadata(Target(goal.relationship_id, goal.id, parent)))


def milestones_view(access: GoalAccess, parent: BoundView | None) -> Block:
    """A goal's milestones, reviews and outcomes; its author may add another."""
    goal, mine = access.goal, access.may_change
    details = f"\n{kit.quote(kit.cut(goal.details, 2500))}" if goal.details else ""
    blocks: list[Block] = [kit.section(f"*{kit.escape(goal.label)}*" + details)]
    for item in goal.milestones[-40:]:
        remove = kit.confirmed(kit.button("Remove", ids.GOAL_MILESTONE_REMOVE,
                                          value(MilestoneRef(item.id))),
                               f"Remove this {item.kind}?", kit.cut(item.text, 200), "Remove")
        blocks.append(kit.section(f"*{item.happened_on:%d %b %Y}* · {item.kind.capitalize()}\n"
                                  f"{kit.escape(kit.cut(item.text, 2800))}",
                                  remove if mine else None))
    if not goal.milestones:
        blocks.append(kit.context("Nothing recorded yet."))
    if not mine:
        return kit.modal(ids.GOAL_MILESTONES_VIEW, "Milestones", blocks)
    kinds = {"type": "static_select",
             "initial_option": kit.option("Milestone", MilestoneKind.MILESTONE),
             "options": [kit.option(kind.capitalize(), kind) for kind in MilestoneKind]}
    blocks += [kit.divider(),
               kit.input_block(ids.GOAL_MILESTONE_KIND, "Add a", kinds),
               kit.input_block(ids.GOAL_MILESTONE_DATE, "Date", {"type": "datepicker"}),
               kit.input_block(ids.GOAL_MILESTONE_TEXT, "What happened", {
                   "type": "plain_text_input", "multiline": True,
                   "max_length": MAX_MILESTONE})]
    return kit.modal(ids.GOAL_MILESTONE_SUBMIT, "Milestones", blocks, submit="Add",
                     private_metadata=metadata(Target(goal.relationship_id, goal.id, parent)))


def read_milestone(view: dict[str, Any]) -> tuple[str, str, Any]:
    """(kind, text, date) of the milestone form."""
    return (forms.selected_value(view, ids.GOAL_MILESTONE_KIND) or "",
            forms.text_value(view, ids.GOAL_MILESTONE_TEXT),
            forms.date_value(view, ids.GOAL_MILESTONE_DATE))


def _open_button(relationship_id: int, text: str = "Open") -> Block:
    return kit.button(text, ids.GOAL_MENU, value(GoalMenuChoice(SMART_OPTION, relationship_id)))


def home_goals(goals: list[Goal], member: Member, now: datetime) -> list[Block]:
    """Home's Goals due: open goals of current relationships, soonest first."""
    if not goals:
        return [kit.section("*Goals due*\nNo goals yet. Set one from *Goals* on a relationship.")]
    today = local_today(member.tz, now)
    return [kit.section("*Goals due*"),
            *(kit.section(goal_line(goal, today), _open_button(goal.relationship_id))
              for goal in goals),
            kit.context("All goals: `/mentor goals`")]


def across_view(today: date, rows: list[tuple[Pairing, list[Goal], int]]) -> Block:
    """/mentor goals: each current relationship's first goals, with a way into all of them."""
    blocks: list[Block] = []
    for pairing, goals, total in rows:
        role = "your mentee" if pairing.i_am_mentor else "your mentor"
        blocks += [kit.divider(), kit.section(f"*{kit.escape(pairing.partner.name)}* · {role}",
                                              _open_button(pairing.relationship.id, "All goals"))]
        blocks += [kit.section(goal_line(goal, today)) for goal in goals]
        if total > len(goals):
            blocks.append(kit.context(f"and {total - len(goals)} more"))
        if not total:
            blocks.append(kit.context("No goals yet."))
    if not rows:
        blocks.append(kit.section("You have no current mentoring relationships, so no goals yet."))
    return kit.modal(ids.GOAL_ACROSS_VIEW, "Your goals", blocks[:100])


def goal_completed_view(goal: Goal) -> Block:
    """Said once a goal is completed, with the prompt to reflect on it in the diary."""
    return kit.modal(ids.GOAL_COMPLETED_VIEW, "Goal completed", [
        kit.section(f":tada: *{kit.escape(goal.label)}* is complete. Well done!\nWhat did you "
                    "learn on the way? A few lines in your private learning diary help it stick."),
        kit.actions(kit.button("Add to learning diary", ids.DIARY_FROM_GOAL,
                               value(GoalRef(goal.id)), style="primary")),
    ], close="Done")


def goal_due_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The author's reminder of a goal's date: change the date beside the words (Slack wants
    each button id once per block), mark it complete or see the pair's goals below."""
    goal, rel = payload["goal_id"], payload["relationship_id"]
    return [kit.section(text, kit.button("Change the date", ids.GOAL_ACTIONS,
                                         value(GoalAction("edit", goal)))),
            kit.actions(kit.button("Mark complete", ids.GOAL_ACTIONS,
                                   value(GoalAction("complete", goal)), style="primary"),
                        _open_button(rel, "See your goals"))]

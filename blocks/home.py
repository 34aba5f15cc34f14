"""The App Home tab: the dashboard of the programme for one person."""

from __future__ import annotations

from blocks import ids
from blocks.admin import home_admin_section
from blocks.completion import past_rows
from blocks.diary import home_diary
from blocks.goals import home_goals
from blocks.kit import Block, actions, button, context, divider, escape, header, modal, section
from blocks.meetings import home_meetings
from blocks.profiles import profile_summary
from blocks.proposals import received_row, sent_row
from blocks.relationships import pairing_card
from domain.home.dashboard import Dashboard, NextStep

_STEPS: dict[NextStep, tuple[str, str | None, str | None]] = {
    NextStep.REGISTER: ("Register as a mentor, a mentee or both to get started.",
                        "Register", ids.HOME_REGISTER),
    NextStep.COMPLETE_MENTEE_PROFILE: (
        "Complete your mentee profile: the areas you'd like support with and the kind of "
        "mentor you are looking for.", "Complete profile", ids.HOME_OPEN_PROFILE),
    NextStep.COMPLETE_MENTOR_PROFILE: (
        "Complete your mentor profile so mentees can find you: the support you offer and "
        "how many mentees you can take.", "Complete profile", ids.HOME_OPEN_PROFILE),
    NextStep.FIND_MENTOR: (
        "Your profile is complete. Next, find a mentor who matches what you need.",
        "Find a mentor", ids.HOME_FIND_MENTOR),
    NextStep.ANSWER_REQUEST: (
        "A mentoring request is waiting for your answer: see *Requests for you* below.",
        None, None),
    NextStep.ARRANGE_FIRST_CONVERSATION: (
        "You have a mentor! Arrange your first conversation: *Meet / Video* on your "
        "relationship below sets up a meeting, and *Messages* reaches them directly.",
        None, None),
    NextStep.FOLLOW_ROAD_MAP: (
        "Keep going with your mentor: *Next step* on your relationship below shows where you "
        "are on the road map and what to do now.", None, None),
    NextStep.WAIT_FOR_ANSWER: (
        "Your mentoring request is waiting for an answer. You'll get a direct message as soon "
        "as the mentor replies; meanwhile you can edit or withdraw it below.", None, None),
    NextStep.KEEP_GOING: (
        "Keep in touch with your mentees: message them from your relationships below.",
        None, None),
    NextStep.WAIT_FOR_REQUESTS: (
        "Your mentor profile is complete and you are open to requests. Mentees' requests "
        "will arrive as direct messages from this app.", None, None),
    NextStep.REOPEN_TO_REQUESTS: (
        "You have paused new requests. Re-open them from your profile when you are ready.",
        "Edit profile", ids.HOME_OPEN_PROFILE),
}

HOW_IT_WORKS = (
    "1. *Register* and complete your profile.\n"
    "2. *Find a mentor* who matches your needs and send a mentoring request.\n"
    "3. The mentor *accepts* (or asks for more first) and you are matched.\n"
    "4. *Meet*, set *SMART goals* and keep a private *learning diary* as you go.\n"
    "5. When you are done, mark the relationship *complete* and give feedback."
)


MAX_HOME_BLOCKS = 100  # Slack refuses a Home view with more


def home_view(dashboard: Dashboard) -> Block:
    """The whole Home tab for one person, newcomer or member."""
    name = escape(dashboard.programme.name)
    if dashboard.member is None:
        blocks = [header(f"Welcome to {dashboard.programme.name}"),
                  section("*How it works*\n" + HOW_IT_WORKS), *_next_step(dashboard.next_step)]
    else:
        blocks = [header(dashboard.programme.name), *_next_step(dashboard.next_step),
                  divider(), section("*Your profile*", button(
                      "Edit profile", ids.HOME_OPEN_PROFILE)),
                  *profile_summary(dashboard.member), *_journey_sections(dashboard)]
    # Admins' section goes with the footer, so a long Home never cuts it off.
    admin = home_admin_section(dashboard.admin) if dashboard.admin is not None else []
    account = [button("Account", ids.ACCOUNT_OPEN)] if dashboard.member is not None else []
    footer = [*admin, divider(),
              context(f"{name} · type `/mentor` anywhere in Slack for the menu."),
              actions(*account, button("Help", ids.HOME_OPEN_HELP))]
    # Each list is capped well below Slack's 100 blocks; should they ever add up past it, the
    # last sections give way and Help stays.
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS - len(footer)] + footer}


def _next_step(step: NextStep) -> list[Block]:
    text, label, action_id = _STEPS[step]
    accessory = button(label, action_id, style="primary") if label and action_id else None
    return [section(f":arrow_forward: *Your next step*\n{text}", accessory)]


def relationships_view(dashboard: Dashboard, listed: int) -> Block:
    """/mentor relationships: current relationships and requests (the newest `listed` of
    each), in a modal."""
    blocks = _pairs_and_requests(dashboard)[1:]
    if listed in (len(dashboard.pairings), len(dashboard.sent), len(dashboard.received)):
        blocks.append(context(f"Showing the newest {listed} of each list."))
    return modal(ids.RELATIONSHIP_LIST_VIEW, "Your relationships", blocks)


def _pairs_and_requests(dashboard: Dashboard) -> list[Block]:
    """Relationships and requests, each list saying plainly when it is empty."""
    blocks: list[Block] = [divider(), section("*Your mentoring relationships*")]
    if not dashboard.pairings:
        blocks.append(context("You have no current mentoring relationships." if dashboard.past
                              else "You have no mentoring relationships yet."))
    for pairing in dashboard.pairings:
        blocks += pairing_card(pairing, dashboard.now)
    blocks += past_rows(dashboard.past)
    if dashboard.received:
        blocks += [divider(), section("*Requests for you*")]
        for proposal in dashboard.received:
            blocks += received_row(proposal)
    if dashboard.sent or (dashboard.member and dashboard.member.is_mentee):
        blocks += [divider(), section("*Requests you sent*")]
        if not dashboard.sent:
            blocks.append(context("No requests waiting."))
        for proposal in dashboard.sent:
            blocks += sent_row(proposal, dashboard.member, dashboard.now)
    return blocks


def _journey_sections(dashboard: Dashboard) -> list[Block]:
    """Relationships, requests and what is still to come."""
    return [*_pairs_and_requests(dashboard), divider(),
            *(home_meetings(dashboard.meetings, dashboard.member, dashboard.now)
              if dashboard.member else []),
            *(home_goals(dashboard.goals, dashboard.member, dashboard.now)
              if dashboard.member else []),
            *home_diary(dashboard.diary)]

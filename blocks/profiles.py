"""The profile form (both halves) and the profile summary shown on cards and Home."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from blocks import ids, kit
from blocks.choices import ANY_COMMUNITY, ANY_ROLE, multi_choice, one_choice, retired_hint
from blocks.forms import (
    chosen_id,
    chosen_ids,
    has_input,
    int_value,
    selected_values,
    text_value,
)
from blocks.kit import Block
from domain.model import ListKind, Member
from domain.profiles import (
    MAX_CAPACITY,
    MAX_MENTEE_AREAS,
    MAX_MENTOR_AREAS,
    MAX_NAME,
    MAX_STORY,
    MIN_CAPACITY,
    MenteeAnswers,
    MentorAnswers,
    ProfileAnswers,
)
from domain.programme import ProgrammeLists, shown_label

MENTOR, MENTEE = "mentor", "mentee"
ROLE_OPTIONS = {MENTOR: "I'd like to mentor others", MENTEE: "I'd like to find a mentor"}
OPEN_NOW = "open"


def answers_from_member(member: Member, default_capacity: int) -> ProfileAnswers:
    """The form's starting values: what the member saved, else sensible defaults."""
    mentor, mentee = member.mentor_profile, member.mentee_profile
    return ProfileAnswers(
        as_mentor=member.is_mentor,
        as_mentee=member.is_mentee,
        job_title=member.job_title,
        organisation=member.organisation,
        contact_email=member.contact_email or member.slack_email or "",
        mentor=MentorAnswers(
            area_ids=[a.id for a in mentor.areas], role_id=mentor.role_id,
            community_id=mentor.community_id, bio=mentor.bio, capacity=mentor.capacity,
            open_to_requests=mentor.open_to_requests,
        ) if mentor else MentorAnswers(capacity=default_capacity),
        mentee=MenteeAnswers(
            area_ids=[a.id for a in mentee.areas], preferred_role_id=mentee.preferred_role_id,
            preferred_community_id=mentee.preferred_community_id, statement=mentee.statement,
        ) if mentee else MenteeAnswers(),
    )


def profile_view(lists: ProgrammeLists, answers: ProfileAnswers) -> Block:
    """The profile modal: shared details, then a section for each role the person takes."""
    roles = [r for r, on in ((MENTOR, answers.as_mentor), (MENTEE, answers.as_mentee)) if on]
    blocks: list[Block] = [
        kit.input_block(ids.PROFILE_ROLES, "I take part as", kit.checkboxes(
            [kit.option(label, value) for value, label in ROLE_OPTIONS.items()], roles),
            dispatch=True, hint="Choose one or both; the form below follows your choice."),
        kit.input_block(ids.PROFILE_JOB_TITLE, "Job title", _text(answers.job_title, MAX_NAME)),
        kit.input_block(ids.PROFILE_ORGANISATION, "Organisation",
                        _text(answers.organisation, MAX_NAME), optional=True),
        kit.input_block(ids.PROFILE_CONTACT_EMAIL, "Contact e-mail",
                        {"type": "email_text_input", **_initial_value(answers.contact_email)},
                        hint="Your partner sees this once you are matched."),
    ]
    if answers.as_mentor:
        blocks += _mentor_blocks(lists, answers.mentor or MentorAnswers())
    if answers.as_mentee:
        blocks += _mentee_blocks(lists, answers.mentee or MenteeAnswers())
    return kit.modal(ids.PROFILE_SUBMIT, "Your profile", blocks, submit="Save", close="Cancel")


def _mentor_blocks(lists: ProgrammeLists, given: MentorAnswers) -> list[Block]:
    open_now = [OPEN_NOW] if given.open_to_requests else []
    return [
        kit.divider(), kit.header("As a mentor"),
        kit.input_block(ids.PROFILE_MENTOR_AREAS, "Areas of support you offer",
                        multi_choice(lists, ListKind.AREA, given.area_ids,
                                     most=MAX_MENTOR_AREAS),
                        hint=retired_hint(lists, ListKind.AREA, given.area_ids)),
        kit.input_block(ids.PROFILE_MENTOR_ROLE, "Your role",
                        one_choice(lists, ListKind.ROLE, given.role_id)),
        kit.input_block(ids.PROFILE_MENTOR_COMMUNITY, "Your professional community",
                        one_choice(lists, ListKind.COMMUNITY, given.community_id)),
        kit.input_block(ids.PROFILE_BIO, "Your experience",
                        _text(given.bio, MAX_STORY, multiline=True),
                        hint="A few lines mentees read when choosing a mentor."),
        kit.input_block(ids.PROFILE_CAPACITY, "How many mentees can you take at once?", {
            "type": "number_input", "is_decimal_allowed": False,
            "min_value": str(MIN_CAPACITY), "max_value": str(MAX_CAPACITY),
            **_initial_value(None if given.capacity is None else str(given.capacity))}),
        kit.input_block(ids.PROFILE_OPEN_TO_REQUESTS, "Requests", kit.checkboxes(
            [kit.option("Open to new mentee requests now", OPEN_NOW)], open_now), optional=True,
            hint="Untick to pause new requests; your current mentees are not affected."),
    ]


def _mentee_blocks(lists: ProgrammeLists, given: MenteeAnswers) -> list[Block]:
    return [
        kit.divider(), kit.header("As a mentee"),
        kit.input_block(ids.PROFILE_MENTEE_AREAS, "Areas you'd like support with",
                        multi_choice(lists, ListKind.AREA, given.area_ids,
                                     most=MAX_MENTEE_AREAS),
                        hint=retired_hint(lists, ListKind.AREA, given.area_ids)),
        kit.input_block(ids.PROFILE_PREFERRED_ROLE, "Preferred mentor's role",
                        one_choice(lists, ListKind.ROLE, given.preferred_role_id,
                                   any_label=ANY_ROLE)),
        kit.input_block(ids.PROFILE_PREFERRED_COMMUNITY, "Preferred professional community",
                        one_choice(lists, ListKind.COMMUNITY, given.preferred_community_id,
                                   any_label=ANY_COMMUNITY)),
        kit.input_block(ids.PROFILE_STATEMENT, "About you and what you hope for",
                        _text(given.statement, MAX_STORY, multiline=True),
                        hint="Mentors read this when you ask them to mentor you."),
    ]


def _initial_value(value: str | None) -> dict[str, Any]:
    return {"initial_value": value} if value else {}


def _text(value: str, max_length: int, multiline: bool = False) -> Block:
    return {"type": "plain_text_input", "max_length": max_length, "multiline": multiline,
            **_initial_value(value)}


def profile_lines(member: Member, *, for_admins: bool = False) -> list[str]:
    """What a profile says, line by line: as Home shows it to the member, or for the
    programme's admins with the places taken and the mentee's statement."""
    who = ", ".join(kit.escape(p) for p in (member.job_title, member.organisation) if p)
    lines = [f"*{kit.escape(member.name)}*" + (f" · {who}" if who else ""),
             f"Contact e-mail: {kit.escape(member.contact_email) or '_not set_'}"]
    if member.is_mentor and member.mentor_profile:
        mp = member.mentor_profile
        state = "open to requests" if mp.open_to_requests else "paused, not taking requests"
        places = (f"{mp.capacity - mp.spare_capacity} of {mp.capacity} places taken"
                  if for_admins else f"up to {mp.capacity} mentee{'s' if mp.capacity != 1 else ''}")
        lines.append(f"*Mentor* · {kit.escape(shown_label(mp.role))} · "
                     f"{kit.escape(shown_label(mp.community))} · {places} · {state}")
        lines.append("Offers: " + kit.cut(", ".join(kit.escape(shown_label(a))
                                                     for a in mp.areas), 900))
    if member.is_mentee and member.mentee_profile:
        areas = ", ".join(kit.escape(shown_label(a)) for a in member.mentee_profile.areas)
        lines.append(f"*Mentee* · looking for support with: {kit.cut(areas, 900)}")
        if for_admins and member.mentee_profile.statement:
            lines.append(kit.quote(kit.cut(member.mentee_profile.statement, 1000)))
    return lines


def profile_summary(member: Member) -> list[Block]:
    """What the member's profile says, as Home shows it to them."""
    lines = profile_lines(member)
    blocks = [kit.section("\n".join(lines), kit.photo(member.image_url, member.name))]
    missing = [r for r, on, done in ((MENTOR, member.is_mentor, member.mentor_profile),
                                     (MENTEE, member.is_mentee, member.mentee_profile))
               if on and not done]
    if missing:
        blocks.append(kit.context(
            f":pencil2: Your {' and '.join(missing)} profile is not complete yet."))
    return blocks


def read_profile_answers(view: dict[str, Any]) -> ProfileAnswers:
    """The profile form as submitted (or as it stands when the roles change)."""
    roles = selected_values(view, ids.PROFILE_ROLES)
    mentor = MentorAnswers(
        area_ids=chosen_ids(view, ids.PROFILE_MENTOR_AREAS),
        role_id=chosen_id(view, ids.PROFILE_MENTOR_ROLE),
        community_id=chosen_id(view, ids.PROFILE_MENTOR_COMMUNITY),
        bio=text_value(view, ids.PROFILE_BIO),
        capacity=int_value(view, ids.PROFILE_CAPACITY),
        open_to_requests=OPEN_NOW in selected_values(view, ids.PROFILE_OPEN_TO_REQUESTS),
    ) if has_input(view, ids.PROFILE_MENTOR_AREAS) else None
    mentee = MenteeAnswers(
        area_ids=chosen_ids(view, ids.PROFILE_MENTEE_AREAS),
        preferred_role_id=chosen_id(view, ids.PROFILE_PREFERRED_ROLE),
        preferred_community_id=chosen_id(view, ids.PROFILE_PREFERRED_COMMUNITY),
        statement=text_value(view, ids.PROFILE_STATEMENT),
    ) if has_input(view, ids.PROFILE_MENTEE_AREAS) else None
    return ProfileAnswers(
        as_mentor=MENTOR in roles, as_mentee=MENTEE in roles,
        job_title=text_value(view, ids.PROFILE_JOB_TITLE),
        organisation=text_value(view, ids.PROFILE_ORGANISATION),
        contact_email=text_value(view, ids.PROFILE_CONTACT_EMAIL),
        mentor=mentor, mentee=mentee,
    )


def with_roles(answers: ProfileAnswers, defaults: ProfileAnswers) -> ProfileAnswers:
    """Answers for a rebuilt form: a half that was not on screen starts from the saved values."""
    return replace(answers, mentor=answers.mentor or defaults.mentor,
                   mentee=answers.mentee or defaults.mentee)

"""The Find a mentor modal: criteria above, a page of results below, and a mentor's profile."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.ask_about import about_blocks, your_mentor_blocks
from blocks.choices import ANY_COMMUNITY, ANY_ROLE, multi_choice, one_choice, retired_hint
from blocks.forms import chosen_id, chosen_ids, selected_values, text_value
from blocks.kit import Block
from blocks.payloads import (
    MemberRef,
    Page,
    SearchState,
    metadata,
    value,
    view_payload,
)
from domain.ask_about import MessageAbout
from domain.matching import MAX_KEYWORD, Fit, SearchCriteria
from domain.model import ListKind, Member
from domain.programme import ProgrammeLists, shown_label
from domain.search import PAGE_SIZE, MentorMatch, SearchPage

EXACT = "exact"


def criteria_from_profile(member: Member) -> SearchCriteria:
    """A mentee's own profile as search criteria: what the modal opens with."""
    needs = member.mentee_profile
    if needs is None:
        return SearchCriteria()
    return SearchCriteria(area_ids=tuple(a.id for a in needs.areas),
                          role_id=needs.preferred_role_id,
                          community_id=needs.preferred_community_id)


def read_criteria(view: dict[str, Any]) -> SearchCriteria:
    """The criteria as the searcher left them in the modal."""
    return SearchCriteria(
        area_ids=tuple(chosen_ids(view, ids.SEARCH_AREAS)),
        role_id=chosen_id(view, ids.SEARCH_ROLE),
        community_id=chosen_id(view, ids.SEARCH_COMMUNITY),
        exact=EXACT in selected_values(view, ids.SEARCH_EXACT),
        keyword=text_value(view, ids.SEARCH_KEYWORD)[:MAX_KEYWORD],
    )


def search_metadata(criteria: SearchCriteria, about: MessageAbout | None = None) -> str:
    """The applied criteria (and the message asked about), kept in the modal so Next /
    Previous page through the same search."""
    return metadata(SearchState(criteria.area_ids, criteria.role_id, criteria.community_id,
                                criteria.exact, criteria.keyword,
                                about.permalink if about else "", about.quote if about else ""))


def criteria_from_metadata(view: dict[str, Any]) -> SearchCriteria:
    """The criteria a results page was drawn with."""
    kept = view_payload(view, SearchState)
    return SearchCriteria(area_ids=kept.areas, role_id=kept.role, community_id=kept.community,
                          exact=kept.exact, keyword=kept.keyword[:MAX_KEYWORD])


def _criteria_blocks(lists: ProgrammeLists, criteria: SearchCriteria) -> list[Block]:
    exact = kit.option("Exact matching: only mentors who meet every criterion", EXACT)
    return [
        kit.input_block(ids.SEARCH_AREAS, "Areas of support", multi_choice(
            lists, ListKind.AREA, criteria.area_ids, most=5, placeholder="Any area"),
            optional=True, hint=retired_hint(lists, ListKind.AREA, criteria.area_ids)),
        kit.input_block(ids.SEARCH_ROLE, "Mentor's role", one_choice(
            lists, ListKind.ROLE, criteria.role_id, any_label=ANY_ROLE)),
        kit.input_block(ids.SEARCH_COMMUNITY, "Professional community", one_choice(
            lists, ListKind.COMMUNITY, criteria.community_id, any_label=ANY_COMMUNITY)),
        kit.input_block(ids.SEARCH_KEYWORD, "Keyword", {
            "type": "plain_text_input", "max_length": MAX_KEYWORD,
            **({"initial_value": criteria.keyword} if criteria.keyword else {}),
            "placeholder": {"type": "plain_text", "text": "Job title, organisation or name"}},
            optional=True),
        kit.input_block(ids.SEARCH_EXACT, "Matching", {
            "type": "checkboxes", "options": [exact],
            **({"initial_options": [exact]} if criteria.exact else {})}, optional=True),
    ]


def search_view(lists: ProgrammeLists, criteria: SearchCriteria, results: SearchPage | None,
                *, about: MessageAbout | None = None, mentors: list[Member] | None = None
                ) -> Block:
    """The search modal; `results` None means the search is still running. Opened to ask
    about a message, it shows the message, the member's own `mentors` first, and its Ask
    question buttons carry the message into the question."""
    blocks = [*(about_blocks(about) if about else []), *_criteria_blocks(lists, criteria),
              kit.divider()]
    if results is None:
        blocks.append(kit.context(":hourglass_flowing_sand: Finding mentors who match…"))
    else:
        if results.page == 0:
            blocks += your_mentor_blocks(mentors or [])
        blocks += _results_blocks(lists, results, asking_about=about is not None)
    return kit.modal(ids.SEARCH_SUBMIT, "Find a mentor", blocks, submit="Update search results",
                     private_metadata=search_metadata(criteria, about))


def _results_blocks(lists: ProgrammeLists, results: SearchPage, *,
                    asking_about: bool = False) -> list[Block]:
    if not results.matches:
        hint = ("Try turning off exact matching or choosing fewer criteria."
                if results.criteria.exact or results.criteria.keyword
                else "No mentor who matches is taking requests right now; try other criteria.")
        return [kit.section(f"*No mentors found.* {hint}")]
    first = results.page * PAGE_SIZE + 1
    last = first + len(results.matches) - 1
    of = f"more than {results.total:,}" if results.more else f"{results.total:,}"
    blocks = [kit.context(f"Showing {first}–{last} of {of} mentors, closest matches first.")]
    for match in results.matches:
        blocks += result_blocks(lists, match, results.criteria, asking_about=asking_about)
    paging = []
    if results.page > 0:
        paging.append(kit.button("← Previous", ids.SEARCH_PAGE, value(Page(results.page - 1))))
    if results.has_next:
        paging.append(kit.button("Next →", ids.SEARCH_PAGE, value(Page(results.page + 1))))
    if paging:
        blocks.append(kit.actions(*paging, block_id=ids.SEARCH_PAGING))
    return blocks


def fit_line(lists: ProgrammeLists, fit: Fit, criteria: SearchCriteria) -> str:
    """Which criteria a mentor meets, in words."""
    parts = []
    if fit.areas_asked:
        parts.append(f"{fit.areas_met} of {fit.areas_asked} areas")
    names = {item.id: shown_label(item) for item in lists.named(
        one for one in (criteria.role_id, criteria.community_id) if one is not None)}
    if criteria.role_id is not None:
        mark = "✓" if fit.role_met else "✗"
        parts.append(f"{mark} {kit.escape(names.get(criteria.role_id, 'role'))}")
    if criteria.community_id is not None:
        mark = "✓" if fit.community_met else "✗"
        parts.append(f"{mark} {kit.escape(names.get(criteria.community_id, 'community'))}")
    if not parts:
        return ""
    return ("*Meets every criterion* · " if fit.meets_all(criteria) else "Meets some: ") + \
        " · ".join(parts)


def result_blocks(lists: ProgrammeLists, match: MentorMatch, criteria: SearchCriteria, *,
                  asking_about: bool = False) -> list[Block]:
    """One mentor in the results: who they are, how they fit, and what you can do."""
    ask = ids.ASK_ABOUT_QUESTION if asking_about else ids.CONVERSATION_OPEN
    mentor, ref = match.mentor, value(MemberRef(match.mentor.id))
    profile = mentor.mentor_profile
    who = ", ".join(kit.escape(p) for p in (mentor.job_title, mentor.organisation) if p)
    lines = [f"*{kit.escape(mentor.name)}*" + (f"\n{who}" if who else "")]
    if profile is not None:
        lines.append(f"{kit.escape(shown_label(profile.role))} · "
                     f"{kit.escape(shown_label(profile.community))}")
        offers = ", ".join(kit.escape(shown_label(a)) for a in profile.areas)
        lines.append("Offers: " + kit.cut(offers, 600))
    fit = fit_line(lists, match.fit, criteria)
    return [
        kit.section("\n".join(lines), kit.photo(mentor.image_url, mentor.name)),
        kit.context(*(t for t in (fit, f"Room for {match.spare} more mentee"
                                  f"{'s' if match.spare != 1 else ''}") if t)),
        kit.actions(kit.button("View profile", ids.SEARCH_VIEW_PROFILE, ref),
                    kit.button("Ask question", ask, ref),
                    kit.button("Mentor request", ids.PROPOSAL_OPEN, ref, style="primary"),
                    block_id=ids.search_result_block(mentor.id)),
    ]


def mentor_profile_view(mentor: Member, spare: int) -> Block:
    """A mentor's whole profile, pushed over the results or opened from a DM."""
    profile = mentor.mentor_profile
    who = ", ".join(kit.escape(p) for p in (mentor.job_title, mentor.organisation) if p)
    blocks: list[Block] = [kit.section(f"*{kit.escape(mentor.name)}*" + (f"\n{who}" if who else ""),
                                       kit.photo(mentor.image_url, mentor.name))]
    if profile is not None:
        blocks += [
            kit.section(f"*Role:* {kit.escape(shown_label(profile.role))}\n*Professional "
                        f"community:* {kit.escape(shown_label(profile.community))}\n*Areas of "
                        "support:* " + ", ".join(kit.escape(shown_label(a))
                                                 for a in profile.areas)),
            kit.section("*Experience*\n" + (kit.escape(profile.bio) or "_Not written yet._")),
            kit.context("Open to new requests" if profile.open_to_requests and spare > 0 else
                        "Not taking new requests at the moment",
                        f"Room for {max(spare, 0)} more mentee{'s' if spare != 1 else ''}"),
        ]
    ref = value(MemberRef(mentor.id))
    blocks.append(kit.actions(kit.button("Ask question", ids.CONVERSATION_OPEN, ref),
                              kit.button("Mentor request", ids.PROPOSAL_OPEN, ref,
                                         style="primary")))
    return kit.modal(ids.SEARCH_PROFILE_VIEW, "Mentor profile", blocks)

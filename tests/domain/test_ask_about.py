"""Ask a mentor about this: what a message suggests searching for, and your mentor first."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from domain.ask_about import (
    MAX_QUOTE,
    area_in_message,
    area_names,
    criteria_from_message,
    keyword_from_message,
    message_about,
)
from domain.matching import SearchCriteria
from domain.model import RelationshipStatus
from domain.search import find_mentors, your_mentors
from tests.support import seed
from tests.support.statements import counting


@dataclass(frozen=True)
class Area:
    """A programme list entry as the rule reads it."""

    id: int
    label: str
    archived: bool = False


AREAS = [Area(1, "Leadership and management"), Area(2, "Supply chain strategy"),
         Area(3, "Project and change management"), Area(4, "Digital, data and technology")]


@pytest.mark.parametrize(("text", "keyword"), [
    ("How do I negotiate a contract renewal?", "negotiate"),
    ("Anyone know a good warehouse?", "warehouse"),  # 'anyone', 'know' are stop words
    ("<@U123> shared <https://example.org/very-long-link|this> about forklifts", "forklifts"),
    ("I'm so tired of this", "tired"),
    ("Tip: écoutez d'abord", "écoutez"),
    ("", ""),
    ("   ", ""),
    (":tada: 🎉 ok", "tada"),
    ("the and of it is", ""),
    ("1234 5678", ""),
])
def test_the_keyword_is_the_longest_meaningful_word(text: str, keyword: str) -> None:
    assert keyword_from_message(text) == keyword


def test_a_huge_message_gives_a_keyword_a_search_box_holds() -> None:
    assert len(keyword_from_message("a" * 5000)) <= 100


def test_an_area_is_named_by_its_label_or_a_part_of_it() -> None:
    assert area_names("Leadership and management") == [
        "Leadership and management", "Leadership", "management"]
    assert area_in_message("Any tips on supply chain strategy?", AREAS) == AREAS[1]
    assert area_in_message("Who has done LEADERSHIP training?", AREAS) == AREAS[0]
    assert area_in_message("data protection at work", AREAS) == AREAS[3]
    assert area_in_message("supply chains", AREAS) is None  # whole words only
    assert area_in_message("", AREAS) is None


def test_the_most_specific_area_wins() -> None:
    # 'management' names area 1, 'change management' names area 3 at greater length.
    assert area_in_message("We are struggling with change management", AREAS) == AREAS[2]


def test_an_area_the_message_names_is_preferred_to_a_keyword() -> None:
    assert criteria_from_message("Ideas on supply chain strategy for startups?", AREAS) == \
        SearchCriteria(area_ids=(2,))
    assert criteria_from_message("Ideas on negotiating for startups?", AREAS) == \
        SearchCriteria(keyword="negotiating")
    assert criteria_from_message("", AREAS) == SearchCriteria()


def test_the_quote_is_cut_to_what_a_modal_carries() -> None:
    about = message_about("word " * 1000, "https://acme.slack.test/archives/C1/p1")
    assert len(about.quote) == MAX_QUOTE and about.quote.endswith("…")
    assert message_about("two\n\nlines", "x").quote == "two lines"


def test_your_mentor_is_found_and_the_search_still_leaves_them_out(session: Session) -> None:
    lists = seed.programme(session)
    john, alice, _ = seed.pair_of(session, lists)
    former = seed.mentor(session, lists, "UFORMER", areas=[1])
    seed.pair(session, former, alice, RelationshipStatus.COMPLETED)
    assert your_mentors(session, team_id="T1", searcher_id=alice.id) == [john]
    assert your_mentors(session, team_id="T2", searcher_id=alice.id) == []
    assert your_mentors(session, team_id="T1", searcher_id=john.id) == []
    shown = find_mentors(session, team_id="T1", searcher_id=alice.id, criteria=SearchCriteria())
    assert john not in [match.mentor for match in shown.matches]


def test_finding_your_mentors_costs_a_fixed_number_of_statements(session: Session) -> None:
    lists = seed.programme(session)
    john, alice, _ = seed.pair_of(session, lists)
    mary = seed.mentor(session, lists, "UMARY", areas=[2, 3], capacity=3)
    seed.pair(session, mary, alice)
    loner = seed.mentee(session, lists, "ULONER", areas=[1])
    with counting(session.get_bind()) as statements:
        assert your_mentors(session, team_id="T1", searcher_id=alice.id) == [john, mary]
    # their ids, then the mentors with profile, role and community, then their areas
    assert len(statements) == 3, statements
    with counting(session.get_bind()) as statements:
        assert your_mentors(session, team_id="T1", searcher_id=loner.id) == []
    assert len(statements) == 1, statements  # nobody to load

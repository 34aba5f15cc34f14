"""The headline numbers an admin sees first, on the menu and Home, counted by hand."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from blocks.admin.menu import headline_text
from domain.admin import Headline, Trend, headline_of
from domain.model import RelationshipStatus
from tests.support import seed
from tests.support.statements import counting

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
NOVEMBER, DECEMBER = datetime(2026, 11, 20, tzinfo=UTC), datetime(2026, 12, 1, 8, tzinfo=UTC)


def test_this_month_is_set_against_the_last_in_one_statement(session: Session) -> None:
    lists = seed.programme(session)
    john = seed.mentor(session, lists, "UJOHN", areas=[1])
    joined = [seed.mentee(session, lists, f"UE{n}", areas=[1]) for n in range(4)]
    for member, when in zip(joined, (NOVEMBER, DECEMBER, DECEMBER, DECEMBER), strict=True):
        member.registered_at = when
    seed.pair(session, john, joined[0]).started_at = NOVEMBER
    seed.pair(session, john, joined[1], RelationshipStatus.COMPLETED).started_at = NOVEMBER
    seed.mentee(session, seed.programme(session, "T2"), "UOTHER", areas=[1],
                team_id="T2").registered_at = DECEMBER
    session.flush()
    with counting(session.get_bind()) as statements:
        headline = headline_of(session, team_id="T1", now=NOW)
    assert len(statements) == 1
    # John registered at seed.WHEN, 1 November; the other workspace does not count.
    assert headline == Headline(members=5, active_relationships=1, open_requests=0,
                                joined=Trend(3, 2), requests_sent=Trend(0, 0),
                                relationships_started=Trend(0, 2))
    shown = headline_text(headline)
    assert "*5* members" in shown and "joined *3* ↑ (2 last month)" in shown
    assert "relationships started *0* ↓ (2 last month)" in shown

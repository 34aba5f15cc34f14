"""Members and mentor requests, each read in one grouped statement (the median in one more)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, literal_column, select, type_coerce, union_all
from sqlalchemy.orm import Session

from domain.admin.health.figures import MemberFigures, ProposalFigures
from domain.admin.health.months import MONTHS, Monthly, month_of
from domain.admin.health.sql import seconds_between
from domain.base import UTCDateTime
from domain.model import Member, MemberStatus, Proposal, ProposalStatus

ANSWERED = (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED)
# Who the report counts: members who left and were erased stay counted (anonymously, by the
# roles and join date their row keeps), so that nobody leaving moves the programme's figures.
COUNTED = (MemberStatus.ACTIVE, MemberStatus.ERASED)
OVERALL = -1  # the median's partition for the whole window


def member_figures(session: Session, team_id: str, starts: Sequence[datetime]) -> MemberFigures:
    """Members taking part by role, and who joined in each month."""
    joined = (select(Member.is_mentor, Member.is_mentee,
                     month_of(Member.registered_at, starts).label("m"))
              .where(Member.team_id == team_id, Member.status.in_(COUNTED))
              .subquery())
    rows = session.execute(select(joined.c.is_mentor, joined.c.is_mentee, joined.c.m,
                                  func.count()).group_by(joined.c.is_mentor, joined.c.is_mentee,
                                                         joined.c.m)).all()
    by_role = {(True, False): 0, (False, True): 0, (True, True): 0}
    for mentor, mentee, _month, count in rows:
        key = (bool(mentor), bool(mentee))
        if key in by_role:
            by_role[key] += count
    return MemberFigures(mentors_only=by_role[True, False], mentees_only=by_role[False, True],
                         both=by_role[True, True],
                         joined=Monthly.counted((m, n) for _, _, m, n in rows))


def proposal_figures(session: Session, team_id: str, starts: Sequence[datetime]
                     ) -> ProposalFigures:
    """Requests by what became of them; each counted in the month it was sent, and again in
    the month it was answered, withdrawn or expired."""
    closed_at = type_coerce(case((Proposal.status.in_(ANSWERED), Proposal.answered_at),
                                 else_=Proposal.updated_at), UTCDateTime)
    moves = (select(Proposal.status, month_of(Proposal.created_at, starts).label("sent"),
                    month_of(closed_at, starts).label("closed"))
             .where(Proposal.team_id == team_id).subquery())
    rows = session.execute(select(moves.c.status, moves.c.sent, moves.c.closed, func.count())
                           .group_by(moves.c.status, moves.c.sent, moves.c.closed)).all()
    totals = {status: 0 for status in ProposalStatus}
    for status, _sent, _closed, count in rows:
        totals[ProposalStatus(status)] += count

    def closed_as(status: ProposalStatus) -> Monthly:
        return Monthly.counted((closed, n) for s, _, closed, n in rows if s == status)

    overall, medians = _median_answer_hours(session, team_id, starts)
    return ProposalFigures(
        sent=sum(totals.values()), accepted=totals[ProposalStatus.ACCEPTED],
        declined=totals[ProposalStatus.DECLINED], expired=totals[ProposalStatus.EXPIRED],
        withdrawn=totals[ProposalStatus.WITHDRAWN], waiting=totals[ProposalStatus.PENDING],
        sent_by_month=Monthly.counted((sent, n) for _, sent, _, n in rows),
        accepted_by_month=closed_as(ProposalStatus.ACCEPTED),
        declined_by_month=closed_as(ProposalStatus.DECLINED),
        expired_by_month=closed_as(ProposalStatus.EXPIRED),
        withdrawn_by_month=closed_as(ProposalStatus.WITHDRAWN),
        median_answer_hours=overall, median_answer_by_month=Monthly.measured(medians))


def _median_answer_hours(session: Session, team_id: str, starts: Sequence[datetime]
                         ) -> tuple[float | None, dict[int, float]]:
    """The median hours to the mentor's answer over the window and in each month it was
    given, in one statement: the middle row (or the two middle rows) of each month."""
    answered = (select(month_of(Proposal.answered_at, starts).label("m"),
                       seconds_between(Proposal.answered_at, Proposal.created_at).label("s"))
                .where(Proposal.team_id == team_id, Proposal.status.in_(ANSWERED),
                       Proposal.answered_at >= starts[0], Proposal.answered_at < starts[MONTHS])
                .cte("answered"))
    partitions = union_all(select(answered.c.m, answered.c.s),
                           select(literal_column(str(OVERALL)).label("m"), answered.c.s)
                           ).subquery("partitions")
    ranked = select(
        partitions.c.m, partitions.c.s,
        func.row_number().over(partition_by=partitions.c.m, order_by=partitions.c.s).label("rn"),
        func.count().over(partition_by=partitions.c.m).label("n")).subquery("ranked")
    middle = (ranked.c.rn * 2).in_([ranked.c.n, ranked.c.n + 1, ranked.c.n + 2])
    rows = session.execute(select(ranked.c.m, func.avg(ranked.c.s)).where(middle)
                           .group_by(ranked.c.m)).all()
    hours = {int(m): round(float(s) / 3600, 1) for m, s in rows if m is not None}
    return hours.pop(OVERALL, None), hours

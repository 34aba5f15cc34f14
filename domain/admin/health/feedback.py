"""Feedback: averages in one grouped statement, and the latest comments without their authors."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from domain.admin.health.figures import Comment, FeedbackFigures
from domain.admin.health.months import Monthly, month_of
from domain.model import Feedback

COMMENTS = 20  # the latest; the CSV export has them all
# The survey's answers, in its order: domain.feedback.GOALS_MET, which cannot be imported
# from here (it pulls in the relationships and meetings, which import each other), so a test
# holds the two equal.
GOALS_MET = ("fully", "mostly", "partly", "not_yet")


def feedback_figures(session: Session, team_id: str, starts: Sequence[datetime]
                     ) -> FeedbackFigures:
    """Average rating, share who would recommend mentoring, how far goals were met; by month."""
    answers = (select(month_of(Feedback.submitted_at, starts).label("m"), Feedback.goals_met,
                      Feedback.would_recommend, Feedback.rating)
               .where(Feedback.team_id == team_id).subquery())
    rows = session.execute(select(answers.c.m, answers.c.goals_met, answers.c.would_recommend,
                                  func.count(), func.sum(answers.c.rating))
                           .group_by(answers.c.m, answers.c.goals_met,
                                     answers.c.would_recommend)).all()
    count = sum(n for *_, n, _ in rows)
    ratings = sum(int(total) for *_, total in rows)
    recommend = sum(n for _, _, yes, n, _ in rows if yes)
    met = {answer: 0 for answer in GOALS_MET}
    for _, goals_met, _, n, _ in rows:
        met[goals_met] = met.get(goals_met, 0) + n
    per_month: dict[int, list[int]] = {}
    for m, _, _, n, total in rows:
        if m is not None:
            sums = per_month.setdefault(int(m), [0, 0])
            sums[0], sums[1] = sums[0] + n, sums[1] + int(total)
    return FeedbackFigures(
        answers=count, average_rating=round(ratings / count, 2) if count else None,
        recommend_share=round(recommend / count, 3) if count else None,
        goals_met=tuple(met.items()),
        answers_by_month=Monthly.counted((m, n) for m, _, _, n, _ in rows),
        rating_by_month=Monthly.measured({m: round(s / n, 2) for m, (n, s) in per_month.items()}),
        comments=latest_comments(session, team_id))


def latest_comments(session: Session, team_id: str) -> tuple[Comment, ...]:
    """The newest comments, each with only its month: who wrote it, about whom, stays out."""
    rows = session.execute(
        select(Feedback.submitted_at, Feedback.what_worked, Feedback.could_be_better)
        .where(Feedback.team_id == team_id,
               or_(Feedback.what_worked != "", Feedback.could_be_better != ""))
        .order_by(Feedback.submitted_at.desc(), Feedback.id.desc()).limit(COMMENTS)).all()
    return tuple(Comment(month=at.date().replace(day=1), what_worked=worked.strip(),
                         could_be_better=better.strip()) for at, worked, better in rows)

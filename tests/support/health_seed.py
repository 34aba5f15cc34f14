"""A small programme whose health figures are worked out by hand (see the table in each
seeding step), and a way to grow any programme without changing how it is read."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.orm import Session

from domain.model import (
    DiaryEntry,
    Feedback,
    Goal,
    GoalStatus,
    Meeting,
    MeetingStatus,
    Member,
    MemberStatus,
    Proposal,
    ProposalStatus,
    Relationship,
    RelationshipStatus,
    Stage,
)
from domain.programme import ensure_programme, programme_lists

SECRET = "The diary secret nobody else may read"


def at(day: str, hour: int = 0) -> datetime:
    """A UTC instant from '2026-10-11'."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def member(session: Session, team_id: str, user_id: str, registered: str, *,
           mentor: bool = False, mentee: bool = False) -> Member:
    """A member (no profile: the report reads none)."""
    made = Member(team_id=team_id, slack_user_id=user_id, name=f"Name of {user_id}",
                  is_mentor=mentor, is_mentee=mentee, status=MemberStatus.ACTIVE,
                  registered_at=at(registered), updated_at=at(registered))
    session.add(made)
    session.flush()
    return made


def proposal(session: Session, mentee: Member, mentor: Member, status: ProposalStatus,
             created: datetime, closed: datetime | None = None) -> Proposal:
    """A request; `closed` is when it was answered (accepted, declined) or else changed."""
    area = programme_lists(session, team_id=mentee.team_id).areas[0]
    answered = closed if status in (ProposalStatus.ACCEPTED, ProposalStatus.DECLINED) else None
    made = Proposal(team_id=mentee.team_id, mentee_id=mentee.id, mentor_id=mentor.id,
                    area_id=area.id, statement="Please mentor me, private words", status=status,
                    created_at=created, updated_at=closed or created,
                    expires_at=created.replace(year=created.year + 1), answered_at=answered)
    session.add(made)
    session.flush()
    return made


def pair(session: Session, mentee: Member, mentor: Member, status: RelationshipStatus,
         stage: Stage, started: datetime, ended: datetime | None = None) -> Relationship:
    """A relationship."""
    made = Relationship(team_id=mentee.team_id, mentee_id=mentee.id, mentor_id=mentor.id,
                        status=status, stage=stage, started_at=started, ended_at=ended,
                        end_reason="A private reason" if ended else "")
    session.add(made)
    session.flush()
    return made


def meeting(session: Session, together: Relationship, starts: datetime,
            status: MeetingStatus = MeetingStatus.SCHEDULED) -> Meeting:
    """A meeting the mentee arranged."""
    made = Meeting(team_id=together.team_id, relationship_id=together.id,
                   created_by_id=together.mentee_id, uid=f"m-{together.id}-{starts:%Y%m%d%H}",
                   title="Private meeting title", starts_at=starts, duration_minutes=60,
                   status=status, notes="Private meeting notes", created_at=starts,
                   updated_at=starts)
    session.add(made)
    session.flush()
    return made


def goal(session: Session, together: Relationship, created: datetime,
         completed: datetime | None = None) -> Goal:
    """A goal the mentee set."""
    made = Goal(team_id=together.team_id, relationship_id=together.id,
                author_id=together.mentee_id, label="Private goal label", details="Private",
                status=GoalStatus.COMPLETED if completed else GoalStatus.OPEN,
                completed_at=completed, created_at=created, updated_at=created)
    session.add(made)
    session.flush()
    return made


def feedback(session: Session, together: Relationship, author: Member, rating: int,
             goals_met: str, recommend: bool, submitted: datetime, worked: str = "",
             better: str = "") -> Feedback:
    """One side's survey answers."""
    made = Feedback(team_id=together.team_id, relationship_id=together.id, author_id=author.id,
                    rating=rating, goals_met=goals_met, would_recommend=recommend,
                    what_worked=worked, could_be_better=better, submitted_at=submitted)
    session.add(made)
    session.flush()
    return made


def hand_counted(session: Session, team_id: str = "T1") -> dict[str, Member]:
    """The programme of tests/domain/test_admin_health.py, seen on 23 November 2026."""
    ensure_programme(session, team_id=team_id, now=at("2025-01-01"))
    people = {
        "M1": member(session, team_id, "UM1", "2026-10-05", mentor=True),
        "M2": member(session, team_id, "UM2", "2026-11-02", mentor=True),
        "E1": member(session, team_id, "UE1", "2026-10-10", mentee=True),
        "E2": member(session, team_id, "UE2", "2026-11-03", mentee=True),
        "E3": member(session, team_id, "UE3", "2025-06-01", mentee=True),
        "B1": member(session, team_id, "UB1", "2026-11-04", mentor=True, mentee=True),
    }
    _requests(session, people)
    _together(session, people)
    return people


def _requests(session: Session, p: dict[str, Member]) -> None:
    s = ProposalStatus
    proposal(session, p["E1"], p["M1"], s.ACCEPTED, at("2026-10-10", 10), at("2026-10-11", 10))
    proposal(session, p["E2"], p["M1"], s.DECLINED, at("2026-10-20"), at("2026-11-02"))
    proposal(session, p["E2"], p["M2"], s.ACCEPTED, at("2026-11-05"), at("2026-11-05", 6))
    proposal(session, p["E3"], p["M2"], s.EXPIRED, at("2026-09-01"), at("2026-09-15"))
    proposal(session, p["E3"], p["M1"], s.WITHDRAWN, at("2026-11-10"), at("2026-11-11"))
    proposal(session, p["B1"], p["M2"], s.PENDING, at("2026-11-20"))
    proposal(session, p["E3"], p["M1"], s.ACCEPTED, at("2025-05-01"), at("2025-05-03"))


def _together(session: Session, p: dict[str, Member]) -> None:
    r, st = RelationshipStatus, Stage
    r1 = pair(session, p["E1"], p["M1"], r.ACTIVE, st.PROGRESSION, at("2026-10-11"))
    pair(session, p["E2"], p["M2"], r.ACTIVE, st.FIRST_CONVERSATION, at("2026-11-05"))
    r3 = pair(session, p["E3"], p["M1"], r.COMPLETED, st.COMPLETION, at("2025-05-03"),
              at("2026-10-30"))
    r4 = pair(session, p["B1"], p["M1"], r.WITHDRAWN, st.FIRST_CONVERSATION, at("2026-06-01"),
              at("2026-07-01"))
    meeting(session, r1, at("2026-10-15", 9))
    meeting(session, r1, at("2026-11-20", 9))
    meeting(session, r1, at("2026-11-21", 9), MeetingStatus.CANCELLED)
    meeting(session, r1, at("2026-11-30", 9))
    goal(session, r1, at("2026-10-12"), at("2026-11-01"))
    goal(session, r1, at("2026-11-06"))
    goal(session, r3, at("2025-01-01"), at("2025-02-01"))
    feedback(session, r3, p["E3"], 5, "fully", True, at("2026-10-31"), worked="Clear goals")
    feedback(session, r3, p["M1"], 4, "mostly", True, at("2026-11-02"), better="More time")
    feedback(session, r4, p["B1"], 2, "not_yet", False, at("2026-11-03"))
    session.add(DiaryEntry(team_id=r1.team_id, author_id=r1.mentee_id, title=SECRET,
                           reflection=SECRET, entry_date=at("2026-11-01").date(),
                           created_at=at("2026-11-01"), updated_at=at("2026-11-01")))
    session.flush()

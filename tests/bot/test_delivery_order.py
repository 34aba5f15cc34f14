"""Reminders through a Slack outage: late, once, and for each person in the order they fell due.

The ticks and the sender run as the scheduler runs them (delivery every 10 s, the ticks every
`Tick.every_seconds`), on a FakeClock, with the fake Slack answering 503 for an hour.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from bot.app import Mentorbot
from bot.ticks import TICKS, run_tick
from domain import outbox
from domain.meetings import arrange_meeting
from domain.meetings.times import MeetingAnswers
from domain.model import OutboxKind, OutboxMessage, OutboxStatus
from tests.support import seed
from tests.support.clock import FakeClock
from tests.support.fake_slack import FakeSlack

DELIVERY_SECONDS = 10  # OUTBOX_INTERVAL_SECONDS's default
MEETING = MeetingAnswers(day=date(2026, 11, 24), start=time(10, 0), duration=30, title="",
                         location="Video call", details="")
WELCOME = {"name": "Ana", "programme": "Mentoring programme", "is_mentor": False,
           "is_mentee": True}


def arrange_three_meetings(app: Mentorbot, clock: FakeClock) -> None:
    """John mentors Alice and Bob; tomorrow they meet at 10:00, 10:20 and 10:40."""
    with app.sessions.begin() as session:
        lists = seed.programme(session)
        john = seed.mentor(session, lists, "UJOHN", areas=[1], name="John Smith", capacity=3)
        alice = seed.mentee(session, lists, "UALICE", areas=[1], name="Alice Kember")
        bob = seed.mentee(session, lists, "UBOB", areas=[1], name="Bob Ray")
        with_alice, with_bob = seed.pair(session, john, alice), seed.pair(session, john, bob)
        for who, pair, title, start in ((alice, with_alice, "First", time(10, 0)),
                                        (bob, with_bob, "Second", time(10, 20)),
                                        (alice, with_alice, "Third", time(10, 40))):
            arrange_meeting(session, actor=seed.actor(who), relationship_id=pair.id,
                            answers=replace(MEETING, title=title, start=start), now=clock.now())


class Scheduler:
    """Runs what the scheduler would have run by each moment the clock is stepped to."""

    def __init__(self, app: Mentorbot, clock: FakeClock) -> None:
        self.app, self.clock = app, clock
        self.next_run = {tick.name: clock.now() for tick in TICKS}
        self.next_delivery = clock.now()

    def run_until(self, end: datetime) -> None:
        """Step the clock through every moment a job was due, up to `end`."""
        while self.clock.now() <= end:
            for tick in TICKS:
                if self.next_run[tick.name] <= self.clock.now():
                    run_tick(tick, self.app.sessions, self.clock.now, after=lambda: None)
                    self.next_run[tick.name] += timedelta(seconds=tick.every_seconds)
            if self.next_delivery <= self.clock.now():
                self.app.sender.deliver_due()
                self.next_delivery += timedelta(seconds=DELIVERY_SECONDS)
            self.clock.advance(seconds=DELIVERY_SECONDS)


def reminders_received(fake: FakeSlack, since: int) -> dict[str, list[str]]:
    """The meeting reminders Slack accepted after the first `since` calls, by DM channel."""
    got: dict[str, list[str]] = defaultdict(list)
    for call in fake.calls[since:]:
        if call.method == "chat.postMessage" and call.params["text"].startswith("A reminder"):
            got[call.params["channel"]].append(call.params["text"].split("“")[1].split("”")[0])
    return dict(got)


def test_slack_down_for_an_hour_reminders_are_delivered_late_once_and_in_order(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    arrange_three_meetings(app, clock)
    app.sender.deliver_due()  # the partners' invitations, while Slack is up
    clock.advance(minutes=55)  # 09:55, the first meeting 24 h and 5 minutes ahead
    scheduler = Scheduler(app, clock)
    fake_slack.set_down(True)
    outage_starts = len(fake_slack.calls)
    scheduler.run_until(clock.now() + timedelta(minutes=60))  # reminders fall due at 10:00-10:40
    fake_slack.set_down(False)
    recovered = len(fake_slack.calls)
    assert reminders_received(fake_slack, outage_starts) == {}  # every call answered 503
    scheduler.run_until(clock.now() + timedelta(hours=2))

    assert reminders_received(fake_slack, recovered) == {
        "DUJOHN": ["First", "Second", "Third"], "DUALICE": ["First", "Third"],
        "DUBOB": ["Second"]}
    with app.sessions() as session:
        reminders = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == OutboxKind.MEETING_REMINDER)).all()
    assert [r.status for r in reminders] == [OutboxStatus.SENT] * 6
    # While Slack was down each pass stopped at its first failure: the outage cost about one
    # DM's backoff (5 s doubling to an hour), not every DM's, so no other came near giving up.
    tried_in_outage = sum(c.method == "conversations.open"
                          for c in fake_slack.calls[outage_starts:recovered])
    assert tried_in_outage <= 20, tried_in_outage
    attempts = sorted(r.attempts for r in reminders)
    assert attempts[-1] < outbox.MAX_ATTEMPTS and sum(attempts[:-1]) <= 10, attempts


def owe(app: Mentorbot, clock: FakeClock, key: str, recipient: str = "UANA") -> int:
    with app.sessions.begin() as session:
        outbox.enqueue(session, team_id="T1", recipient=recipient, kind=OutboxKind.WELCOME,
                       dedupe_key=key, payload={**WELCOME, "name": key}, now=clock.now())
        return session.scalars(select(OutboxMessage.id).where(
            OutboxMessage.dedupe_key == key)).one()


def test_a_later_dm_waits_behind_one_still_owed_to_the_same_person_but_not_others(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe(app, clock, "first")
    fake_slack.fail_next("chat.postMessage", error="internal_error")  # answered, not an outage
    owe(app, clock, "second")
    owe(app, clock, "other", recipient="UBEN")
    assert app.sender.deliver_due() == 1  # UBEN's; "second" waits behind "first"
    with app.sessions() as session:
        second = session.scalars(select(OutboxMessage).where(
            OutboxMessage.dedupe_key == "second")).one()
    assert (second.status, second.attempts) == (OutboxStatus.PENDING, 0)  # no attempt spent
    clock.advance(seconds=5)
    assert app.sender.deliver_due() == 2
    texts = [c.params["text"] for c in fake_slack.calls_to("chat.postMessage")]
    assert [t.split(", ")[1].split("!")[0] for t in texts] == ["first", "other", "first",
                                                                 "second"]


def test_a_dm_given_up_holds_nothing_back(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    owe(app, clock, "first")
    owe(app, clock, "second")
    fake_slack.fail_next("conversations.open", error="user_not_found")  # for good
    assert app.sender.deliver_due() == 1
    with app.sessions() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert [r.status for r in rows] == [OutboxStatus.FAILED, OutboxStatus.SENT]


def test_when_slack_cannot_be_reached_the_pass_stops_and_the_rest_keep_their_attempts(
    app: Mentorbot, fake_slack: FakeSlack, clock: FakeClock
) -> None:
    for person in ("UANA", "UBEN", "UCAT"):
        owe(app, clock, person, recipient=person)
    fake_slack.fail_next("conversations.open", retry_after=30)
    assert app.sender.deliver_due() == 0
    assert len(fake_slack.calls_to("conversations.open")) == 1  # one call, not three
    with app.sessions() as session:
        rows = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert [r.attempts for r in rows] == [1, 0, 0]
    assert {r.next_attempt_at for r in rows} == {clock.now() + timedelta(seconds=30)}
    clock.advance(seconds=29)
    assert app.sender.deliver_due() == 0
    clock.advance(seconds=1)
    assert app.sender.deliver_due() == 3

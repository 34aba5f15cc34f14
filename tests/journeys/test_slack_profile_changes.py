"""A member changes their Slack profile: mentorbot follows their name, photo and time zone."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from blocks import ids
from bot.app import Mentorbot
from domain.model import Member
from tests.journeys.steps import join_as_mentor, match_alice_with_john, wait_for_home
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill
from tests.support.waiting import eventually


def user_change(user_id: str, real_name: str, tz: str, **profile: Any) -> dict[str, Any]:
    """The user_change event Slack sends, with the whole user object."""
    return {"type": "user_change", "user": {
        "id": user_id, "team_id": "T1", "name": real_name.split(maxsplit=1)[0].lower(),
        "real_name": real_name, "tz": tz, "deleted": False,
        "profile": {"real_name": real_name, "email": f"{user_id.lower()}@example.org",
                    "image_192": f"https://img.example.org/{user_id}.png", **profile}}}


def member(app: Mentorbot, user_id: str) -> Member | None:
    with app.sessions() as session:
        return session.scalars(select(Member).where(Member.slack_user_id == user_id)
                               ).one_or_none()


def test_a_renamed_mentee_who_moved_shows_up_renamed_to_her_mentor(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    match_alice_with_john(slack, fake_slack)
    wait_for_home(fake_slack, "UJOHN", "Alice Kember")
    assert slack.event(user_change("UALICE", "Alice Ngô <b>", "Europe/London")).status == 200
    wait_for_home(fake_slack, "UJOHN", "Alice Ngô &lt;b&gt;")
    wait_for_home(fake_slack, "UALICE", "Alice Ngô &lt;b&gt;")
    alice = member(app, "UALICE")
    assert alice is not None and (alice.name, alice.tz) == ("Alice Ngô <b>", "Europe/London")
    assert alice.image_url == "https://img.example.org/UALICE.png"
    chosen_email = alice.contact_email
    # Her contact e-mail is her own choice and stays; a zone Slack made up falls back to UTC.
    slack.event(user_change("UALICE", "Alice Ngô", "Mars/Olympus",
                            email="new@example.org"))
    alice = eventually(lambda: member(app, "UALICE"),
                       lambda found: found is not None and found.name == "Alice Ngô",
                       "the second change")
    assert alice is not None
    assert (alice.tz, alice.slack_email, alice.contact_email) == (
        "UTC", "new@example.org", chosen_email)


def test_someone_who_never_registered_is_not_stored(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")
    homes = len(fake_slack.calls_to("views.publish"))
    assert slack.event(user_change("UNEW", "Nobody Yet", "Asia/Tokyo")).status == 200
    # Nothing is stored or published for the stranger (John's change shows the app is up to date
    # with its events; a late mistake for the stranger could slip past, a wrong failure cannot).
    slack.event(user_change("UJOHN", "John Smyth", "Europe/Paris"))
    wait_for_home(fake_slack, "UJOHN", "John Smyth")
    assert member(app, "UNEW") is None
    assert {c.params["user_id"] for c in fake_slack.calls_to("views.publish")[homes:]} == {
        "UJOHN"}


def test_a_mentor_who_edits_their_profile_shows_the_change_on_the_mentees_card(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    match_alice_with_john(slack, fake_slack)
    wait_for_home(fake_slack, "UALICE", "John Smith")
    opened = len(fake_slack.calls_to("views.open"))
    slack.block_action("UJOHN", ids.HOME_OPEN_PROFILE, value="")
    fake_slack.wait_for("views.open", opened + 1)
    form = fake_slack.latest_modal()
    reply = slack.view_submission("UJOHN", form, fill(form, {
        ids.PROFILE_ORGANISATION: "Hauliers & Co", ids.PROFILE_CONTACT_EMAIL: "js@haul.example"}))
    assert reply.status == 200 and not reply.body, reply.body
    home = wait_for_home(fake_slack, "UALICE", "Hauliers &amp; Co")
    assert "js@haul.example" in str(home)

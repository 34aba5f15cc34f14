"""Journey: Enterprise Grid. An org installs mentorbot org-wide: members from its workspaces
join one programme and match each other, and every Web API call for them carries the org's
token. Another org, and a workspace-level install of one of the org's workspaces, stay apart:
nobody sees their people, nor they the org's."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from blocks import ids
from bot.app import NOT_INSTALLED_HERE
from domain.admin.scope import ORG_ADMINS_ONLY
from domain.model import Member, Programme, ProgrammeScope, slack_bots, slack_installations
from tests.journeys.admin_steps import open_admin_menu
from tests.journeys.install_steps import (
    TOKENLESS,
    Distributed,
    ask_for_a_mentor,
    count_rows,
    install,
)
from tests.journeys.steps import button_values, join_as_mentee, join_as_mentor, text_of
from tests.support.block_limits import assert_fits_slack
from tests.support.clock import FakeClock
from tests.support.fake_slack import RESPONSE_URL_METHOD, FakeSlack
from tests.support.fake_slack_oauth import FakeInstall
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

ORG_X, ORG_Y = "EX1", "EY1"
# Workspaces: A and B in org X; C in org Y.
A, B, C = "TA1", "TB1", "TC1"


def org_install(app: Distributed, fake: FakeSlack, enterprise_id: str, name: str,
                first_team: str) -> FakeInstall:
    """An org admin installs mentorbot for the whole org."""
    return install(app, fake, first_team, name, enterprise_id=enterprise_id,
                   enterprise_name=name, org_wide=True)


def through_org(app: Distributed, fake: FakeSlack, team_id: str,
                enterprise_id: str) -> SlackRequests:
    """Requests from a workspace of an org, reaching the org-wide install."""
    return app.slack(fake, team_id, enterprise_id=enterprise_id, org_wide=True)


def search_names(slack: SlackRequests, fake: FakeSlack, user_id: str) -> str:
    """The text of the mentor search a member gets with `/mentor find`."""
    updates = len(fake.calls_to("views.update"))
    slack.command(user_id, "find")
    fake.wait_for("views.update", updates + 1)
    return text_of(fake.latest_modal())


def wrong_tokens(calls: list[Any], token: str) -> list[tuple[str, str | None]]:
    """The Web API calls not made with this token."""
    return [(c.method, c.token) for c in calls if c.method not in TOKENLESS and c.token != token]


def test_an_org_wide_install_is_one_programme_for_its_workspaces_and_apart_from_others(
    distributed: Distributed, fake_slack: FakeSlack, clean_engine: Engine,
) -> None:
    # Before the org went org-wide, workspace A had mentorbot on its own.
    solo = install(distributed, fake_slack, A, "Acme (A)", enterprise_id=ORG_X,
                   enterprise_name="Org X")
    join_as_mentor(distributed.slack(fake_slack, A, enterprise_id=ORG_X), fake_slack,
                   "USOLO", "Solo Mentor", team_id=A, enterprise_id=ORG_X)
    org_x = org_install(distributed, fake_slack, ORG_X, "Org X", A)
    org_y = org_install(distributed, fake_slack, ORG_Y, "Org Y", C)
    assert count_rows(clean_engine, slack_installations) == 3
    assert count_rows(clean_engine, slack_bots) == 3

    start = len(fake_slack.calls)
    in_a, in_b = through_org(distributed, fake_slack, A, ORG_X), through_org(
        distributed, fake_slack, B, ORG_X)
    join_as_mentor(in_b, fake_slack, "UGRACE", "Grace Hopper", team_id=B, enterprise_id=ORG_X)
    join_as_mentee(in_a, fake_slack, "UADA", "Ada Lovelace", team_id=A, enterprise_id=ORG_X)
    homes = len(fake_slack.calls_to("views.publish"))
    in_a.app_home_opened("UADA")  # an event of an org-wide install names no team of its own
    fake_slack.wait_for("views.publish", homes + 1)
    assert "Find a mentor" in text_of(fake_slack.calls_to("views.publish")[-1].params["view"])
    x_calls = fake_slack.calls[start:]

    start = len(fake_slack.calls)
    in_c = through_org(distributed, fake_slack, C, ORG_Y)
    join_as_mentor(in_c, fake_slack, "UYOKO", "Yoko Mentor", team_id=C, enterprise_id=ORG_Y)
    assert not wrong_tokens(fake_slack.calls[start:], org_y.bot_token)

    # Ada (workspace A) finds Grace (workspace B): the org is one programme. Neither the
    # other org's mentor nor the mentor of A's workspace-level programme is offered.
    found = search_names(in_a, fake_slack, "UADA")
    assert "Grace Hopper" in found
    assert "Yoko Mentor" not in found and "Solo Mentor" not in found
    start = len(fake_slack.calls)
    ask_for_a_mentor(in_a, fake_slack, "UADA", "UGRACE")  # Grace's DM, from the sender
    x_calls += fake_slack.calls[start:]
    assert {"views.open", "views.update", "views.publish", "chat.postMessage"} <= {
        c.method for c in x_calls}
    assert not wrong_tokens(x_calls, org_x.bot_token)

    # The org's people never see A's workspace-level programme, nor does it see theirs.
    solo_search = search_names(distributed.slack(fake_slack, A, enterprise_id=ORG_X),
                               fake_slack, "USOLO")
    assert "Grace Hopper" not in solo_search
    assert fake_slack.calls[-1].token == solo.bot_token
    with distributed.bot.sessions() as session:
        members = set(session.execute(select(Member.team_id, Member.slack_user_id)).all())
        scopes = dict(session.execute(select(Programme.team_id, Programme.scope)).all())
    assert members == {(A, "USOLO"), (ORG_X, "UADA"), (ORG_X, "UGRACE"), (ORG_Y, "UYOKO")}
    assert scopes == {A: ProgrammeScope.WORKSPACE, ORG_X: ProgrammeScope.ORG,
                      ORG_Y: ProgrammeScope.ORG}


def open_scope(slack: SlackRequests, fake: FakeSlack, user_id: str) -> dict[str, Any]:
    """`/mentor admin`, then Programme scope: the form."""
    menu = open_admin_menu(slack, fake, user_id)
    assert button_values(menu, ids.ADMIN_SCOPE_OPEN)  # shown under an org-wide install
    known = len(fake.views)
    assert slack.block_action(user_id, ids.ADMIN_SCOPE_OPEN, view=menu).status == 200
    form = fake.wait_for_new_modal(ids.ADMIN_SCOPE_SUBMIT, known)
    assert_fits_slack(form)
    return form


def choose_scope(slack: SlackRequests, form: dict[str, Any], user_id: str,
                 scope: ProgrammeScope) -> dict[str, Any]:
    """Pick whom the programme is for and Save: Slack's answer."""
    return dict(slack.view_submission(user_id, form, fill(form, {
        ids.ADMIN_SCOPE_CHOICE: scope.value})).json())


def test_the_orgs_admins_can_run_a_programme_per_workspace_each_apart(
    distributed: Distributed, fake_slack: FakeSlack,
) -> None:
    org_install(distributed, fake_slack, ORG_X, "Org X", A)
    in_a, in_b = through_org(distributed, fake_slack, A, ORG_X), through_org(
        distributed, fake_slack, B, ORG_X)
    join_as_mentor(in_b, fake_slack, "UGRACE", "Grace Hopper", team_id=B, enterprise_id=ORG_X)
    # A workspace's own admin runs the org's programme neither in nor out of Settings.
    fake_slack.add_user("UWSADMIN", name="wendy", real_name="Wendy Workspace", team_id=A,
                        enterprise_id=ORG_X, is_admin=True)
    in_a.command("UWSADMIN", "admin")
    assert not any(v.get("callback_id") == ids.ADMIN_MENU_VIEW for v in fake_slack.views.values())
    fake_slack.add_user("UORGBOSS", name="olga", real_name="Olga Org", team_id=A,
                        enterprise_id=ORG_X, org_admin=True)
    form = open_scope(in_a, fake_slack, "UORGBOSS")
    assert form["blocks"][0]["element"]["initial_option"]["value"] == ProgrammeScope.ORG
    saved = choose_scope(in_a, form, "UORGBOSS", ProgrammeScope.WORKSPACE)
    assert saved["view"]["callback_id"] == ids.ADMIN_SCOPE_SAVED_VIEW
    assert "a programme for each workspace" in text_of(saved["view"])

    # Now each workspace runs its own: Ada in A registers afresh and does not find Grace
    # (B's member of the org's programme); A's admin, Wendy, runs A's programme.
    join_as_mentee(in_a, fake_slack, "UADA", "Ada Lovelace", team_id=A, enterprise_id=ORG_X)
    assert "Grace Hopper" not in search_names(in_a, fake_slack, "UADA")
    scope_form = open_scope(in_a, fake_slack, "UWSADMIN")  # she may look, not change
    assert not scope_form.get("submit") and ORG_ADMINS_ONLY in text_of(scope_form)
    # A forged Save (the org admin's form, sent as her) is refused beside the choice.
    refused = choose_scope(in_a, form, "UWSADMIN", ProgrammeScope.ORG)
    assert refused == {"response_action": "errors",
                       "errors": {ids.ADMIN_SCOPE_CHOICE: ORG_ADMINS_ONLY}}
    with distributed.bot.sessions() as session:
        members = set(session.execute(select(Member.team_id, Member.slack_user_id)).all())
        scope = session.scalar(select(Programme.scope).where(Programme.team_id == ORG_X))
    assert members == {(ORG_X, "UGRACE"), (f"{ORG_X}:{A}", "UADA")}
    assert scope == ProgrammeScope.WORKSPACE


def test_uninstalling_org_wide_stops_the_org_and_its_workspaces_programmes(
    distributed: Distributed, fake_slack: FakeSlack, clean_engine: Engine,
) -> None:
    org_x = org_install(distributed, fake_slack, ORG_X, "Org X", A)
    in_a = through_org(distributed, fake_slack, A, ORG_X)
    join_as_mentee(in_a, fake_slack, "UADA", "Ada Lovelace", team_id=A, enterprise_id=ORG_X)
    with distributed.bot.sessions.begin() as session:  # a workspace's own programme too
        session.add(Programme(team_id=f"{ORG_X}:{B}", name="B's", created_at=FakeClock().now(),
                              admin_user_ids=[]))
    assert in_a.event({"type": "app_uninstalled"}).status == 200
    assert count_rows(clean_engine, slack_bots) == 0
    with distributed.bot.sessions() as session:
        stopped = {row.team_id: row.sending_stopped_at for row in session.execute(
            select(Programme.team_id, Programme.sending_stopped_at))}
    assert set(stopped) == {ORG_X, f"{ORG_X}:{B}"} and all(stopped.values())
    before = len(fake_slack.calls)
    assert in_a.command("UADA").status < 500  # refused: not installed any more
    assert not [c for c in fake_slack.calls[before:] if c.token == org_x.bot_token]


def test_a_request_through_an_org_that_never_installed_is_refused(
    distributed: Distributed, fake_slack: FakeSlack,
) -> None:
    org_install(distributed, fake_slack, ORG_X, "Org X", A)
    before = len(fake_slack.calls)
    stranger = through_org(distributed, fake_slack, C, ORG_Y)
    assert stranger.command("UYOKO").status < 500
    assert stranger.app_home_opened("UYOKO").status < 500
    said = [c.params.get("text") for c in fake_slack.calls[before:]
            if c.method == RESPONSE_URL_METHOD]
    assert said == [NOT_INSTALLED_HERE]
    assert not [c for c in fake_slack.calls[before:] if c.method != RESPONSE_URL_METHOD]
    with distributed.bot.sessions() as session:
        assert session.scalars(select(Member)).all() == []
        assert set(session.scalars(select(Programme.team_id))) <= {ORG_X}

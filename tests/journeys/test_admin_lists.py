"""An admin keeps the programme's lists over HTTP: adds, renames, reorders and retires; people
who chose a retired entry keep it, marked retired; past 100 entries the forms ask for options
as people type; and nobody else may touch the lists."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from blocks import ids
from blocks.admin_lists import add_form
from blocks.payloads import AdminListItem, AdminListPage, decode, metadata, value
from bot.app import Mentorbot
from domain.admin import ADMIN_ONLY
from domain.model import AdminLogEntry, ListItem, ListKind
from tests.journeys.steps import (
    button_values,
    choose,
    join_as_mentee,
    join_as_mentor,
    register,
    search,
    text_of,
    wait_for_home,
)
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

ADMIN = "UADMIN"
NETWORKING = "Networking and networking skills"


def open_lists(slack: SlackRequests, fake: FakeSlack, user: str = ADMIN) -> dict[str, Any]:
    """The admin clicks Lists (in the admin menu): the areas of support."""
    fake.add_user(user, name="ada", real_name="Ada Admin", is_admin=user == ADMIN)
    opened = len(fake.calls_to("views.open"))
    assert slack.block_action(user, ids.ADMIN_LISTS_OPEN).status == 200
    fake.wait_for("views.open", opened + 1)
    return fake.latest_modal()


def rows(view: dict[str, Any]) -> list[str]:
    """The entries the modal shows, in order, as the admin reads them."""
    return [b["text"]["text"] for b in view["blocks"]
            if str(b.get("block_id", "")).startswith("admin_lists.item.")]


def item_action(view: dict[str, Any], label: str, verb: str) -> str:
    """The overflow value of one entry's action."""
    for block in view["blocks"]:
        if label in block.get("text", {}).get("text", "") and "accessory" in block:
            for option in block["accessory"]["options"]:
                if decode(option["value"], AdminListItem).verb == verb:
                    return str(option["value"])
    raise AssertionError(f"no {verb} for {label!r}")


def updated_list(fake: FakeSlack, view_id: str, count: int) -> dict[str, Any]:
    """The lists modal as Slack shows it once asked for `count` updates in all."""
    fake.wait_for("views.update", count)
    return fake.views[view_id]


def add(slack: SlackRequests, fake: FakeSlack, modal: dict[str, Any], typed: str) -> Any:
    """Add… then type the names and press Add: Slack's answer to the submission."""
    pushed = len(fake.calls_to("views.push"))
    slack.block_action(ADMIN, ids.ADMIN_LISTS_ADD, view=modal,
                       value=button_values(modal, ids.ADMIN_LISTS_ADD)[0])
    fake.wait_for("views.push", pushed + 1)
    form = fake.latest_modal()
    assert_fits_slack(form)
    return slack.view_submission(ADMIN, form, fill(form, {ids.ADMIN_LISTS_LABELS: typed}))


def retire(slack: SlackRequests, fake: FakeSlack, label: str) -> None:
    """The admin opens the lists and retires one area."""
    modal = open_lists(slack, fake)
    updates = len(fake.calls_to("views.update"))
    choose(slack, ADMIN, ids.ADMIN_LISTS_ITEM, item_action(modal, label, "retire"), view=modal)
    assert f"Retired “{label}”" in text_of(updated_list(fake, modal["id"], updates + 1))


def test_an_admin_adds_renames_reorders_and_retires_areas(
    slack: SlackRequests, fake_slack: FakeSlack, app: Mentorbot
) -> None:
    modal = open_lists(slack, fake_slack)
    assert_fits_slack(modal)
    assert rows(modal)[0] == "`1.` Career development and progression"
    reply = add(slack, fake_slack, modal, "Port security\n\ncanal   freight\n")
    assert reply.status == 200 and not reply.body, reply.body
    shown = updated_list(fake_slack, modal["id"], 1)
    assert rows(shown)[-2:] == ["`21.` Port security", "`22.` canal freight"]

    refused = add(slack, fake_slack, shown, "PORT SECURITY\n" + "x" * 80).json()
    assert refused["response_action"] == "errors"
    assert "“PORT SECURITY” is already in the list." in refused["errors"][ids.ADMIN_LISTS_LABELS]
    assert "longer than 75 characters" in refused["errors"][ids.ADMIN_LISTS_LABELS]

    # Rename and move to the top in one form.
    choose(slack, ADMIN, ids.ADMIN_LISTS_ITEM, item_action(shown, "canal freight", "edit"),
           view=shown)
    fake_slack.wait_for("views.push", 3)
    form = fake_slack.latest_modal()
    reply = slack.view_submission(ADMIN, form, fill(form, {ids.ADMIN_LISTS_LABEL: "Canal freight",
                                                           ids.ADMIN_LISTS_POSITION: "1"}))
    assert reply.status == 200 and not reply.body, reply.body
    shown = updated_list(fake_slack, modal["id"], 2)
    assert rows(shown)[:2] == ["`1.` Canal freight", "`2.` Career development and progression"]

    # Move down, clicked twice (a double click): moved once.
    down = item_action(shown, "Canal freight", "down")
    for _ in range(2):
        choose(slack, ADMIN, ids.ADMIN_LISTS_ITEM, down, view=shown)
    shown = updated_list(fake_slack, modal["id"], 4)
    assert rows(shown)[:2] == ["`1.` Career development and progression", "`2.` Canal freight"]

    choose(slack, ADMIN, ids.ADMIN_LISTS_ITEM, item_action(shown, "Port security", "retire"),
           view=shown)
    shown = updated_list(fake_slack, modal["id"], 5)
    assert rows(shown)[-1] == "~Port security~" and "Retired" in text_of(shown)
    with app.sessions.begin() as session:
        logged = [(e.actor_user_id, e.action) for e in session.scalars(
            select(AdminLogEntry).order_by(AdminLogEntry.id))]
    assert logged == [(ADMIN, "list.add"), (ADMIN, "list.add"), (ADMIN, "list.rename"),
                      (ADMIN, "list.move"), (ADMIN, "list.move"), (ADMIN, "list.retire")]


def area_options(view: dict[str, Any], block_id: str) -> list[str]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return [o["text"]["text"] for o in block["element"].get("options", [])]


def chosen(view: dict[str, Any], block_id: str) -> list[str]:
    block = next(b for b in view["blocks"] if b.get("block_id") == block_id)
    return [o["text"]["text"] for o in block["element"].get("initial_options", [])]


def test_a_retired_area_stays_on_profiles_and_results_and_the_forms_no_longer_offer_it(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    join_as_mentor(slack, fake_slack, "UJOHN", "John Smith")  # offers networking
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")  # needs networking
    retire(slack, fake_slack, NETWORKING)
    retired = f"{NETWORKING} (retired)"

    slack.app_home_opened("UJOHN")
    assert retired in text_of(wait_for_home(fake_slack, "UJOHN", "Offers:"))
    fake_slack.reset()
    results = search(slack, fake_slack, "UALICE")
    assert retired in text_of(results) and "John Smith" in text_of(results)
    assert chosen(results, ids.SEARCH_AREAS) == [retired]  # her own criteria, kept and marked
    assert "1 of 1 areas" in text_of(results)  # matching still works on the retired area

    # John's form keeps it, marked, and saves untouched; nobody else is offered it.
    slack.block_action("UJOHN", ids.HOME_OPEN_PROFILE)
    form = fake_slack.latest_modal()
    assert retired in chosen(form, ids.PROFILE_MENTOR_AREAS)
    assert NETWORKING not in area_options(form, ids.PROFILE_MENTOR_AREAS)
    reply = slack.view_submission("UJOHN", form, fill(form, {}))
    assert reply.status == 200 and not reply.body, reply.body
    fake_slack.add_user("UBEA", name="bea", real_name="Bea Lee")
    newcomer = register(slack, fake_slack, "UBEA", "mentee")
    assert not [o for o in area_options(newcomer, ids.PROFILE_MENTEE_AREAS) if NETWORKING in o]


def test_beyond_100_areas_the_forms_ask_for_options_as_people_type(
    slack: SlackRequests, fake_slack: FakeSlack
) -> None:
    modal = open_lists(slack, fake_slack)
    for first in (1, 66):
        typed = "\n".join(f"Specialism {n:03}" for n in range(first, first + 65))
        assert not add(slack, fake_slack, modal, typed).body
    fake_slack.add_user("UALICE", name="alice", real_name="Alice Kember")
    form = register(slack, fake_slack, "UALICE", "mentee")
    assert_fits_slack(form)
    areas = next(b for b in form["blocks"] if b.get("block_id") == ids.PROFILE_MENTEE_AREAS)
    assert areas["element"]["type"] == "multi_external_select"

    everything = slack.options("UALICE", ids.PROFILE_MENTEE_AREAS, "", view=form,
                               block_id=ids.PROFILE_MENTEE_AREAS).json()["options"]
    assert len(everything) == 100
    typed = slack.options("UALICE", ids.PROFILE_MENTEE_AREAS, "specialism 12", view=form,
                          block_id=ids.PROFILE_MENTEE_AREAS).json()["options"]
    assert [o["text"]["text"] for o in typed] == [f"Specialism {n}" for n in range(120, 130)]
    answers = {ids.PROFILE_JOB_TITLE: "Planner", ids.PROFILE_CONTACT_EMAIL: "a@example.org",
               ids.PROFILE_MENTEE_AREAS: [(typed[0]["value"], "Specialism 120")],
               ids.PROFILE_STATEMENT: "Help me grow."}
    reply = slack.view_submission("UALICE", form, fill(form, answers))
    assert reply.status == 200 and not reply.body, reply.body
    fake_slack.reset()
    results = search(slack, fake_slack, "UALICE")
    assert chosen(results, ids.SEARCH_AREAS) == ["Specialism 120"]
    roles = slack.options("UALICE", ids.SEARCH_ROLE, "any", view=results,
                          block_id=ids.SEARCH_ROLE).json()["options"]
    assert [o["text"]["text"] for o in roles] == ["Any role"]


def test_members_who_are_not_admins_are_refused_and_nothing_changes(
    slack: SlackRequests, fake_slack: FakeSlack, app: Mentorbot
) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    refused = open_lists(slack, fake_slack, "UALICE")
    assert refused["callback_id"] == ids.NOTICE_VIEW and ADMIN_ONLY in text_of(refused)
    with app.sessions.begin() as session:
        area = session.scalars(select(ListItem).where(ListItem.label == NETWORKING)).one()
    # Forged: an entry's Retire, and an Add form, sent by someone who never had them.
    forged_list = {"type": "modal", "callback_id": ids.ADMIN_LISTS_VIEW, "blocks": [],
                   "private_metadata": metadata(AdminListPage("area"))}
    choose(slack, "UALICE", ids.ADMIN_LISTS_ITEM, value(AdminListItem("retire", area.id)),
           view=forged_list)
    forged_form = add_form(ListKind.AREA, 0, None)
    answer = slack.view_submission("UALICE", forged_form, fill(forged_form, {
        ids.ADMIN_LISTS_LABELS: "Forged area"})).json()
    assert answer == {"response_action": "errors",
                      "errors": {ids.ADMIN_LISTS_LABELS: ADMIN_ONLY}}
    with app.sessions.begin() as session:
        assert not session.get_one(ListItem, area.id).archived
        assert not session.scalars(select(ListItem).where(ListItem.label == "Forged area")).all()
        assert session.scalars(select(AdminLogEntry)).all() == []
    notices = [c.params["view"] for method in ("views.open", "views.push")
               for c in fake_slack.calls_to(method)
               if c.params["view"]["callback_id"] == ids.NOTICE_VIEW]
    assert len(notices) == 2 and all(ADMIN_ONLY in text_of(n) for n in notices)

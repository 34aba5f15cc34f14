"""Steps a programme admin takes: the admin menu, the settings form, recent changes."""

from __future__ import annotations

from typing import Any

from blocks import ids
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import Reply, SlackRequests
from tests.support.view_state import fill


def add_admin(fake: FakeSlack, user_id: str = "UBOSS", name: str = "Bea Boss") -> None:
    """A workspace admin, as users.info describes them."""
    fake.add_user(user_id, name=name.split(maxsplit=1)[0].lower(), real_name=name, is_admin=True)


def open_admin_menu(slack: SlackRequests, fake: FakeSlack, user_id: str = "UBOSS"
                    ) -> dict[str, Any]:
    """`/mentor admin`: the admin menu."""
    known = len(fake.views)
    assert slack.command(user_id, "admin").status == 200
    menu = fake.wait_for_new_modal(ids.ADMIN_MENU_VIEW, known)
    assert_fits_slack(menu)
    return menu


def open_settings(slack: SlackRequests, fake: FakeSlack, user_id: str = "UBOSS"
                  ) -> dict[str, Any]:
    """The admin menu, then Settings: the settings form."""
    menu = open_admin_menu(slack, fake, user_id)
    known = len(fake.views)
    assert slack.block_action(user_id, ids.ADMIN_SETTINGS_OPEN, view=menu).status == 200
    form = fake.wait_for_new_modal(ids.ADMIN_SETTINGS_SUBMIT, known)
    assert_fits_slack(form)
    return form


def save_settings(slack: SlackRequests, form: dict[str, Any], answers: dict[str, Any],
                  user_id: str = "UBOSS") -> Reply:
    """Type the answers into the settings form (the rest as it opened) and Save."""
    return slack.view_submission(user_id, form, fill(form, answers))


def change_settings(slack: SlackRequests, fake: FakeSlack, answers: dict[str, Any],
                    user_id: str = "UBOSS") -> dict[str, Any]:
    """Open the settings, change them and Save: the confirmation Slack shows."""
    reply = save_settings(slack, open_settings(slack, fake, user_id), answers, user_id)
    answer = reply.json()
    assert answer["response_action"] == "update", answer
    assert answer["view"]["callback_id"] == ids.ADMIN_SETTINGS_SAVED_VIEW
    assert_fits_slack(answer["view"])
    return dict(answer["view"])

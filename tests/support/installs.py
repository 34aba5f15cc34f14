"""Installs saved as Bolt's OAuth flow saves them, without the browser: the code exchanged at
the fake Slack's oauth.v2.access and the answer kept in the installation store."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import Installation, InstallationStore

from .fake_slack import FakeSlack

CLIENT_ID = "1111.2222"
CLIENT_SECRET = "client-secret"


def install_by_oauth(fake: FakeSlack, store: InstallationStore, team_id: str, *,
                     expires_in: int | None = None) -> Installation:
    """The workspace installs mentorbot (with token rotation when the fake has it on; its
    first token lasting `expires_in`): the Installation saved, as Bolt builds it."""
    fake.accept_client(CLIENT_ID, CLIENT_SECRET)
    offered = fake.offer_install(f"code-{team_id}", team_id=team_id, team_name=team_id,
                                 installer=f"UADMIN{team_id}", expires_in=expires_in)
    answer = WebClient(base_url=fake.base_url).oauth_v2_access(
        client_id=CLIENT_ID, client_secret=CLIENT_SECRET, code=offered.code)
    installation = Installation(
        app_id=answer["app_id"], team_id=team_id, team_name=team_id,
        user_id=answer["authed_user"]["id"], bot_token=answer["access_token"],
        bot_id=offered.bot_id, bot_user_id=answer["bot_user_id"], bot_scopes=answer["scope"],
        bot_refresh_token=answer.get("refresh_token"),
        bot_token_expires_in=answer.get("expires_in"), token_type="bot")
    store.save(installation)
    return installation

"""The OAuth install flow: Bolt's OAuthSettings on our stores, with pages people can read.

`GET /slack/install` shows Slack's "Add to Slack" button; `GET /slack/oauth_redirect`
finishes the install and links straight to mentorbot's Home tab in the new workspace."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.oauth.installation_store import Installation

from bot.config import Settings
from bot.installations import STATE_EXPIRATION_SECONDS, Installations
from bot.manifest import INSTALL_PATH, REDIRECT_PATH, bot_scopes
from domain.programme.units import install_key

log = logging.getLogger("mentorbot.installations")

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 4em auto; line-height: 1.5">
<h1>{title}</h1>
{body}
</body></html>
"""

# What went wrong, in words for the person who clicked "Add to Slack".
_FAILURES = {
    "access_denied": "The install was cancelled, so nothing was added to your workspace.",
    "invalid_browser": "This page was opened in a different browser from the one that "
                       "started the install.",
    "invalid_state": "This install link has expired or was already used.",
}
_FAILED = "Slack did not finish the install."


def home_link(team_id: str | None, app_id: str | None) -> str:
    """The deep link that opens mentorbot's Home tab in the workspace."""
    return f"slack://app?team={team_id or ''}&id={app_id or ''}&tab=home"


def _page(status: int, title: str, body: str, args: SuccessArgs | FailureArgs) -> BoltResponse:
    """An HTML page that also clears the install's state cookie (it has served its purpose)."""
    cookie = args.settings.state_utils.build_set_cookie_for_deletion()
    return BoltResponse(status=status, body=_PAGE.format(title=html.escape(title), body=body),
                        headers={"Content-Type": "text/html; charset=utf-8",
                                 "Set-Cookie": cookie})


def installed_page(args: SuccessArgs) -> BoltResponse:
    """mentorbot is installed: say where, and link to its Home tab there."""
    installation = args.installation
    where = installation.team_name or installation.enterprise_name or "your workspace"
    log.info("installed in %s (%s)", installation.team_id, installation.enterprise_id)
    team = installation.team_id or installation.enterprise_id
    link = html.escape(home_link(team, installation.app_id))
    browser = html.escape(f"https://slack.com/app_redirect?app={installation.app_id}"
                          f"&team={team}")
    body = (f"<p>mentorbot is now part of <strong>{html.escape(where)}</strong>.</p>"
            f'<p><a href="{link}">Open mentorbot in Slack</a> to register as a mentor or a '
            "mentee and set up your programme.</p>"
            f'<p>No Slack app on this computer? <a href="{browser}">Open it in your '
            "browser</a>.</p>")
    return _page(200, "mentorbot is installed", body, args)


def failed_page(args: FailureArgs) -> BoltResponse:
    """The install did not finish: say why in plain words, and offer to start again."""
    log.warning("an install did not finish: %s", args.reason)
    reason = _FAILURES.get(args.reason, _FAILED)
    body = (f"<p>{html.escape(reason)}</p>"
            f'<p><a href="{INSTALL_PATH}">Start the install again</a>.</p>')
    return _page(args.suggested_status_code, "mentorbot was not installed", body, args)


def _compare_rotation(settings: Settings, installation: Installation) -> None:
    """Say when an install's token and SLACK_TOKEN_ROTATION disagree: the app's settings at
    Slack and mentorbot's would then describe different apps."""
    expires = installation.bot_token_expires_at is not None
    where = installation.team_id or installation.enterprise_id
    if settings.token_rotation and not expires:
        log.warning("SLACK_TOKEN_ROTATION is on, but the bot token installed in %s never "
                    "expires: turn token rotation on for the Slack app (OAuth & Permissions)",
                    where)
    elif expires and not settings.token_rotation:
        log.warning("the bot token installed in %s expires (token rotation is on for the "
                    "Slack app): mentorbot refreshes it; set SLACK_TOKEN_ROTATION=on to say so "
                    "in `mentorbot manifest` too", where)


def oauth_settings(settings: Settings, installations: Installations, *,
                   on_installed: Callable[[str], None]) -> OAuthSettings:
    """Bolt's OAuth settings: our client id and secret, the manifest's scopes, our stores;
    `on_installed` hears of each workspace installed (a reinstall resumes its sending)."""

    def succeeded(args: SuccessArgs) -> BoltResponse:
        installed = args.installation
        _compare_rotation(settings, installed)
        # An org-wide install speaks for the org's programme and its workspaces' own.
        key = install_key(team_id=installed.team_id, enterprise_id=installed.enterprise_id,
                          org_wide=installed.is_enterprise_install)
        if key:
            on_installed(key)
        return installed_page(args)

    return OAuthSettings(
        client_id=settings.client_id, client_secret=settings.client_secret,
        scopes=bot_scopes(), install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH,
        installation_store=installations.store, state_store=installations.states,
        state_expiration_seconds=STATE_EXPIRATION_SECONDS,
        callback_options=CallbackOptions(success=succeeded, failure=failed_page),
    )

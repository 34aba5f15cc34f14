"""manifest.yml: valid for Slack, and declaring exactly what the code registers and calls."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import validators

from blocks import ids
from bot import cli
from bot.app import Mentorbot
from bot.manifest import bot_scopes
from domain.meetings import MAX_NOTES
from domain.meetings.times import DURATIONS, duration_label

REPO = Path(__file__).resolve().parents[1]
MANIFEST = REPO / "manifest.yml"
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "reference" / "slack-manifest.schema.json"
PUBLIC_URL = "https://m.example.org"

# The bot scopes each slack_sdk WebClient method needs (https://api.slack.com/methods).
METHOD_SCOPES: dict[str, frozenset[str]] = {
    "auth_test": frozenset(),
    "chat_delete": frozenset({"chat:write"}),
    "chat_getPermalink": frozenset(),
    "chat_postEphemeral": frozenset({"chat:write"}),
    "chat_postMessage": frozenset({"chat:write"}),
    "chat_update": frozenset({"chat:write"}),
    "conversations_open": frozenset({"im:write"}),
    "files_upload_v2": frozenset({"files:write"}),
    "files_info": frozenset({"files:read"}),
    # Bolt's complete()/fail() call these with the step's own workflow token.
    "functions_completeSuccess": frozenset(),
    "functions_completeError": frozenset(),
    "users_info": frozenset({"users:read"}),
    "views_open": frozenset(),
    "views_publish": frozenset(),
    "views_push": frozenset(),
    "views_update": frozenset(),
}
# The bot scopes each Events API event needs before Slack will send it.
EVENT_SCOPES: dict[str, frozenset[str]] = {
    "app_home_opened": frozenset(),
    "app_mention": frozenset({"app_mentions:read"}),
    "app_uninstalled": frozenset(),
    "function_executed": frozenset(),
    "message.im": frozenset({"im:history"}),
    "team_join": frozenset({"users:read"}),
    "user_change": frozenset({"users:read"}),
    "tokens_revoked": frozenset(),
}
WEB_API_CALL = re.compile(r"\b_?client\.(\w+)\(")
# users.info returns profile.email only with users:read.email.
READS_EMAIL = re.compile(r"""profile(?:\.get\(|\[)\s*["']email["']""")


def _manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    return manifest


def _source() -> str:
    files = sorted(p for package in ("bot", "handlers") for p in (REPO / package).rglob("*.py"))
    return "\n".join(p.read_text(encoding="utf-8") for p in files)


@pytest.fixture
def print_manifest(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Callable[..., dict[str, Any]]:
    """Runs `mentorbot manifest --json [options]` and returns what it printed, parsed."""
    monkeypatch.chdir(tmp_path)  # the CLI loads a .env found from the working directory up

    def run(*options: str) -> dict[str, Any]:
        assert cli.main(["manifest", "--json", *options]) == 0
        printed: dict[str, Any] = json.loads(capsys.readouterr().out)
        return printed

    return run


def _assert_same(what: str, in_manifest: Iterable[str], in_code: Iterable[str]) -> None:
    declared, registered = set(in_manifest), set(in_code)
    missing, orphaned = sorted(registered - declared), sorted(declared - registered)
    assert not missing, f"{what} registered in the code but missing from manifest.yml: {missing}"
    assert not orphaned, f"{what} in manifest.yml with no listener in the code: {orphaned}"


def _schema_errors(manifest: dict[str, Any]) -> list[str]:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert "$schema" in schema, "the schema does not declare its JSON Schema draft"
    validator_class = validators.validator_for(schema)  # Draft7Validator for draft-07
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{error.json_path}: {error.message}" for error in
            sorted(validator.iter_errors(manifest), key=lambda e: list(map(str, e.path)))]


def _request_urls(manifest: dict[str, Any]) -> Iterator[str]:
    """Every URL Slack sends requests to: slash commands', events' and interactivity's."""
    for command in manifest.get("features", {}).get("slash_commands", []):
        yield command["url"]
    for section in manifest.get("settings", {}).values():
        if isinstance(section, dict):
            yield from (value for key, value in section.items() if key.endswith("url"))


def _without_request_urls(manifest: dict[str, Any]) -> dict[str, Any]:
    copy: dict[str, Any] = json.loads(json.dumps(manifest))
    for command in copy.get("features", {}).get("slash_commands", []):
        command.pop("url", None)
    settings = copy.get("settings", {})
    settings.pop("socket_mode_enabled", None)
    copy.get("oauth_config", {}).pop("redirect_urls", None)
    for section in settings.values():
        if isinstance(section, dict):
            for key in [k for k in section if k.endswith("url")]:
                del section[key]
    return copy


@pytest.mark.skipif(not SCHEMA.exists(), reason=f"Slack's manifest JSON Schema is not at {SCHEMA}")
def test_manifest_is_valid_against_slacks_app_manifest_schema() -> None:
    errors = _schema_errors(_manifest())
    assert not errors, "manifest.yml breaks Slack's schema:\n" + "\n".join(errors)


@pytest.mark.skipif(not SCHEMA.exists(), reason=f"Slack's manifest JSON Schema is not at {SCHEMA}")
def test_manifest_for_a_public_url_is_valid_against_slacks_app_manifest_schema(
    print_manifest: Callable[..., dict[str, Any]],
) -> None:
    errors = _schema_errors(print_manifest("--url", PUBLIC_URL))
    assert not errors, "the HTTP-mode manifest breaks Slack's schema:\n" + "\n".join(errors)


def test_manifest_declares_exactly_the_registered_slash_commands(app: Mentorbot) -> None:
    commands = _manifest().get("features", {}).get("slash_commands", [])
    _assert_same("slash commands", (c["command"] for c in commands), app.wiring.commands)


def test_manifest_subscribes_to_exactly_the_events_with_listeners(app: Mentorbot) -> None:
    subscriptions = _manifest().get("settings", {}).get("event_subscriptions", {})
    _assert_same("bot events", subscriptions.get("bot_events", []), app.wiring.events)


def test_manifest_declares_exactly_the_registered_shortcuts_by_type(app: Mentorbot) -> None:
    shortcuts = _manifest().get("features", {}).get("shortcuts", [])
    kinds = {shortcut["type"] for shortcut in shortcuts}
    assert kinds <= {"global", "message"}, f"unknown shortcut types: {kinds}"
    _assert_same("global shortcuts",
                 (s["callback_id"] for s in shortcuts if s["type"] == "global"),
                 app.wiring.shortcuts)
    _assert_same("message shortcuts",
                 (s["callback_id"] for s in shortcuts if s["type"] == "message"),
                 app.wiring.message_shortcuts)


def test_manifest_declares_exactly_the_registered_workflow_steps(app: Mentorbot) -> None:
    manifest = _manifest()
    _assert_same("workflow steps (functions)", manifest.get("functions", {}),
                 app.wiring.functions)
    if app.wiring.functions:
        settings = manifest.get("settings", {})
        assert settings.get("function_runtime") == "remote", "steps run in this app: remote"
        assert settings.get("org_deploy_enabled") is True, "Slack requires org_deploy_enabled"


def test_log_a_meeting_offers_the_durations_and_notes_length_of_the_meetings_forms() -> None:
    inputs = _manifest()["functions"][ids.WORKFLOW_LOG_MEETING]["input_parameters"]
    duration = inputs["duration"]
    assert tuple(duration["enum"]) == DURATIONS
    assert [(c["value"], c["title"]) for c in duration["choices"]] == [
        (minutes, duration_label(minutes)) for minutes in DURATIONS]
    assert inputs["notes"]["maxLength"] == MAX_NOTES
    assert inputs["runner"]["type"] == "slack#/types/user_context"
    assert inputs["runner"]["is_required"] is True


def test_manifest_enables_interactivity_exactly_when_the_code_handles_interactions(
    app: Mentorbot,
) -> None:
    interactivity = _manifest().get("settings", {}).get("interactivity", {})
    assert interactivity.get("is_enabled", False) is app.wiring.interactive, (
        f"settings.interactivity.is_enabled should be {app.wiring.interactive}: the code "
        f"{'registers' if app.wiring.interactive else 'registers no'} actions, views or shortcuts"
    )
    has_options_url = "message_menu_options_url" in interactivity
    assert has_options_url is app.wiring.options, (
        "settings.interactivity.message_menu_options_url must be set exactly when the code "
        f"answers external selects (it {'does' if app.wiring.options else 'does not'})"
    )


def test_manifest_enables_the_home_tab_exactly_when_app_home_opened_has_a_listener(
    app: Mentorbot,
) -> None:
    home_tab = _manifest().get("features", {}).get("app_home", {}).get("home_tab_enabled", False)
    listens = "app_home_opened" in app.wiring.events
    assert home_tab is listens, (
        f"features.app_home.home_tab_enabled should be {listens}: the code "
        f"{'listens' if listens else 'does not listen'} for app_home_opened"
    )


def test_manifest_asks_for_exactly_the_bot_scopes_the_code_needs(app: Mentorbot) -> None:
    source = _source()
    methods = set(WEB_API_CALL.findall(source))
    unknown = sorted(methods - METHOD_SCOPES.keys())
    assert not unknown, f"add these Web API methods and their scopes to METHOD_SCOPES: {unknown}"
    unknown_events = sorted(app.wiring.events - EVENT_SCOPES.keys())
    assert not unknown_events, (
        f"add these events and their scopes to EVENT_SCOPES: {unknown_events}"
    )

    needed = {scope for method in methods for scope in METHOD_SCOPES[method]}
    needed |= {scope for event in app.wiring.events for scope in EVENT_SCOPES[event]}
    if "users_info" in methods and READS_EMAIL.search(source):
        needed.add("users:read.email")
    if app.wiring.commands or app.wiring.shortcuts or app.wiring.message_shortcuts:
        needed.add("commands")

    declared = set(_manifest().get("oauth_config", {}).get("scopes", {}).get("bot", []))
    assert not needed - declared, f"scopes the code needs, missing: {sorted(needed - declared)}"
    assert not declared - needed, f"scopes nothing in the code uses: {sorted(declared - needed)}"


def test_manifest_command_prints_the_yaml_file_as_json(
    print_manifest: Callable[..., dict[str, Any]],
) -> None:
    assert print_manifest() == _manifest()


@pytest.mark.parametrize("url", [PUBLIC_URL, PUBLIC_URL + "/"])
def test_manifest_command_with_a_url_points_every_request_there_and_turns_socket_mode_off(
    print_manifest: Callable[..., dict[str, Any]], url: str
) -> None:
    printed = print_manifest("--url", url)
    urls = list(_request_urls(printed))
    assert urls, "the manifest names no request URL"
    endpoint = f"{PUBLIC_URL}/slack/events"
    assert all(u == endpoint for u in urls), f"not all request URLs are {endpoint}: {urls}"
    assert printed["settings"]["socket_mode_enabled"] is False
    assert _without_request_urls(printed) == _without_request_urls(_manifest()), (
        "--url changed more than the request URLs and Socket Mode"
    )


def test_manifest_with_a_url_sends_installs_back_to_the_oauth_redirect(
    print_manifest: Callable[..., dict[str, Any]],
) -> None:
    printed = print_manifest("--url", PUBLIC_URL + "/")
    assert printed["oauth_config"]["redirect_urls"] == [f"{PUBLIC_URL}/slack/oauth_redirect"]
    assert "redirect_urls" not in _manifest().get("oauth_config", {})


def test_an_install_asks_for_exactly_the_manifests_bot_scopes() -> None:
    assert list(bot_scopes()) == _manifest()["oauth_config"]["scopes"]["bot"]


@pytest.mark.parametrize("options", [(), ("--url", PUBLIC_URL)], ids=["socket", "http"])
def test_manifest_with_token_rotation_on_asks_slack_for_expiring_tokens_and_changes_nothing_else(
    print_manifest: Callable[..., dict[str, Any]], monkeypatch: pytest.MonkeyPatch,
    options: tuple[str, ...],
) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    without = print_manifest(*options)
    assert without["settings"]["token_rotation_enabled"] is False
    monkeypatch.setenv("SLACK_TOKEN_ROTATION", "on")
    printed = print_manifest(*options)
    assert printed["settings"].pop("token_rotation_enabled") is True
    without["settings"].pop("token_rotation_enabled")
    assert printed == without
    if SCHEMA.exists():
        printed["settings"]["token_rotation_enabled"] = True
        errors = _schema_errors(printed)
        assert not errors, "the manifest with token rotation breaks Slack's schema:\n" + \
            "\n".join(errors)


def test_manifest_with_token_rotation_and_a_bot_token_stops_with_one_sentence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_TOKEN_ROTATION", "on")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1-2-abc")
    assert cli.main(["manifest"]) == 2
    assert capsys.readouterr().err.startswith(
        "mentorbot: SLACK_TOKEN_ROTATION=on works only when workspaces install mentorbot by OAuth")

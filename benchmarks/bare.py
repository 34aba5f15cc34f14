"""The floor: a bare Bolt app with no database, answering what the load benchmark sends.

It answers App Home opened with `views.publish`, `/mentor` with `views.open` and the search
submission with `response_action: update`, each with a view mentorbot itself drew for the
same request (read from the JSON file in $BARE_VIEWS), so both apps send views of the same
size. It is served like mentorbot: `python -m benchmarks.bare` as `mentorbot serve` would
(a gunicorn worker per core on PostgreSQL, else waitress through bot/server.listen), or
`gunicorn 'benchmarks.bare:wsgi_from_env()'`. Settings come from the same
environment variables as mentorbot's (SLACK_*, HOST, PORT, WEB_THREADS).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from blocks import ids
from bot.config import Settings, load_settings

Wsgi = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def bare_app(settings: Settings, views: dict[str, dict[str, Any]]) -> App:
    """Bolt with three listeners and nothing behind them."""
    app = App(client=WebClient(token=settings.bot_token, base_url=settings.slack_api_url,
                               timeout=10),
              signing_secret=settings.signing_secret, process_before_response=False,
              token_verification_enabled=False,
              listener_executor=ThreadPoolExecutor(max_workers=settings.web_threads))

    @app.event("app_home_opened")
    def home(event: dict[str, Any], client: WebClient) -> None:
        client.views_publish(user_id=event["user"], view=views["home"])

    @app.command(ids.COMMAND)
    def menu(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(trigger_id=body["trigger_id"], view=views["menu"])

    @app.view(ids.SEARCH_SUBMIT)
    def search(ack: Ack) -> None:
        ack(response_action="update", view=views["search"])

    return app


def bare_wsgi(app: App) -> Wsgi:
    """Bolt's WSGI adapter at /slack/events, with the /healthz mentorbot has."""
    slack = SlackRequestHandler(app, path="/slack/events")

    def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
            return [b"ok\n"]
        return slack(environ, start_response)

    return application


def wsgi_from_env() -> Wsgi:
    """The bare app's WSGI callable, configured from the environment (for gunicorn)."""
    views = json.loads(Path(os.environ["BARE_VIEWS"]).read_text())
    return bare_wsgi(bare_app(load_settings(), views))


def main() -> None:
    """Serve the bare app until stopped."""
    from bot.prefork import run_gunicorn, worker_count
    from bot.server import listen

    logging.basicConfig(level=logging.WARNING)
    settings = load_settings()
    if (workers := worker_count(settings)) > 1:  # as `mentorbot serve` would run
        run_gunicorn(settings, workers, wsgi_from_env)
    else:
        listen(wsgi_from_env(), settings)


if __name__ == "__main__":
    main()

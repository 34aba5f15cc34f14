"""The `mentorbot` command: serve, socket, scheduler, tick, db, manifest, erase-workspace."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from collections.abc import Sequence

from dotenv import find_dotenv, load_dotenv
from sqlalchemy.exc import OperationalError

from bot import db
from bot.config import ConfigError, load_settings, token_rotation
from bot.manifest import manifest_text
from bot.slack import check_slack_access


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mentorbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="answer Slack over HTTP at $PORT/slack/events")
    commands.add_parser("socket", help="answer Slack over Socket Mode (needs SLACK_APP_TOKEN)")
    commands.add_parser("scheduler", help="run only the background ticks")
    commands.add_parser("tick", help="run every background tick once, send the DMs they owe, "
                                     "and exit (for cron or a Kubernetes CronJob)")
    database = commands.add_parser("db", help="database schema")
    database.add_argument("action", choices=["upgrade", "downgrade"])
    database.add_argument("revision", nargs="?", help="target revision (default: head / -1)")
    erase = commands.add_parser("erase-workspace",
                                help="delete everything stored for one Slack workspace")
    erase.add_argument("team_id", help="the workspace's team id (T...)")
    erase.add_argument("--yes", action="store_true", help="do not ask to confirm (for scripts)")
    manifest = commands.add_parser("manifest", help="print the Slack app manifest")
    manifest.add_argument("--json", action="store_true", help="as JSON instead of YAML")
    manifest.add_argument("--url", help="public base URL for HTTP mode (turns Socket Mode off)")
    return parser


def _run(args: argparse.Namespace) -> int | None:
    if args.command == "manifest":
        print(manifest_text(as_json=args.json, url=args.url,
                            token_rotation=token_rotation(os.environ)))
        return
    if args.command == "db":
        engine = db.make_engine(load_settings(need_slack=False).database_url)
        if args.action == "upgrade":
            db.upgrade(engine, args.revision or "head")
        else:
            db.downgrade(engine, args.revision or "-1")
        return
    if args.command == "erase-workspace":
        from bot.erase import erase_workspace_command

        engine = db.make_engine(load_settings(need_slack=False).database_url)
        return 0 if erase_workspace_command(engine, args.team_id, confirmed=args.yes) else 1
    if args.command == "tick":
        from bot.tick_once import run_tick_command

        settings = load_settings(need_signing_secret=False)
        check_slack_access(settings)
        run_tick_command(settings)
        return
    from bot.app import create_app
    from bot.prefork import serve_workers, worker_count
    from bot.server import run_scheduler, serve_http, serve_socket_mode

    settings = load_settings(need_app_token=args.command == "socket")
    if args.command == "socket" and settings.distributed:
        raise ConfigError("Socket Mode serves the one workspace of SLACK_BOT_TOKEN: installs in "
                          "many workspaces need `mentorbot serve` at a public URL.")
    check_slack_access(settings)
    if args.command == "serve" and (workers := worker_count(settings)) > 1:
        serve_workers(settings, workers)
        return
    bot = create_app(settings)
    {"serve": serve_http, "socket": serve_socket_mode, "scheduler": run_scheduler}[args.command](
        bot
    )


def _stop(_signal: int, _frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; configuration problems end with one clear sentence, not a traceback."""
    load_dotenv(find_dotenv(usecwd=True), override=False)
    # A service manager stops us with SIGTERM: unwind like Ctrl-C so work in flight finishes.
    signal.signal(signal.SIGTERM, _stop)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    try:
        return _run(_parser().parse_args(argv)) or 0
    except ConfigError as problem:
        print(f"mentorbot: {problem}", file=sys.stderr)
        return 2
    except OperationalError as problem:
        reason = str(problem.orig).strip().splitlines()[0]
        print(f"mentorbot: cannot reach the database in DATABASE_URL ({reason}).",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())

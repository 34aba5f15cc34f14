"""What follows a DM into its thread: the files passed on, a meeting's .ics, the PDFs asked for."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from slack_sdk import WebClient
from sqlalchemy.orm import Session, sessionmaker

from blocks.kit import cut, escape
from bot.calendar import attach_calendar
from bot.files import share_files
from bot.health_report import attach_health_csvs, attach_health_pdf, show_health_chart
from bot.pdf_diary import attach_diary_pdf
from bot.pdf_goals import attach_goals_pdf
from bot.pdf_my_data import attach_my_data_json, attach_my_data_pdf
from bot.pdf_worksheets import attach_worksheet_pdf
from domain.members import Actor

log = logging.getLogger("mentorbot.outbox")


@dataclass(frozen=True)
class FollowUp:
    """One step after the post, done in the DM's thread; `name` is what the outbox records."""

    name: str
    what: str  # how the person is told what could not be made: "the learning diary PDF"
    run: Callable[..., None]  # called with channel= and thread_ts=


def follow_ups(client: WebClient, sessions: sessionmaker[Session], now: datetime,
               recipient: str, payload: dict[str, Any]) -> list[FollowUp]:
    """The steps a row's payload owes under its DM, in the order they are done."""
    updating = "replaces" in payload  # an update rewrites the DM; its thread has these already
    steps = []
    if payload.get("files") and not updating:
        steps.append(FollowUp("files", "the files attached to this message",
                              partial(pass_on_files, client, payload["files"])))
    if payload.get("calendar") and not updating:
        steps.append(FollowUp("calendar", "the calendar file (.ics) for this meeting",
                              partial(attach_calendar, client, payload["calendar"])))
    if payload.get("goals_pdf"):
        steps.append(FollowUp("goals_pdf", "the goals PDF",
                              partial(attach_goals_pdf, client, payload["goals_pdf"])))
    if payload.get("worksheet_pdf"):
        steps.append(FollowUp("worksheet_pdf", "the worksheet PDF",
                              partial(attach_worksheet_pdf, client, payload["worksheet_pdf"])))
    if payload.get("diary_pdf"):
        actor = Actor(payload["diary_pdf"], recipient)
        steps.append(FollowUp("diary_pdf", "the learning diary PDF",
                              partial(attach_diary_pdf, client, sessions, actor, now)))
    if payload.get("my_data"):
        me = Actor(payload["my_data"], recipient)
        steps.append(FollowUp("my_data_json", "the JSON file of your data",
                              partial(attach_my_data_json, client, sessions, me, now)))
        steps.append(FollowUp("my_data_pdf", "the PDF of your data",
                              partial(attach_my_data_pdf, client, sessions, me, now)))
    if payload.get("health_pdf"):
        steps.append(FollowUp("health_chart", "the charts of the health report",
                              partial(show_health_chart, client, sessions, payload)))
        steps.append(FollowUp("health_pdf", "the health report PDF",
                              partial(attach_health_pdf, client, sessions,
                                      payload["health_pdf"])))
    if payload.get("health_csv"):
        steps.append(FollowUp("health_csv", "the CSV exports",
                              partial(attach_health_csvs, client, sessions,
                                      payload["health_csv"])))
    return steps


def pass_on_files(client: WebClient, files: list[dict[str, Any]], *, channel: str,
                  thread_ts: str) -> None:
    """Attach the sender's files under the DM; say which could not be passed on."""
    missed = share_files(client, files, channel=channel, thread_ts=thread_ts)
    if not missed:
        return
    # A file's name is the sender's text: escaped, it cannot ping, broadcast or forge a link.
    names = escape(cut(", ".join(missed), 500))
    try:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                text=f"Some files could not be passed on: {names}")
    except Exception as failure:  # sharing again would repeat the files that did go through
        log.warning("note of files not passed on (%s) not posted: %s", names, failure)


def tell_not_made(client: WebClient, missing: list[FollowUp], *, channel: str,
                  thread_ts: str) -> None:
    """Say in the DM's thread that what the steps would have attached could not be made."""
    what = " and ".join(step.what for step in missing)
    try:
        client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                text=f"Sorry, {what} could not be made. Please ask for it again "
                                     "later; if this keeps happening, tell your programme admin.")
    except Exception as failure:  # the ERROR line already logged is what an admin acts on
        log.error("could not tell %s that %s was not made: %s", channel, what, failure)

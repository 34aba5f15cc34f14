"""The health report delivered: its charts shown inline in the admin's DM (an image block on
the PNG uploaded to Slack), the PDF and the CSV files shared into that DM."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session, sessionmaker

from blocks.admin_health import chart_block
from blocks.notifications import direct_message
from bot.health_report.charts import overview_png
from bot.health_report.csvs import csv_files
from bot.health_report.pdf import health_pdf
from domain.admin.health import HealthReport, export_tables, owed_report
from domain.model import OutboxKind

log = logging.getLogger("mentorbot.outbox")

# Slack finishes an upload in the background: an image block naming the file is refused
# (invalid_blocks) until then, so the update is tried again after these pauses (seconds).
CHART_PAUSES = (1.0, 2.0, 4.0, 8.0)

__all__ = ["CHART_PAUSES", "attach_health_csvs", "attach_health_pdf", "health_pdf", "overview_png",
           "show_health_chart"]


def _report(sessions: sessionmaker[Session], export: dict[str, Any]) -> HealthReport:
    """The report as of when the admin asked, from what the database holds now."""
    with sessions() as session:
        report = owed_report(session, team_id=str(export["team_id"]),
                             now=datetime.fromisoformat(str(export["as_of"])))
        session.rollback()
    return report


def show_health_chart(client: WebClient, sessions: sessionmaker[Session],
                      payload: dict[str, Any], *, channel: str, thread_ts: str,
                      pause: Callable[[float], None] = time.sleep) -> None:
    """Upload the charts as a PNG (private to the app) and show them inside the DM itself."""
    report = _report(sessions, payload["health_pdf"])
    png = overview_png(report)
    uploaded = client.files_upload_v2(content=png, filename="programme-health.png",
                                      title=f"Programme health, {report.period}",
                                      alt_txt="Charts of the programme's health")
    dm = direct_message(OutboxKind.HEALTH_PDF, payload)
    blocks = [*dm.blocks, chart_block(str(uploaded["file"]["id"]), report.period)]
    for wait in (*CHART_PAUSES, None):
        try:
            client.chat_update(channel=channel, ts=thread_ts, text=dm.text, blocks=blocks)
            return
        except SlackApiError as refused:
            if refused.response.get("error") != "invalid_blocks" or wait is None:
                break
            pause(wait)
    # Still refused: share the image as a file in the DM, where Slack shows it inline too.
    log.warning("health chart not accepted in an image block; shared as a file instead")
    client.files_upload_v2(channel=channel, content=png, filename="programme-health.png",
                           title=f"Programme health, {report.period}")


def attach_health_pdf(client: WebClient, sessions: sessionmaker[Session],
                      export: dict[str, Any], *, channel: str, thread_ts: str) -> None:
    """Share the report's PDF into the admin's DM, below the message with the charts."""
    report = _report(sessions, export)
    client.files_upload_v2(channel=channel, content=health_pdf(report),
                           filename=f"programme-health-{report.as_of:%Y-%m-%d}.pdf",
                           title=f"Programme health, {report.period}")


def attach_health_csvs(client: WebClient, sessions: sessionmaker[Session],
                       export: dict[str, Any], *, channel: str, thread_ts: str) -> None:
    """Share the five CSV exports into the admin's DM, in one message."""
    now = datetime.fromisoformat(str(export["as_of"]))
    with sessions() as session:
        files = csv_files(export_tables(session, team_id=str(export["team_id"]), now=now),
                          f"{now:%Y-%m-%d}")
        session.rollback()
    client.files_upload_v2(channel=channel, file_uploads=files)

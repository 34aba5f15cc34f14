"""Passing on files people attach: fetched with the bot's token, re-shared into a DM thread."""

from __future__ import annotations

import logging
import urllib.request
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger("mentorbot.files")

# Slack's own upload limit is far larger; a mentoring attachment over this is a mistake.
MAX_BYTES = 20 * 1024 * 1024


def _download(client: WebClient, file_id: str) -> tuple[str, bytes]:
    """(name, bytes) of a file someone uploaded through one of our modals."""
    info: dict[str, Any] = client.files_info(file=file_id)["file"]
    request = urllib.request.Request(
        info["url_private_download"], headers={"Authorization": f"Bearer {client.token}"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        content = answer.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ValueError("file too large to pass on")
    return str(info.get("name") or file_id), content


def share_files(client: WebClient, files: list[dict[str, Any]], *, channel: str,
                thread_ts: str) -> list[str]:
    """Share each file in the DM's thread; returns the names of those that could not be."""
    missed = []
    for file in files:
        try:
            name, content = _download(client, str(file["id"]))
            client.files_upload_v2(channel=channel, thread_ts=thread_ts, content=content,
                                   filename=name, title=name)
        except (SlackApiError, OSError, ValueError, KeyError) as failure:
            log.warning("file %s not passed on: %s", file.get("id"), failure)
            missed.append(str(file.get("name") or "a file"))
    return missed

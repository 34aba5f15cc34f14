"""Journey: See what is stored, over HTTP. The Account modal's button tells the person the files
are coming; the sender then uploads their data into their DM as JSON and as a PDF; a double
click gives one copy; someone not registered is sent to Register."""

from __future__ import annotations

import io
import json
from typing import Any

from pypdf import PdfReader
from sqlalchemy import func, select

from blocks import ids
from blocks.personal_data import ON_ITS_WAY
from bot.app import Mentorbot
from domain.model import OutboxKind, OutboxMessage
from tests.journeys.steps import join_as_mentee, open_account
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill

TITLE = "Zoë's first week — 東京 🚚"



def write_diary_entry(slack: SlackRequests, fake: FakeSlack, user: str) -> None:
    opened = len(fake.calls_to("views.open"))
    slack.shortcut(user, ids.DIARY_SHORTCUT)
    fake.wait_for("views.open", opened + 1)
    form = fake.latest_modal()
    answers = {ids.DIARY_TITLE: TITLE, ids.DIARY_REFLECTION: "Learnt the depot routes."}
    assert slack.view_submission(user, form, fill(form, answers)).status == 200


def uploads(fake: FakeSlack) -> dict[str, dict[str, Any]]:
    fake.wait_for("files.completeUploadExternal", 2)
    return {upload["filename"]: upload for upload in fake.uploaded_files}


def exports_owed(app: Mentorbot) -> int:
    with app.sessions() as session:
        return session.scalar(select(func.count()).select_from(OutboxMessage)
                              .where(OutboxMessage.kind == OutboxKind.MY_DATA)) or 0


def test_account_see_what_is_stored_uploads_json_and_pdf_to_the_dm(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    write_diary_entry(slack, fake_slack, "UALICE")
    account = open_account(slack, fake_slack, "UALICE")
    known = len(fake_slack.views)
    assert slack.block_action("UALICE", ids.PERSONAL_DATA_EXPORT, view=account).status == 200
    told = fake_slack.wait_for_new_modal(ids.NOTICE_VIEW, known)
    assert ON_ITS_WAY.split(":")[0] in json.dumps(told)
    files = uploads(fake_slack)
    assert set(files) == {"mentorbot-my-data.json", "mentorbot-my-data.pdf"}
    document = json.loads(files["mentorbot-my-data.json"]["content"])
    assert TITLE in json.dumps(document, ensure_ascii=False)
    pdf = files["mentorbot-my-data.pdf"]["content"]
    assert pdf.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Learnt the depot routes." in text
    dm = files["mentorbot-my-data.json"]["channel_id"]
    assert files["mentorbot-my-data.pdf"]["channel_id"] == dm
    assert any(c.params["channel"] == dm and "everything the mentoring programme holds" in
               c.params.get("text", "") for c in fake_slack.calls_to("chat.postMessage"))


def test_a_double_click_owes_one_copy(
        app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack) -> None:
    join_as_mentee(slack, fake_slack, "UALICE", "Alice Kember")
    account = open_account(slack, fake_slack, "UALICE")
    for _ in range(2):
        assert slack.block_action("UALICE", ids.PERSONAL_DATA_EXPORT,
                                  view=account).status == 200
    uploads(fake_slack)
    assert exports_owed(app) == 1


def test_someone_not_registered_is_sent_to_register(
        slack: SlackRequests, fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UNEW", name="new", real_name="New Person", email="new@example.org")
    known = len(fake_slack.views)
    assert slack.block_action("UNEW", ids.PERSONAL_DATA_EXPORT).status == 200
    assert fake_slack.wait_for_new_modal(ids.REGISTRATION_SUBMIT, known)

"""Journey: a member keeps a private learning diary over HTTP: write, find, change, export."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from blocks import ids
from blocks.payloads import EntryRef, Page, Target, metadata, value
from bot.app import Mentorbot
from domain.model import DiaryEntry
from tests.journeys.steps import mentee_answers, register, text_of, wait_for_home
from tests.support.block_limits import assert_fits_slack
from tests.support.fake_slack import FakeSlack
from tests.support.slack_requests import SlackRequests
from tests.support.view_state import fill


def join(slack: SlackRequests, fake: FakeSlack, user_id: str, tz: str = "Europe/London") -> None:
    fake.add_user(user_id, name=user_id.lower(), real_name=f"Member {user_id}",
                  email=f"{user_id.lower()}@example.org", tz=tz)
    form = register(slack, fake, user_id, "mentee")
    assert slack.view_submission(user_id, form, fill(form, mentee_answers(form))).status == 200


@pytest.fixture
def alice(slack: SlackRequests, fake_slack: FakeSlack) -> str:
    join(slack, fake_slack, "UALICE", tz="Pacific/Auckland")
    fake_slack.reset()
    return "UALICE"


def open_diary(slack: SlackRequests, fake: FakeSlack, user_id: str) -> dict[str, Any]:
    known = len(fake.views)
    slack.command(user_id, "diary")
    view = fake.wait_for_new_modal(ids.DIARY_LIST_VIEW, known)
    assert_fits_slack(view)
    return view


def write_entry(slack: SlackRequests, fake: FakeSlack, user_id: str,
                **answers: Any) -> dict[str, Any]:
    """The New diary entry shortcut, filled in and saved; returns the submission's reply."""
    opened = len(fake.calls_to("views.open"))
    slack.shortcut(user_id, ids.DIARY_SHORTCUT)
    fake.wait_for("views.open", opened + 1)
    form = fake.latest_modal()
    assert form["callback_id"] == ids.DIARY_SUBMIT
    assert_fits_slack(form)
    reply = slack.view_submission(user_id, form, fill(form, answers))
    return reply.json() if reply.body else {}


def entries(app: Mentorbot) -> list[DiaryEntry]:
    with app.sessions() as session:
        return list(session.scalars(select(DiaryEntry).order_by(DiaryEntry.id)).all())


def test_the_global_shortcut_opens_an_entry_dated_today_where_the_author_is(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, alice: str
) -> None:
    slack.shortcut(alice, ids.DIARY_SHORTCUT)
    form = fake_slack.wait_for("views.open")[-1].params["view"]
    dates = [b["element"].get("initial_date") for b in form["blocks"] if b.get("type") == "input"
             and b["element"]["type"] == "datepicker"]
    assert dates == ["2026-11-23"]  # 09:00 UTC is 22:00 on the 23rd in Auckland
    assert all(b["element"].get("max_length") for b in form["blocks"] if b.get("type") == "input"
               and b["element"]["type"] == "plain_text_input")


def test_entries_by_date_and_by_theme_then_edited_and_deleted(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, alice: str
) -> None:
    write_entry(slack, fake_slack, alice, **{
        ids.DIARY_TITLE: "First <!channel> chat", ids.DIARY_DATE: "2026-11-01",
        ids.DIARY_REFLECTION: "Learned to listen.", ids.DIARY_THEMES: ["Leadership"],
        ids.DIARY_TAGS: " Zoë Ngô ,  Ωμέγα "})
    write_entry(slack, fake_slack, alice, **{
        ids.DIARY_TITLE: "Second", ids.DIARY_DATE: "2026-11-10",
        ids.DIARY_THEMES: ["Networking"]})
    saved = entries(app)
    assert [e.title for e in saved] == ["First <!channel> chat", "Second"]

    listing = open_diary(slack, fake_slack, alice)
    shown = text_of(listing)
    assert shown.index("Second") < shown.index("First")
    assert "&lt;!channel&gt;" in shown and "<!channel>" not in shown
    slack.block_action(alice, ids.DIARY_PAGE, value=value(Page(by_theme=True)), view=listing)
    by_theme = fake_slack.wait_for("views.update")[-1].params["view"]
    assert_fits_slack(by_theme)
    headings = [b["text"]["text"] for b in by_theme["blocks"]
                if b["type"] == "section" and b["text"]["text"].startswith(":label:")]
    assert headings == [":label: *Leadership*", ":label: *Networking*", ":label: *Zoë Ngô*",
                        ":label: *Ωμέγα*"]

    first = value(EntryRef(saved[0].id))
    slack.block_action(alice, ids.DIARY_ENTRY, value=first, view=listing)
    opened = fake_slack.wait_for("views.push")[-1].params["view"]
    assert "Learned to listen." in text_of(opened)
    opened = {**opened, "id": fake_slack.latest_modal()["id"]}
    slack.block_action(alice, ids.DIARY_EDIT, value=first, view=opened)
    form = fake_slack.wait_for("views.update", 2)[-1].params["view"]
    assert "Zoë Ngô, Ωμέγα" in text_of(form)
    form = {**form, "id": opened["id"]}
    slack.view_submission(alice, form, fill(form, {ids.DIARY_TITLE: "First chat, revised"}))
    assert entries(app)[0].title == "First chat, revised"
    assert entries(app)[0].reflection == "Learned to listen."

    slack.block_action(alice, ids.DIARY_DELETE, value=first, view=opened)
    confirm = fake_slack.wait_for("views.push", 2)[-1].params["view"]
    confirm = {**confirm, "id": fake_slack.latest_modal()["id"]}
    slack.view_submission(alice, confirm, fill(confirm, {}))
    assert [e.title for e in entries(app)] == ["Second"]
    wait_for_home(fake_slack, alice, "Second")


def test_bad_answers_are_shown_beside_their_fields(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, alice: str
) -> None:
    reply = write_entry(slack, fake_slack, alice, **{
        ids.DIARY_TITLE: "Tags", ids.DIARY_TAGS: ", ".join(f"tag {n}" for n in range(11))})
    assert reply["response_action"] == "errors"
    assert "at most 10" in reply["errors"][ids.DIARY_TAGS]
    reply = write_entry(slack, fake_slack, alice, **{
        ids.DIARY_TITLE: "Long", ids.DIARY_TAGS: "x" * 76})
    assert "75 characters" in reply["errors"][ids.DIARY_TAGS]
    assert entries(app) == []


def test_a_message_is_saved_to_the_diary_with_its_permalink(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, alice: str
) -> None:
    slack.message_shortcut(alice, ids.DIARY_MESSAGE_SHORTCUT, channel_id="C123",
                           message={"text": "Great tip: ask for feedback early.",
                                    "ts": "1700000000.000100", "user": "UJOHN"})
    form = fake_slack.wait_for("views.open")[-1].params["view"]
    assert "ask for feedback early" in text_of(form)
    form = {**form, "id": fake_slack.latest_modal()["id"]}
    slack.view_submission(alice, form, fill(form, {ids.DIARY_THEMES: ["Communication"]}))
    [entry] = entries(app)
    assert entry.reflection == "Great tip: ask for feedback early."
    assert entry.source_permalink and entry.source_permalink.startswith("https://")
    assert fake_slack.calls_to("chat.getPermalink")


def test_nobody_else_can_read_change_delete_or_export_an_entry(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, alice: str
) -> None:
    write_entry(slack, fake_slack, alice, **{ids.DIARY_TITLE: "Secret worry",
                                             ids.DIARY_REFLECTION: "Only mine."})
    join(slack, fake_slack, "UMALLORY")
    before = {m: len(fake_slack.calls_to(m)) for m in ("views.open", "views.push",
                                                        "views.update", "chat.postMessage")}
    [entry] = entries(app)
    forged = value(EntryRef(entry.id))
    for action in (ids.DIARY_ENTRY, ids.DIARY_EDIT, ids.DIARY_DELETE):
        slack.block_action("UMALLORY", action, value=forged,
                           view={"type": "modal", "callback_id": ids.DIARY_LIST_VIEW,
                                 "blocks": [], "private_metadata": ""})
    edit = {"type": "modal", "callback_id": ids.DIARY_SUBMIT, "blocks": [
        {"type": "input", "block_id": ids.DIARY_TITLE, "label": {"type": "plain_text",
         "text": "Title"}, "element": {"type": "plain_text_input", "action_id": ids.DIARY_TITLE,
                                       "max_length": 120}}],
        "private_metadata": metadata(Target(item=entry.id))}
    reply = slack.view_submission("UMALLORY", edit, fill(edit, {ids.DIARY_TITLE: "Hacked"}))
    assert reply.json()["response_action"] == "errors"
    gone = {**edit, "callback_id": ids.DIARY_DELETE_SUBMIT}
    slack.view_submission("UMALLORY", gone, fill(gone, {ids.DIARY_TITLE: "x"}))
    slack.command("UMALLORY", "diary")
    slack.block_action("UMALLORY", ids.DIARY_EXPORT)
    fake_slack.wait_for("files.completeUploadExternal")
    assert [(e.title, e.reflection) for e in entries(app)] == [("Secret worry", "Only mine.")]
    since = [c.params for m, n in before.items() for c in fake_slack.calls_to(m)[n:]]
    assert since and "Only mine." not in text_of(since) and "Secret" not in text_of(since)
    for upload in fake_slack.uploaded_files:
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(upload["content"])).pages)
        assert "Secret worry" not in text


def test_the_diary_arrives_as_a_pdf_in_the_authors_dm(
    app: Mentorbot, slack: SlackRequests, fake_slack: FakeSlack, alice: str
) -> None:
    write_entry(slack, fake_slack, alice, **{
        ids.DIARY_TITLE: "Zoë Ngô — Ωμέγα, Дмитрий", ids.DIARY_REFLECTION: "東京 ✓ 🚚 on time",
        ids.DIARY_TAGS: "Tiếng Việt"})
    listing = open_diary(slack, fake_slack, alice)
    slack.block_action(alice, ids.DIARY_EXPORT, view=listing)
    fake_slack.wait_for("files.completeUploadExternal")
    [upload] = fake_slack.uploaded_files
    assert any(c.params["channel"] == upload["channel_id"] and "learning diary" in
               c.params["text"] for c in fake_slack.calls_to("chat.postMessage"))
    assert upload["filename"] == "learning-diary.pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(upload["content"])).pages)
    for fragment in ("Zoë Ngô", "Ωμέγα", "Дмитрий", "Tiếng Việt", "on time"):
        assert fragment in text

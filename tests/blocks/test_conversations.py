"""A conversation modal and its DM: escaped, cut, paged, and read back from a submission."""

from __future__ import annotations

from datetime import timedelta

from blocks import ids
from blocks.conversations import MAX_SHOWN_CHARACTERS, message_dm_blocks, read_message, thread_view
from blocks.payloads import MemberRef, Page, view_payload
from domain.conversations import Thread
from domain.model import ConversationMessage, Member
from tests.blocks.builders import EVIL, NOW, assert_escaped, carried
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted

ME = Member(id=1, team_id="T1", slack_user_id="UANA", name="Ana Silva")
PARTNER = Member(id=2, team_id="T1", slack_user_id="UJOHN", name=EVIL)


def thread(count: int, *, earlier: int = 0, page: int = 0, body: str = EVIL) -> Thread:
    messages = [ConversationMessage(id=n, author_id=(1, 2)[n % 2], author=(ME, PARTNER)[n % 2],
                                    body=body, files=[{"name": EVIL}],
                                    created_at=NOW + timedelta(minutes=n)) for n in range(count)]
    return Thread(None, ME, PARTNER, messages, earlier, page)


def test_an_empty_thread_invites_a_question_and_carries_the_partner() -> None:
    view = thread_view(thread(0), asking=True)
    assert_fits_slack(view)
    assert_escaped(view)
    assert "Ask *&lt;!channel&gt;" in view["blocks"][0]["text"]["text"]
    assert view_payload(view, MemberRef) == MemberRef(2)


def test_long_messages_are_cut_and_paging_carries_the_page_and_partner() -> None:
    view = thread_view(thread(20, earlier=15, page=1, body="long " * 1000))
    assert_fits_slack(view)
    texts = [b["text"]["text"] for b in view["blocks"] if b["type"] == "section"][1:]
    assert len(texts) == 20 and all(len(t) <= MAX_SHOWN_CHARACTERS for t in texts)
    assert texts[0].endswith("…")
    assert carried(view, ids.CONVERSATION_EARLIER, Page) == [Page(2, 2), Page(0, 2)]


def test_a_message_and_its_file_names_are_escaped() -> None:
    view = thread_view(thread(2))
    assert_escaped(view)
    assert f":paperclip: {'&lt;!channel&gt;'}" in view["blocks"][-4]["text"]["text"]


def test_a_submitted_message_reads_back_with_its_files() -> None:
    view = thread_view(thread(0))
    sent = submitted(view, {ids.CONVERSATION_MESSAGE: "Hello",
                            ids.CONVERSATION_FILES: [{"id": "F1", "title": "cv.pdf"}]})
    assert read_message(sent) == (2, "Hello", [{"id": "F1", "name": "cv.pdf"}])


def test_the_dm_quotes_the_message_and_offers_reply() -> None:
    blocks = message_dm_blocks("New message", {"sender": {"name": EVIL, "member_id": 2},
                                               "body": EVIL, "files": [{}, {}]})
    assert_fits_slack({"blocks": blocks})
    assert_escaped(blocks)
    assert "2 files attached" in blocks[1]["elements"][0]["text"]
    assert carried(blocks, ids.CONVERSATION_OPEN, MemberRef) == [MemberRef(2)]

"""SWOT and G-STAR: one's own sheet to edit, the partner's escaped, and both read back."""

from __future__ import annotations

from blocks import ids
from blocks.payloads import Worksheet, view_payload
from blocks.worksheets import (
    BLOCK_IDS,
    delete_worksheet_form,
    read_worksheet,
    worksheet_view,
)
from domain.worksheets import SECTIONS, WorksheetPair
from tests.blocks.builders import EVIL, assert_escaped, carried, pairing
from tests.support.block_limits import assert_fits_slack
from tests.support.view_state import submitted


def test_every_section_of_every_kind_has_its_input() -> None:
    for kind, sections in SECTIONS.items():
        view = worksheet_view(WorksheetPair(kind, pairing(), {}, None))
        assert_fits_slack(view)
        inputs = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
        assert inputs == [BLOCK_IDS[name] for name, _ in sections]
        assert carried(view, ids.WORKSHEET_DOWNLOAD, Worksheet) == []  # nothing written yet


def test_the_partners_sheet_is_escaped_and_cut_and_downloads_as_theirs() -> None:
    theirs = {name: EVIL + " long" * 1000 for name, _ in SECTIONS["swot"]}
    view = worksheet_view(WorksheetPair("swot", pairing(), {"strengths": "Calm"}, theirs))
    assert_fits_slack(view)
    assert_escaped(view)
    assert carried(view, ids.WORKSHEET_DOWNLOAD, Worksheet) == [
        Worksheet("swot", 7), Worksheet("swot", 7, 2)]
    assert carried(view, ids.WORKSHEET_DELETE, Worksheet) == [Worksheet("swot", 7)]


def test_a_submitted_sheet_reads_back_by_section() -> None:
    view = worksheet_view(WorksheetPair("gstar", pairing(), {"goal": "Ship it"}, None))
    kind, relationship, answers = read_worksheet(submitted(view, {
        BLOCK_IDS["result"]: "Shipped"}))
    assert (kind, relationship) == ("gstar", 7)
    assert answers == {"goal": "Ship it", "situation": "", "task": "", "action": "",
                       "result": "Shipped"}


def test_deleting_confirms_and_carries_the_sheet() -> None:
    view = delete_worksheet_form(Worksheet("swot", 7))
    assert_fits_slack(view)
    assert view_payload(view, Worksheet) == Worksheet("swot", 7)
    assert "Delete your SWOT?" in view["blocks"][0]["text"]["text"]

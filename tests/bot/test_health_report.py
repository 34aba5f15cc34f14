"""The health report's documents: a PDF with figures and charts, the PNG, and the CSVs."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session

from bot.health_report import health_pdf, overview_png
from bot.health_report.csvs import BOM, cell_text, csv_bytes
from domain.admin.health import HealthReport, Table, build_report, export_tables
from tests.support.clock import FakeClock
from tests.support.health_seed import SECRET, hand_counted


@pytest.fixture
def report(session: Session, clock: FakeClock) -> HealthReport:
    hand_counted(session)
    return build_report(session, team_id="T1", name="Ünïcode Mentoring", now=clock.now())


def _images(reader: PdfReader) -> int:
    return sum(len(page.images) for page in reader.pages)


def test_the_pdf_opens_with_the_figures_and_five_charts(report: HealthReport) -> None:
    reader = PdfReader(io.BytesIO(health_pdf(report)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    assert "Programme health: Ünïcode Mentoring" in text
    assert "Dec 2025 – Nov 2026" in text
    for figure in ("Mentor requests sent", "Requests accepted", "Median hours to the mentor's",
                   "Relationships completed", "Meetings held", "Goals completed",
                   "Average rating", "Every figure by month", "More time", "Clear goals"):
        assert figure in text, figure
    assert "3 answers; average rating 3.7 of 5; 67% would recommend" in text
    assert _images(reader) >= 5  # two line charts, the funnel, the stages, feedback
    assert SECRET not in text and "Name of" not in text


def test_the_overview_is_a_png(report: HealthReport) -> None:
    png = overview_png(report)
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000


def _parsed(table: Table) -> list[dict[str, str]]:
    content = csv_bytes(table)
    assert content.startswith(BOM.encode("utf-8"))
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_the_csvs_parse_with_the_rows_expected(session: Session, clock: FakeClock) -> None:
    people = hand_counted(session)
    tables = {t.name: _parsed(t) for t in export_tables(session, team_id="T1", now=clock.now())}
    assert list(tables) == ["members", "relationships", "goals", "meetings", "feedback"]
    assert len(tables["members"]) == 6 and len(tables["relationships"]) == 4
    assert len(tables["goals"]) == 3 and len(tables["meetings"]) == 4
    assert len(tables["feedback"]) == 3
    first = tables["members"][0]
    assert first["slack_user_id"] == people["M1"].slack_user_id
    assert first["registered_on"] == "2026-10-05" and first["mentor"] == "yes"
    assert date.fromisoformat(tables["relationships"][0]["started_on"])
    held = [m["held"] for m in tables["meetings"]]
    assert held == ["yes", "yes", "no", "no"]  # the third was cancelled, the fourth is ahead
    assert {f["month"] for f in tables["feedback"]} == {"2026-10", "2026-11"}
    assert "author" not in " ".join(tables["feedback"][0]) and "relationship_id" not in \
        tables["feedback"][0]
    everything = repr(tables)
    for private in (SECRET, "Private", "private"):
        assert private not in everything


def test_cells_read_as_spreadsheets_expect() -> None:
    assert cell_text(None) == "" and cell_text(True) == "yes" and cell_text(3) == "3"
    assert cell_text(date(2026, 11, 23)) == "2026-11-23"
    assert cell_text("=HYPERLINK(1)") == "'=HYPERLINK(1)" and cell_text("Ana") == "Ana"

"""The report's tables as CSV files a spreadsheet opens: UTF-8 with a BOM, ISO dates."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from domain.admin.health import Table

BOM = "\ufeff"
# A cell a spreadsheet would run as a formula (=, +, -, @, or a control first) is prefixed
# with an apostrophe, which spreadsheets show as text: names are what people typed.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_text(value: Any) -> str:
    """A cell as spreadsheets read it: ISO dates and times, yes/no, blank for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def csv_bytes(table: Table) -> bytes:
    """One table as a CSV file."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.header)
    writer.writerows([cell_text(v) for v in row] for row in table.rows)
    return out.getvalue().encode("utf-8")


def csv_files(tables: Iterable[Table], stamp: str) -> list[dict[str, Any]]:
    """Slack file uploads, one per table: 'members-2026-11-23.csv'."""
    return [{"content": csv_bytes(table), "filename": f"{table.name}-{stamp}.csv",
             "title": f"{table.name.capitalize()} ({stamp})"} for table in tables]

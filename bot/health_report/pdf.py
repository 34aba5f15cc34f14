"""The health report as an A4 PDF: the key figures, five charts and every figure by month."""

from __future__ import annotations

import io

from fpdf import FPDF

from bot.health_report.charts import CHARTS, chart_png
from bot.pdf_fonts import FAMILY, new_document, safe_text
from bot.pdf_layout import write
from domain.admin.health import HealthReport, Monthly

ABOUT = ("Calendar months in UTC; the current month is counted so far and compared with the "
         "whole of the month before. Requests are counted in the month they were sent and in "
         "the month they were answered, withdrawn or expired. No diary entry, message, or who "
         "said what to whom is part of this report; feedback comments carry only their month.")


def _n(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def key_rows(report: HealthReport) -> list[tuple[str, Monthly, str]]:
    """(figure, its months, the total since the start) for the table of key figures."""
    p, r, g, m = report.proposals, report.relationships, report.goals, report.meetings
    f = report.feedback
    return [
        ("Members joined", report.members.joined, _n(report.members.total)),
        ("Mentor requests sent", p.sent_by_month, _n(p.sent)),
        ("Requests accepted", p.accepted_by_month, _n(p.accepted)),
        ("Requests declined", p.declined_by_month, _n(p.declined)),
        ("Requests expired unanswered", p.expired_by_month, _n(p.expired)),
        ("Requests withdrawn", p.withdrawn_by_month, _n(p.withdrawn)),
        ("Median hours to the mentor's answer", p.median_answer_by_month,
         _n(p.median_answer_hours) + " (12 months)"),
        ("Relationships started", r.started_by_month, _n(r.started)),
        ("Relationships completed", r.completed_by_month, _n(r.completed)),
        ("Meetings held", m.held_by_month, _n(m.held)),
        ("Goals set", g.set_by_month, _n(g.set)),
        ("Goals completed", g.completed_by_month, _n(g.completed)),
        ("Feedback answers", f.answers_by_month, _n(f.answers)),
        ("Average rating (1 to 5)", f.rating_by_month, _n(f.average_rating)),
    ]


def _table(pdf: FPDF, rows: list[list[str]], widths: tuple[float, ...], size: float = 9) -> None:
    pdf.set_font(FAMILY, "", size)
    with pdf.table(col_widths=widths, text_align="LEFT", line_height=5,
                   first_row_as_headings=True) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(safe_text(pdf, value))


def _key_figures(pdf: FPDF, report: HealthReport) -> None:
    write(pdf, "Key figures", size=14, style="B", height=8)
    r = report.relationships
    write(pdf, f"Members now: {report.members.total:,} ({report.members.mentors:,} mentors, "
               f"{report.members.mentees:,} mentees, {report.members.both:,} both). "
               f"Relationships: {r.active:,} active, {r.completed:,} completed, "
               f"{r.ended_early:,} ended early, {r.closed_inactive:,} closed as inactive. "
               f"Meetings to come: {report.meetings.upcoming:,}. "
               f"Requests waiting for an answer: {report.proposals.waiting:,}.", size=10)
    pdf.ln(2)
    rows = [["Figure", report.labels[-1], report.labels[-2], "Trend", "Since the start"]]
    rows += [[name, _n(s.this_month), _n(s.last_month), s.arrow, total]
             for name, s, total in key_rows(report)]
    _table(pdf, rows, (70, 22, 22, 14, 42))


def _monthly(pdf: FPDF, report: HealthReport) -> None:
    pdf.add_page(orientation="L")
    write(pdf, "Every figure by month", size=14, style="B", height=8)
    rows = key_rows(report)
    table = [["Month", *(name for name, _, _ in rows)]]
    table += [[label, *(_n(s.values[n]) for _, s, _ in rows)]
              for n, label in enumerate(report.labels)]
    _table(pdf, table, (20, *(18,) * len(rows)), size=6.5)


def _feedback(pdf: FPDF, report: HealthReport) -> None:
    f = report.feedback
    write(pdf, "Feedback", size=14, style="B", height=8)
    met = ", ".join(f"{k.replace('_', ' ')}: {n:,}" for k, n in f.goals_met)
    share = f"{f.recommend_share:.0%}" if f.recommend_share is not None else "–"
    write(pdf, f"{f.answers:,} answers; average rating {_n(f.average_rating)} of 5; {share} "
               f"would recommend mentoring. Goals met: {met}.", size=10)
    pdf.ln(2)
    if not f.comments:
        write(pdf, "No comments yet.", style="I", size=10)
    for comment in f.comments:
        for label, text in (("Worked well", comment.what_worked),
                            ("Could be better", comment.could_be_better)):
            if text:
                write(pdf, f"{label} ({comment.when}): {text}", size=9, height=5)
        pdf.ln(1)


def health_pdf(report: HealthReport) -> bytes:
    """The whole report as PDF bytes."""
    title = f"Programme health: {report.programme}"
    texts = [report.programme, *(c.what_worked + c.could_be_better
                                 for c in report.feedback.comments)]
    pdf = new_document(title, texts)
    write(pdf, title, size=18, style="B", height=10)
    write(pdf, f"{report.period} · made on {report.as_of:%d %B %Y %H:%M} UTC", size=9,
          style="I")
    write(pdf, ABOUT, size=8, height=4)
    pdf.ln(3)
    _key_figures(pdf, report)
    pdf.add_page()
    write(pdf, "Charts", size=14, style="B", height=8)
    for drawing in CHARTS:
        if pdf.will_page_break(80):
            pdf.add_page()
        pdf.image(io.BytesIO(chart_png(drawing, report)), w=170)
        pdf.ln(3)
    pdf.add_page()
    _feedback(pdf, report)
    _monthly(pdf, report)
    return bytes(pdf.output())

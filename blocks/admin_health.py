"""The programme's health for its admins: the summary modal, its Home lines and its DMs."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.kit import (
    Block,
    actions,
    button,
    context,
    cut,
    divider,
    escape,
    header,
    modal,
    plain,
    section,
)
from domain.admin.health import HealthReport, Monthly
from domain.model import Stage

TITLE = "Programme health"
STAGE_NAMES = {Stage.FIRST_CONVERSATION: "First conversation", Stage.PROGRESSION: "Progression",
               Stage.COMPLETION: "Completion"}
GOALS_MET_NAMES = {"fully": "fully", "mostly": "mostly", "partly": "partly",
                   "not_yet": "not yet"}
COMMENTS_SHOWN = 5
ABOUT = ("Calendar months in UTC: this month so far is compared with the whole of last month. "
         "No diary entry, message, or who said what to whom is ever part of this report.")


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    shown = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return shown + unit


def hours_text(hours: float | None) -> str:
    """'6 h', or '13.0 days' for two days and more; a dash when nothing was measured."""
    if hours is None:
        return "–"
    return f"{hours:,.0f} h" if hours < 48 else f"{hours / 24:,.1f} days"


def trend_text(series: Monthly, report: HealthReport, unit: str = "") -> str:
    """'3 ↑ (Oct 2026: 2)': this month, its arrow, and last month for comparison."""
    return (f"{_number(series.this_month, unit)} {series.arrow} "
            f"({report.labels[-2]}: {_number(series.last_month, unit)})")


def _fields(*pairs: tuple[str, str]) -> Block:
    """A two-column grid of labelled figures (Slack shows at most 10 fields)."""
    return {"type": "section", "fields": [{"type": "mrkdwn", "text": cut(f"*{k}*\n{v}", 2000)}
                                          for k, v in pairs[:10]]}


def _members(report: HealthReport) -> list[Block]:
    m = report.members
    return [section(f"*Members: {m.total:,}*  ·  {m.mentors:,} mentors, {m.mentees:,} mentees "
                    f"({m.both:,} both)"),
            _fields((f"Joined in {report.labels[-1]}", trend_text(m.joined, report)),
                    ("Mentors only · mentees only · both",
                     f"{m.mentors_only:,} · {m.mentees_only:,} · {m.both:,}"))]


def _requests(report: HealthReport) -> list[Block]:
    p = report.proposals
    medians = p.median_answer_by_month
    median_now = (f"{hours_text(medians.this_month)} {medians.arrow} "
                  f"({report.labels[-2]}: {hours_text(medians.last_month)})")
    return [section(f"*Mentor requests in {report.labels[-1]}*  ·  since the start: "
                    f"{p.sent:,} sent, {p.accepted:,} accepted, {p.declined:,} declined, "
                    f"{p.expired:,} expired, {p.withdrawn:,} withdrawn, {p.waiting:,} waiting"),
            _fields(("Sent", trend_text(p.sent_by_month, report)),
                    ("Accepted", trend_text(p.accepted_by_month, report)),
                    ("Declined", trend_text(p.declined_by_month, report)),
                    ("Expired unanswered", trend_text(p.expired_by_month, report)),
                    ("Withdrawn", trend_text(p.withdrawn_by_month, report)),
                    ("Median time to the mentor's answer",
                     f"{median_now}\n12 months: {hours_text(p.median_answer_hours)}"))]


def _relationships(report: HealthReport) -> list[Block]:
    r = report.relationships
    stages = " · ".join(f"{STAGE_NAMES[stage]} {n:,}" for stage, n in r.by_stage)
    return [section(f"*Relationships: {r.active:,} active*, {r.completed:,} completed, "
                    f"{r.ended_early:,} ended early, {r.closed_inactive:,} closed as inactive"
                    f"\nActive by stage: {stages}"),
            _fields(("Started", trend_text(r.started_by_month, report)),
                    ("Completed", trend_text(r.completed_by_month, report)))]


def _meetings_and_goals(report: HealthReport) -> list[Block]:
    m, g = report.meetings, report.goals
    return [section(f"*Meetings held: {m.held:,}* ({m.upcoming:,} to come)  ·  "
                    f"*Goals: {g.set:,} set, {g.completed:,} completed*"),
            _fields(("Meetings held", trend_text(m.held_by_month, report)),
                    ("Goals set", trend_text(g.set_by_month, report)),
                    ("Goals completed", trend_text(g.completed_by_month, report)))]


def feedback_line(report: HealthReport) -> str:
    """'3 answers · average rating 3.7 / 5 · 67% would recommend mentoring'."""
    f = report.feedback
    if not f.answers:
        return "No feedback yet."
    share = f"{f.recommend_share:.0%}" if f.recommend_share is not None else "–"
    return (f"{f.answers:,} answers · average rating {_number(f.average_rating)} / 5 · "
            f"{share} would recommend mentoring")


def _feedback(report: HealthReport) -> list[Block]:
    f = report.feedback
    met = " · ".join(f"{GOALS_MET_NAMES.get(k, k)} {n:,}" for k, n in f.goals_met)
    blocks = [section(f"*Feedback*: {feedback_line(report)}\nGoals met: {met}"),
              _fields(("Answers", trend_text(f.answers_by_month, report)),
                      ("Average rating", trend_text(f.rating_by_month, report, " / 5")))]
    for comment in f.comments[:COMMENTS_SHOWN]:
        said = "\n".join(f"{label}: {cut(text, 400)}" for label, text in (
            ("Worked well", comment.what_worked), ("Could be better", comment.could_be_better))
            if text)
        blocks.append(context(f"{escape(said)}  _({comment.when})_"))
    return blocks


def health_view(report: HealthReport, notice: str | None = None) -> Block:
    """The summary modal: each subject's figures with trend arrows, and the documents."""
    blocks = [header(f"{cut(report.programme, 100)}: {report.period}"), context(ABOUT)]
    for part in (_members, _requests, _relationships, _meetings_and_goals, _feedback):
        blocks += [divider(), *part(report)]
    blocks += [divider(), actions(
        button("Send me the PDF", ids.ADMIN_HEALTH_PDF, style="primary"),
        button("Send me the CSVs", ids.ADMIN_HEALTH_CSV))]
    if notice:
        blocks.append(notice_block(notice))
    return modal(ids.ADMIN_HEALTH_VIEW, TITLE, blocks)


def loading_view() -> Block:
    """Shown while the figures are counted."""
    return modal(ids.ADMIN_HEALTH_VIEW, TITLE, [section(":hourglass_flowing_sand: Counting…")])


def notice_block(text: str) -> Block:
    """A line under the buttons saying what was done."""
    return {**context(text), "block_id": ids.ADMIN_HEALTH_NOTICE}


def with_notice(view: dict[str, Any], text: str) -> Block:
    """The open summary as Slack holds it, with the notice line set (for views.update)."""
    blocks = [b for b in view.get("blocks", []) if isinstance(b, dict)
              and b.get("block_id") != ids.ADMIN_HEALTH_NOTICE]
    return modal(ids.ADMIN_HEALTH_VIEW, TITLE, [*blocks, notice_block(text)])


def health_dm_blocks(text: str, payload: dict[str, Any]) -> list[Block]:
    """The DM the PDF or the CSVs come with (the chart is added below once it is uploaded)."""
    return [section(text), context(ABOUT)]


def chart_block(file_id: str, period: str) -> Block:
    """The charts, shown inline from the PNG uploaded to Slack."""
    return {"type": "image", "block_id": ids.ADMIN_HEALTH_CHART,
            "slack_file": {"id": file_id}, "title": plain(f"Programme health, {period}", 150),
            "alt_text": f"Charts of the programme's health, {period}: monthly trends, the "
                        "funnel from requests to completed relationships, relationships by "
                        "stage and feedback."}

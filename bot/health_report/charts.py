"""The report's charts, drawn with matplotlib (Agg, no pyplot state): monthly trends, the
funnel from requests to completed relationships, relationships by stage, feedback."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import TYPE_CHECKING

from domain.admin.health import HealthReport, Monthly

if TYPE_CHECKING:  # matplotlib loads only when a chart is drawn: app start-up stays fast
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLOURS = ("#1264a3", "#2eb67d", "#e01e5a", "#ecb22e", "#6b4ba1", "#36c5f0")
STAGES = {"first_conversation": "First\nconversation", "progression": "Progression",
          "completion": "Completion"}
Drawing = Callable[["Axes", HealthReport], None]


def _values(series: Monthly) -> list[float]:
    return [v or 0 for v in series.values]


def _months(ax: Axes, report: HealthReport) -> None:
    ax.set_xticks(range(len(report.labels)))
    ax.set_xticklabels([label.replace(" ", "\n") for label in report.labels], fontsize=7)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)


def _lines(ax: Axes, report: HealthReport, title: str,
           series: tuple[tuple[str, Monthly], ...]) -> None:
    for colour, (label, values) in zip(COLOURS, series, strict=False):
        ax.plot(range(len(values.values)), _values(values), marker="o", markersize=3,
                linewidth=1.8, color=colour, label=label)
    ax.set_title(title, fontsize=10, loc="left")
    ax.set_ylim(bottom=0)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=7, frameon=False, loc="upper left")
    _months(ax, report)


def requests_trend(ax: Axes, report: HealthReport) -> None:
    """Requests sent and accepted, relationships started and completed, month by month."""
    p, r = report.proposals, report.relationships
    _lines(ax, report, "Requests and relationships per month", (
        ("Requests sent", p.sent_by_month), ("Accepted", p.accepted_by_month),
        ("Relationships started", r.started_by_month), ("Completed", r.completed_by_month)))


def activity_trend(ax: Axes, report: HealthReport) -> None:
    """Members joining, meetings held, goals set and completed, month by month."""
    g = report.goals
    _lines(ax, report, "Activity per month", (
        ("Members joined", report.members.joined), ("Meetings held", report.meetings.held_by_month),
        ("Goals set", g.set_by_month), ("Goals completed", g.completed_by_month)))


def funnel(ax: Axes, report: HealthReport) -> None:
    """From requests sent to relationships completed, since the programme began."""
    p, r = report.proposals, report.relationships
    steps = (("Requests sent", p.sent), ("Accepted", p.accepted),
             ("Relationships", r.started), ("Completed", r.completed))
    widest = max(n for _, n in steps) or 1
    for row, (colour, (label, n)) in enumerate(zip(COLOURS, steps, strict=False)):
        ax.barh(row, n, left=(widest - n) / 2, color=colour, height=0.7)
        ax.text(widest / 2, row, f"{label}: {n:,}", ha="center", va="center", fontsize=8,
                color="black")
    ax.set_ylim(len(steps) - 0.5, -0.5)
    ax.set_xlim(0, widest)
    ax.set_title("From request to completed relationship", fontsize=10, loc="left")
    ax.axis("off")


def stages(ax: Axes, report: HealthReport) -> None:
    """Active relationships at each stage of the road map."""
    labels = [STAGES.get(stage, stage) for stage, _ in report.relationships.by_stage]
    counts = [n for _, n in report.relationships.by_stage]
    bars = ax.bar(labels, counts, color=COLOURS[:len(counts)])
    ax.bar_label(bars, labels=[f"{n:,}" for n in counts], fontsize=8)
    ax.set_title("Active relationships by stage", fontsize=10, loc="left")
    ax.set_ylim(0, (max(counts) or 1) * 1.2)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="x", labelsize=8)
    ax.spines[["top", "right"]].set_visible(False)


def feedback(ax: Axes, report: HealthReport) -> None:
    """Average rating month by month (1 to 5), where there were answers."""
    values = report.feedback.rating_by_month.values
    months = [n for n, v in enumerate(values) if v is not None]
    ax.plot(months, [values[n] for n in months], marker="o", color=COLOURS[3], linewidth=1.8)
    ax.set_ylim(0, 5.2)
    ax.set_title("Average feedback rating per month (1 to 5)", fontsize=10, loc="left")
    _months(ax, report)


CHARTS: tuple[Drawing, ...] = (requests_trend, activity_trend, funnel, stages, feedback)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _png(figure: Figure, dpi: int) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def chart_png(drawing: Drawing, report: HealthReport, dpi: int = 150) -> bytes:
    """One chart as a PNG, for a page of the PDF."""
    figure = _figure(7.5, 3.4)
    drawing(figure.subplots(), report)
    return _png(figure, dpi)


def overview_png(report: HealthReport, dpi: int = 110) -> bytes:
    """The four main charts on one image, for Slack to show inline."""
    figure = _figure(11, 7.5)
    figure.suptitle(f"Programme health, {report.period}", fontsize=12)
    for ax, drawing in zip(figure.subplots(2, 2).flat, CHARTS[:4], strict=True):
        drawing(ax, report)
    return _png(figure, dpi)

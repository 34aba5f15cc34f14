"""The programme's health for its admins: figures by month, charts' data and CSV tables."""

from domain.admin.health.asking import CSV, PDF, send_health_report
from domain.admin.health.exports import Table, export_tables
from domain.admin.health.figures import (
    Comment,
    FeedbackFigures,
    GoalFigures,
    HealthReport,
    MeetingFigures,
    MemberFigures,
    ProposalFigures,
    RelationshipFigures,
)
from domain.admin.health.months import DOWN, FLAT, MONTHS, UP, Monthly, month_starts, trend
from domain.admin.health.report import build_report, health_report, owed_report

__all__ = [
    "CSV",
    "DOWN",
    "FLAT",
    "MONTHS",
    "PDF",
    "UP",
    "Comment",
    "FeedbackFigures",
    "GoalFigures",
    "HealthReport",
    "MeetingFigures",
    "MemberFigures",
    "Monthly",
    "ProposalFigures",
    "RelationshipFigures",
    "Table",
    "build_report",
    "export_tables",
    "health_report",
    "month_starts",
    "owed_report",
    "send_health_report",
    "trend",
]

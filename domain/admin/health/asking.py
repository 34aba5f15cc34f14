"""An admin asks for the report as a PDF (with its charts inline) or as CSV files: owed as DMs."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from domain import outbox
from domain.admin.access import require_admin
from domain.admin.health.months import MONTHS, month_label, month_starts
from domain.members import Actor
from domain.model import OutboxKind

PDF, CSV = "pdf", "csv"
KINDS = {PDF: OutboxKind.HEALTH_PDF, CSV: OutboxKind.HEALTH_CSV}


def send_health_report(session: Session, *, actor: Actor, workspace_admin: bool, form: str,
                       asked_in: str, now: datetime) -> bool:
    """Owe the admin a DM with the report as `form` ("pdf" or "csv"). `asked_in` names where
    they clicked (the modal's view id): a double click or a retry there owes one DM. False
    when that DM was owed already."""
    if form not in KINDS:
        raise ValueError(f"no such form of the report: {form!r}")
    programme = require_admin(session, actor=actor, workspace_admin=workspace_admin,
                              what=f"health report {form}", now=now)
    starts = month_starts(now)
    period = f"{month_label(starts[0].date())} – {month_label(starts[MONTHS - 1].date())}"
    return outbox.enqueue(
        session, team_id=actor.team_id, recipient=actor.user_id, kind=KINDS[form],
        dedupe_key=f"health_{form}:{actor.user_id}:{asked_in}",
        payload={"programme": programme.name, "period": period,
                 f"health_{form}": {"team_id": actor.team_id, "as_of": now.isoformat()}},
        now=now)

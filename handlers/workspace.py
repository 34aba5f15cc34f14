"""The app uninstalled from a workspace, or its bot token revoked: nothing more is sent there."""

from __future__ import annotations

from typing import Any

from domain.workspace import TOKENS_REVOKED, UNINSTALLED, stop_sending
from handlers.context import Ctx
from handlers.wiring import Wiring

# The events that tell of an uninstall: they must not lift the stop they record.
STOP_EVENTS = frozenset({UNINSTALLED, TOKENS_REVOKED})


def resumes_sending(body: dict[str, Any]) -> bool:
    """Whether a signed request shows the workspace has the app (any but a stop event)."""
    event = body.get("event")
    return not (isinstance(event, dict) and event.get("type") in STOP_EVENTS)


def _stop(ctx: Ctx, reason: str) -> None:
    """Stop sending to the install's programmes, then forget the install (data stays)."""
    origin = ctx.origin
    with ctx.transaction() as session:
        stop_sending(session, team_id=origin.install, reason=reason, now=ctx.now())
    ctx.services.forget_install(None if origin.org_wide else origin.team_id, origin.enterprise_id)


def handle_app_uninstalled(ctx: Ctx) -> None:
    """The app was removed from the workspace: stop sending there at once; its data stays."""
    _stop(ctx, UNINSTALLED)


def handle_tokens_revoked(event: dict[str, Any], ctx: Ctx) -> None:
    """Tokens were revoked: when the bot's is among them, nothing can be sent any more."""
    if not (event.get("tokens") or {}).get("bot"):
        return  # only people's own tokens: the bot still works
    _stop(ctx, TOKENS_REVOKED)


def register(wiring: Wiring) -> None:
    """Wire the workspace listeners."""
    wiring.event(UNINSTALLED, handle_app_uninstalled)
    wiring.event(TOKENS_REVOKED, handle_tokens_revoked)

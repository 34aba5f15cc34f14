"""Bolt listeners, one module per feature; `register_all` wires them into an app."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App

from handlers import (
    account,
    admin,
    admin_alerts,
    admin_cohort,
    admin_health,
    admin_lists,
    admin_match,
    admin_scope,
    ask_about,
    commands,
    completion,
    conversations,
    diary,
    feedback,
    goals,
    help,
    home,
    leaving,
    meetings,
    personal_data,
    profiles,
    proposals,
    registration,
    relationships,
    reminders,
    reports,
    search,
    stages,
    support,
    workflows,
    worksheets,
    workspace,
)
from handlers.context import Ctx, Services, origin_of
from handlers.wiring import Wiring


def register_all(app: App, services: Services) -> Wiring:
    """Attach the request context middleware, every feature's listeners and the error handler."""
    wiring = Wiring(app)

    @app.middleware
    def attach_ctx(body: dict[str, Any], context: dict[str, Any], next: Callable[[], None]
                   ) -> None:
        origin = origin_of(body, context)
        resumes = workspace.resumes_sending(body)
        context["ctx"] = Ctx(services, services.programme_key(origin, resumes=resumes),
                             context.get("user_id") or "", origin, resumes=resumes)
        next()

    for feature in (commands, registration, profiles, home, search, ask_about, conversations,
                    proposals, relationships, meetings, goals, worksheets, diary, stages,
                    completion, feedback,
                    # issue 11: the programme admins' screens
                    admin, admin_lists, admin_match, admin_alerts, admin_cohort, admin_health,
                    # issue 12: reminders
                    reminders,
                    # issue 13: help, contact support, and the member's own account
                    help, support, account, personal_data, leaving, reports,
                    # issue 13: the app uninstalled from a workspace
                    workspace,
                    # issue 14: Workflow Builder steps, and Enterprise Grid's programme scope
                    workflows, admin_scope):
        feature.register(wiring)

    @app.error
    def log_unexpected(error: Exception) -> None:
        # Listener failures are answered by handlers.errors; this sees middleware failures.
        logging.getLogger("mentorbot").error("request failed outside a listener", exc_info=error)

    return wiring

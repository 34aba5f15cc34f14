"""Registering listeners through one place: failures answered alike, the manifest checkable."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from slack_bolt import App

from domain.admin import require_admin
from domain.errors import DomainError
from handlers.errors import answer_failure

Listener = Callable[..., Any]
# What the failure answer needs, whatever the listener itself asks Bolt for.
_FAILURE_ARGS = ("ack", "body", "client", "ctx")
# Every action and view of the programme admins' screens has an id that starts so.
ADMIN_PREFIX = "admin"
# What a workflow's owner reads when a step failed for a reason that is not theirs to fix.
STEP_SORRY = "Sorry, mentorbot could not finish this step. Please try again in a few minutes."
log = logging.getLogger("mentorbot")


def guarded(listener: Listener) -> Listener:
    """The listener, with any exception it raises answered by `answer_failure`.

    Bolt's own error handler cannot do this: when a listener fails just after ack(), Bolt
    forgets the ack and Slack sees a timeout, so the failure is caught here instead.
    """
    own = list(inspect.signature(listener).parameters)
    names = own + [n for n in _FAILURE_ARGS if n not in own]

    def run(**kwargs: Any) -> Any:
        try:
            return listener(**{name: kwargs[name] for name in own})
        except Exception as error:  # the one place every listener failure is answered
            answer_failure(error, ack=kwargs["ack"], body=kwargs["body"],
                           client=kwargs["client"], ctx=kwargs["ctx"])
            return None

    return _presented_as(listener, run, names)


def _presented_as(listener: Listener, run: Callable[..., Any], names: list[str]) -> Listener:
    """`run` under the listener's name, asking Bolt for `names`: Bolt injects arguments by
    parameter name, so a wrapper shows it the union of what it and the listener need."""
    run.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in names])
    run.__name__ = listener.__name__
    run.__doc__ = listener.__doc__
    return run


def admin_only(slack_id: str, listener: Listener) -> Listener:
    """The listener, run only for a programme admin: anyone else is refused (and logged)
    before their payload is even read, so a forged one learns nothing but the refusal."""
    own = list(inspect.signature(listener).parameters)
    names = own + [n for n in ("ctx", "client") if n not in own]

    def run(**kwargs: Any) -> Any:
        ctx = kwargs["ctx"]
        with ctx.transaction() as session:
            require_admin(session, actor=ctx.actor, workspace_admin=ctx.workspace_admin(
                kwargs["client"]), what=slack_id, now=ctx.now())
        return listener(**{name: kwargs[name] for name in own})

    return _presented_as(listener, run, names)


def failing_step(listener: Listener) -> Listener:
    """The Workflow step listener, with any exception turned into Slack's `fail`: there is
    no person to tell, so the sentence goes to the workflow's owner in Workflow Builder."""
    own = list(inspect.signature(listener).parameters)
    names = own + [n for n in ("fail",) if n not in own]

    def run(**kwargs: Any) -> Any:
        try:
            return listener(**{name: kwargs[name] for name in own})
        except DomainError as refusal:
            log.info("refused workflow step %s: %s", listener.__name__, refusal.message)
            kwargs["fail"](error=refusal.message)
        except Exception as error:  # the one place a step's failure is answered
            log.error("workflow step %s failed", listener.__name__, exc_info=error)
            kwargs["fail"](error=STEP_SORRY)
        return None

    return _presented_as(listener, run, names)


def _gated(slack_id: str, listener: Listener) -> Listener:
    return admin_only(slack_id, listener) if slack_id.startswith(ADMIN_PREFIX) else listener


@dataclass
class Wiring:
    """The Bolt app plus a record of every command, event, shortcut, action and view wired into
    it (what the manifest declares, and what a fuzzing test sends)."""

    app: App
    commands: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    shortcuts: set[str] = field(default_factory=set)
    message_shortcuts: set[str] = field(default_factory=set)
    functions: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    views: set[str] = field(default_factory=set)
    interactive: bool = False
    options: bool = False

    def command(self, name: str, listener: Listener) -> None:
        """A slash command."""
        self.commands.add(name)
        self.app.command(name)(guarded(listener))

    def event(self, event_type: str, listener: Listener) -> None:
        """An Events API event."""
        self.events.add(event_type)
        self.app.event(event_type)(guarded(listener))

    def shortcut(self, callback_id: str, listener: Listener) -> None:
        """A global shortcut."""
        self.shortcuts.add(callback_id)
        self.interactive = True
        self.app.shortcut({"callback_id": callback_id, "type": "shortcut"})(guarded(listener))

    def message_shortcut(self, callback_id: str, listener: Listener) -> None:
        """A message shortcut."""
        self.message_shortcuts.add(callback_id)
        self.interactive = True
        self.app.shortcut({"callback_id": callback_id, "type": "message_action"})(
            guarded(listener))

    def function(self, callback_id: str, listener: Listener) -> None:
        """A Workflow Builder step (a custom function Slack runs through function_executed)."""
        self.functions.add(callback_id)
        self.events.add("function_executed")
        self.app.function(callback_id)(failing_step(listener))

    def action(self, action_id: str, listener: Listener) -> None:
        """A button, menu or dispatching input."""
        self.actions.add(action_id)
        self.interactive = True
        self.app.action(action_id)(guarded(_gated(action_id, listener)))

    def view(self, callback_id: str, listener: Listener) -> None:
        """A modal's submission."""
        self.views.add(callback_id)
        self.interactive = True
        self.app.view(callback_id)(guarded(_gated(callback_id, listener)))

    def suggestions(self, action_id: str, listener: Listener) -> None:
        """Options for an external select."""
        self.options = True
        self.app.options(action_id)(guarded(listener))

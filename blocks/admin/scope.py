"""Whom the programme is for, under an org-wide install: the form, and reading it back."""

from __future__ import annotations

from typing import Any

from blocks import ids
from blocks.admin.menu import MenuSection
from blocks.forms import selected_value
from blocks.kit import Block, context, input_block, modal, option, section
from domain.admin.scope import ORG_ADMINS_ONLY, ScopeChoice
from domain.model import ProgrammeScope

SCOPE_SECTION = MenuSection(
    "Whom the programme is for",
    "mentorbot is installed for your whole Enterprise Grid org: run one programme for all "
    "its workspaces, or one for each.", "Programme scope", ids.ADMIN_SCOPE_OPEN)

_CHOICES = {
    ProgrammeScope.ORG: "Everyone in the org: one programme, so people from every workspace "
                        "can match each other",
    ProgrammeScope.WORKSPACE: "Each workspace: every workspace runs its own programme, with "
                              "its own admins and settings",
}
_KEPT = ("Nothing moves when this changes. Members, requests, relationships and their history "
         "stay with the programme they belong to: after a switch to one programme per "
         "workspace, each workspace's programme starts empty, and switching back brings the "
         "org's programme back as it was.")


def scope_form(choice: ScopeChoice) -> Block:
    """The scope form: the two choices with the current one picked, and what a change does;
    for an admin who may not change it, the choice as it stands and who can."""
    if not choice.may_change:
        return modal(ids.ADMIN_SCOPE_SUBMIT, "Programme scope", [
            section(f"*Now:* {_CHOICES[choice.scope]}."), section(f":lock: {ORG_ADMINS_ONLY}"),
            context(_KEPT)])
    options = [option(text, scope.value) for scope, text in _CHOICES.items()]
    radios: Block = {"type": "radio_buttons", "options": options,
                     "initial_option": options[list(_CHOICES).index(choice.scope)]}
    return modal(ids.ADMIN_SCOPE_SUBMIT, "Programme scope", [
        input_block(ids.ADMIN_SCOPE_CHOICE, "Whom is the programme for?", radios),
        context(_KEPT)], submit="Save")


def read_scope(view: dict[str, Any]) -> ProgrammeScope | None:
    """The choice as submitted; None when none (or one Slack never offered) was."""
    value = selected_value(view, ids.ADMIN_SCOPE_CHOICE)
    return ProgrammeScope(value) if value in set(ProgrammeScope) else None


def scope_saved_view(scope: ProgrammeScope, changed: bool) -> Block:
    """What the admin sees after Save."""
    now = ("one programme for everyone in the org" if scope == ProgrammeScope.ORG
           else "a programme for each workspace")
    text = f"Saved: mentorbot now runs {now}." if changed else f"No change: it already runs {now}."
    return modal(ids.ADMIN_SCOPE_SAVED_VIEW, "Programme scope", [section(text)])

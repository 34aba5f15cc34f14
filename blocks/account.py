"""The Account modal: contact e-mail, pausing each role, reminders, blocked people, a copy of
what is stored, and cancelling the account."""

from __future__ import annotations

from typing import Any

from blocks import ids, kit
from blocks.forms import selected_values, text_value
from blocks.kit import Block
from blocks.leaving import cancel_button
from blocks.personal_data import export_row
from blocks.reports import blocked_rows
from domain.account import REMINDER_KINDS, Account, AccountAnswers
from domain.model import NudgeKind
from domain.reminders import KIND_NAMES

PAUSED = "paused"
# Said plainly beside each pause: what it stops, and what it leaves alone.
MENTOR_PAUSE = ("While paused, nobody can send you a request, and requests waiting for your "
                "answer are answered kindly at once, with other mentors suggested. Your "
                "current mentees are not affected. Untick to take requests again.")
MENTEE_PAUSE = ("While paused, the programme's admins won't suggest you when they match "
                "mentees with mentors. Your current mentors and requests are not affected. "
                "Untick to take part again.")


def _pause(block_id: str, label: str, choice: str, explained: str, paused: bool) -> Block:
    return kit.input_block(block_id, label, kit.checkboxes(
        [{"text": kit.plain(choice, 75), "value": PAUSED}], {PAUSED} if paused else set()),
        optional=True, hint=explained)


def _reminder_label(kind: NudgeKind) -> str:
    name = KIND_NAMES[kind]
    return name[:1].upper() + name[1:]


def account_view(account: Account) -> Block:
    """The Account modal, filled in with what is saved now."""
    email = {"type": "email_text_input",
             **({"initial_value": account.contact_email} if account.contact_email else {})}
    blocks: list[Block] = [kit.input_block(
        ids.ACCOUNT_CONTACT_EMAIL, "Contact e-mail", email,
        hint="Your partner sees this once you are matched.")]
    if account.mentor_paused is not None:
        blocks.append(_pause(ids.ACCOUNT_MENTOR_PAUSED, "As a mentor", "Pause new requests to me",
                             MENTOR_PAUSE,
                             account.mentor_paused))
    if account.mentee_paused is not None:
        blocks.append(_pause(ids.ACCOUNT_MENTEE_PAUSED, "As a mentee", "Pause me as a mentee",
                             MENTEE_PAUSE,
                             account.mentee_paused))
    reminders = [{"text": kit.plain(_reminder_label(kind), 75), "value": kind.value}
                 for kind in REMINDER_KINDS]
    blocks.append(kit.input_block(
        ids.ACCOUNT_REMINDERS, "Reminders", kit.checkboxes(
            reminders, {kind.value for kind in account.reminders_on}),
        optional=True, hint="Ticked reminders are sent to you; untick any you don't want."))
    blocks += blocked_rows(account.blocked)
    blocks.extend(export_row())
    blocks += [kit.divider(), cancel_button()]
    return kit.modal(ids.ACCOUNT_VIEW, "Your account", blocks, submit="Save")


def read_account_answers(view: dict[str, Any]) -> AccountAnswers:
    """What the Account modal sent (unknown reminder values are ignored)."""
    known = {kind.value: kind for kind in REMINDER_KINDS}
    return AccountAnswers(
        contact_email=text_value(view, ids.ACCOUNT_CONTACT_EMAIL),
        mentor_paused=PAUSED in selected_values(view, ids.ACCOUNT_MENTOR_PAUSED),
        mentee_paused=PAUSED in selected_values(view, ids.ACCOUNT_MENTEE_PAUSED),
        reminders_on=frozenset(known[v] for v in selected_values(view, ids.ACCOUNT_REMINDERS)
                               if v in known))

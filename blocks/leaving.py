"""Cancel my account: the confirmation that says what will happen to this person, and after."""

from __future__ import annotations

from blocks import ids, kit
from blocks.kit import Block
from domain.leaving import Leaving

# Said the same way to everyone: what the programme keeps, and what it cannot take back.
STAYS = ("*What stays*\n"
         "• Anonymous records (that a request was sent, a relationship ran, a meeting was held, "
         "a rating given) so the programme's statistics stay right. They no longer say who.\n"
         "• Your partners keep their own goals, diary, worksheets and messages.\n"
         "• Messages already in Slack stay in Slack: the app cannot delete your DMs.\n"
         "• If you register again later, you start afresh, with nothing of today's account.")


def _names(names: tuple[str, ...]) -> str:
    shown = [f"*{kit.escape(name)}*" for name in names[:10]]
    more = len(names) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _counted(number: int, one: str, many: str | None = None) -> str:
    return f"{number} {one if number == 1 else many or one + 's'}"


def _what_ends(leaving: Leaving) -> list[str]:
    """One line per thing that ends, for this person only."""
    lines = []
    if leaving.requests_sent_to:
        lines.append(f"• Your {_counted(len(leaving.requests_sent_to), 'request')} to "
                     f"{_names(leaving.requests_sent_to)} will be withdrawn; they are told.")
    if leaving.requests_received_from:
        lines.append(f"• The {_counted(len(leaving.requests_received_from), 'request')} waiting "
                     f"for your answer, from {_names(leaving.requests_received_from)}, will be "
                     "answered kindly, with other mentors suggested.")
    mentees = tuple(p.name for p in leaving.partners if not p.is_mentor)
    mentors = tuple(p.name for p in leaving.partners if p.is_mentor)
    if mentees:
        lines.append(f"• Your mentoring of {_names(mentees)} ends; they are told kindly.")
    if mentors:
        lines.append(f"• Your relationship with your mentor {_names(mentors)} ends; they are "
                     "told kindly, and their place is freed for someone else.")
    if leaving.meetings_ahead:
        lines.append(f"• {_counted(leaving.meetings_ahead, 'meeting')} ahead will be "
                     "cancelled, and your partners sent a cancelling calendar file.")
    return lines or ["• You have no open requests, relationships or meetings ahead."]


def _what_goes(leaving: Leaving) -> str:
    yours = ", ".join(part for part in (
        _counted(leaving.diary_entries, "diary entry", "diary entries")
        if leaving.diary_entries else "",
        _counted(leaving.worksheets, "worksheet") if leaving.worksheets else "",
        _counted(leaving.goals, "goal") if leaving.goals else "",
        _counted(leaving.messages, "message") if leaving.messages else "") if part)
    return ("*What is erased*\n"
            "• Your name, e-mail, photo, job title and profile text.\n"
            "• Your learning diary and your worksheets, deleted.\n"
            "• The text of your messages, requests, goals, milestones and feedback comments, "
            "and the notes of your meetings.\n"
            "• Your support requests and reminder settings."
            + (f"\nToday that includes {yours}." if yours else ""))


def leaving_view(leaving: Leaving) -> Block:
    """The confirmation: what ends, what is erased, what stays, and the red button."""
    blocks: list[Block] = [
        kit.section("Cancelling your account withdraws you from the mentoring programme and "
                    "erases your personal data. *This cannot be undone.*"),
        kit.section("*What happens now*\n" + "\n".join(_what_ends(leaving))),
        kit.section(_what_goes(leaving)),
        kit.section(STAYS),
        kit.actions(kit.button("Cancel my account", ids.LEAVING_CONFIRM, style="danger"),
                    block_id=ids.LEAVING_CONFIRM),
    ]
    return kit.modal(ids.LEAVING_VIEW, "Cancel my account", blocks, close="Keep my account")


def left_view() -> Block:
    """After: said once, and closing it closes the Account modal underneath too."""
    view = kit.modal(ids.LEAVING_DONE_VIEW, "Account cancelled", [kit.section(
        "Your account is cancelled. Your partners have been told, and your personal data is "
        "erased. Thank you for taking part in the programme.\n\nYou are welcome back any "
        "time: register again from the app's Home tab to start afresh.")])
    return {**view, "clear_on_close": True}


def cancel_button() -> Block:
    """The Account modal's way out, at its foot."""
    return kit.section("*Leave the programme*\nWithdraw from mentoring and erase your data. "
                       "You'll see exactly what happens before anything changes.",
                       accessory=kit.button("Cancel my account…", ids.LEAVING_OPEN,
                                            style="danger"))

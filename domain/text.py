"""Rules for text people type: cleaning, lengths, e-mail addresses, emoji and markup."""

from __future__ import annotations

import re
import unicodedata

from domain.errors import InvalidInput

# Slack's own syntax for mentions, broadcasts and links: <!channel>, <@U123>, <#C1>, <http://x|y>.
_SLACK_MARKUP = re.compile(r"<\s*[!@#]|<\s*(?:https?|mailto):", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]{2,}$")
_EMOJI_RANGES = (
    (0x1F000, 0x1FAFF),  # pictographs, emoticons, transport, flags, symbols
    (0x2600, 0x27BF),  # miscellaneous symbols and dingbats
    (0x2B00, 0x2BFF),  # arrows and stars used as emoji
    (0xFE0F, 0xFE0F),  # emoji presentation selector
)


def clean(text: str | None) -> str:
    """Normalise what a person typed: NFC, no control characters, tidy line ends, trimmed."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    kept = (ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return "".join(kept).strip()


def contains_emoji(text: str) -> bool:
    """True when the text has an emoji character or a :shortcode: Slack would draw as one."""
    if re.search(r":[a-z0-9_+\-]+:", text):
        return True
    return any(low <= ord(ch) <= high for ch in text for low, high in _EMOJI_RANGES)


def contains_slack_markup(text: str) -> bool:
    """True when the text holds Slack mention, broadcast or link syntax."""
    return bool(_SLACK_MARKUP.search(text))


# Said beside any e-mail field whose address is_email refuses.
EMAIL_HINT = "Please enter an e-mail address like name@example.org."


def is_email(text: str) -> bool:
    """A plausible e-mail address (one @, a dot in the domain, no spaces or angle brackets)."""
    return len(text) <= 254 and bool(_EMAIL.match(text))


def check_text(
    errors: dict[str, str],
    field: str,
    value: str,
    *,
    label: str,
    max_length: int,
    required: bool = True,
    plain_name: bool = False,
) -> str:
    """Clean one field and note the first problem with it in `errors`; returns the cleaned text.

    `plain_name` fields (a job title, an organisation) show on cards and in search results, so
    they may hold neither emoji nor Slack markup.
    """
    value = clean(value)
    if not value:
        if required:
            errors[field] = f"Please enter your {label}."
    elif len(value) > max_length:
        errors[field] = (
            f"Please keep your {label} to {max_length} characters (it has {len(value)})."
        )
    elif plain_name and contains_slack_markup(value):
        errors[field] = f"Your {label} can't contain Slack mentions or links."
    elif plain_name and contains_emoji(value):
        errors[field] = f"Please write your {label} without emoji."
    return value


def one_text(field: str, value: str, *, label: str, max_length: int,
             required: bool = False) -> str:
    """A form's single free-text field, cleaned; InvalidInput names it when it is wrong."""
    errors: dict[str, str] = {}
    cleaned = check_text(errors, field, value, label=label, max_length=max_length,
                         required=required)
    if errors:
        raise InvalidInput(errors)
    return cleaned

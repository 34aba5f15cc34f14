"""The payload codec: typed, versioned, size-checked; the shapes live in blocks/payloads.py.

Every button value, option value and private_metadata is a small frozen dataclass written as
compact JSON (`{"v":1,"t":"goal","goal":12}`). Reading one back is strict: anything that is not
exactly a shape we wrote (forged, stale, truncated) becomes `StalePayload`, one friendly refusal.
A view id we will later `views.update` is a `BoundView`: written with the Slack user it was drawn
for, and read back only for that user, so a tampered one cannot reach another person's modal.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from domain.errors import StalePayload

VERSION = 1
MAX_VALUE = 2000  # Slack's limit on a button's or an option's value
MAX_METADATA = 3000  # Slack's limit on a view's private_metadata
MAX_ID = 10**15  # larger than any database id we hand out, small enough to stay exact in JSON
MAX_TEXT = 40  # strings are verbs, kinds and view ids unless a field says otherwise
MAX_ITEMS = 100  # tuples hold a select's chosen ids, and a select has at most 100 options

P = TypeVar("P")


@dataclass(frozen=True)
class BoundView:
    """A view id and the Slack user whose modal it is: only that user's request may update it.

    Slack vouches for the id of the view a request comes from (it is the actor's own), so one
    is drawn from there (see blocks.forms.parent_view_of) and carried in private_metadata.
    """

    view: str
    user: str

_SHAPES: dict[str, type] = {}
_TAGS: dict[type, str] = {}


def shape(tag: str) -> Callable[[type[P]], type[P]]:
    """Register a frozen dataclass as a payload shape written under `tag`."""
    def register(cls: type[P]) -> type[P]:
        frozen = dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        if tag in _SHAPES or not frozen:
            raise ValueError(f"payload tag {tag!r} is taken, or {cls} is not a frozen dataclass")
        _SHAPES[tag], _TAGS[cls] = cls, tag
        return cls
    return register


def count(default: int = 0) -> Any:
    """A field holding a number from 0 up (a page), where ids start at 1."""
    return field(default=default, metadata={"min": 0})


def text(limit: int, default: str | None = None) -> Any:
    """A string field allowed up to `limit` characters instead of MAX_TEXT."""
    return field(default=default, metadata={"max": limit})


# ---- writing ----------------------------------------------------------------------------


def encode(payload: Any) -> str:
    """The payload in its compact versioned form; a value outside its shape is a bug."""
    tag = _TAGS.get(type(payload))
    if tag is None:
        raise ValueError(f"{type(payload).__name__} is not a registered payload shape")
    fields, hints = {f.name: getattr(payload, f.name) for f in dataclasses.fields(payload)}, \
        _hints(type(payload))
    for one in dataclasses.fields(payload):
        if not _valid(one, hints[one.name], fields[one.name]):
            raise ValueError(f"{tag}.{one.name} = {fields[one.name]!r} does not fit its shape")
    # Fields left at their default are left out: shorter values, and decode restores them.
    written = {k: _written(v) for k, v in fields.items()
               if v != _default(dataclasses.fields(payload), k)}
    return json.dumps({"v": VERSION, "t": tag, **written}, separators=(",", ":"),
                      ensure_ascii=False)


def _written(given: Any) -> Any:
    """A field's value as JSON: a tuple as a list, a bound view as [view, user]."""
    if isinstance(given, BoundView):
        return [given.view, given.user]
    return list(given) if isinstance(given, tuple) else given


def _default(fields: tuple[dataclasses.Field[Any], ...], name: str) -> Any:
    spec = next(f for f in fields if f.name == name)
    return spec.default if spec.default is not dataclasses.MISSING else _REQUIRED


_REQUIRED = object()


def value(payload: Any) -> str:
    """The payload as a button's or an option's value (at most 2,000 characters)."""
    return _within(encode(payload), MAX_VALUE, "value")


def metadata(payload: Any) -> str:
    """The payload as a view's private_metadata (at most 3,000 characters)."""
    return _within(encode(payload), MAX_METADATA, "private_metadata")


def _within(written: str, limit: int, what: str) -> str:
    if len(written) > limit:
        raise ValueError(f"payload of {len(written)} characters exceeds Slack's {what} limit")
    return written


def encode_id(number: int) -> str:
    """An id as a select option's bare value (so `initial_option` matches what Slack echoes)."""
    if isinstance(number, bool) or not isinstance(number, int) or not 0 < number < MAX_ID:
        raise ValueError(f"{number!r} is not an id")
    return str(number)


# ---- reading ----------------------------------------------------------------------------


def decode(written: Any, kind: type[P], actor: str | None = None) -> P:
    """The payload of shape `kind` written in `written`; anything else raises StalePayload.

    A bound view drawn for someone other than `actor` is refused; read without an actor, a
    bound view reads as None (nobody's modal to update).
    """
    tag = _TAGS.get(kind)
    if tag is None:
        raise ValueError(f"{kind.__name__} is not a registered payload shape")
    if not isinstance(written, str) or len(written) > MAX_METADATA:
        raise StalePayload()
    if written.isdigit() and _one_id(kind):
        # Version 0: DMs sent before the codec carried a bare id, and their buttons must keep
        # working for weeks (an Accept on a request). The use case still checks the id.
        return kind(decode_id(written))
    try:
        found = json.loads(written)
    except ValueError:
        raise StalePayload() from None
    if not isinstance(found, dict) or not _is_version(found.pop("v", None)) \
            or found.pop("t", None) != tag:
        raise StalePayload()
    return _bound_to(_build(kind, found), actor)


def _bound_to(payload: P, actor: str | None) -> P:
    """The payload, once every view it would update is the actor's own."""
    found = {f.name: getattr(payload, f.name) for f in dataclasses.fields(payload)}  # type: ignore[arg-type]
    bound = {name: one for name, one in found.items() if isinstance(one, BoundView)}
    if actor is None:
        return dataclasses.replace(payload, **dict.fromkeys(bound))  # type: ignore[type-var]
    if any(one.user != actor for one in bound.values()):
        raise StalePayload()
    return payload


def _one_id(kind: type) -> bool:
    """True for a shape that is a single required id (what a bare-id button meant)."""
    fields = dataclasses.fields(kind)
    return (len(fields) == 1 and fields[0].default is dataclasses.MISSING
            and _hints(kind)[fields[0].name] is int)


def _is_version(given: Any) -> bool:
    """Ours: JSON's true and 1.0 compare equal to 1 in Python, and are not versions."""
    return type(given) is int and given == VERSION


def _build(kind: type[P], found: dict[str, Any]) -> P:
    fields = {f.name: f for f in dataclasses.fields(kind)}  # type: ignore[arg-type]
    required = {n for n, f in fields.items()
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    if not set(found) <= set(fields) or not required <= set(found):
        raise StalePayload()
    hints = _hints(kind)
    read = {name: _read(hints[name], given) for name, given in found.items()}
    if not all(_valid(fields[name], hints[name], given) for name, given in read.items()):
        raise StalePayload()
    return kind(**read)


def _read(hint: Any, given: Any) -> Any:
    """JSON has no tuples: a list is read as a bound view where the field holds one, else as a
    tuple, which only a tuple field accepts."""
    if not isinstance(given, list):
        return given
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    if BoundView in options and len(given) == 2 and all(isinstance(g, str) for g in given):
        return BoundView(*given)
    return tuple(given)


def decode_id(written: Any) -> int:
    """A select option's bare id (see encode_id); anything else raises StalePayload."""
    if not isinstance(written, str) or not written.isascii() or not written.isdigit() \
            or len(written) > 15 or written.startswith("0"):
        raise StalePayload()
    return int(written)


def decode_ids(written: list[str]) -> list[int]:
    """The bare ids of the options chosen in a multi-select."""
    return [decode_id(one) for one in written]


def action_payload(body: dict[str, Any], kind: type[P]) -> P:
    """The payload of the button clicked, or of the option chosen, in a block_actions body."""
    actions = body.get("actions")
    action = actions[0] if isinstance(actions, list) and actions else {}
    chosen = action.get("selected_option") if isinstance(action, dict) else None
    written = chosen.get("value") if isinstance(chosen, dict) else action.get("value")
    return decode(written, kind)


def view_payload(view: dict[str, Any], kind: type[P], actor: str | None = None) -> P:
    """The payload a modal carries in its private_metadata (bound views checked as `decode`)."""
    return decode(view.get("private_metadata") if isinstance(view, dict) else None, kind, actor)


# ---- what a field may hold --------------------------------------------------------------


@functools.cache  # shapes are few and fixed; resolving their hints is costly on every button
def _hints(kind: type) -> dict[str, Any]:
    return typing.get_type_hints(kind)


def _valid(spec: dataclasses.Field[Any], hint: Any, given: Any) -> bool:
    """True when `given` is what the field's type and limits allow."""
    options = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    return any(_fits(spec, option, given) for option in options)


def _fits(spec: dataclasses.Field[Any], hint: Any, given: Any) -> bool:
    if hint is type(None):
        return given is None
    if hint is bool:
        return isinstance(given, bool)
    if hint is int:
        return _is_number(given, spec.metadata.get("min", 1))
    if hint is str:
        return isinstance(given, str) and len(given) <= spec.metadata.get("max", MAX_TEXT)
    if typing.get_origin(hint) is tuple:
        return isinstance(given, tuple) and len(given) <= MAX_ITEMS \
            and all(_is_number(one, 1) for one in given)
    return hint is BoundView and isinstance(given, BoundView) and all(
        isinstance(one, str) and 0 < len(one) <= MAX_TEXT for one in (given.view, given.user))


def _is_number(given: Any, least: int) -> bool:
    """A JSON whole number in range; a bool is not a number here."""
    return isinstance(given, int) and not isinstance(given, bool) and least <= given < MAX_ID

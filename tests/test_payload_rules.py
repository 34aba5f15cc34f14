"""Payload and id rules: listeners read what Slack sends back only through the codec, and every
Slack id is defined once in blocks/ids/ as feature.verb."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from blocks import ids

ROOT = Path(__file__).resolve().parent.parent
# The codec itself, and the helpers that read what a person typed or chose in a form's inputs.
ALLOWED = {"blocks/codec.py", "blocks/payloads.py", "blocks/forms.py"}
PAYLOAD_KEYS = {"value", "private_metadata", "selected_option", "selected_options"}
SEPARATORS = {"split", "rsplit", "partition", "rpartition"}
# Parameter names under which listeners and readers are handed a Slack body or view.
SLACK_ARGS = {"body", "view", "action", "actions", "payload_body"}


def _key(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _reads_in(func: ast.AST, strict: bool) -> list[str]:
    """What `func` reads of a payload by hand: `x["value"]`, `x.get("private_metadata")`,
    `json.loads(...)`, `....split(":")` and the like."""
    found = []
    for node in ast.walk(func):
        if isinstance(node, ast.Subscript) and _key(node.slice) in PAYLOAD_KEYS and strict:
            found.append(f'[{_key(node.slice)!r}]')
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name, args = node.func.attr, [_key(a) for a in node.args]
        if name == "get" and args and args[0] in PAYLOAD_KEYS and strict:
            found.append(f".get({args[0]!r})")
        if name == "loads" and isinstance(node.func.value, ast.Name) \
                and node.func.value.id == "json":
            found.append("json.loads")
        if name in SEPARATORS and any(a is not None and ":" in a for a in args):
            found.append(f".{name}(':')")
    return found


def violations(source: str) -> list[str]:
    """Hand-made payload reads in one module, as 'function: what' lines."""
    found = []
    for func in ast.walk(ast.parse(source)):
        if not isinstance(func, ast.FunctionDef):
            continue
        params = {a.arg for a in [*func.args.args, *func.args.kwonlyargs]}
        # A function handed a Slack body or view reads no payload key by hand; any function
        # anywhere parses no JSON and splits no "verb:id" strings.
        strict = bool(params & SLACK_ARGS)
        found += [f"{func.name}: {what}" for what in _reads_in(func, strict)]
    return found


def test_listeners_read_payloads_only_through_the_codec() -> None:
    found = {}
    for path in sorted([*ROOT.glob("handlers/**/*.py"), *ROOT.glob("blocks/**/*.py")]):
        relative = path.relative_to(ROOT).as_posix()
        if relative not in ALLOWED and (bad := violations(path.read_text())):
            found[relative] = bad
    assert not found, f"read these through blocks.payloads instead: {found}"


def test_the_rule_catches_the_old_ways() -> None:
    old_ways = {
        'def f(body):\n    return body["actions"][0]["value"]\n': "['value']",
        'def f(view):\n    return view.get("private_metadata", "")\n':
            ".get('private_metadata')",
        'def f(body):\n    return body["actions"][0]["selected_option"]\n':
            "['selected_option']",
        "def f(text):\n    return json.loads(text)\n": "json.loads",
        'def f(text):\n    return text.partition(":")\n': ".partition(':')",
        'def f(text):\n    return text.rsplit(":", 1)[-1]\n': ".rsplit(':')",
    }
    for source, what in old_ways.items():
        assert violations(source) == [f"f: {what}"], source
    # Reading one's own rendered options, or a domain payload, is not reading Slack's.
    assert violations('def f(options):\n    return [o["value"] for o in options]\n') == []


# A feature of blocks/ is a module or, once it outgrew one, a package of the same name.
MODULES = [*(ROOT / "blocks").glob("*.py"), *(ROOT / "blocks").glob("*/__init__.py")]
FEATURES = {(p.parent if p.name == "__init__.py" else p).stem.removesuffix("s")
            for p in MODULES} - {"block", "codec", "form", "id", "kit", "payload"}
# A feature's name may have several words (admin_lists), and ids may name it as its module
# does, plural included ("admin_lists.open" for blocks/admin_lists.py).
ID_FORM = re.compile(r"^([a-z][a-z_]*)\.[a-z_]+$")
# Workflow Builder steps' callback_ids: Slack's custom functions are named in snake_case, so
# these are "workflow_<verb>" (feature "workflow", blocks/workflows.py).
STEP_FORM = re.compile(r"^(workflow)_[a-z_]+$")


def test_every_id_is_feature_dot_verb_and_defined_once() -> None:
    defined = {name: v for name, v in vars(ids).items()
               if name.isupper() and isinstance(v, str) and name not in ("COMMAND", "ANY")}
    assert len(set(defined.values())) == len(defined), "an id is defined twice"
    wrong = {name: v for name, v in defined.items()
             if not (m := ID_FORM.match(v) or STEP_FORM.match(v))
             or m.group(1).removesuffix("s") not in FEATURES}
    assert not wrong, f"ids must be <feature>.<verb>, feature one of {sorted(FEATURES)}: {wrong}"


def test_block_ids_are_built_only_in_ids() -> None:
    found = []
    for path in sorted(ROOT.glob("blocks/**/*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.keyword) and node.arg == "block_id" \
                    and isinstance(node.value, ast.JoinedStr):
                found.append(f"{path.name}:{node.lineno}")
    assert not found, f"make these functions in blocks/ids/: {found}"


def test_every_id_is_used() -> None:
    code = "\n".join(p.read_text() for d in ("bot", "handlers", "blocks")
                     for p in (ROOT / d).glob("**/*.py") if p.parent != ROOT / "blocks" / "ids")
    unused = [name for name, v in vars(ids).items()
              if name.isupper() and isinstance(v, str) and f"ids.{name}" not in code
              and not re.search(rf"\b{name}\b", code)]
    assert not unused, f"delete ids nothing uses: {unused}"

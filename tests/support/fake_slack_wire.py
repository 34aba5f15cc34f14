"""HTTP wire format of the fake Slack Web API: decoding requests and encoding answers."""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from email.message import Message
from email.parser import HeaderParser
from typing import Any
from urllib.parse import parse_qsl, urlsplit

JSON_STRING_FIELDS = ("blocks", "view", "attachments", "files")
JSON_CONTENT_TYPE = "application/json; charset=utf-8"


@dataclass
class Answer:
    """One HTTP response the fake server sends back."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Decoded:
    """Parameters, multipart files and bearer token decoded from one API request."""

    params: dict[str, Any]
    files: dict[str, bytes]
    token: str | None


def json_answer(payload: dict[str, Any], status: int = 200, **headers: str) -> Answer:
    """Encode a JSON answer the way Slack does (application/json; charset=utf-8)."""
    body = json.dumps(payload).encode("utf-8")
    return Answer(status, body, {"Content-Type": JSON_CONTENT_TYPE, **headers})


def text_answer(text: str, status: int = 200) -> Answer:
    """Encode a plain-text answer (used by the file upload endpoint)."""
    return Answer(status, text.encode("utf-8"), {"Content-Type": "text/plain; charset=utf-8"})


def decode_api_request(target: str, headers: dict[str, str], body: bytes) -> Decoded:
    """Merge query string, form, multipart or JSON body of a request into one Decoded."""
    params: dict[str, Any] = dict(parse_qsl(urlsplit(target).query, keep_blank_values=True))
    files: dict[str, bytes] = {}
    content_type = headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        fields, files = parse_multipart(content_type, body)
        params.update(fields)
    elif body.strip() and content_type.startswith("application/json"):
        loaded = json.loads(body)
        if not isinstance(loaded, dict):
            raise ValueError("JSON body must be an object")
        params.update(loaded)
    elif body:
        params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    token = _bearer(headers.get("authorization", ""))
    form_token = params.pop("token", None)
    return Decoded(_decode_json_strings(params), files, token or form_token)


def decode_upload(headers: dict[str, str], body: bytes) -> bytes:
    """Return the file bytes of an upload POST, whether raw or multipart."""
    content_type = headers.get("content-type", "")
    if not content_type.startswith("multipart/form-data"):
        return body
    _, files = parse_multipart(content_type, body)
    if not files:
        raise ValueError("multipart upload without a file part")
    return next(iter(files.values()))


def parse_multipart(content_type: str, body: bytes) -> tuple[dict[str, str], dict[str, bytes]]:
    """Split a multipart/form-data body into plain fields and file parts (name -> bytes)."""
    boundary = _header_param(content_type, "boundary")
    if not boundary:
        raise ValueError("multipart body without boundary")
    fields: dict[str, str] = {}
    files: dict[str, bytes] = {}
    for chunk in (b"\r\n" + body).split(b"\r\n--" + boundary.encode("ascii"))[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, content = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        part = HeaderParser().parsestr(head.decode("utf-8"))
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        if part.get_filename() is None:
            fields[name] = content.decode("utf-8")
        else:
            files[name] = content
    return fields, files


def _header_param(value: str, param: str) -> str | None:
    """Read one parameter (e.g. boundary) of a Content-Type header value."""
    message = Message()
    message["Content-Type"] = value
    found = message.get_param(param)
    return found if isinstance(found, str) else None


def _bearer(authorization: str) -> str | None:
    """Extract the token of an 'Authorization: Bearer ...' header."""
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def _decode_json_strings(params: dict[str, Any]) -> dict[str, Any]:
    """Turn JSON-string values of blocks/view/attachments/files back into Python objects."""
    for key in JSON_STRING_FIELDS:
        value = params.get(key)
        if isinstance(value, str) and value[:1] in ("[", "{"):
            with contextlib.suppress(json.JSONDecodeError):
                params[key] = json.loads(value)
    return params

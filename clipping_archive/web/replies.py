"""What a page is asked and what it answers, without a web server: a ``Request`` (method
and GET parameters) goes in, a ``Reply`` (status, content type, body or file, headers)
comes out. The Datasette plugin and the standalone app each translate their server's
request into one and the reply back, so both serve the very same pages."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from clipping_archive.output.words import counted

TEMPLATES = Path(__file__).parent / "templates"
# Every piece of clip text goes through Jinja's autoescaping, and no page runs a script:
# the Content-Security-Policy forbids scripts outright, as a second wall.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}
HTML = "text/html; charset=utf-8"
JSON = "application/json; charset=utf-8"
TEXT = "text/plain; charset=utf-8"
READ_METHODS = ("GET", "HEAD")

_env = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
_env.globals["counted"] = counted  # "1 clip", "2 clips"


class Args:
    """GET parameters as the pages read them: ``get`` (the first value) and ``getlist``
    (every value of a repeated name, as ``tag``), the interface of Datasette's own."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self._pairs = pairs

    def get(self, name: str, default: str | None = None) -> str | None:
        return next((value for key, value in self._pairs if key == name), default)

    def getlist(self, name: str) -> list[str]:
        return [value for key, value in self._pairs if key == name]


@dataclass(frozen=True)
class Request:
    method: str
    args: Any  # Args, or Datasette's MultiParams: anything with get() and getlist()


@dataclass
class Reply:
    """A status, a content type and either ``body`` or ``file`` (sent, then its folder
    ``cleanup`` deleted: an export written for this request only)."""

    status: int
    content_type: str
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: dict(HEADERS))
    file: Path | None = None
    cleanup: Path | None = None

    def all_headers(self) -> dict[str, str]:
        """The headers to send, the content type among them."""
        return {**self.headers, "content-type": self.content_type}


def page(template: str, context: Mapping[str, Any], status: int = 200) -> Reply:
    html = _env.get_template(template).render(**context)
    return Reply(status, HTML, html.encode("utf-8"))


def json_reply(data: Any, status: int = 200) -> Reply:
    body = json.dumps(data, ensure_ascii=False, default=str)
    return Reply(status, JSON, body.encode("utf-8"))


def refused(method: str) -> Reply | None:
    """GET and HEAD only: nothing here writes."""
    if method.upper() in READ_METHODS:
        return None
    headers = {**HEADERS, "Allow": "GET, HEAD"}
    return Reply(405, TEXT, b"this server only reads the archive", headers)

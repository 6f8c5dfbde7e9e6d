"""The search page's GET parameters: the CLI's options by the same names (``q, lang,
since, until, source, author, tag, sort, page``), so every view is a URL to share.
``tag`` may be repeated (clips carrying all of them), as ``--tag`` may."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any
from urllib.parse import urlencode

from clipping_archive.errors import ClipError
from clipping_archive.search.hits import SORT_ORDERS

FILTER_NAMES = ("lang", "since", "until", "source", "author")
PAGE_SIZE = 20
MAX_PAGE = 100_000  # beyond this an OFFSET walks millions of rows for nothing
MAX_TEXT = 1_000  # a query or filter longer than this is no search anyone typed


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    lang: str | None = None
    since: str | None = None
    until: str | None = None
    source: str | None = None
    author: str | None = None
    tag: tuple[str, ...] = ()
    sort: str = "relevance"
    page: int = 1

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> SearchParams:
        """From a request's query string; empty values are absent. A bad sort or page is
        a ClipError (the page shows it as one line)."""

        def text(name: str) -> str | None:
            value = (args.get(name) or "").strip()
            if len(value) > MAX_TEXT:
                raise ClipError(f"{name} is too long (at most {MAX_TEXT} characters)")
            return value or None

        sort = text("sort") or "relevance"
        if sort not in SORT_ORDERS:
            raise ClipError(f"unknown sort {sort!r}: use {', '.join(SORT_ORDERS)}")
        page_text = text("page") or "1"
        if not page_text.isdigit() or not 1 <= int(page_text) <= MAX_PAGE:
            raise ClipError(f"page must be a number from 1 to {MAX_PAGE}")
        return cls(
            q=text("q") or "",
            **{name: text(name) for name in FILTER_NAMES},
            tag=_tags(args),
            sort=sort,
            page=int(page_text),
        )

    @property
    def filters(self) -> dict[str, Any]:
        """The filters given, as keyword arguments for Archive methods."""
        chosen: dict[str, Any] = {
            name: getattr(self, name) for name in FILTER_NAMES if getattr(self, name)
        }
        if self.tag:
            chosen["tag"] = self.tag
        return chosen

    @property
    def offset(self) -> int:
        return (self.page - 1) * PAGE_SIZE

    def query_string(self, **changes) -> str:
        """This view's parameters (with ``changes``) as a query string; defaults left out,
        and any change but a page change goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        chosen = replace(self, **changes)
        pairs: list[tuple[str, str]] = []
        for f in fields(chosen):
            value = getattr(chosen, f.name)
            if value in (None, "", f.default):
                continue
            if isinstance(value, tuple):
                pairs.extend((f.name, item) for item in value)
                continue
            pairs.append((f.name, str(value)))
        return urlencode(pairs)

    def url(self, path: str = "/", **changes) -> str:
        qs = self.query_string(**changes)
        return f"{path}?{qs}" if qs else path


def _tags(args: Mapping[str, str]) -> tuple[str, ...]:
    """Every ``tag`` given (Datasette's request args hold repeated names), blanks left out."""
    given = args.getlist("tag") if hasattr(args, "getlist") else [args.get("tag") or ""]
    tags = []
    for value in given:
        value = (value or "").strip()
        if len(value) > MAX_TEXT:
            raise ClipError(f"tag is too long (at most {MAX_TEXT} characters)")
        if value and value not in tags:
            tags.append(value)
    return tuple(tags)

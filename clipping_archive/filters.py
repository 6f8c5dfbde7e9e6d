"""The filters shared by search, export and timeline, as one SQL WHERE clause on clips."""

from __future__ import annotations

from dataclasses import dataclass

from clipping_archive.dates import parse_user_date


@dataclass(frozen=True)
class Filters:
    language: str | None = None
    since: str | None = None  # as the user typed it: 2024, 2024-06 or 2024-06-23
    until: str | None = None
    source: str | None = None
    author: str | None = None

    def where(self, alias: str = "clips") -> tuple[str, list]:
        """A clause and its parameters. A clip's date is a range (2024-06 is the whole
        month), so it matches when that range overlaps the one asked for."""
        clauses: list[str] = []
        params: list = []
        if self.language:
            clauses.append(f"{alias}.language = ?")
            params.append(self.language.lower())
        if self.since:
            clauses.append(f"{alias}.date_end >= ?")
            params.append(parse_user_date(self.since, end=False))
        if self.until:
            clauses.append(f"{alias}.date_start <= ?")
            params.append(parse_user_date(self.until, end=True))
        if self.source:
            clauses.append(f"{alias}.source = ? COLLATE NOCASE")
            params.append(self.source)
        if self.author:
            clauses.append(f"{alias}.author = ? COLLATE NOCASE")
            params.append(self.author)
        return (" AND ".join(clauses) or "1"), params

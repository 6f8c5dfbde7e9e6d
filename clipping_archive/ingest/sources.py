"""The archivist's sources mapping: which outlet a file comes from, by its folder or name.

A CSV file (one row an outlet or a folder; a spreadsheet edits it, and a bad row is
named by its line), with a header naming these columns in any order:

    pattern,outlet,country,language,prefer_text,aliases
    nos/,NOS,NL,nl,,NOS Nieuws|nos.nl
    nl/nu/*.txt,NU.nl,NL,nl,,
    aggregator/,,,,true,
    ,BBC News Arabic,GB,ar,,بي بي سي نيوز عربي|BBC Arabic

- ``pattern``: a folder (ending in ``/``: every file under a folder of that name, at any
  depth of the path) or a file-name pattern (``*.txt``, ``nos_*.txt``, ``nu/*.txt``: it
  matches the last parts of the path, one glob a part, so ``*`` never crosses a ``/``).
  Empty: the row only names an outlet (its spelling, aliases and country). The first row
  whose pattern matches a file is the file's row.
- ``outlet``: the outlet's one spelling. Any source that folds to it or to one of its
  ``aliases`` (``|``-separated; case and spaces ignored) is stored in that spelling, so
  the source facet counts an outlet once.
- ``country``, ``language``: the outlet's (language: nl, en, ar or their names).
- ``prefer_text``: ``false`` (the default) -- the row's outlet and language win over what
  the text says (a folder of NOS clips is NOS, whatever a line in the text claims);
  ``true`` -- a source line in the text (and a detected language) wins, and the row
  fills in only what the text does not say (an aggregator's folder of many outlets).

A sidecar (NAME.json) is about one file and wins over all of it; ``--source NAME`` on
``clip import`` names the outlet of every file of that import, over the mapping and the
text. Lines starting with ``#`` are comments. Pure: no database (it runs in workers).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path, PurePath

from clipping_archive.errors import UsageError
from clipping_archive.languages import PACKS, resolve_language
from clipping_archive.models import Metadata

COLUMNS = ("pattern", "outlet", "country", "language", "prefer_text", "aliases")
ALIAS_SEPARATOR = "|"
TRUE, FALSE = ("true", "yes", "1"), ("false", "no", "0", "")
MAX_BYTES = 1024 * 1024


def fold(name: str) -> str:
    """An outlet name as compared: case, width and spacing ignored (NOS = nos = N O S is
    not claimed: spaces collapse, they do not vanish)."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def spaced(value: str | None) -> str | None:
    text = " ".join((value or "").split())
    return text or None


@dataclass(frozen=True)
class SourceRow:
    pattern: str | None
    outlet: str | None
    country: str | None = None
    language: str | None = None
    prefer_text: bool = False
    aliases: tuple[str, ...] = ()
    line: int = 0

    def matches(self, path: str) -> bool:
        if not self.pattern:
            return False
        parts = [p for p in PurePath(path.replace("\\", "/")).parts if p not in ("/", ".")]
        wanted = [p for p in self.pattern.strip("/").split("/") if p]
        if self.pattern.endswith("/"):  # a folder, at any depth; never the file's name
            folders = parts[:-1]
            return any(
                all(fnmatchcase(folders[i + j], w) for j, w in enumerate(wanted))
                for i in range(len(folders) - len(wanted) + 1)
            )
        tail = parts[-len(wanted) :] if len(parts) >= len(wanted) else []
        return bool(tail) and all(fnmatchcase(p, w) for p, w in zip(tail, wanted, strict=True))


@dataclass(frozen=True)
class SourceMapping:
    """The rows of a mapping file, plus what one import adds (``source``: the outlet of
    every file; ``tags``: tags of every clip). Empty: changes nothing but spacing."""

    rows: tuple[SourceRow, ...] = ()
    file: str | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    # Sources the archive holds already, most clips first: a new clip naming one in
    # another case or spacing takes the archived spelling (the mapping's come first).
    known: tuple[str, ...] = ()
    _spellings: dict[str, SourceRow] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for row in self.rows:
            for name in (row.outlet, *row.aliases):
                if name:
                    self._spellings.setdefault(fold(name), row)
        for name in self.known:
            self._spellings.setdefault(fold(name), SourceRow(None, name))

    def for_import(self, source: str | None, tags: tuple[str, ...]) -> SourceMapping:
        return replace(self, source=spaced(source), tags=tags, _spellings={})

    def with_known(self, names: tuple[str, ...]) -> SourceMapping:
        return replace(self, known=tuple(n for n in names if n), _spellings={})

    def spellings(self) -> dict[str, str]:
        """fold(name) -> the one spelling, for every name the mapping and archive know."""
        return {k: row.outlet for k, row in self._spellings.items() if row.outlet}

    def row_for(self, path: str) -> SourceRow | None:
        return next((row for row in self.rows if row.matches(path)), None)

    def outlet_row(self, name: str | None) -> SourceRow | None:
        return self._spellings.get(fold(name)) if name else None

    def canonical(self, name: str | None) -> str | None:
        """The outlet's one spelling: the mapping's, else the name with spaces tidied."""
        row = self.outlet_row(name)
        return row.outlet if row and row.outlet else spaced(name)

    def decide(
        self,
        paths: tuple[str, ...],
        text_source: str | None,
        text_language: str | None,
        *,
        sidecar_source: str | None = None,
    ) -> tuple[str | None, str | None, str | None]:
        """(source, country, language) for a file at ``paths`` (its path as given and
        absolute) whose text names ``text_source`` and reads as ``text_language``. The
        country is the outlet's: a known outlet's own, else the folder row's when the
        source is that row's outlet (or the row names none)."""
        row = next((r for p in paths if (r := self.row_for(p))), None)
        source, language = text_source, text_language
        if row is not None:
            if row.outlet and (not row.prefer_text or not spaced(text_source)):
                source = row.outlet
            if row.language and (not row.prefer_text or not text_language):
                language = row.language
        source = self.canonical(sidecar_source or self.source or source)
        named = self.outlet_row(source)
        country = None
        if named is not None and named.country:
            country = named.country
        elif row is not None and (row.outlet is None or row.outlet == source):
            country = row.country
        return source, country, language

    def apply(
        self, meta: Metadata, language: str | None, path: str, sidecar: dict | None
    ) -> tuple[Metadata, str | None]:
        """A prepared clip's metadata and language with the mapping applied (the
        sidecar's fields are already in ``meta``; its source still wins)."""
        sidecar_source = (sidecar or {}).get("source")
        # The absolute path only where a row may match it (each worker does this for
        # every file; without rows it was a third of this method's time).
        paths = (path, str(Path(path).absolute())) if self.rows else ()
        source, country, language = self.decide(
            paths, meta.source, language, sidecar_source=sidecar_source
        )
        tags = tuple(dict.fromkeys((*meta.tags, *self.tags)))
        if (source, country, tags) == (meta.source, meta.country, meta.tags):
            return meta, language  # as it was: no copy (most files, without a mapping)
        return replace(meta, source=source, country=country, tags=tags), language


def load_sources(path: str | Path) -> SourceMapping:
    """The mapping in a CSV file; a UsageError naming the file and line for a bad one
    (nothing is imported with half a mapping)."""
    path = Path(path)
    name = path.name
    try:
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise UsageError(f"sources file {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise UsageError(f"sources file {path}: too large for a mapping (over 1 MB)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UsageError(f"{name} line {line}: not UTF-8") from None
    return parse_sources(text, name, str(path.absolute()))


def parse_sources(text: str, name: str = "sources.csv", file: str | None = None) -> SourceMapping:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    rows: list[SourceRow] = []
    seen_patterns: dict[str, int] = {}
    spellings: dict[str, tuple[str, int]] = {}

    def fail(reason: str) -> UsageError:
        return UsageError(f"{name} line {reader.line_num}: {reason}")

    try:
        for cells in reader:
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            if header is None:
                header = [c.strip().lower() for c in cells]
                unknown = [c for c in header if c not in COLUMNS]
                if unknown:
                    raise fail(f"unknown column {unknown[0]!r}; columns: {', '.join(COLUMNS)}")
                if len(set(header)) < len(header) or not {"pattern", "outlet"} <= set(header):
                    raise fail("the header needs pattern and outlet, each once")
                continue
            if len(cells) > len(header):
                raise fail(f"{len(cells)} fields, the header names {len(header)}")
            values = dict(zip(header, [c.strip() for c in cells], strict=False))
            row = _row(values, reader.line_num, fail)
            if row.pattern:
                if row.pattern in seen_patterns:
                    first = seen_patterns[row.pattern]
                    raise fail(f"pattern {row.pattern!r} is on line {first} too")
                seen_patterns[row.pattern] = row.line
            for spelling in (row.outlet, *row.aliases):
                if not spelling:
                    continue
                earlier = spellings.get(fold(spelling))
                if earlier and earlier[0] != row.outlet:
                    raise fail(
                        f"{spelling!r} names {earlier[0]!r} on line {earlier[1]}: "
                        "one spelling per outlet"
                    )
                spellings.setdefault(fold(spelling), (row.outlet or "", row.line))
            rows.append(row)
    except csv.Error as exc:
        raise fail(f"not CSV ({exc})") from None
    return SourceMapping(tuple(rows), file)


def _row(values: dict[str, str], line: int, fail) -> SourceRow:
    pattern = values.get("pattern") or None
    outlet = spaced(values.get("outlet"))
    aliases = tuple(a for a in (spaced(x) for x in values.get("aliases", "").split("|")) if a)
    language = values.get("language") or None
    if language is not None:
        language = resolve_language(language)
        if language not in PACKS:
            raise fail(f"unknown language {values['language']!r} (use {', '.join(PACKS)})")
    flag = (values.get("prefer_text") or "").lower()
    if flag not in TRUE + FALSE:
        raise fail(f"prefer_text is {values['prefer_text']!r}: use true or false")
    if pattern is None and outlet is None:
        raise fail("a row needs a pattern or an outlet")
    if aliases and outlet is None:
        raise fail("aliases need the outlet they are other spellings of")
    if pattern is not None and not any(pattern.strip("/").split("/")):
        raise fail(f"pattern {pattern!r} names no folder or file")
    country = spaced(values.get("country"))
    if pattern is not None and not (outlet or country or language):
        raise fail("the row sets no outlet, country or language")
    return SourceRow(pattern, outlet, country, language, flag in TRUE, aliases, line)

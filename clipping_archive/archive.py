"""The public Python API: one object per archive, every command a method.

    from clipping_archive import Archive
    with Archive("data/archive.db") as archive:  # or Archive("postgresql://host/db")
        report = archive.import_paths(["seeds/"])
        results = archive.search("aanslag", lang="nl", since="2024-01", limit=20)
        results.total, results.hits
        clip = archive.get("7cbaa00f")

The CLI (``clipping_archive.cli``) parses options and calls these methods; the web
plugin (``clipping_archive.web``) does the same. Filters are keyword arguments named as
the CLI options: ``lang, since, until, source, author``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit, urlunsplit

from clipping_archive.analysis import ANALYZER_VERSION
from clipping_archive.errors import ClipError, UsageError
from clipping_archive.ingest.fingerprint import EARLIER_FINGERPRINTS, FINGERPRINT_VERSION
from clipping_archive.ingest.sources import SourceMapping, load_sources
from clipping_archive.languages import resolve_language
from clipping_archive.models import ClipRecord
from clipping_archive.output import export as export_module
from clipping_archive.output.export import ID_MARK
from clipping_archive.search.filters import Filters
from clipping_archive.search.hits import COUNT_LIMIT, DEFAULT_LIMIT, Results, run_search
from clipping_archive.search.query import ParsedQuery, parse_query
from clipping_archive.storage import archive_exists, is_server_url, open_store
from clipping_archive.storage.base import Store

# What only some commands need is imported by them (below, in the methods): a `clip
# search` starts in a fraction of a second only if it loads no import pipeline, xlsx
# writer, stats or timeline code it does not use.
if TYPE_CHECKING:
    from clipping_archive.copying import CopyReport
    from clipping_archive.models import Paragraph
    from clipping_archive.output.overview import Overview
    from clipping_archive.output.timeline import Timeline
    from clipping_archive.search.snippets import ClipHits

COLLAPSE_WINDOW = 10  # hits read per hit shown when collapsing copies into one
NEAR_SPELLING = 0.75  # difflib ratio: aanslagg ~ aanslag, not aanval
MIN_PREFIX = 4  # shortest id prefix `get` accepts: shorter ones match too many clips
CANDIDATES_SHOWN = 10
SOURCES_KEY = "sources_file"  # archive_meta: the mapping file the archive uses


@dataclass(frozen=True)
class ReindexReport:
    clips: int
    old_version: str | None
    new_version: str
    sourced: int = 0  # clips whose source, country or language the mapping changed


class Archive:
    """A handle on one archive: a file path (a desk archive, SQLite) or a
    ``postgresql://`` URL (a team archive on a server); the backend is the storage
    contract's (``storage.base.Store``), picked by ``storage.open_store``.

    The archive is opened for reading only until something writes (an import, a
    reindex): a search never creates, alters or converts it. An archive made by an
    earlier release is upgraded in place when opened. ``readonly=True`` refuses writes.
    ``path`` is the file (None for a server); ``location`` names either, for messages."""

    def __init__(self, location: str | Path, *, readonly: bool = False):
        self.path: Path | None = None if is_server_url(location) else Path(location)
        self._url = None if self.path is not None else str(location)
        self.location = str(self.path) if self._url is None else _without_password(self._url)
        self.readonly = readonly
        self._store: Store | None = None
        self._writable = False

    # -- the archive ----------------------------------------------------------------

    def _open(self, readonly: bool) -> Store:
        return open_store(self._url or self.path or "", readonly=readonly)

    @property
    def store(self) -> Store:
        """The storage backend, opened for reading (the archive must exist)."""
        if self._store is None:
            self._store = self._open(readonly=True)
        return self._store

    def _writer(self) -> Store:
        if self.readonly:
            raise ClipError(f"{self.location} is opened read-only")
        if not self._writable or self._store is None:
            if self._store is not None:
                self._store.close()
            self._store = self._open(readonly=False)
            self._writable = True
            _record_versions(self._store)
        return self._store

    def exists(self) -> bool:
        """Whether the archive exists: its file, or its tables in the server's database
        (an empty database becomes an archive on the first write)."""
        if self.path is not None:
            return self.path.exists()
        return archive_exists(self._url or "")

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
            self._writable = False

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- filters --------------------------------------------------------------------

    def filters(
        self,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        author: str | None = None,
        tag: str | Iterable[str] = (),
    ) -> Filters:
        """Keyword filters, checked: a language is a code or a name (``nl``, ``Dutch``);
        a bad date is a ClipError; ``tag`` (one or several: all of them) filters by tags."""
        language = resolve_language(lang, tuple(self.store.languages())) if lang else None
        tags = (tag,) if isinstance(tag, str) else tuple(tag)
        filters = Filters(language, since, until, source, author, tags)
        _ = filters.since_day, filters.until_day  # parse now: errors before any work
        return filters

    # -- commands -------------------------------------------------------------------

    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        dry_run: bool = False,
        source: str | None = None,
        tags: Iterable[str] = (),
        sources: str | Path | SourceMapping | None = None,
        **options,
    ):
        """Import files and folders (recursively). Options as `clip import`'s: ``glob``,
        ``max_bytes``, ``workers``, ``details``, ``on_progress``. Returns an ImportReport
        (``.added``, ``.replaced``, ``.duplicates``, ``.unchanged``, ``.rejected`` ...).

        ``source``: the outlet of every file of this import; ``tags``: tags for every
        clip of it; ``sources``: the archivist's mapping (a CSV file, see
        ``ingest.sources``), remembered by the archive for later imports and `reindex`
        (without it, the one remembered is used). A file whose text changed since it
        was imported replaces its clip (tags and watches' memory kept; the old version
        in `history`)."""
        from clipping_archive.importer import (
            DEFAULT_GLOB,
            DryRun,
            ImportReport,
            count_files,
            import_paths,
            iter_files,
        )

        paths = list(paths)
        tag_names = tuple(dict.fromkeys(" ".join(t.split()) for t in tags))
        if "" in tag_names:
            raise UsageError("--tag needs a name")
        mapping = self.sources(sources)  # a bad mapping stops here: nothing imported
        options["sources"] = mapping.for_import(source, tag_names).with_known(
            self._archived_sources()
        )
        glob = options.get("glob", DEFAULT_GLOB)
        if next(iter_files(paths, glob), None) is None:
            return ImportReport(dry_run=dry_run)  # nothing to import: no archive is made
        if dry_run:
            sink = DryRun(self.store if self.exists() else None)
            report = import_paths(sink, paths, **options)
            report.dry_run = True
            return report
        writer = self._writer()
        if mapping.file and mapping.file != writer.meta(SOURCES_KEY):
            writer.set_meta(SOURCES_KEY, mapping.file)
        with writer.bulk_load(lambda: count_files(paths, glob)):
            return import_paths(writer, paths, **options)

    def sources(self, given: str | Path | SourceMapping | None = None) -> SourceMapping:
        """The sources mapping: the one given (a file, or parsed), else the file this
        archive remembers (the last given to an import), else an empty one. A bad file
        is a UsageError naming its line."""
        if isinstance(given, SourceMapping):
            return given
        if given is not None:
            return load_sources(given)
        remembered = self.store.meta(SOURCES_KEY) if self.exists() else None
        if remembered is None:
            return SourceMapping()
        if not Path(remembered).exists():
            raise ClipError(
                f"the sources mapping this archive uses, {remembered}, is gone: "
                "pass --sources FILE with its new place"
            )
        return load_sources(remembered)

    def _archived_sources(self) -> tuple[str, ...]:
        """The sources the archive holds, most clips first (none before it exists)."""
        if not self.exists():
            return ()
        return tuple(name for name, _ in self.store.facet("source", None, Filters()) if name)

    def get_by_path(self, path: str | Path) -> ClipRecord:
        """The clip a file brought in (`clip show --path FILE`)."""
        clip_id = self.store.clip_for_path(str(path))
        clip = self.store.get(clip_id) if clip_id else None
        if clip is None:
            past = self.store.history(path=str(path))
            if past:
                last = past[-1]
                raise ClipError(f"no clip from {path}: {_history_line(last)}")
            raise ClipError(f"no clip was imported from {path}")
        return as_record(clip)

    def matching_ids(
        self,
        ids: Iterable[str] = (),
        *,
        paths: Iterable[str | Path] = (),
        query: str | None = None,
        **filters,
    ) -> list[str]:
        """Full ids of the clips named by id (or prefix), by file, or matching a query
        (or the filters alone); each once."""
        wanted = [self.get(i)["id"] for i in ids]
        wanted += [self.get_by_path(p)["id"] for p in paths]
        if query or any(v not in (None, (), []) for v in filters.values()):
            wanted += [r["id"] for r in self.export_rows(query, ("id",), **filters)]
        return list(dict.fromkeys(wanted))

    def remove(self, ids: Iterable[str]) -> int:
        """Delete clips (full ids, as `matching_ids` gives) with their index rows, tags,
        fingerprints, clusters and import-log entries, in one transaction; each is kept
        in `history`. Returns how many were removed."""
        ids = list(ids)
        return self._writer().remove_clips(ids) if ids else 0

    def history(self, clip_id: str | None = None, path: str | Path | None = None) -> list[dict]:
        """Clips replaced by a re-import or removed, oldest first."""
        if clip_id is not None:
            clip_id = clip_id.strip().lower().removeprefix(ID_MARK)
        return self.store.history(clip_id, str(path) if path is not None else None)

    def search(
        self,
        query: str,
        *,
        limit: int | None = DEFAULT_LIMIT,
        offset: int = 0,
        sort: str = "relevance",
        count: bool = True,
        count_limit: int | None = COUNT_LIMIT,
        collapse: bool = False,
        **filters,
    ) -> Results:
        """The clips matching ``query``: ``.total`` in all, ``.hits`` on this page (Hit:
        ``.clip`` dict, ``.score``, ``.snippet.text`` and ``.snippet.highlights``).
        ``count=False`` skips counting them all (``.total`` is then the page's length):
        for callers that count them otherwise, as ``overview`` does. Counting stops at
        ``count_limit`` (10,000; None: no limit): past it ``.total_exact`` is false and
        ``.total`` is the limit; ``count`` gives the whole number. With ``collapse``,
        one hit per story (cluster of copies): see `collapse`."""
        window = limit * COLLAPSE_WINDOW if (collapse and limit) else limit
        results = run_search(
            self.store,
            query,
            self.filters(**filters),
            limit=window,
            offset=offset,
            sort=sort,
            count=count,
            count_limit=count_limit,
        )
        return self.collapse(results, limit) if collapse else results

    def overview(self, query: str | None = None, by: str = "month", **filters) -> Overview:
        """How many clips match, their facets (language, source, month) and their
        timeline, counted in one pass over the matches (all clips without a query)."""
        from clipping_archive.output.overview import overview_from_groups

        parsed = parse_query(query) if query else None
        chosen = self.filters(**filters)
        return overview_from_groups(self.store.match_groups(parsed, chosen), chosen, by)

    def list_ids(
        self, *, sort: str = "newest", limit: int = 20, offset: int = 0, **filters
    ) -> list[str]:
        """A page of the (filtered) clips without a query, as ids: ``newest`` first (dated
        clips by the first day their date stands for, latest first, then undated ones,
        latest imported first) or ``oldest`` first (`clip export`'s order); clips of one
        day in import order, reversed for ``newest``. Read from the archive's date index,
        so a page costs the same in any size of archive (`output.listing` gives the
        clips: the search page before anything is typed)."""
        chosen = self.filters(**filters)
        return self.store.list_ids(chosen, sort=sort, limit=limit, offset=offset)

    def count(self, query: str | None = None, **filters) -> int:
        """How many clips match (all clips without a query)."""
        parsed = parse_query(query) if query else None
        return self.store.count_matches(parsed, self.filters(**filters))

    def facets(
        self,
        query: str | None = None,
        names: Iterable[str] = ("language", "source", "month"),
        limit: int | None = None,
        **filters,
    ) -> dict[str, dict]:
        """Counts of the matching clips by language, source, month (or year)."""
        parsed = parse_query(query) if query else None
        chosen = self.filters(**filters)
        return {
            name: {k: n for k, n in self.store.facet(name, parsed, chosen, limit)} for name in names
        }

    def hints(self, query: str, **filters) -> list[str]:
        """Why a search found nothing, for people: what the filters excluded (undated
        clips outside --since/--until among them) and near spellings from the index."""
        parsed = parse_query(query)
        chosen = self.filters(**filters)
        lines: list[str] = []
        if chosen.active:
            unfiltered = self.store.count_matches(parsed, Filters())
            if unfiltered:
                lines.append(f"{unfiltered} clips match without the filters")
            if chosen.since or chosen.until:
                undated_filters = replace(chosen, since=None, until=None)
                months = dict(self.store.facet("month", parsed, undated_filters))
                if undated := months.get(None):
                    lines.append(f"{undated} undated clips are outside --since/--until")
        for word in query.split():
            for term in parse_query(word).terms if not word.startswith("-") else ():
                near = self._near(term)
                if near and term not in dict(near):
                    shown = ", ".join(f"{t} ({n} clips)" for t, n in near)
                    lines.append(f"no clip has {word!r}; near it in the index: {shown}")
                    break
        return lines

    def _near(self, term: str) -> list[tuple[str, int]]:
        from difflib import get_close_matches

        candidates = dict(self.store.vocabulary_near(term))
        if term in candidates:
            return [(term, candidates[term])]
        close = get_close_matches(term, list(candidates), n=3, cutoff=NEAR_SPELLING)
        return [(t, candidates[t]) for t in close]

    def get(self, clip_id: str) -> ClipRecord:
        """A clip by id, or by an unambiguous prefix of at least MIN_PREFIX characters.
        An id as CSV exports write it (`#7649745918e75819`) is taken too."""
        clip_id = clip_id.strip().lower().removeprefix(ID_MARK)
        clip = self.store.get(clip_id)
        if clip is not None:
            return as_record(clip)
        if len(clip_id) < MIN_PREFIX:
            raise ClipError(
                f"id {clip_id!r} is too short: give at least {MIN_PREFIX} characters of it"
            )
        found = self.store.ids_with_prefix(clip_id, CANDIDATES_SHOWN + 1)
        if not found:
            from clipping_archive.ingest.prepare import ID_LENGTH  # the import pipeline

            past = self.store.history(clip_id) if len(clip_id) == ID_LENGTH else []
            if past:
                raise ClipError(f"no clip with id {clip_id!r}: {_history_line(past[-1])}")
            raise ClipError(f"no clip with id {clip_id!r}")
        if len(found) > 1:
            more = ", ..." if len(found) > CANDIDATES_SHOWN else ""
            shown = ", ".join(found[:CANDIDATES_SHOWN])
            raise ClipError(f"id prefix {clip_id!r} matches several clips: {shown}{more}")
        clip = self.store.get(found[0])
        if clip is None:  # gone between the two look-ups (another writer)
            raise ClipError(f"no clip with id {clip_id!r}")
        return as_record(clip)

    def hits_in(
        self, clip: Mapping[str, Any], query: str, paragraphs: tuple[Paragraph, ...] | None = None
    ) -> ClipHits:
        """Where ``query``'s hits are in ``clip`` (a dict from `get`): spans in its title
        and in each of its paragraphs (``clip_paragraphs(clip)`` unless given), found with
        the index's own analysis (`clip show ID --query Q`). A query that cannot search
        raises ClipError."""
        from clipping_archive.output.shapes import clip_paragraphs
        from clipping_archive.search.snippets import clip_hits

        if paragraphs is None:
            paragraphs = clip_paragraphs(clip)
        return clip_hits(
            clip.get("title") or "", clip.get("language"), paragraphs, parse_query(query)
        )

    def export_rows(
        self, query: str | None = None, columns: Iterable[str] | None = None, **filters
    ) -> Iterator[dict]:
        """The rows `clip export` writes, as dicts, streamed."""
        return export_module.export_rows(self.store, query, self.filters(**filters), columns)

    def export(
        self,
        path: str | Path,
        query: str | None = None,
        *,
        format: str = "csv",
        columns: Iterable[str] | str | None = None,
        plain: bool = False,
        rows: Iterable[dict] | None = None,
        **filters,
    ) -> int:
        """Write the clips (all, or those matching ``query``) to ``path``, atomically;
        returns the number of rows."""
        from clipping_archive.output.files import write_atomically, write_path_atomically
        from clipping_archive.output.xlsx import write_xlsx

        if isinstance(columns, str) or columns is None:
            columns = export_module.parse_columns(columns, with_query=bool(query))
        columns = tuple(columns)
        if rows is None:
            rows = self.export_rows(query, columns, **filters)
        if format == "xlsx":
            return write_path_atomically(
                Path(path),
                lambda target: write_xlsx(rows, target, columns),
                protected=self.store.side_files(),
            )
        return write_atomically(
            Path(path),
            lambda out: export_module.write_export(rows, out, format, columns, plain=plain),
            protected=self.store.side_files(),
        )

    def timeline(self, query: str | None = None, by: str = "month", **filters) -> Timeline:
        from clipping_archive.output.timeline import timeline

        return timeline(self.store, query, self.filters(**filters), by=by)

    def stats(self) -> dict:
        from clipping_archive.output.stats import archive_stats

        stats = archive_stats(self.store)
        copies, _clustered = self.store.copy_share()
        stats["copies"] = copies
        stats["copy_share"] = round(copies / stats["clips"], 4) if stats["clips"] else 0.0
        return stats

    def languages(self) -> list[str]:
        return self.store.languages()

    def stale_index_warning(self) -> str | None:
        """One line for stderr when the archive was indexed by another analyzer version."""
        stored = self.store.meta("analyzer_version")
        if stored == ANALYZER_VERSION:
            return None
        return (
            f"warning: the index was built by analyzer {stored or 'unknown'}, this is "
            f"{ANALYZER_VERSION}; results may be incomplete until you run `clip reindex`"
        )

    def stale_fingerprint_warning(self) -> str | None:
        """One line for stderr when the archive's clips were fingerprinted another way:
        a new clip's signature does not compare with theirs, so it joins none of their
        clusters."""
        stored = self.store.meta("fingerprint_version")
        if stored == FINGERPRINT_VERSION or (stored is None and not self.store.has_fingerprints()):
            return None
        return (
            f"warning: near-duplicate fingerprints were made by {stored or EARLIER_FINGERPRINTS}, "
            f"this is {FINGERPRINT_VERSION}; new clips join no earlier cluster until you run "
            "`clip reindex`"
        )

    def reindex(
        self,
        on_clip: Callable[[int], None] | None = None,
        sources: str | Path | SourceMapping | None = None,
    ) -> ReindexReport:
        """Apply the sources mapping (given, or the one the archive remembers) to every
        clip's source, country and language, then rebuild the search index with this
        version's analyzers, and the near-duplicate fingerprints and clusters, in one
        transaction."""
        _ = self.store  # an archive to rebuild must exist: never created here
        mapping = self.sources(sources)
        store = self._writer()
        if mapping.file and mapping.file != store.meta(SOURCES_KEY):
            store.set_meta(SOURCES_KEY, mapping.file)
        # The archive's own spellings too: two spellings of one outlet become the one
        # with more clips.
        mapping = mapping.with_known(self._archived_sources())
        sourced = store.set_source_fields(self._source_changes(mapping))
        old = store.meta("analyzer_version")
        facts = {"analyzer_version": ANALYZER_VERSION, "fingerprint_version": FINGERPRINT_VERSION}
        from clipping_archive.ingest import index_row  # the import pipeline's own analysis

        count = store.rebuild_index(index_row, on_clip, facts)
        return ReindexReport(count, old, ANALYZER_VERSION, sourced)

    def _source_changes(self, mapping: SourceMapping) -> dict[str, dict[str, str | None]]:
        """What the mapping says of each archived clip (a sidecar still beside its file
        wins for the source, as at import)."""
        from clipping_archive.ingest.sidecar import SidecarError, load_sidecar

        changes: dict[str, dict[str, str | None]] = {}
        columns = ("path", "source", "country", "language")
        for batch in self.store.iter_clips(None, Filters(), columns):
            for clip in batch:
                path = clip.get("path") or ""
                try:
                    sidecar = load_sidecar(Path(path)) if path else None
                except (SidecarError, OSError):
                    sidecar = None
                source, country, language = mapping.decide(
                    (path, str(Path(path).absolute())),
                    clip.get("source"),
                    clip.get("language"),
                    sidecar_source=(sidecar or {}).get("source"),
                )
                fields = {"source": source, "country": country, "language": language}
                if any(clip.get(k) != v for k, v in fields.items()):
                    changes[clip["id"]] = fields
        return changes

    def copy_to(
        self,
        destination: str | Path,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> CopyReport:
        """Copy this whole archive into another (a file path or a ``postgresql://``
        URL; created when it does not exist): every clip with its id, text, columns and
        tags, the import log, the history, the watches with what they reported. The
        destination indexes the clips with this release's analysis and makes its
        clusters in this archive's import order. What it already holds is skipped: run
        again (or after being killed) a copy adds only what is missing. Returns a
        CopyReport (``.clips.added``, ``.clips.present``, ...)."""
        from clipping_archive.copying import copy_archive, same_archive

        if same_archive(self._url or self.path or "", destination):
            raise UsageError(f"{self.location} is both the source and the destination")
        if self.path is not None and not self.path.exists():  # checked before DEST is made
            raise ClipError(f"no archive at {self.path} to copy")
        source = self.store
        with Archive(destination) as target:
            report = copy_archive(source, target._writer(), on_progress)
            for warning in (target.stale_index_warning(), target.stale_fingerprint_warning()):
                if warning:
                    report.notes.append(f"{warning} (in {target.location})")
        return report

    # -- curating, monitoring, counting ---------------------------------------------

    def tag_add(
        self, name: str, ids: Iterable[str] = (), *, query: str | None = None, **filters
    ) -> int:
        """Tag clips with ``name`` (by id or prefix, or every match of ``query`` and the
        filters, ``tag=`` among them); returns how many gained the tag."""
        return self._tag(name, ids, query, filters, add=True)

    def tag_remove(
        self, name: str, ids: Iterable[str] = (), *, query: str | None = None, **filters
    ) -> int:
        return self._tag(name, ids, query, filters, add=False)

    def _tag(self, name: str, ids, query, filters, *, add: bool) -> int:
        tag = " ".join(name.split())
        if not tag:
            raise ClipError("a tag needs a name")
        wanted = [self.get(i)["id"] for i in ids]
        if query:
            wanted += [r["id"] for r in self.export_rows(query, ("id",), **filters)]
        found = self.store.existing_ids(list(dict.fromkeys(wanted)))
        if not found:
            raise ClipError("no clip to tag: give ids or a query that matches")
        return self._writer().change_tag(tag, found, add=add)

    def tags(self) -> list[dict]:
        """Every tag with how many clips carry it, most first."""
        return [{"tag": t, "clips": n} for t, n in self.store.tag_counts()]

    def watch_add(self, name: str, query: str, **filters) -> None:
        """Save a search; `watch_run` then reports what is new since it last ran."""
        parse_query(query)  # a query that cannot be parsed is refused now, not at each run
        self.filters(**filters)
        kept = {k: v for k, v in filters.items() if v not in (None, (), [])}
        self._writer().add_watch(" ".join(name.split()), query, kept)

    def watch_remove(self, name: str) -> None:
        if not self._writer().remove_watch(name):
            raise ClipError(f"no watch named {name!r}")

    def watches(self) -> list[dict]:
        return self.store.watches()

    def watch_new(self, name: str | None = None) -> list[tuple[str, list[dict]]]:
        """(watch, its new matching clips) for each watch (or the one named), without
        remembering them: what `clip import` reports."""
        chosen = [w for w in self.store.watches() if name is None or w["name"] == name]
        if name is not None and not chosen:
            raise ClipError(f"no watch named {name!r}")
        out = []
        for watch in chosen:
            rows = list(
                self.export_rows(
                    watch["query"],
                    ("id", "title", "date", "language", "source"),
                    **watch["filters"],
                )
            )
            seen = self.store.seen_by_watch(watch["name"], [r["id"] for r in rows])
            out.append((watch["name"], [r for r in rows if r["id"] not in seen]))
        return out

    def watch_run(self, name: str | None = None) -> list[tuple[str, list[dict]]]:
        """The clips new to each watch since it last ran (first run: every current
        match), then remembers them, so each is reported once."""
        found = self.watch_new(name)
        writer = self._writer()
        for watch, new in found:
            writer.remember_seen(watch, [r["id"] for r in new])
        return found

    def batch(self, queries: Iterable[str], by: str | None = None, **filters) -> list[dict]:
        """Per query: its total and, with ``by`` (month or year), the counts per period.
        A query that cannot be parsed gets its error in its own row; the others go on."""
        out = []
        for query in queries:
            row: dict = {"query": query}
            try:
                row["total"] = self.count(query, **filters)
                if by:
                    line = self.timeline(query, by=by, **filters)
                    row["periods"] = {p["period"]: p["total"] for p in line.rows()}
            except ClipError as exc:
                row["error"] = str(exc)
            out.append(row)
        return out

    # -- wire copy -------------------------------------------------------------------

    def dups(self, query: str | None = None, *, min_size: int = 2, **filters) -> list[dict]:
        """Clusters of near-duplicate clips (copies of one story), largest first; with a
        query or filters, the clusters holding a matching clip. Each: ``cluster``,
        ``size``, ``first`` (earliest date, then earliest import), ``clips`` in that order,
        ``sources``."""
        ids = None
        if query or any(v not in (None, (), []) for v in filters.values()):
            ids = [r["id"] for r in self.export_rows(query, ("id",), **filters)]
        return self.store.clusters(ids, min_size=min_size)

    def copies(self, clip_id: str) -> list[dict]:
        """The other clips in this clip's cluster, in lineage order."""
        clip = self.get(clip_id)
        found = self.store.clusters([clip["id"]], min_size=2)
        return [c for c in found[0]["clips"] if c["id"] != clip["id"]] if found else []

    def collapse(self, results: Results, limit: int | None) -> Results:
        """One hit per cluster (the best ranked), each clip dict gaining ``copies`` (the
        other clips of its story) and ``copy_sources`` (their distinct sources)."""
        clusters = self.store.cluster_of([h.clip["id"] for h in results.hits])
        kept, seen = [], set()
        for hit in results.hits:
            cluster, size = clusters.get(hit.clip["id"], (hit.clip["id"], 1))
            if cluster in seen:
                continue
            seen.add(cluster)
            hit.clip["copies"] = size - 1
            kept.append(hit)
        for entry in self.store.clusters([h.clip["id"] for h in kept], min_size=2):
            for hit in kept:
                if clusters.get(hit.clip["id"], (None,))[0] == entry["cluster"]:
                    hit.clip["copy_sources"] = len(entry["sources"])
        return replace(results, hits=kept[:limit] if limit else kept)

    def parse(self, query: str) -> ParsedQuery:
        return parse_query(query)


def as_record(clip: dict) -> ClipRecord:
    """A backend's clip (``Store.get``) as the typed record every output shares."""
    return cast(ClipRecord, clip)


def _history_line(entry: dict) -> str:
    if entry["event"] == "replaced":
        return f"its file changed and it was replaced by {entry['replaced_by']} ({entry['at']})"
    return f"it was removed ({entry['at']})"


def _without_password(url: str) -> str:
    """A server URL fit for messages: its password, if any, left out."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}@{netloc[1]}"))


def _record_versions(store: Store) -> None:
    """The analysis an archive's index and fingerprints were made with, recorded when a
    writer first opens it: a new (empty) archive takes this release's analyzer; one whose
    fingerprint version was never recorded has datasketch's signatures if it has any
    (made before it was recorded), else takes this release's. Here, not in a backend,
    as the versions are the library's."""
    if store.meta("analyzer_version") is None and store.count() == 0:
        store.set_meta("analyzer_version", ANALYZER_VERSION)
    if store.meta("fingerprint_version") is None:
        store.set_meta(
            "fingerprint_version",
            EARLIER_FINGERPRINTS if store.has_fingerprints() else FINGERPRINT_VERSION,
        )

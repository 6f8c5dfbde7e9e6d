"""`clip import`: progress while it runs, a summary when it ends."""

from __future__ import annotations

import re
import sys
import threading
import time

import click
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from clipping_archive.cli.console import Console
from clipping_archive.cli.options import (
    db_option,
    emit_json,
    json_option,
    message,
    open_archive,
)
from clipping_archive.importer import (
    DEFAULT_GLOB,
    DEFAULT_WORKERS,
    ImportReport,
    count_files,
)
from clipping_archive.ingest import MAX_FILE_BYTES
from clipping_archive.ingest.globs import FileGlobs
from clipping_archive.output.terminal import safe

PLAIN_PROGRESS_EVERY = 5.0  # seconds between progress lines when stderr is not a terminal
EXAMPLES_SHOWN = 10  # duplicates/rejections listed by name in the human summary


class ByteSize(click.ParamType):
    """A size in bytes: 5000000, 500K, 10M, 1G."""

    name = "size"
    _units = {"": 1, "K": 1024, "M": 1024**2, "G": 1024**3}

    def convert(self, value, param, ctx) -> int:
        if isinstance(value, int):
            return value
        match = re.fullmatch(r"\s*(\d+)\s*([KMG]?)i?B?\s*", str(value), re.IGNORECASE)
        if not match or int(match[1]) == 0:
            self.fail(f"{value!r} is not a size (e.g. 500K, 10M)", param, ctx)
        return int(match[1]) * self._units[match[2].upper()]


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help=f"Which files in folders (default {DEFAULT_GLOB!r}; repeatable: any of them). "
    "A pattern with a slash matches the path under the folder imported ('nos/*.txt', "
    "'**/nos/*.txt').",
)
@click.option(
    "--dry-run", is_flag=True, help="Report what would be added, without writing anything."
)
@click.option(
    "--max-bytes",
    type=ByteSize(),
    default=MAX_FILE_BYTES,
    show_default="10M",
    help="Reject files larger than this (500K, 10M...).",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    default=DEFAULT_WORKERS,
    show_default=True,
    help="Worker processes for decoding and analysis (0 or 1: all in this process).",
)
@click.option("--source", metavar="NAME", help="The outlet of every file of this import.")
@click.option(
    "--tag",
    "tags",
    multiple=True,
    metavar="TAG",
    help="Tag every clip of this import (repeatable).",
)
@click.option(
    "--sources",
    "sources",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="The sources mapping (CSV: folder or file pattern -> outlet, country, language); "
    "remembered by the archive for later imports and reindex.",
)
@db_option
@json_option
@click.pass_context
def import_cmd(
    ctx: click.Context,
    paths: tuple[str, ...],
    globs: tuple[str, ...],
    dry_run: bool,
    max_bytes: int,
    workers: int,
    source: str | None,
    tags: tuple[str, ...],
    sources: str | None,
    as_json: bool,
) -> None:
    """Import clip files and folders (recursively) into the archive. A file imported
    before whose text changed replaces its clip (the old one is kept in the history)."""
    if any(not " ".join(t.split()) for t in tags):
        raise click.BadParameter("a tag needs a name", param_hint="--tag")
    if source is not None and not source.strip():
        raise click.BadParameter("an outlet needs a name", param_hint="--source")
    glob = FileGlobs.of(globs or (DEFAULT_GLOB,))
    progress = _progress(list(paths), glob)
    try:
        with progress as on_progress, open_archive(ctx) as archive:
            report = archive.import_paths(
                list(paths),
                dry_run=dry_run,
                source=source,
                tags=tags,
                sources=sources,
                glob=glob,
                max_bytes=max_bytes,
                workers=workers,
                details=as_json,
                on_progress=on_progress,
            )
    except KeyboardInterrupt:
        # Batches already committed stay; the one in progress was rolled back.
        done = progress.last.added if progress.last else 0
        message(f"interrupted: {done} clips stored so far; run the same import again to finish")
        ctx.exit(130)
    if report.files == 0:
        message(
            f"warning: no file under {', '.join(map(safe, paths))} matches "
            f"--glob {safe(str(glob))}: nothing imported"
            + ("" if archive.exists() else f"; {safe(archive.location)} was not created")
        )
    watches = []
    if (report.added or report.replaced_count) and not report.dry_run:
        with open_archive(ctx) as archive:
            if warning := archive.stale_fingerprint_warning():
                message(warning)  # the new clips were filed apart from the older ones
            if not as_json:
                watches = archive.watch_new()
    if as_json:
        emit_json(report.as_json())
        return
    _summary(report, archive.location)
    for watch, new in watches:
        if new:
            message(f"watch {safe(watch)}: {len(new)} new")


class _progress:
    """A rich progress bar (files/s, ETA) on a terminal, a plain line every few seconds
    otherwise. The total is counted in a background thread, so a huge folder starts
    importing at once instead of sitting at 0% while it is listed."""

    def __init__(self, paths: list[str], glob: FileGlobs):
        self.paths, self.glob = paths, glob
        self.total: int | None = None
        self.tty = sys.stderr.isatty()
        self.bar: Progress | None = None
        self.last_line = time.monotonic()
        self.last: ImportReport | None = None

    def __enter__(self):
        threading.Thread(target=self._count, daemon=True).start()
        if self.tty:
            self.bar = Progress(
                TextColumn("importing"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} files/s"),
                TimeElapsedColumn(),
                TextColumn("ETA"),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("import", total=None, rate="-")
        return self.update

    def _count(self) -> None:
        try:
            self.total = count_files(self.paths, self.glob)
        except Exception:  # noqa: BLE001 - a missing path is reported by the import itself
            self.total = None

    def update(self, report: ImportReport) -> None:
        self.last = report
        rate = report.files / report.seconds if report.seconds else 0.0
        if self.bar is not None:
            self.bar.update(self.task, completed=report.files, total=self.total, rate=f"{rate:.0f}")
        elif time.monotonic() - self.last_line >= PLAIN_PROGRESS_EVERY:
            self.last_line = time.monotonic()
            of = f"/{self.total}" if self.total else ""
            message(
                f"importing: {report.files}{of} files, {report.added} added, "
                f"{report.duplicates} duplicates, {report.rejected_count} rejected "
                f"({rate:.0f} files/s)"
            )

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _summary(report: ImportReport, archive_location: str) -> None:
    verb = "would be added" if report.dry_run else "added"
    unchanged = f", {report.unchanged} unchanged" if report.unchanged else ""
    replaced = (
        f", {report.replaced_count} {'would be ' if report.dry_run else ''}replaced"
        if report.replaced_count
        else ""
    )
    message(
        f"{report.added} {verb}{replaced}, {report.duplicates} duplicates, "
        f"{report.rejected_count} rejected{unchanged} (archive: {safe(archive_location)})"
    )
    table = Table(title="dry run: nothing written" if report.dry_run else None)
    table.add_column("import")
    table.add_column("", justify="right")
    table.add_row("files", str(report.files))
    table.add_row(verb, str(report.added))
    if report.replaced_count:
        table.add_row("replaced (file changed)", str(report.replaced_count))
    table.add_row("duplicates", str(report.duplicates))
    if report.unchanged:
        table.add_row("unchanged (imported before)", str(report.unchanged))
    for reason, count in sorted(report.rejected_by_reason.items()):
        table.add_row(f"rejected: {reason}", str(count))
    table.add_row("time", f"{report.seconds:.2f} s")
    rate = report.files / report.seconds if report.seconds else 0.0
    table.add_row("clips/s", f"{report.added / report.seconds:.0f}" if report.seconds else "-")
    table.add_row("files/s", f"{rate:.0f}")
    Console(stderr=True).print(table)
    for path, clip_id, old_id in report.replaced[:EXAMPLES_SHOWN]:
        message(f"  replaced: {safe(path)}: clip {old_id} -> {clip_id}")
    for path, clip_id in report.duplicate_of[:EXAMPLES_SHOWN]:
        message(f"  duplicate: {safe(path)} = clip {clip_id}")
    for rejection in report.rejected[:EXAMPLES_SHOWN]:
        message(f"  rejected: {safe(rejection.path)}: {safe(rejection.reason)}")
    hidden = max(0, report.duplicates - EXAMPLES_SHOWN) + max(
        0, report.rejected_count - EXAMPLES_SHOWN
    )
    if hidden:
        message(f"  ... and {hidden} more (`--json` lists them all)")

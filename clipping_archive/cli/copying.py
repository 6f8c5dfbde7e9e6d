"""`clip copy SOURCE DEST`: a whole archive into another, on any backend (a desk
archive into the team server: `clip copy data/archive.db postgresql://127.0.0.1/team`)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from clipping_archive.archive import Archive
from clipping_archive.cli.options import emit_json, json_option, message
from clipping_archive.errors import ClipError
from clipping_archive.output.terminal import safe
from clipping_archive.output.words import counted

PROGRESS_EVERY = 5.0  # seconds between progress lines


@click.command("copy")
@click.argument("source", metavar="SOURCE")
@click.argument("destination", metavar="DEST")
@json_option
@click.pass_context
def copy_cmd(ctx: click.Context, source: str, destination: str, as_json: bool) -> None:
    """Copy the archive SOURCE whole into DEST (a file, or a postgresql:// URL; made if
    it does not exist): clips with their ids, texts, tags and every column, the import
    log, the history, watches. What DEST holds already is skipped, so running it again
    adds nothing, and a copy interrupted is finished by running it again."""
    _check_folder(destination)
    progress = _Progress()
    try:
        with Archive(source, readonly=True) as archive:
            report = archive.copy_to(destination, on_progress=progress)
    except KeyboardInterrupt:
        message(
            f"interrupted: {progress.done} clips copied so far; run the same copy again to finish"
        )
        ctx.exit(130)
    for note in report.notes:
        message(safe(note))
    for name in report.conflicts:
        message(
            f"warning: {safe(report.destination)} has a watch named {safe(name)!r} with "
            "another query: left as it is, this one not copied"
        )
    if as_json:
        emit_json(report.as_dict())
        return
    message(f"copied {safe(report.source)} -> {safe(report.destination)}")
    message(
        f"  clips: {report.clips.added} added, {report.clips.present} already there"
        + (f" ({counted(report.tags, 'tag')} added to them)" if report.tags else "")
    )
    message(
        f"  import log: {counted(report.import_log.added, 'entry', 'entries')} added, "
        f"{report.import_log.present} already there"
    )
    message(f"  history: {report.history.added} added, {report.history.present} already there")
    message(
        f"  watches: {report.watches.added} added, {report.watches.present} already there "
        f"({counted(report.reported, 'reported clip')} remembered)"
    )
    if not report.added_anything:
        message("  nothing to add: the destination held all of it")


def _check_folder(destination: str) -> None:
    """A destination file goes only into an existing folder: a mistyped folder is
    refused, not made (as `--db`)."""
    if "://" in destination:
        return
    folder = Path(destination).parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ClipError(
            f"{safe(destination)}: the folder {safe(str(folder))} {what} "
            "(archives are created only in an existing folder)"
        )


class _Progress:
    """A line on stderr every few seconds (a copy of a big archive takes minutes)."""

    def __init__(self) -> None:
        self.done = 0
        self.started = self.last = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        self.done = done
        now = time.monotonic()
        if now - self.last >= PROGRESS_EVERY or (done == total and sys.stderr.isatty()):
            self.last = now
            rate = done / (now - self.started) if now > self.started else 0.0
            message(f"copying: {done}/{total} clips ({rate:.0f} clips/s)")

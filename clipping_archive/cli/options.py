"""Options and helpers shared by the commands."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from clipping_archive.errors import ClipError
from clipping_archive.output.terminal import safe

if TYPE_CHECKING:
    from clipping_archive.archive import Archive

DEFAULT_DB = "data/archive.db"


def _remember_db(ctx: click.Context, _param, value: str | None) -> None:
    if value is not None:
        ctx.ensure_object(dict)
        ctx.obj["db_override"] = value


def db_option(f: Callable) -> Callable:
    """`--db` after the command name too (`clip search x --db a.db`); it wins over the
    group's `--db`, which wins over CLIP_DB, which wins over data/archive.db."""
    return click.option(
        "--db",
        metavar="PATH|URL",
        expose_value=False,
        is_eager=True,
        callback=_remember_db,
        help="Archive file or postgresql:// URL (also CLIP_DB; default data/archive.db).",
    )(f)


def db_path(ctx: click.Context) -> str:
    """The archive: `--db` after the command, before it, CLIP_DB, the default. A file
    path, or a ``postgresql://`` URL (``Archive`` tells them apart; a path stays a path,
    even one that looks odd)."""
    obj = ctx.find_root().obj or {}
    return (
        (ctx.obj or {}).get("db_override") or obj.get("db_override") or obj.get("db") or DEFAULT_DB
    )


def open_archive(ctx: click.Context) -> Archive:
    """The archive, opened for reading until a command writes to it."""
    from clipping_archive.archive import Archive  # the library: loaded by commands only

    return Archive(checked_db_path(ctx))


def checked_db_path(ctx: click.Context) -> str:
    """db_path, refused when its folder does not exist: a mistyped `--db arhcive/x.db`
    would otherwise be created there silently, and the next command, typed right, would
    not find what was imported. Only the default's folder (data/) is made on first use.
    A URL (postgresql://...) names no folder and is passed on as it is."""
    path = db_path(ctx)
    if path == DEFAULT_DB or "://" in path:
        return path
    folder = Path(path).parent  # as the archive will open it: a quoted "~" is no home
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise ClipError(
            f"--db {safe(path)}: the folder {safe(str(folder))} {what} "
            "(archives are created only in an existing folder)"
        )
    return path


def filter_options(f: Callable) -> Callable:
    for decorator in reversed(
        [
            click.option(
                "--lang",
                "lang",
                metavar="CODE",
                help="Only clips in this language (nl, ar, en...).",
            ),
            click.option(
                "--since", metavar="DATE", help="Clips dated on or after (YYYY[-MM[-DD]])."
            ),
            click.option(
                "--until", metavar="DATE", help="Clips dated on or before (YYYY[-MM[-DD]])."
            ),
            click.option(
                "--source",
                metavar="NAME",
                help="Only clips whose source has these words (case, accents ignored).",
            ),
            click.option(
                "--author",
                metavar="NAME",
                help="Only clips whose author has these words (case, accents ignored).",
            ),
            click.option(
                "--tag",
                "tag",
                multiple=True,
                metavar="TAG",
                help="Only clips with this tag (repeatable: all of them).",
            ),
        ]
    ):
        f = decorator(f)
    return f


def json_option(f: Callable) -> Callable:
    return click.option("--json", "as_json", is_flag=True, help="Machine-readable JSON on stdout.")(
        f
    )


def emit_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def message(text: str) -> None:
    """Progress and notes go to stderr, so stdout stays clean for --json and exports."""
    click.echo(text, err=True)

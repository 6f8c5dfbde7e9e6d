"""`clip show`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.text import Text

from clipping_archive.cli.options import db_option, emit_json, json_option, open_archive

SHOWN_FIELDS = (
    "id",
    "title",
    "title_derived",
    "date",
    "language",
    "languages",
    "author",
    "source",
    "url",
    "tags",
    "path",
    "encoding",
    "imported_at",
)


@click.command("show")
@click.argument("clip_id")
@click.option("--raw", is_flag=True, help="Also the raw text as read from the file.")
@db_option
@json_option
@click.pass_context
def show_cmd(ctx, clip_id: str, raw: bool, as_json: bool) -> None:
    """Show one clip by id (or an unambiguous id prefix)."""
    with open_archive(ctx) as archive:
        clip = archive.get(clip_id)
    if as_json:
        out = {k: clip.get(k) for k in SHOWN_FIELDS}
        out["body"] = clip["body"]
        if raw:
            out["raw"] = clip["raw"]
        emit_json(out)
        return
    console = Console(highlight=False)
    header = Text()
    for key in SHOWN_FIELDS:
        value = clip.get(key)
        if value in (None, [], ""):
            continue
        if isinstance(value, list):
            value = ", ".join(map(str, value))
        header.append(f"{key:>13}: ", style="dim")
        header.append(f"{value}\n")
    console.print(header)
    console.print(clip["body"])
    if raw:
        console.rule("raw")
        console.print(clip["raw"], markup=False)

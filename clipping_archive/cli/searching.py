"""`clip search`."""

from __future__ import annotations

import click
from rich.console import Console
from rich.text import Text

from clipping_archive.cli.options import (
    db_option,
    emit_json,
    filter_options,
    json_option,
    make_filters,
    open_archive,
)
from clipping_archive.search import SORTS, Hit, search

JSON_FIELDS = ("id", "title", "date", "language", "author", "source", "path")


@click.command("search")
@click.argument("query")
@filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--sort", type=click.Choice(list(SORTS)), default="relevance", show_default=True)
@db_option
@json_option
@click.pass_context
def search_cmd(ctx, query, limit, sort, as_json, **filter_kwargs) -> None:
    """Search the archive: words must all match; any language."""
    with open_archive(ctx) as archive:
        hits = search(archive, query, make_filters(**filter_kwargs), limit=limit, sort=sort)
    if as_json:
        for hit in hits:
            emit_json(hit_json(hit))
        return
    console = Console(highlight=False)
    if not hits:
        console.print("No clips match.", style="dim")
    for hit in hits:
        console.print(render_hit(hit))


def hit_json(hit: Hit) -> dict:
    out = {k: hit.clip.get(k) for k in JSON_FIELDS}
    out["score"] = round(hit.score, 4)
    out["snippet"] = hit.snippet.text
    out["highlights"] = [list(span) for span in hit.snippet.highlights]
    return out


def render_hit(hit: Hit) -> Text:
    clip = hit.clip
    text = Text()
    text.append(clip["id"], style="cyan")
    text.append(f"  {clip.get('date') or '????'}  {clip.get('language') or '??'}  ", style="dim")
    text.append((clip.get("title") or "(untitled)") + "\n", style="bold")
    snippet = Text("    " + hit.snippet.text + "\n")
    for start, end in hit.snippet.highlights:
        snippet.stylize("bold yellow reverse", start + 4, end + 4)
    text.append_text(snippet)
    return text

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
    message,
    open_archive,
)
from clipping_archive.query import parse_query
from clipping_archive.reindex import stale_index_warning
from clipping_archive.search import SORTS, Hit, find_hits, search

JSON_FIELDS = ("id", "title", "date", "language", "author", "source", "path")
HIT_STYLE = "bold yellow reverse"
INDENT = "    "


# A query may start with "-" (`clip search aanslag -Teheran`) and need not be quoted
# (`clip search aanslag Moskou`): unknown options are kept as query words. Only --help
# asks for help as an option (click reads -Teheran as -T -e -h..., and -h would win);
# a query of "-h" alone, which could mean nothing else, shows the help too.
@click.command(
    "search",
    context_settings={"ignore_unknown_options": True, "help_option_names": ["--help"]},
)
@click.argument("words", nargs=-1, required=True, metavar="QUERY")
@filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1))
@click.option("--sort", type=click.Choice(list(SORTS)), default="relevance", show_default=True)
@db_option
@json_option
@click.pass_context
def search_cmd(ctx, words, limit, sort, as_json, **filter_kwargs) -> None:
    """Search the archive in any language: words (all must match), "phrases", a OR b,
    -word / NOT word, prefix*."""
    if words == ("-h",):
        click.echo(ctx.get_help())
        return
    query = " ".join(words)
    with open_archive(ctx) as archive:
        warning = stale_index_warning(archive)
        if warning:
            message(warning)
        hits = search(archive, query, make_filters(**filter_kwargs), limit=limit, sort=sort)
    if as_json:
        for hit in hits:
            emit_json(hit_json(hit))
        return
    console = Console(highlight=False)
    if not hits:
        console.print("No clips match.", style="dim")
    title_query = parse_query(query) if hits else None
    for hit in hits:
        console.print(
            render_hit(
                hit, find_hits(hit.clip.get("title") or "", [hit.clip.get("language")], title_query)
            )
        )


def hit_json(hit: Hit) -> dict:
    out = {k: hit.clip.get(k) for k in JSON_FIELDS}
    out["score"] = round(hit.score, 4)
    out["snippet"] = hit.snippet.text
    out["highlights"] = [list(span) for span in hit.snippet.highlights]
    return out


def render_hit(hit: Hit, title_hits: list[tuple[int, int]] = ()) -> Text:
    """Hits are marked by style only (no inserted brackets), and each snippet is printed in
    logical order on its own line: a bidi-aware terminal then lays an Arabic snippet out
    right to left, and copying it gives the original text."""
    clip = hit.clip
    text = Text()
    text.append(clip["id"], style="cyan")
    text.append(f"  {clip.get('date') or '????'}  {clip.get('language') or '??'}  ", style="dim")
    title = Text(clip.get("title") or "(untitled)", style="bold")
    for start, end in title_hits:
        title.stylize(HIT_STYLE, start, end)
    text.append_text(title)
    text.append("\n")
    snippet = Text(INDENT + hit.snippet.text + "\n")
    for start, end in hit.snippet.highlights:
        snippet.stylize(HIT_STYLE, start + len(INDENT), end + len(INDENT))
    text.append_text(snippet)
    return text

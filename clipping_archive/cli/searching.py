"""`clip search`."""

from __future__ import annotations

import click
from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from clipping_archive.cli.console import Console
from clipping_archive.cli.options import (
    db_option,
    emit_json,
    filter_options,
    json_option,
    message,
    open_archive,
)
from clipping_archive.output.shapes import hit_json
from clipping_archive.output.stories import count_stories
from clipping_archive.output.terminal import HIT_STYLE, safe
from clipping_archive.output.words import counted
from clipping_archive.search.hits import SORT_ORDERS, Hit, Results

INDENT = "    "
UNKNOWN = "-"  # an unknown date or language: a plain dash, not "????" beside Arabic
MAX_LIMIT = 1_000_000_000  # SQLite takes 64-bit integers; no page is larger than this


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
@click.option("--limit", default=20, show_default=True, type=click.IntRange(min=1, max=MAX_LIMIT))
@click.option("--sort", type=click.Choice(SORT_ORDERS), default="relevance", show_default=True)
@click.option(
    "--count",
    is_flag=True,
    help="Print only the number of matching clips (of stories, with --collapse).",
)
@click.option("--collapse", is_flag=True, help="One hit per story: copies folded into it.")
@db_option
@json_option
@click.pass_context
def search_cmd(ctx, words, limit, sort, count, collapse, as_json, **filter_kwargs) -> None:
    """Search the archive in any language: words (all must match), "phrases", a OR b,
    -word / NOT word, prefix*. Says "N of M" (clips shown of clips matching) on stderr;
    M is counted up to 10000 ("10000+"): --count counts them all."""
    if words == ("-h",):
        click.echo(ctx.get_help())
        return
    _refuse_unknown_options(ctx, words)
    query = " ".join(words)
    with open_archive(ctx) as archive:
        for warning in (
            archive.stale_index_warning(),
            archive.stale_fingerprint_warning() if collapse else None,
        ):
            if warning:
                message(warning)
        if count:
            # With --collapse the stories are counted, as the hits are shown: one a story.
            if collapse:
                click.echo(count_stories(archive, query, **filter_kwargs))
            else:
                click.echo(archive.count(query, **filter_kwargs))
            return
        results = archive.search(query, limit=limit, sort=sort, collapse=collapse, **filter_kwargs)
        hints = archive.hints(query, **filter_kwargs) if not results.total else []
    message(f"{len(results.hits)} of {matching(results)}")
    for hint in hints:
        message(f"hint: {safe(hint)}")
    if as_json:
        for hit in results.hits:
            out = hit_json(hit)
            if collapse:
                out["copies"] = hit.clip.get("copies", 0)
            emit_json(out)
        return
    console = Console(highlight=False)
    if not results.hits:
        console.print("No clips match.", style="dim")
    for hit in results.hits:
        console.print(render_hit(hit))


def matching(results: Results) -> str:
    """ "12 clips", or "10000+ clips" where the search stopped counting (--count counts
    them all)."""
    if results.total_exact:
        return counted(results.total, "clip")
    return f"{results.total}+ clips"


def _refuse_unknown_options(ctx: click.Context, words: tuple[str, ...]) -> None:
    """`--limt 3` is a mistyped option, not two query words: a usage error naming it.
    A single dash stays an exclusion (`-Teheran`)."""
    for word in words:
        if word.startswith("--") and len(word) > 2 and word[2].isalpha():
            name = word.split("=", 1)[0]
            raise click.NoSuchOption(name, ctx=ctx)


def render_hit(hit: Hit) -> Group:
    """Hits are marked by style only (no inserted brackets), and each snippet is printed in
    logical order on its own line: a bidi-aware terminal then lays an Arabic snippet out
    right to left, and copying it gives the original text. Title and snippet keep their
    indent when they wrap, at any width; every field is made safe for the terminal
    (control characters and bidi overrides replaced one for one, so highlights stay)."""
    clip = hit.clip
    head = Table.grid(padding=(0, 2))
    head.add_column(no_wrap=True, style="cyan")
    head.add_column(no_wrap=True, style="dim")
    head.add_column(no_wrap=True, style="dim")
    head.add_column(ratio=1)
    title = Text(safe(clip.get("title")) or "(untitled)", style="bold")
    for start, end in hit.title_highlights:
        title.stylize(HIT_STYLE, start, end)
    head.add_row(clip["id"], clip.get("date") or UNKNOWN, clip.get("language") or UNKNOWN, title)
    snippet = Text(safe(hit.snippet.text))
    for start, end in hit.snippet.highlights:
        snippet.stylize(HIT_STYLE, start, end)
    below = 1 if not clip.get("copies") else 0
    parts: list[RenderableType] = [head, Padding(snippet, (0, 0, below, len(INDENT)))]
    if copies := clip.get("copies"):
        sources = clip.get("copy_sources", 0)
        where = f" in {counted(sources, 'source')}" if sources else ""  # none named: say none
        note = Text(f"+{counted(copies, 'copy', 'copies')}{where}", style="dim")
        parts.append(Padding(note, (0, 0, 1, len(INDENT))))
    return Group(*parts)

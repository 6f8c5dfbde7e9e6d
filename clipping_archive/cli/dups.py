"""`clip dups`: near-duplicate clusters (wire copy), largest first."""

from __future__ import annotations

import click

from clipping_archive.cli.options import (
    db_option,
    emit_json,
    filter_options,
    json_option,
    message,
    open_archive,
)
from clipping_archive.output.terminal import safe
from clipping_archive.output.words import counted


@click.command("dups")
@click.argument("query", required=False)
@filter_options
@click.option("--min-size", type=click.IntRange(min=2), default=2, show_default=True)
@db_option
@json_option
@click.pass_context
def dups_cmd(ctx, query, min_size, as_json, **filters) -> None:
    """Clusters of copies of one story (all, or those holding a clip matching QUERY),
    largest first, each with its first clip and its sources."""
    with open_archive(ctx) as archive:
        if warning := archive.stale_fingerprint_warning():
            message(warning)
        clusters = archive.dups(query, min_size=min_size, **filters)
    for entry in clusters:
        if as_json:
            emit_json(
                {
                    "cluster": entry["cluster"],
                    "size": entry["size"],
                    "first": entry["first"],
                    "clips": [c["id"] for c in entry["clips"]],
                    "sources": entry["sources"],
                }
            )
            continue
        first = entry["clips"][0]
        size = counted(entry["size"], "copy", "copies")
        click.echo(
            f"{size}, first {first['id']} {first.get('date') or '-'}: "
            f"{safe(first.get('title') or '')}"
        )
        for clip in entry["clips"][1:]:
            click.echo(
                f"    {clip['id']}  {clip.get('date') or '-'}  {safe(clip.get('source') or '')}"
            )
    if not clusters and not as_json:
        click.echo("No copies found.")

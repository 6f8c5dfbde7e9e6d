"""`clip remove`: take clips out of the archive (each kept in its history)."""

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

# More clips than this matched by --query or the filters are removed only with --yes: a
# query that finds far more than meant (`clip remove --query isis`) is not undone by
# one keystroke, even though each removed clip stays in the history.
CONFIRM_ABOVE = 100


@click.command("remove")
@click.argument("ids", nargs=-1)
@click.option(
    "--path", "paths", multiple=True, metavar="FILE", help="The clip this file brought in."
)
@click.option("--query", metavar="QUERY", help="Every clip this search finds (with the filters).")
@filter_options
@click.option("--dry-run", is_flag=True, help="Say which clips would be removed; remove none.")
@click.option(
    "--yes", is_flag=True, help=f"Remove more than {CONFIRM_ABOVE} clips matched by a query."
)
@db_option
@json_option
@click.pass_context
def remove_cmd(ctx, ids, paths, query, dry_run, yes, as_json, **filters) -> None:
    """Remove clips by id (or prefix), by --path, or by --query and filters. A removed
    clip is deleted with its index rows, tags and clusters, and kept in the history
    (`clip show ID` then says when it was removed)."""
    by_search = bool(query) or any(v not in (None, (), []) for v in filters.values())
    if not (ids or paths or by_search):
        raise click.UsageError("give clip ids, --path FILE, or --query QUERY (or filters)")
    with open_archive(ctx) as archive:
        found = archive.matching_ids(ids, paths=paths, query=query, **filters)
        if by_search and len(found) > CONFIRM_ABOVE and not (yes or dry_run):
            raise click.UsageError(
                f"{len(found)} clips match: pass --yes to remove them all "
                "(or --dry-run to list them)"
            )
        removed = 0 if dry_run else archive.remove(found)
    if as_json:
        emit_json({"matched": len(found), "removed": removed, "ids": found, "dry_run": dry_run})
        return
    if dry_run:
        for clip_id in found:
            click.echo(clip_id)
        message(f"{counted(len(found), 'clip')} would be removed (dry run: nothing removed)")
        return
    message(f"{counted(removed, 'clip')} removed (kept in the history){_where(archive)}")


def _where(archive) -> str:
    return f" (archive: {safe(archive.location)})"

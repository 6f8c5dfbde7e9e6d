"""`clip reindex`."""

from __future__ import annotations

import click

from clipping_archive.cli.options import db_option, emit_json, json_option, message, open_archive
from clipping_archive.output.words import counted


@click.command("reindex")
@click.option(
    "--sources",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Apply this sources mapping (and remember it); default: the one remembered.",
)
@db_option
@json_option
@click.pass_context
def reindex_cmd(ctx, sources: str | None, as_json: bool) -> None:
    """Apply the sources mapping to every clip, and rebuild the search index with this
    version's analyzers."""
    with open_archive(ctx) as archive:
        report = archive.reindex(sources=sources)
    if as_json:
        emit_json(
            {
                "clips": report.clips,
                "old_version": report.old_version,
                "new_version": report.new_version,
                "sourced": report.sourced,
            }
        )
        return
    if report.sourced:
        message(f"sources mapping: {counted(report.sourced, 'clip')} changed")
    message(
        f"reindexed {counted(report.clips, 'clip')} (analyzer {report.old_version or 'unknown'}"
        f" -> {report.new_version})"
    )

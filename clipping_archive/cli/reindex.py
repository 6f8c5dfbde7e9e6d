"""`clip reindex`."""

from __future__ import annotations

import click

from clipping_archive.cli.options import db_option, emit_json, json_option, message, open_archive
from clipping_archive.output.words import counted


@click.command("reindex")
@db_option
@json_option
@click.pass_context
def reindex_cmd(ctx, as_json: bool) -> None:
    """Rebuild the search index with this version's analyzers."""
    with open_archive(ctx) as archive:
        report = archive.reindex()
    if as_json:
        emit_json(
            {
                "clips": report.clips,
                "old_version": report.old_version,
                "new_version": report.new_version,
            }
        )
        return
    message(
        f"reindexed {counted(report.clips, 'clip')} (analyzer {report.old_version or 'unknown'}"
        f" -> {report.new_version})"
    )

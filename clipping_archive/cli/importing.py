"""`clip import`."""

from __future__ import annotations

import click

from clipping_archive.cli.options import db_option, emit_json, json_option, message, open_archive
from clipping_archive.importer import DEFAULT_GLOB, import_paths


@click.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--glob", default=DEFAULT_GLOB, show_default=True, help="Which files in folders.")
@db_option
@json_option
@click.pass_context
def import_cmd(ctx: click.Context, paths: tuple[str, ...], glob: str, as_json: bool) -> None:
    """Import clip files and folders (recursively) into the archive."""
    with open_archive(ctx, create=True) as archive:
        report = import_paths(archive, list(paths), glob=glob)
    if as_json:
        emit_json(report.as_json())
        return
    message(
        f"{report.added} added, {report.duplicates} duplicates, {len(report.rejected)} rejected"
    )
    for path, clip_id in report.duplicate_of:
        message(f"  duplicate: {path} = clip {clip_id}")
    for rejection in report.rejected:
        message(f"  rejected: {rejection.path}: {rejection.reason}")

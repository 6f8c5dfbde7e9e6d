"""`clip tag add|remove|list`: curating the clips that matter."""

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


@click.group("tag")
def tag_cmd() -> None:
    """Tag clips (sidecar tags are the same tags); `--tag TAG` filters by them."""


def _change(ctx, tag: str, ids: tuple[str, ...], query: str | None, add: bool, filters) -> None:
    if not " ".join(tag.split()):
        # A bad value is a usage error (exit 2), named, before the archive is opened.
        raise click.BadParameter(f"{tag!r} is not a tag: a tag needs a name", param_hint="TAG")
    if not ids and not query:
        raise click.UsageError("give clip ids, or --query QUERY")
    with open_archive(ctx) as archive:
        method = archive.tag_add if add else archive.tag_remove
        changed = method(tag, ids, query=query, **filters)
    verb = "tagged" if add else "untagged"
    message(f"{counted(changed, 'clip')} {verb} {safe(tag)!r}")


@tag_cmd.command("add")
@click.argument("name", metavar="TAG")
@click.argument("ids", nargs=-1)
@click.option("--query", metavar="QUERY", help="Tag every clip this search finds.")
@filter_options
@db_option
@click.pass_context
def tag_add_cmd(ctx, name, ids, query, **filters) -> None:
    """Add TAG to clips by id (or prefix), or to every match of --query."""
    _change(ctx, name, ids, query, True, filters)


@tag_cmd.command("remove")
@click.argument("name", metavar="TAG")
@click.argument("ids", nargs=-1)
@click.option("--query", metavar="QUERY", help="Untag every clip this search finds.")
@filter_options
@db_option
@click.pass_context
def tag_remove_cmd(ctx, name, ids, query, **filters) -> None:
    """Remove TAG from clips by id (or prefix), or from every match of --query."""
    _change(ctx, name, ids, query, False, filters)


@tag_cmd.command("list")
@db_option
@json_option
@click.pass_context
def tag_list_cmd(ctx, as_json: bool) -> None:
    """Every tag and how many clips carry it."""
    with open_archive(ctx) as archive:
        tags = archive.tags()
    for row in tags:
        if as_json:
            emit_json(row)
        else:
            click.echo(f"{row['clips']:>7}  {safe(row['tag'])}")

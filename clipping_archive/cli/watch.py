"""`clip watch add|list|remove|run`: saved searches that report what is new."""

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


@click.group("watch")
def watch_cmd() -> None:
    """Saved searches: `watch run` lists the clips new since it last ran."""


@watch_cmd.command("add")
@click.argument("name")
@click.argument("query")
@filter_options
@db_option
@click.pass_context
def watch_add_cmd(ctx, name, query, **filters) -> None:
    """Save QUERY (with its filters) as NAME."""
    with open_archive(ctx) as archive:
        archive.watch_add(name, query, **filters)
    message(f"watch {safe(name)} saved")


@watch_cmd.command("remove")
@click.argument("name")
@db_option
@click.pass_context
def watch_remove_cmd(ctx, name) -> None:
    """Forget the watch NAME."""
    with open_archive(ctx) as archive:
        archive.watch_remove(name)
    message(f"watch {safe(name)} removed")


@watch_cmd.command("list")
@db_option
@json_option
@click.pass_context
def watch_list_cmd(ctx, as_json: bool) -> None:
    """The saved searches."""
    with open_archive(ctx) as archive:
        watches = archive.watches()
    for w in watches:
        if as_json:
            emit_json(w)
        else:
            last = w["last_run_at"] or "never run"
            click.echo(f"{safe(w['name'])}: {safe(w['query'])}  ({w['reported']} reported; {last})")


@watch_cmd.command("run")
@click.argument("name", required=False)
@db_option
@json_option
@click.pass_context
def watch_run_cmd(ctx, name, as_json: bool) -> None:
    """The clips new to each watch (or NAME) since it last ran; then remembers them."""
    with open_archive(ctx) as archive:
        found = archive.watch_run(name)
    for watch, new in found:
        if as_json:
            for clip in new:
                emit_json({"watch": watch, **clip})
            continue
        click.echo(f"watch {safe(watch)}: {len(new)} new")
        for clip in new:
            click.echo(
                f"  {clip['id']}  {clip.get('date') or '-'}  {safe(clip.get('title') or '')}"
            )

"""The `clip` command: parses options, calls the library, prints. No logic lives here
that a Python user of the library would not also want."""

from __future__ import annotations

import os
import sqlite3
import sys

import click

from clipping_archive.cli.exporting import export_cmd
from clipping_archive.cli.importing import import_cmd
from clipping_archive.cli.options import DEFAULT_DB
from clipping_archive.cli.overview import stats_cmd
from clipping_archive.cli.reindex import reindex_cmd
from clipping_archive.cli.searching import search_cmd
from clipping_archive.cli.showing import show_cmd
from clipping_archive.cli.timeline import timeline_cmd
from clipping_archive.errors import ClipError


class ClipGroup(click.Group):
    """Turns every error a user can cause into one line on stderr and exit code 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except ClipError as exc:
            raise click.ClickException(str(exc)) from None
        except sqlite3.Error as exc:
            raise click.ClickException(f"archive error: {exc}") from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # `clip export | head`: the reader left; not an error worth a message.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise click.exceptions.Exit(0) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:  # noqa: BLE001 - the contract is "never a traceback"
            if os.environ.get("CLIP_DEBUG"):
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (set CLIP_DEBUG=1 for details)"
            ) from None


@click.group(cls=ClipGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    "db",
    envvar="CLIP_DB",
    default=DEFAULT_DB,
    show_default=True,
    metavar="PATH",
    help="Archive file (also CLIP_DB).",
)
@click.version_option(package_name="clipping-archive")
@click.pass_context
def cli(ctx: click.Context, db: str) -> None:
    """A multilingual news-clipping archive with full-text search."""
    ctx.ensure_object(dict)
    ctx.obj.setdefault("db", db)


for command in (import_cmd, search_cmd, show_cmd, export_cmd, stats_cmd, reindex_cmd):
    cli.add_command(command)
cli.add_command(timeline_cmd)


def main() -> None:
    cli(prog_name="clip")

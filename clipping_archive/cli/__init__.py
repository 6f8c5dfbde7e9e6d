"""The `clip` command: parses options, calls the library, prints. No logic lives here
that a Python user of the library would not also want."""

from __future__ import annotations

import errno
import os
import sys

import click
from rich.console import Console

from clipping_archive.cli.batch import batch_cmd
from clipping_archive.cli.copying import copy_cmd
from clipping_archive.cli.dups import dups_cmd
from clipping_archive.cli.exporting import export_cmd
from clipping_archive.cli.importing import import_cmd
from clipping_archive.cli.options import DEFAULT_DB
from clipping_archive.cli.overview import stats_cmd
from clipping_archive.cli.reindex import reindex_cmd
from clipping_archive.cli.removing import remove_cmd
from clipping_archive.cli.searching import search_cmd
from clipping_archive.cli.serve import serve_cmd
from clipping_archive.cli.showing import show_cmd
from clipping_archive.cli.tags import tag_cmd
from clipping_archive.cli.timeline import timeline_cmd
from clipping_archive.cli.watch import watch_cmd
from clipping_archive.errors import ClipError, UsageError
from clipping_archive.output.terminal import safe


def _reader_left(self) -> None:
    # rich exits with 1 when the reader of a pipe leaves (`clip search x | head`), which
    # breaks scripts under `set -o pipefail`; for the archive it is no error (exit 0).
    raise BrokenPipeError


Console.on_broken_pipe = _reader_left  # type: ignore[method-assign]

# Errors of the output device rather than of the archive: one line, never "unexpected".
OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EDQUOT, errno.EFBIG}


class ClipGroup(click.Group):
    """Turns every error a user can cause into one line on stderr and exit code 1."""

    def main(self, *args, **kwargs):
        _run(super().main, *args, **kwargs)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            raise click.UsageError(safe(str(exc))) from None
        except ClipError as exc:  # backends raise their errors as StorageError, a ClipError
            raise click.ClickException(safe(str(exc))) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            # `clip export | head`: the reader left; not an error worth a message.
            _quiet_stdout()
            raise click.exceptions.Exit(0) from None
        except OSError as exc:
            if exc.errno in OUTPUT_ERRORS:  # a full disk, /dev/full, a vanished device
                raise click.ClickException(f"cannot write the output: {exc.strerror}") from None
            raise click.ClickException(
                f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")
            ) from None
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
    metavar="PATH|URL",
    help="Archive file, or a postgresql:// URL of a team archive (also CLIP_DB).",
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
cli.add_command(serve_cmd)
for command in (tag_cmd, watch_cmd, batch_cmd, dups_cmd, remove_cmd, copy_cmd):
    cli.add_command(command)


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def main() -> None:
    cli.main(prog_name="clip")


def _run(main_of_group, *args, **kwargs) -> None:
    """Every error is one line on stderr: 1 for errors, 2 for usage errors (click's own
    would print the usage and a hint: three lines), 0 when the reader of a pipe left."""
    kwargs["standalone_mode"] = False
    try:
        # Outside standalone mode click *returns* a command's ctx.exit(code) instead of
        # raising it: passed on here, or `clip import` interrupted (130) would exit 0.
        code = main_of_group(*args, **kwargs)
    except click.exceptions.Exit as exc:
        _flush_or_quiet()
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        click.echo(f"Error: {safe(exc.format_message())}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        click.echo(f"Error: {safe(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except BrokenPipeError:
        _quiet_stdout()
        sys.exit(0)
    _flush_or_quiet()
    if isinstance(code, int) and code:
        sys.exit(code)


def _flush_or_quiet() -> None:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_stdout()
    except OSError as exc:
        click.echo(f"Error: cannot write the output: {exc.strerror}", err=True)
        _quiet_stdout()
        sys.exit(1)

"""The `clip` command: parses options, calls the library, prints. No logic lives here
that a Python user of the library would not also want."""

from __future__ import annotations

import errno
import os
import sys

import click

from clipping_archive.cli.options import DEFAULT_DB
from clipping_archive.errors import ClipError, UsageError
from clipping_archive.output.terminal import safe

# Each command's module, imported when that command runs (or `--help` lists them): a
# command pays for its own imports only, and `clip --version` for none.
COMMANDS = {
    "batch": ("batch", "batch_cmd"),
    "copy": ("copying", "copy_cmd"),
    "dups": ("dups", "dups_cmd"),
    "export": ("exporting", "export_cmd"),
    "import": ("importing", "import_cmd"),
    "reindex": ("reindex", "reindex_cmd"),
    "remove": ("removing", "remove_cmd"),
    "search": ("searching", "search_cmd"),
    "serve": ("serve", "serve_cmd"),
    "show": ("showing", "show_cmd"),
    "stats": ("overview", "stats_cmd"),
    "tag": ("tags", "tag_cmd"),
    "timeline": ("timeline", "timeline_cmd"),
    "watch": ("watch", "watch_cmd"),
}

# Errors of the output device rather than of the archive: one line, never "unexpected".
OUTPUT_ERRORS = {errno.ENOSPC, errno.EIO, errno.EPIPE, errno.EDQUOT, errno.EFBIG}


class ClipGroup(click.Group):
    """Turns every error a user can cause into one line on stderr and exit code 1, and
    loads a command's module only when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMANDS:
            from importlib import import_module

            module, attribute = COMMANDS[name]
            found = getattr(import_module(f"clipping_archive.cli.{module}"), attribute)
            self.add_command(found, name)
        return self.commands.get(name)

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

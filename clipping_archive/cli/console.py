"""rich, for the commands that draw tables, bars and highlights: imported by them when
they print, not when `clip` starts (rich costs ~50 ms of a start that should take ~0.1 s,
and `--json`, `--count` and `--version` print without it)."""

from __future__ import annotations

from rich.console import Console


def _reader_left(self) -> None:
    # rich exits with 1 when the reader of a pipe leaves (`clip search x | head`), which
    # breaks scripts under `set -o pipefail`; for the archive it is no error (exit 0).
    raise BrokenPipeError


Console.on_broken_pipe = _reader_left  # type: ignore[method-assign]

__all__ = ["Console"]

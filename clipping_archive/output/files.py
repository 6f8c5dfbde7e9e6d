"""Writing an output file safely: to a temporary file created exclusively beside the
target (never following a path that is already there), renamed over the target when
complete. An interrupted export never leaves a truncated file that looks complete, and a
link planted at the temporary name cannot redirect the write."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TextIO

from clipping_archive.errors import ClipError


def write_atomically(
    path: Path, write: Callable[[TextIO], int], *, protected: Collection[Path] = frozenset()
) -> int:
    """``write(out)`` into ``path``; returns what ``write`` returns. ``protected`` are
    files that must never be overwritten (the archive and its side files). A target that
    is a device or pipe (`/dev/stdout`, a FIFO) is written through, never replaced."""
    path = Path(path)
    _refuse_protected(path, protected)
    if path.exists() and not path.is_file():
        try:
            with open(path, "w", encoding="utf-8", newline="") as out:
                return write(out)
        except OSError as exc:
            raise ClipError(f"cannot write {path}: {exc.strerror or exc}") from exc

    def into_temp(fd: int, _temp: Path) -> int:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            result = write(out)
            out.flush()
            os.fsync(out.fileno())
        return result

    return _replace(path, into_temp)


def write_path_atomically(
    path: Path, write: Callable[[Path], int], *, protected: Collection[Path] = frozenset()
) -> int:
    """As write_atomically, for writers that take a file name (XlsxWriter)."""
    path = Path(path)
    _refuse_protected(path, protected)

    def into_temp(fd: int, temp: Path) -> int:
        os.close(fd)
        return write(temp)

    return _replace(path, into_temp)


def _replace(path: Path, write: Callable[[int, Path], int]) -> int:
    """``write(fd, temp)`` into a temporary file made exclusively beside ``path`` (a link
    is replaced where it points), then renamed over it; removed if anything fails."""
    target = path.resolve() if path.is_symlink() else path
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=target.parent)
    except OSError as exc:
        raise ClipError(f"cannot write {path}: {exc.strerror or exc}") from exc
    temp = Path(name)
    done = False
    try:
        result = write(fd, temp)
        os.chmod(temp, 0o644)
        os.replace(temp, target)
        done = True
        return result
    except OSError as exc:
        raise ClipError(f"cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if not done and temp.exists():
            temp.unlink()


def _refuse_protected(path: Path, protected: Collection[Path]) -> None:
    resolved = path.resolve()
    if resolved in protected or any(
        path.exists() and p.exists() and os.path.samefile(path, p) for p in protected
    ):
        raise ClipError(f"refusing to write the export over the archive itself ({path})")

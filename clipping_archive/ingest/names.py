"""File names as the archive stores and shows them.

A name from the file system is bytes; Python shows bytes that are not UTF-8 as lone
surrogates (``caf\\udce9.txt``), which no UTF-8 file, JSON document or SQLite text can
hold. The archive keeps such a name with those bytes escaped (``caf\\xe9.txt``): the file
is still read by its real name, and the escape is what is stored, searched and shown.
"""

from __future__ import annotations

import os
from pathlib import Path


def path_text(path: str | Path) -> str:
    """A file's path as the archive stores and shows it: undecodable bytes as ``\\xNN``."""
    return escaped(os.fspath(path))


def escaped(text: str) -> str:
    """``text`` as valid UTF-8: bytes a file name could not decode (surrogate escapes)
    as ``\\xNN``, any other lone surrogate (from JSON's ``"\\ud800"``) as ``\\ud800``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")

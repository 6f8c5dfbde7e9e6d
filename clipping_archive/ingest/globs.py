"""Which files under an imported folder are clips: `--glob` patterns.

Several patterns may be given; a file matching any of them is read. A pattern without a
slash matches the file's name wherever it lies (`*.txt`); a pattern with one matches the
file's path relative to the folder given to the import (`nos/*.txt` is the `nos` folder
right under it), the way .gitignore reads such patterns: `*` and `?` stay within one
folder's name, and `**` stands for any number of folders (`**/nos/*.txt`: a `nos`
folder at any depth).
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache


@dataclass(frozen=True)
class FileGlobs:
    patterns: tuple[str, ...]
    # The patterns compiled once: a walk asks for every file, and fnmatch's look-up of
    # its compiled pattern cost ~2 us a file against ~0.3 for the match itself.
    _names: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _paths: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # fnmatch.fnmatch(name, p) is this match of normcase(name) (lower case on Windows).
        names = [fnmatch.translate(os.path.normcase(p)) for p in self.patterns if "/" not in p]
        object.__setattr__(self, "_names", re.compile("|".join(names)) if names else None)
        paths = tuple(_path_pattern(p) for p in self.patterns if "/" in p)
        object.__setattr__(self, "_paths", paths)

    @classmethod
    def of(cls, patterns: str | Iterable[str] | FileGlobs) -> FileGlobs:
        if isinstance(patterns, FileGlobs):
            return patterns
        if isinstance(patterns, str):
            patterns = (patterns,)
        # "./nos/*.txt" and "nos/*.txt" alike; a leading "/" anchors, as it does anyway.
        return cls(tuple(_normal(p) for p in patterns))

    def matches(self, relative: str) -> bool:
        """Whether the file at ``relative`` (its path under the import's folder, with
        "/" between folders) is one the patterns select."""
        names = self._names
        if names is not None and names.match(os.path.normcase(relative.rpartition("/")[2])):
            return True
        return any(pattern.match(relative) for pattern in self._paths)

    def __str__(self) -> str:
        return " ".join(repr(p) for p in self.patterns)


def _normal(pattern: str) -> str:
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.lstrip("/") if "/" in pattern.strip("/") else pattern.strip("/")


@lru_cache(maxsize=64)
def _path_pattern(pattern: str) -> re.Pattern[str]:
    """A slash pattern as a regex over the relative path: `*`, `?` and `[...]` as
    fnmatch reads them but within one name, `**` any run of whole folders."""
    parts = pattern.split("/")
    out: list[str] = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append(".*" if last else "(?:[^/]*/)*")
        else:
            out.append(_name_regex(part) + ("" if last else "/"))
    return re.compile("(?s:" + "".join(out) + r")\Z")


def _name_regex(part: str) -> str:
    """One name's pattern (no slash) as a regex that stays within the name."""
    out, i = [], 0
    while i < len(part):
        ch = part[i]
        if ch == "*":
            out.append("[^/]*")
        elif ch == "?":
            out.append("[^/]")
        elif ch == "[" and (end := part.find("]", i + 2)) > 0:
            inner = part[i + 1 : end].replace("\\", "\\\\")
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            elif inner.startswith("^"):  # fnmatch's "[^a]" is a literal caret
                inner = "\\" + inner
            out.append(f"[{inner}]")
            i = end
        else:
            out.append(re.escape(ch))
        i += 1
    return "".join(out)

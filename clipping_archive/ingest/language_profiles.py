"""langdetect's language profiles as one file in the user's cache, opened in ~30 ms.

On first use langdetect parses its 55 JSON profiles into a dict of 87,598 n-grams, each a
list of 55 floats: 0.3-0.4 s and ~64 MB. An import paid that before forking its workers,
one core working and the other idle, though few texts ever reach langdetect (the
stopwords decide most; language.py). The same table is written once as a file: the
languages in the order langdetect loaded them and the n-grams (marshal), then the
probabilities as float64, read through a memory map, so the pages a detection touches
are read and the workers share them through the page cache. A row is handed to langdetect
as the list of floats it would hold itself: the same numbers, bit for bit, so the same
answers.

The file is built from langdetect's own loaded profiles and named by langdetect's version,
this layout and the machine's byte order; it is written as user_cache.py writes its files.
Where none can be read or written, langdetect loads its profiles itself, as before.

    header   MAGIC, format, key length, index length; the key
    index    marshal of (languages, n-grams in row order)
    rows     float64, one row of len(languages) values an n-gram, from an offset aligned to 8
"""

from __future__ import annotations

import marshal
import mmap
import struct
import sys
from array import array
from pathlib import Path
from typing import Any, cast

from clipping_archive.user_cache import cache_dirs, readable_dirs, usable, write_atomically

PROFILES_FORMAT = 1
MAGIC = b"CLIPLDP\x00"
_HEADER = struct.Struct("<8sIII")  # magic, format, key length, index length
FAMILY = "langdetect-profiles-"


class ProfileRows(dict[str, int]):
    """langdetect's ``word_lang_prob_map`` over the file: n-gram -> its row number, which
    ``[n-gram]`` turns into the row's list of floats (what langdetect reads); ``in`` is
    the plain dict look-up it was."""

    def __init__(self, ngrams: list[str], rows: memoryview[float], width: int):
        super().__init__(zip(ngrams, range(len(ngrams)), strict=True))
        self._rows, self._width = rows, width

    def __getitem__(self, ngram: str) -> list[float]:  # type: ignore[override]
        start = dict.__getitem__(self, ngram) * self._width
        # float64 values ('d'), though typeshed types every memoryview's tolist as ints
        return cast(list[float], self._rows[start : start + self._width].tolist())


def profiles_key() -> str:
    from clipping_archive.versions import installed_version

    version = installed_version("langdetect")
    return f"langdetect-{version}-format{PROFILES_FORMAT}-{sys.byteorder}"


def file_name(key: str) -> str:
    return f"{FAMILY}{key}.bin"


def load_factory() -> Any:
    """langdetect's DetectorFactory with its profiles loaded: from the cache file, built
    first (from langdetect's own loading) when no cache folder has a current one."""
    key = profiles_key()
    for folder in readable_dirs():
        if (found := open_profiles(folder / file_name(key), key)) is not None:
            return found
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    data = encode_profiles(factory, key)
    for folder in cache_dirs():
        if not usable(folder):
            continue
        try:
            write_atomically(folder / file_name(key), data, FAMILY)
        except OSError:
            continue
        break
    return factory


def encode_profiles(factory: Any, key: str) -> bytes:
    languages = list(factory.langlist)
    ngrams = list(factory.word_lang_prob_map)
    values = array("d")
    for ngram in ngrams:
        values.extend(factory.word_lang_prob_map[ngram])
    key_bytes = key.encode()
    index = marshal.dumps((languages, ngrams))
    head = _HEADER.pack(MAGIC, PROFILES_FORMAT, len(key_bytes), len(index)) + key_bytes + index
    return head + b"\x00" * (-len(head) % 8) + values.tobytes()


def open_profiles(path: Path, key: str) -> Any | None:
    """A DetectorFactory over the file at ``path``; None when it is missing, damaged or
    another version's (then it is built again)."""
    from langdetect.detector_factory import DetectorFactory

    try:
        with open(path, "rb") as f:
            data = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # ValueError: an empty file cannot be mapped
        return None
    key_bytes = key.encode()
    try:
        magic, layout, key_length, index_length = _HEADER.unpack_from(data)
        start = _HEADER.size + key_length
        if (magic, layout, data[_HEADER.size : start]) != (MAGIC, PROFILES_FORMAT, key_bytes):
            return None
        languages, ngrams = marshal.loads(data[start : start + index_length])
        rows = start + index_length + (-(start + index_length) % 8)
        if len(data) != rows + 8 * len(languages) * len(ngrams) or not languages:
            return None
        values = memoryview(data)[rows:].cast("d")
    except (struct.error, EOFError, ValueError, TypeError):
        return None
    factory = DetectorFactory()
    factory.langlist = list(languages)
    factory.word_lang_prob_map = ProfileRows(ngrams, values, len(languages))
    return factory

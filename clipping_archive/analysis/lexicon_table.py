"""The lexicons as one file a language, in the user's cache, looked up a word at a time:
what a short-lived process (a `clip search`) wants instead of loading whole dictionaries
to analyse a few words.

The file is a hash table on disk: a record a word the dictionary or the frequency list
knows (its lemma, or none when the dictionary has no entry for it; whether it is itself a
lemma; its frequency rank), found through a table of buckets by the word's CRC-32 and
linear probing. Opening it reads a header; a lookup is two `pread`s (a run of buckets,
then the record), ~3 us. Not a memory map: the kernel maps megabytes of page cache
around each page touched, and a search's resident memory would grow by the file. Not
SQLite: only storage/ speaks SQL, and a hash lookup needs no engine.

The file is built once from simplemma and wordfreq and named by the versions of
clipping-archive, simplemma and wordfreq (and of this layout), so an upgrade of any of
them builds a new one; the key is also stored inside the file and checked on opening.
It is written as user_cache.py writes its files (renamed into place when complete; the
temporary directory where the user's cache cannot be written); where neither can be, the
caller loads the dictionaries into memory.

    header   MAGIC, format, key length, bucket count (a power of 2), file size; the key
    buckets  uint32 CRC-32 of the word, uint32 offset of its record (0: an empty bucket)
    records  uint16 word length, uint16 lemma length (NO_LEMMA: none), uint8 is_lemma,
             uint32 rank; the word and the lemma in UTF-8
"""

from __future__ import annotations

import marshal
import os
import struct
import zlib
from functools import cache
from pathlib import Path

from clipping_archive.analysis.lexicon import MemoryLexicon
from clipping_archive.user_cache import (
    cache_dirs,
    ours,
    readable_dirs,
    usable,
    write_atomically,
)

# Bump when the layout or what goes into the file changes (RANKED_WORDS is in the key).
TABLE_FORMAT = 1
MAGIC = b"CLIPLEX\x00"
_HEADER = struct.Struct("<8sIIII")  # magic, format, key length, buckets, file size
_BUCKET = struct.Struct("<II")  # CRC-32 of the word, offset of its record
BUCKETS_READ = 8  # a probe sequence is ~1.5 buckets long at a load factor of 1/2
RECORD_READ = 96  # most records are shorter: one read
_RECORD = struct.Struct("<HHBI")  # word length, lemma length, is_lemma, rank
NO_LEMMA = 0xFFFF
MAX_WORD_BYTES = 0xFFFE
_ABSENT: tuple[str | None, int, int] = (None, 0, 0)
# Rows remembered a process (a long-lived `clip serve` analyses many distinct words):
# ~150 bytes each, so at most ~20 MB before the memo starts over.
MAX_REMEMBERED = 1 << 17


class LexiconFileError(Exception):
    """A file that is not a complete table of the version asked for."""


def table_key(language: str) -> str:
    """What the table of ``language`` is built from; a change in any part rebuilds it."""
    from clipping_archive import __version__
    from clipping_archive.analysis.lexicon import RANKED_WORDS

    simplemma, wordfreq = _package_versions()
    return (
        f"{language}-clipping-archive-{__version__}-simplemma-{simplemma}"
        f"-wordfreq-{wordfreq}-top{RANKED_WORDS}-format{TABLE_FORMAT}"
    )


@cache
def _package_versions() -> tuple[str, str]:
    # Asked once a process (a listing of site-packages: clipping_archive.versions).
    from clipping_archive.versions import installed_version as version

    return version("simplemma"), version("wordfreq")


def _family(key: str) -> str:
    """The names of a language's files, of every version: the others are removed."""
    return f"lexicon-{key.split('-', 1)[0]}-"


def file_name(key: str) -> str:
    return f"lexicon-{key}.bin"


class TableLexicon:
    """Lookups in one language's file; each word's row is remembered, so a word asked
    about twice (lemma, then frequency) is found once. Safe to share between threads and
    across a fork (positioned reads of a file nobody writes)."""

    def __init__(self, path: Path, key: str):
        self.path = path
        self.key = key
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        try:
            size = os.fstat(self._fd).st_size
            head = os.pread(self._fd, _HEADER.size + len(key.encode()), 0)
            if len(head) < _HEADER.size:
                raise LexiconFileError(f"{path}: truncated")
            magic, fmt, key_length, buckets, recorded = _HEADER.unpack_from(head, 0)
            if magic != MAGIC or fmt != TABLE_FORMAT or recorded != size:
                raise LexiconFileError(f"{path}: not a complete lexicon table")
            if head[_HEADER.size :] != key.encode() or key_length != len(key.encode()):
                raise LexiconFileError(f"{path}: built for another version")
            if buckets & (buckets - 1):
                raise LexiconFileError(f"{path}: damaged")
        except BaseException:
            os.close(self._fd)
            raise
        self._mask = buckets - 1
        self._buckets = _buckets_start(key_length)
        self._rows: dict[str, tuple[str | None, int, int]] = {}

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    def _row(self, word: str) -> tuple[str | None, int, int]:
        row = self._rows.get(word)
        if row is None:
            try:
                row = self._find(word.encode())
            except UnicodeEncodeError:  # a lone surrogate: no word of any list
                row = _ABSENT
            if len(self._rows) >= MAX_REMEMBERED:
                self._rows.clear()
            self._rows[word] = row
        return row

    def _find(self, word: bytes) -> tuple[str | None, int, int]:
        fd, mask, start = self._fd, self._mask, self._buckets
        crc = zlib.crc32(word)
        h = crc & mask
        seen = 0
        while seen <= mask:  # bounded: a damaged file cannot loop forever
            n = min(BUCKETS_READ, mask + 1 - h)  # a read does not wrap around the end
            run = os.pread(fd, n * _BUCKET.size, start + h * _BUCKET.size)
            for bucket_crc, offset in _BUCKET.iter_unpack(run):
                if not offset:
                    return _ABSENT
                if bucket_crc == crc and (row := self._record(offset, word)) is not None:
                    return row
            seen += n
            h = (h + n) & mask
        return _ABSENT

    def _record(self, offset: int, word: bytes) -> tuple[str | None, int, int] | None:
        """The row of the record at ``offset`` if it is ``word``'s."""
        data = os.pread(self._fd, RECORD_READ, offset)
        length, lemma_length, is_lemma, rank = _RECORD.unpack_from(data, 0)
        if length != len(word):
            return None
        end = _RECORD.size + length + (0 if lemma_length == NO_LEMMA else lemma_length)
        if end > len(data):
            data = os.pread(self._fd, end, offset)
        if data[_RECORD.size : _RECORD.size + length] != word:
            return None
        if lemma_length == NO_LEMMA:
            return (None, is_lemma, rank)
        return (data[_RECORD.size + length : end].decode(), is_lemma, rank)

    def lemma(self, word: str) -> str | None:
        return self._row(word)[0]

    def known(self, word: str) -> bool:
        return self._row(word)[0] is not None

    def is_lemma(self, word: str) -> bool:
        return bool(self._row(word)[1])

    def frequency(self, word: str) -> int:
        return self._row(word)[2]


def _buckets_start(key_length: int) -> int:
    return (_HEADER.size + key_length + 3) & ~3  # aligned to 4


def open_table(language: str) -> TableLexicon | None:
    """The table of ``language``, built first if no cache directory has a current one;
    None when none can be read or written anywhere (the caller loads it into memory)."""
    key = table_key(language)
    for folder in readable_dirs():
        if (found := _open_existing(folder / file_name(key), key)) is not None:
            return found
    memory: MemoryLexicon | None = None
    for folder in cache_dirs():
        if not usable(folder):
            continue
        memory = memory or MemoryLexicon(language)
        path = folder / file_name(key)
        if not _try(write_table, path, memory, key):
            continue
        _try(write_dicts, folder / dicts_name(key), memory, key)  # for the next import
        if (found := _open_existing(path, key)) is not None:
            return found
    return None


def ensure_table(language: str, memory: MemoryLexicon) -> None:
    """Write the table of ``language`` and its saved dicts from dicts already loaded,
    unless current ones exist; quietly nothing when no cache directory can be written."""
    key = table_key(language)
    for folder in cache_dirs():
        path = folder / file_name(key)
        if ours(folder) and (found := _open_existing(path, key)) is not None:
            found.close()
            if not (folder / dicts_name(key)).is_file():
                _try(write_dicts, folder / dicts_name(key), memory, key)
            return
        if usable(folder) and _try(write_table, path, memory, key):
            _try(write_dicts, folder / dicts_name(key), memory, key)
            return


def _try(write, path: Path, memory: MemoryLexicon, key: str) -> bool:
    try:
        write(path, memory, key)
    except OSError:
        return False
    return True


# -- the dicts of an import, saved -------------------------------------------------------

DICTS_MAGIC = b"CLIPLEXD"


def dicts_name(key: str) -> str:
    return f"lexicon-{key}.dicts"


def write_dicts(path: Path, memory: MemoryLexicon, key: str) -> None:
    """The three dicts of a MemoryLexicon, marshalled: the import's preload reads them
    back in a quarter of the time simplemma and wordfreq take to decode their files."""
    payload = marshal.dumps((memory.table, memory.ranks, memory.lemmas))
    head = DICTS_MAGIC + struct.pack("<II", len(key.encode()), len(payload)) + key.encode()
    write_atomically(path, head + payload, _family(key))


def load_memory(language: str) -> MemoryLexicon | None:
    """The saved dicts of ``language`` for this version, or None (none saved, damaged,
    another version's)."""
    key = table_key(language)
    for folder in readable_dirs():
        try:
            data = (folder / dicts_name(key)).read_bytes()
        except OSError:
            continue
        key_bytes = key.encode()
        start = len(DICTS_MAGIC) + 8
        if data[: len(DICTS_MAGIC)] != DICTS_MAGIC or len(data) < start:
            continue
        key_length, length = struct.unpack_from("<II", data, len(DICTS_MAGIC))
        end = start + key_length
        if data[start:end] != key_bytes or len(data) != end + length:
            continue
        try:
            table, ranks, lemmas = marshal.loads(data[end:])
        except (EOFError, ValueError, TypeError):
            continue
        if isinstance(table, dict) and isinstance(ranks, dict) and isinstance(lemmas, frozenset):
            return MemoryLexicon.from_parts(table, ranks, lemmas)
    return None


def _open_existing(path: Path, key: str) -> TableLexicon | None:
    try:
        return TableLexicon(path, key)
    except (OSError, ValueError, struct.error, LexiconFileError):
        return None  # missing, truncated, damaged or another version's: built again


def encode_table(memory: MemoryLexicon, key: str) -> bytes:
    """The file's bytes: every word of the dictionary (forms and lemmas) and of the
    frequency list, each in the first free bucket from its hash."""
    words: dict[bytes, bytes | None] = dict(memory.table)
    for lemma in memory.lemmas:
        words.setdefault(lemma, None)
    for ranked in memory.ranks:
        words.setdefault(ranked.encode(), None)
    count = 1 << max(4, (2 * len(words) - 1).bit_length())  # load factor at most 1/2
    key_bytes = key.encode()
    start = _buckets_start(len(key_bytes))
    offset = start + _BUCKET.size * count
    buckets = [0] * (2 * count)  # crc, offset; an offset of 0 marks an empty bucket
    records = bytearray()
    mask = count - 1
    for word in sorted(words):  # sorted: the same bytes from any build of the same data
        found = words[word]
        if len(word) > MAX_WORD_BYTES or (found is not None and len(found) > MAX_WORD_BYTES):
            continue  # none in the data; a lookup of it finds nothing, as it should
        crc = zlib.crc32(word)
        h = crc & mask
        while buckets[2 * h + 1]:
            h = (h + 1) & mask
        buckets[2 * h : 2 * h + 2] = crc, offset + len(records)
        rank = memory.ranks.get(word.decode(), 0)
        lemma_length = NO_LEMMA if found is None else len(found)
        records += _RECORD.pack(len(word), lemma_length, word in memory.lemmas, rank)
        records += word + (found or b"")
    size = offset + len(records)
    if size >= 1 << 32:
        raise OSError("lexicon table too large for 32-bit offsets")
    head = _HEADER.pack(MAGIC, TABLE_FORMAT, len(key_bytes), count, size) + key_bytes
    head += b"\x00" * (start - len(head))
    return b"".join((head, struct.pack(f"<{2 * count}I", *buckets), bytes(records)))


def write_table(path: Path, memory: MemoryLexicon, key: str) -> None:
    """Write the table to a temporary file beside ``path`` and rename it into place."""
    write_atomically(path, encode_table(memory, key), _family(key))

"""One file -> one PreparedClip: decode -> clean -> metadata -> language -> analysis.

Pure with respect to the archive (nothing here touches the database), so it can run in
worker processes while a single writer stores the results.
"""

from __future__ import annotations

import hashlib
import os
import stat
import unicodedata
from collections import Counter
from pathlib import Path

from clipping_archive.analysis import index_terms
from clipping_archive.ingest.cleaning import clean_text
from clipping_archive.ingest.date_values import date_bounds
from clipping_archive.ingest.decode import DecodeError, decode_bytes
from clipping_archive.ingest.fingerprint import signature
from clipping_archive.ingest.language import (
    detect_clip_words,
    detect_language,
    detect_paragraphs,
    paragraph_languages,
)
from clipping_archive.ingest.metadata import extract_metadata
from clipping_archive.ingest.names import escaped, path_text
from clipping_archive.ingest.sidecar import apply_sidecar, load_sidecar
from clipping_archive.ingest.sources import SourceMapping
from clipping_archive.models import IndexRow, PreparedClip, Rejection

MAX_FILE_BYTES = 10 * 1024 * 1024
ID_LENGTH = 16


def content_hash(text: str) -> str:
    """Hash of the text itself, so the same article in another encoding or under another
    file name is recognised as the same clip."""
    canonical = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_regular_file(path: str | Path, max_bytes: int) -> bytes | str:
    """The file's bytes, or the reason it cannot be read. Only regular files are read
    (a named pipe would block forever, /dev/zero never end); the size limit is checked
    before reading and enforced while reading (a file may grow meanwhile)."""
    try:
        info = os.stat(path)  # follows links: a link to /dev/zero is a device
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if stat.S_ISDIR(info.st_mode):  # the walk names a folder it could not list
        try:
            os.scandir(path).close()
        except OSError as exc:
            return f"unreadable folder: {exc.strerror or exc}"
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
        return f"not a regular file ({kind})"
    if info.st_size > max_bytes:  # a 4 GB dump is never loaded
        return f"too large ({info.st_size} bytes > {max_bytes})"
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            data = _read_up_to(fd, max_bytes + 1, info.st_size)
        finally:
            os.close(fd)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}"
    if len(data) > max_bytes:
        return f"too large (more than {max_bytes} bytes)"
    return data


def _read_up_to(fd: int, limit: int, expected: int) -> bytes:
    """At most ``limit`` bytes of ``fd``, to its end: what a buffered file's read(limit)
    gives, without the buffered file, and without the buffer of ``limit`` bytes (10 MB)
    it allocates for every file: a read of the size the file had (``expected``) and a
    byte more, then reads of 64 KiB until the end (a file that grew meanwhile)."""
    parts: list[bytes] = []
    size = 0
    while size < limit:
        part = os.read(fd, min(limit - size, max(expected - size + 1, 1 << 16)))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return parts[0] if len(parts) == 1 else b"".join(parts)


def prepare_file(
    path: str | Path, max_bytes: int = MAX_FILE_BYTES, sources: SourceMapping | None = None
) -> PreparedClip | Rejection:
    """``sources``: the archivist's mapping and this import's --source/--tag. The path
    is stored as ``str(Path(path))`` spells it (``./a.txt`` as ``a.txt``)."""
    return prepare_path(os.fspath(Path(path)), max_bytes, sources)


def prepare_path(
    path: str, max_bytes: int = MAX_FILE_BYTES, sources: SourceMapping | None = None
) -> PreparedClip | Rejection:
    """``prepare_file`` of a path already spelled as ``str(Path(path))`` would (as the
    import's walk spells them): a worker then makes no Path of it, ~20 us a file less."""
    shown = path_text(path)
    data = read_regular_file(path, max_bytes)
    if isinstance(data, str):
        return Rejection(shown, escaped(data))
    try:
        return prepare_bytes(data, shown, sidecar=load_sidecar(path), sources=sources)
    except DecodeError as exc:  # reasons may quote a name or a sidecar's value: escaped
        return Rejection(shown, escaped(str(exc)))
    except Exception as exc:  # noqa: BLE001 - one odd file must not stop a 300K-file import
        return Rejection(shown, escaped(f"failed ({type(exc).__name__}: {exc})"))


LEGACY_CODE_PAGES = ("cp1252", "cp1256", "iso8859-6")
# Prose in any of the archive's languages has a space every few letters (15-17% of the
# seeds' characters) and next to no symbols; random high bytes read in a code page have
# about 1% spaces and 16-23% symbols (‡ € µ « ˆ ...). Texts shorter than PROSE_SAMPLE are
# left to the decoder's word check.
PROSE_SAMPLE = 40
MIN_SPACE_SHARE = 0.04
MAX_SYMBOL_SHARE = 0.08


def _reads_as_prose(text: str) -> bool:
    sample = text[:65536]
    if len(sample.strip()) < PROSE_SAMPLE:
        return True
    # Counted once (in C), then judged per distinct character (a text has a few hundred):
    # not a Python step a character of the sample.
    counts = Counter(sample)
    spaces = sum(n for c, n in counts.items() if c.isspace())
    symbols = sum(n for c, n in counts.items() if unicodedata.category(c)[0] == "S")
    return spaces >= MIN_SPACE_SHARE * len(sample) and symbols <= MAX_SYMBOL_SHARE * (
        len(sample) - spaces
    )


def prepare_bytes(
    data: bytes, path: str, sidecar: dict | None = None, sources: SourceMapping | None = None
) -> PreparedClip:
    decoded = decode_bytes(data)
    if not any(ch.isalpha() for ch in decoded.text):
        # Zero-width characters, punctuation, combining marks alone: no text of any script.
        raise DecodeError("no text (no letters of any script)")
    if decoded.encoding.startswith(LEGACY_CODE_PAGES) and not _reads_as_prose(decoded.text):
        # The decoder's word check samples words; short random "words" are sometimes
        # Arabic words (فك, نق): what random bytes never have is prose's spaces.
        code_page = decoded.encoding.split(" ", 1)[0]
        raise DecodeError(f"undecodable text (read as {code_page}, it is not prose)")
    cleaned = clean_text(decoded.text)
    # A numeric date's order depends on the language: guessed only for a clip with one.
    extracted = extract_metadata(cleaned.body, lambda: detect_language(cleaned.body))
    if not extracted.body.strip():
        raise DecodeError("no article text after cleaning")
    language, paragraphs, words = detect_clip_words(extracted.body)
    meta = apply_sidecar(extracted.metadata, sidecar)
    if sources is not None:  # before analysis: the mapping may name the language
        meta, language = sources.apply(meta, language, path, sidecar)
    digest = content_hash(decoded.text)
    title_terms, body_terms, part_terms = _index_terms(meta.title, paragraphs, language, words)
    date_start, date_end = date_bounds(meta.date)
    return PreparedClip(
        id=digest[:ID_LENGTH],
        content_hash=digest,
        path=path,
        encoding=decoded.encoding,
        raw=decoded.text,
        body=extracted.body,
        metadata=meta,
        language=language,
        paragraph_languages=tuple(p.language for p in paragraphs),
        removed=cleaned.removed + extracted.removed,
        title_terms=title_terms,
        body_terms=body_terms,
        part_terms=part_terms,
        signature=signature(body_terms),
        size_bytes=len(data),
        date_start=date_start,
        date_end=date_end,
        languages=tuple(paragraph_languages(paragraphs)),
    )


def index_fields(
    title: str | None, body: str, language: str | None
) -> tuple[str, str, str, list[str]]:
    """(title terms, body terms, compound-part terms, paragraph languages) for a stored
    clip, exactly as an import makes them: reindex uses this, so a rebuilt index equals a
    fresh import's."""
    paragraphs = detect_paragraphs(body or "", language)
    title_terms, body_terms, part_terms = _index_terms(title, paragraphs, language)
    return title_terms, body_terms, part_terms, paragraph_languages(paragraphs)


def index_row(clip: dict) -> IndexRow:
    """What the index holds for a stored clip ({"title", "body", "language", ...}), as an
    import makes it (terms, paragraph languages, signature): `clip reindex` hands this to
    the backend's ``rebuild_index``."""
    title_terms, body_terms, part_terms, languages = index_fields(
        clip.get("title"), clip.get("body") or "", clip.get("language")
    )
    return IndexRow(title_terms, body_terms, part_terms, tuple(languages), signature(body_terms))


def _index_terms(title, paragraphs, language, words=None) -> tuple[str, str, str]:
    return index_terms(title, paragraphs, language, words)

"""Bytes -> text. First stage of the pipeline.

Order matters: a byte-order mark is decisive, strict UTF-8 is next (it almost never
decodes legacy text by accident), and only then a legacy code page.
"""

from __future__ import annotations

import codecs

from clipping_archive.errors import ClipError
from clipping_archive.models import Decoded


class DecodeError(ClipError):
    """The bytes are not text we can read; the message is the rejection reason."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> Decoded:
    if not data.strip():
        raise DecodeError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_normalize_newlines(data.decode(encoding)), encoding)
    if b"\x00" in data:
        raise DecodeError("binary file (NUL bytes)")
    try:
        return Decoded(_normalize_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(_normalize_newlines(data.decode("cp1252")), "cp1252")
    except UnicodeDecodeError as exc:
        raise DecodeError("undecodable text") from exc


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")

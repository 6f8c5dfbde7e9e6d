"""Sidecar metadata: a NAME.json beside NAME.txt, written by an archivist's scraper.

What it says overrides what the pipeline guessed; a field it leaves out (or sets to null
or "") keeps the guess. A broken sidecar *rejects the clip* with a reason naming the
sidecar: importing it with guessed metadata would hide the problem, and because an archived
clip is never imported twice, fixing the sidecar afterwards would change nothing. Once it
is fixed, running the same import again brings the clip in.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import replace
from functools import partial
from pathlib import Path

from clipping_archive.ingest.dates import ascii_digits, is_iso_date, parse_date
from clipping_archive.ingest.decode import DecodeError
from clipping_archive.models import Metadata

TEXT_FIELDS = ("title", "author", "source", "url")
FIELDS = (*TEXT_FIELDS, "date", "tags")
MAX_SIDECAR_BYTES = 1024 * 1024


class SidecarError(DecodeError):
    """A sidecar that cannot be used. A DecodeError, so ingest turns it into a rejection
    of the clip with this message as the reason."""


def sidecar_path(text_path: str | Path) -> str:
    """NAME.json beside NAME.txt: ``Path(text_path).with_suffix(".json")``, spelled as
    ``text_path`` is, without making Paths (~10 us a file; every imported file asks)."""
    head, sep, name = os.fspath(text_path).rpartition(os.sep)
    dot = name.rfind(".")  # pathlib's suffix: not a leading dot, nor a trailing one
    return f"{head}{sep}{name[:dot] if 0 < dot < len(name) - 1 else name}.json"


def load_sidecar(text_path: str | Path) -> dict | None:
    """The sidecar's fields for a clip file, normalised, or None when there is none.
    Raises SidecarError for one that is present but unusable."""
    path = sidecar_path(text_path)
    if path == os.fspath(text_path) or not os.path.isfile(path):
        return None
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:  # isfile() above: a regular file, never a pipe
            raw = f.read(MAX_SIDECAR_BYTES + 1)  # the limit holds while reading
        if len(raw) > MAX_SIDECAR_BYTES:
            raise SidecarError(f"sidecar {name}: too large")
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SidecarError(f"sidecar {name}: not UTF-8") from None
    except OSError as exc:
        raise SidecarError(f"sidecar {name}: unreadable ({exc.strerror or exc})") from None
    return validate_sidecar(parse_sidecar(text, name), name)


# A sidecar is a flat object of a few fields. What JSON allows beyond that (or Python's
# reader does: NaN, Infinity) is refused with a reason naming the sidecar, never left to
# the import's catch-all ("RecursionError", "Exceeds the limit (4300 digits)").
MAX_DEPTH = 16  # objects and arrays inside each other
MAX_NUMBER_CHARS = 40  # a number's digits: no field holds a longer one
MAX_TEXT_CHARS = {"title": 1000, "author": 500, "source": 500, "url": 4000}
MAX_TAGS = 100
MAX_TAG_CHARS = 200


def parse_sidecar(text: str, name: str = "sidecar") -> object:
    """The JSON in ``text``, refused with a SidecarError naming the sidecar when it is not
    plain JSON a sidecar could hold: invalid, nested deeper than MAX_DEPTH, numbers of
    more than MAX_NUMBER_CHARS characters, NaN or Infinity, a key given twice."""
    if (depth := _depth(text)) > MAX_DEPTH:
        raise SidecarError(f"sidecar {name}: nested too deep ({depth} levels; at most {MAX_DEPTH})")
    try:
        return json.loads(
            text,
            parse_int=partial(_number, int, name),
            parse_float=partial(_number, float, name),
            parse_constant=partial(_constant, name),
            object_pairs_hook=partial(_object, name),
        )
    except json.JSONDecodeError as exc:
        raise SidecarError(f"sidecar {name}: invalid JSON ({exc.msg}, line {exc.lineno})") from None
    except RecursionError:  # _depth counts what the reader nests: kept as a safety net
        raise SidecarError(f"sidecar {name}: nested too deep") from None


def _depth(text: str) -> int:
    """How deep objects and arrays nest, brackets inside strings not counted: measured
    before parsing, so a sidecar of 100,000 "[" never reaches the reader's recursion."""
    depth = deepest = 0
    # Strings (with their escapes) blanked out, then only brackets remain to count.
    for ch in re.sub(r'"(?:[^"\\]|\\.)*"?', "", text):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _number(kind, name: str, digits: str):
    if len(digits) > MAX_NUMBER_CHARS:
        raise SidecarError(
            f"sidecar {name}: a number of {len(digits)} characters (at most {MAX_NUMBER_CHARS})"
        )
    value = kind(digits)
    if kind is float and not math.isfinite(value):  # 1e999 reads as infinity
        raise SidecarError(f"sidecar {name}: a number out of range: {digits}")
    return value


def _constant(name: str, word: str):
    raise SidecarError(f"sidecar {name}: {word} is not JSON (a number must be finite)")


def _object(name: str, pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:  # JSON readers differ on which one wins: neither is guessed
            raise SidecarError(f"sidecar {name}: {_shown(key)!r} is given twice")
        out[key] = value
    return out


def _shown(key: str) -> str:
    return key if len(key) <= 40 else key[:40] + "..."


def validate_sidecar(data: object, name: str = "sidecar") -> dict:
    """Known fields only, in the types Metadata holds; unknown keys are ignored (a scraper
    may record more than the archive keeps)."""
    if not isinstance(data, dict):
        raise SidecarError(f"sidecar {name}: expected a JSON object")
    _check_encodable(data, name)
    out: dict = {}
    for key in TEXT_FIELDS:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if not isinstance(value, str):
            raise SidecarError(f"sidecar {name}: {key!r} must be a string")
        value = " ".join(value.split())
        if len(value) > MAX_TEXT_CHARS[key]:
            raise SidecarError(
                f"sidecar {name}: {key!r} is too long ({len(value)} characters; "
                f"at most {MAX_TEXT_CHARS[key]})"
            )
        out[key] = value
    if (date := data.get("date")) not in (None, ""):
        out["date"] = _date(date, name)
    if (tags := data.get("tags")) not in (None, "", []):
        out["tags"] = _tags(tags, name)
    return out


def _check_encodable(data: dict, name: str) -> None:
    """JSON may hold lone surrogates ("\\ud800"): text no file or database can store."""
    for key in FIELDS:
        values = data.get(key)
        for value in values if isinstance(values, list) else [values]:
            if isinstance(value, str):
                try:
                    value.encode("utf-8")
                except UnicodeEncodeError:
                    raise SidecarError(
                        f"sidecar {name}: {key!r} holds an invalid character (a lone surrogate)"
                    ) from None


def _date(value: object, name: str) -> str:
    """ISO at any precision (in any script's digits), or a date as a person writes it
    ("22 maart 2024"); never after tomorrow nor before 1800."""
    if isinstance(value, str):
        text = ascii_digits(value.strip())
        if is_iso_date(text):
            return text
        # A full timestamp ("2024-03-22T10:00:00Z") is kept to the day.
        if is_iso_date(text[:10]) and len(text) > 10 and text[10] in "T ":
            return text[:10]
        if parsed := parse_date(text):
            return parsed
    raise SidecarError(f"sidecar {name}: 'date' is not a date: {value!r}")


def _tags(value: object, name: str) -> tuple[str, ...]:
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list) and all(isinstance(t, str) for t in value):
        items = value
    else:
        raise SidecarError(f"sidecar {name}: 'tags' must be a list of strings")
    tags = tuple(dict.fromkeys(" ".join(t.split()) for t in items if t.strip()))
    if len(tags) > MAX_TAGS:
        raise SidecarError(f"sidecar {name}: {len(tags)} tags (at most {MAX_TAGS})")
    for tag in tags:
        if len(tag) > MAX_TAG_CHARS:
            raise SidecarError(
                f"sidecar {name}: a tag of {len(tag)} characters (at most {MAX_TAG_CHARS})"
            )
    return tags


def apply_sidecar(meta: Metadata, sidecar: dict | None) -> Metadata:
    """The guessed metadata with the sidecar's fields put over it. A title from a sidecar
    is the real one, so it is no longer marked derived."""
    if not sidecar:
        return meta
    fields = {k: v for k, v in sidecar.items() if k in FIELDS}
    if "title" in fields:
        fields["title_derived"] = False
    if "tags" in fields:
        fields["tags"] = tuple(fields["tags"])
    return replace(meta, **fields)

"""Sidecar metadata: a NAME.json beside NAME.txt, written by an archivist's scraper.

What it says overrides what the pipeline guessed; a field it leaves out (or sets to null
or "") keeps the guess. A broken sidecar *rejects the clip* with a reason naming the
sidecar: importing it with guessed metadata would hide the problem, and because an archived
clip is never imported twice, fixing the sidecar afterwards would change nothing. Once it
is fixed, running the same import again brings the clip in.
"""

from __future__ import annotations

import json
from dataclasses import replace
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


def sidecar_path(text_path: Path) -> Path:
    return Path(text_path).with_suffix(".json")


def load_sidecar(text_path: Path) -> dict | None:
    """The sidecar's fields for a clip file, normalised, or None when there is none.
    Raises SidecarError for one that is present but unusable."""
    path = sidecar_path(text_path)
    if path == Path(text_path) or not path.is_file():
        return None
    try:
        with path.open("rb") as f:  # is_file() above: a regular file, never a pipe
            raw = f.read(MAX_SIDECAR_BYTES + 1)  # the limit holds while reading
        if len(raw) > MAX_SIDECAR_BYTES:
            raise SidecarError(f"sidecar {path.name}: too large")
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SidecarError(f"sidecar {path.name}: not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise SidecarError(
            f"sidecar {path.name}: invalid JSON ({exc.msg}, line {exc.lineno})"
        ) from None
    except OSError as exc:
        raise SidecarError(f"sidecar {path.name}: unreadable ({exc.strerror or exc})") from None
    return validate_sidecar(data, path.name)


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
        out[key] = " ".join(value.split())
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
    return tuple(dict.fromkeys(t.strip() for t in items if t.strip()))


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

"""Source lines: `Bron: ANHA`, `Source: Reuters`, `المصدر: ...`, and a lone URL closing a
clip (the page it was scraped from)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlparse

from clipping_archive.ingest.dates import fold
from clipping_archive.languages import alternation, words

SOURCE_MAX_WORDS = 8

_LABELLED = re.compile(
    rf"^\s*[(\[]?\s*(?:{alternation(words('source_labels'))})\s*[:：]\s*(?P<value>.+?)\s*[)\]]?\s*$",
    re.IGNORECASE,
)
_URL = re.compile(r"https?://\S+|www\.\S+")
_LONE_URL = re.compile(r"^\s*(?P<url>https?://\S+)\s*$")


@dataclass(frozen=True)
class SourceLine:
    source: str | None
    url: str | None = None


def match_source_line(line: str) -> SourceLine | None:
    m = _LABELLED.match(line)
    if not m:
        return None
    value = m.group("value")
    url_match = _URL.search(value)
    url = url_match.group(0).rstrip(").,") if url_match else None
    name = _URL.sub("", value).strip(" ()[],;-–—")
    if len(name.split()) > SOURCE_MAX_WORDS:
        return None
    if not name and url:
        name = host_name(url)
    return SourceLine(name or None, url)


_AGENCY_LINE = re.compile(
    rf"^\s*[(\[]?\s*(?P<agency>{alternation(words('agencies'))})\s*[)\]]?\s*[-–—.:]?\s*$",
    re.IGNORECASE,
)


def match_agency_line(line: str) -> str | None:
    """A line that only names a news agency ("(ANP)", "واس"): where the story came from."""
    m = _AGENCY_LINE.match(line)
    return m.group("agency").strip("()") if m else None


def outlet_key(text: str) -> str:
    """An outlet's name as compared: folded (case, Arabic letter variants, harakat), dots
    and dashes as spaces ("NU.nl" and "nu nl", "العربية.نت" and "العربية نت"), brackets
    and closing punctuation around it dropped."""
    folded = re.sub(r"[.\-–—_·•]", " ", fold(text))
    return " ".join(folded.strip(" ()[]«»\"“”:|,،").split())


_OUTLETS = {outlet_key(w): w for w in words("outlet_names")}
OUTLET_LINE_MAX_CHARS = 60


def match_outlet(text: str) -> str | None:
    """``text`` when it names an outlet the packs know ("BBC News", "بي بي سي نيوز
    عربي"), as written: the source."""
    if len(text) > OUTLET_LINE_MAX_CHARS:
        return None
    return text.strip(" ()[]«»\"“”:|,،-–—") if outlet_key(text) in _OUTLETS else None


def match_lone_url(line: str) -> str | None:
    m = _LONE_URL.match(line)
    return m.group("url") if m else None


def host_name(url: str) -> str | None:
    host = urlparse(url if "://" in url else f"http://{url}").hostname or ""
    return host.removeprefix("www.") or None

"""Clean body -> metadata (title, date, author, source, url) and the body without the
lines that only carried metadata.

Metadata is read only where a page puts it: a date prefix before the first sentence, the
*header* (the short lines at the top, up to the first body paragraph) and the *footer* (the
last few short lines). A date deep in the text ("on 22 March 2024" in a caption) or in an
embedded post's attribution is never the article's date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from clipping_archive.ingest.fields.bylines import (
    match_bare_name,
    match_byline,
    match_dated_byline,
    match_paper_place,
    match_place_byline,
)
from clipping_archive.ingest.fields.datelines import (
    match_date_prefix,
    match_dateline,
    match_last_edited,
    match_published,
)
from clipping_archive.ingest.fields.sources import (
    match_agency_line,
    match_lone_url,
    match_outlet,
    match_source_line,
)
from clipping_archive.ingest.fields.title import choose_title
from clipping_archive.models import Metadata, Removed

HEADER_MAX_LINES = 8
_NUMERIC_DATE = re.compile(r"\d[-/.]\d{1,2}[-/.]\d")
HEADER_LINE_MAX_CHARS = 160  # a longer line is a body paragraph: the header ends there
# The first line is the headline's place: a long headline (the Daily Mail's run to 200
# characters) or one ending in a full stop still has the date and byline lines under it.
FIRST_LINE_MAX_CHARS = 250
# A line of this many words ending a sentence is body text, too: metadata lines do not
# end in a full stop. (Not "?": headlines ask questions.)
SENTENCE_MIN_WORDS = 8
# A single full stop: a headline may end in "!" or "..", and the date line under it must
# still be looked for.
_SENTENCE_END = re.compile(r"(?<!\.)\.[\"”»’']?$")
FOOTER_MAX_LINES = 3
# On the first line, where the headline stands, a labelled source of more words than this
# is a headline that starts with a label.
HEADLINE_SOURCE_MAX_WORDS = 3
FOOTER_LINE_MAX_CHARS = 120
# When a clip states more than one date, the publication date wins over a last-edited one.
DATE_PRIORITY = ("published_line", "dateline", "byline", "date_prefix", "last_edited")


_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Extracted:
    metadata: Metadata
    body: str
    removed: tuple[Removed, ...]


@dataclass(frozen=True)
class _Found:
    """What one metadata line said."""

    rule: str
    text: str
    date: str | None = None
    hijri: str | None = None
    author: str | None = None
    source: str | None = None
    url: str | None = None


def extract_metadata(
    body: str, language: str | None | Callable[[], str | None] = None
) -> Extracted:
    """``language`` (the clip's, or a function that guesses it, called only when a
    metadata line holds a numeric date) decides the order of numeric dates."""
    lines = body.split("\n")
    found: list[_Found] = []
    drop: set[int] = set()

    first = _first_nonempty(lines)
    if first is not None and (prefix := match_date_prefix(lines[first])):
        found.append(_Found("date_prefix", prefix.text, date=prefix.iso))
        lines = [*lines[:first], prefix.rest, *lines[first + 1 :]]

    header = _header(lines)
    if callable(language):
        numeric = any(_NUMERIC_DATE.search(lines[i]) for i in header)
        language = language() if numeric else None
    nonempty = [i for i, line in enumerate(lines) if line.strip()]
    headline = nonempty[0] if len(nonempty) > 1 else None
    under = next((i for i in nonempty if headline is not None and i > headline), None)
    for i in header:
        # The first line is the headline's place: a headline that starts like a label
        # ("Sources: ...") stays a headline; bylines in the site's own form ("لندن: رنيم
        # حنوش") are read only under it; a bare name and the paper beside a place
        # ("اليوم - الدمام") only right under it.
        hit = _header_line(lines[i], language, first=i == headline, after=partial(_after, lines, i))
        if not hit and i == under:
            hit = _under_headline(lines, i)
        if hit:
            found.append(hit)
            drop.add(i)
    for i in _footer(lines):
        if i not in drop and (hit := _footer_line(lines[i], first=i == headline)):
            found.append(hit)
            drop.add(i)

    kept = [line for i, line in enumerate(lines) if i not in drop]
    # A date or byline line right under the first line makes it the headline, however it
    # ends ("Al 100 dagen in het ziekenhuis." over "26-03-19, 19:51").
    title, derived = choose_title(kept, confirmed=under is not None and under in drop)
    meta = Metadata(
        title=title,
        title_derived=derived,
        date=_pick_date(found),
        hijri_date=next((f.hijri for f in found if f.hijri), None),
        author=next((f.author for f in found if f.author), None),
        source=next((f.source for f in found if f.source), None),
        url=next((f.url for f in found if f.url), None),
    )
    text = "\n".join(kept)
    if "\n\n\n" in text:  # only where a metadata line left a run of blank lines
        text = _BLANK_RUNS.sub("\n\n", text)
    text = text.strip()
    return Extracted(meta, text, tuple(Removed(f.rule, f.text) for f in found))


def _header_line(
    line: str,
    language: str | None = None,
    *,
    first: bool = False,
    after: Callable[[], str] | None = None,
) -> _Found | None:
    """What a line at the top says; ``after`` gives the text under it."""
    text = line.strip()
    if found := match_last_edited(text, language):
        return _Found("last_edited", text, date=found.iso, hijri=found.hijri)
    if found := match_published(text, language):
        return _Found("published_line", text, date=found.iso, hijri=found.hijri)
    # Before the dateline, which would take "Redactie Binnenland" for a place.
    if byline := match_dated_byline(text, language):  # "22 april 2024 | Redactie Binnenland"
        return _Found("byline", text, date=byline.date, author=byline.author, source=byline.source)
    if found := match_dateline(text, language):
        return _Found("dateline", text, date=found.iso, hijri=found.hijri)
    if byline := match_byline(text):
        return _Found("byline", text, date=byline.date, author=byline.author, source=byline.source)
    if hit := _footer_line(text, first=first):
        return hit
    if not first and (byline := match_place_byline(text, after)):
        return _Found("byline", text, date=byline.date, author=byline.author, source=byline.source)
    if not first and (parts := _parts_read(text, language)):
        return parts
    if not first and (dated := match_dated_byline(text, language, labels=True)):
        return _Found("dateline", text, date=dated.date)  # "22 april 2024 | Binnenland"
    return None


# Several metadata lines run together between bars: "Gepubliceerd: 30 juni 2024 16:12 |
# Laatst bijgewerkt: 30 juni 2024 18:00", "By Jane Doe | Updated June 30, 2024".
_PART_BARS = re.compile(r"\s*\|\s*")
MAX_LINE_PARTS = 3


def _parts_read(text: str, language: str | None) -> _Found | None:
    """A line of two or three parts, each of which a header reader reads alone: what
    they say together (the date by DATE_PRIORITY), under the rule of the part that
    gave the date. None when a part is no metadata."""
    if "|" not in text:
        return None
    parts = [p for p in _PART_BARS.split(text) if p.strip()]
    if not 2 <= len(parts) <= MAX_LINE_PARTS:
        return None
    hits = [_header_line(p, language) for p in parts]
    if not all(hits):
        return None
    found = [h for h in hits if h is not None]
    date = _pick_date(found)
    rule = next((f.rule for f in found if date and f.date == date), found[0].rule)
    return _Found(
        rule,
        text,
        date=date,
        hijri=next((f.hijri for f in found if f.hijri), None),
        author=next((f.author for f in found if f.author), None),
        source=next((f.source for f in found if f.source), None),
        url=next((f.url for f in found if f.url), None),
    )


def _footer_line(line: str, *, first: bool = False) -> _Found | None:
    text = line.strip()
    if agency := match_agency_line(text):
        return _Found("agency_line", text, source=agency)
    if outlet := match_outlet(text):  # "BBC News", "بي بي سي نيوز عربي": not an author
        return _Found("outlet_line", text, source=outlet)
    if source := match_source_line(text):
        name_words = len((source.source or "").split())
        if first and not source.url and name_words > HEADLINE_SOURCE_MAX_WORDS:
            return None  # "Sources: ISIS-K planned the attack" is a headline
        return _Found("source_line", text, source=source.source, url=source.url)
    if url := match_lone_url(text):
        return _Found("source_url", text, url=url)
    return None


def _under_headline(lines: list[str], i: int) -> _Found | None:
    """The forms read only on the line right under the headline, where elsewhere they
    would be text: the paper beside a place, a columnist's bare name."""
    text = lines[i].strip()
    if paper := match_paper_place(text):
        return _Found("byline", text, source=paper.source)
    if name := match_bare_name(lines[i], partial(_after, lines, i)):
        return _Found("byline", text, author=name.author)
    return None


def _after(lines: list[str], i: int) -> str:
    return "\n".join(lines[i + 1 :])


def _pick_date(found: list[_Found]) -> str | None:
    for rule in DATE_PRIORITY:
        for f in found:
            if f.rule == rule and f.date:
                return f.date
    return None


def _first_nonempty(lines: list[str]) -> int | None:
    return next((i for i, line in enumerate(lines) if line.strip()), None)


def _header(lines: list[str]) -> list[int]:
    """Indices of the non-empty lines at the top, up to the first that is body text."""
    out: list[int] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if len(out) >= HEADER_MAX_LINES:
            break
        if len(line.strip()) > FIRST_LINE_MAX_CHARS or (out and _is_body_text(line.strip())):
            break
        out.append(i)
    return out


def _is_body_text(line: str) -> bool:
    if len(line) > HEADER_LINE_MAX_CHARS:
        return True
    return len(line.split()) >= SENTENCE_MIN_WORDS and bool(_SENTENCE_END.search(line))


def _footer(lines: list[str]) -> list[int]:
    out: list[int] = []
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        if len(out) >= FOOTER_MAX_LINES or len(lines[i].strip()) > FOOTER_LINE_MAX_CHARS:
            break
        out.append(i)
    return out

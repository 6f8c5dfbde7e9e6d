"""Snippets: the part of a clip's *original* body around its first hit, with the hits'
offsets, found from the backend's hit ordinals (``Match.body_hits``: the n-th analysed
term is the n-th word) or, failing that, by analysing the body until the first hit."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice

from clipping_archive.analysis import analyze_word, compound_parts, iter_tokens
from clipping_archive.analysis.tokenize import WORD
from clipping_archive.models import Paragraph, split_paragraphs
from clipping_archive.search.query import ParsedQuery

SNIPPET_CHARS = 160


@dataclass(frozen=True)
class Snippet:
    text: str
    highlights: tuple[tuple[int, int], ...]  # [start, end) offsets of hits in text


def _is_hit(term: str, parsed: ParsedQuery) -> bool:
    return term in parsed.terms or any(term.startswith(p) for p in parsed.prefixes)


def _token_is_hit(text: str, token, language: str | None, parsed: ParsedQuery) -> bool:
    """A word is a hit by its term, or by a part of it (aanslag in terreuraanslag). Not by
    its family (اليمنية for اليمن): hits are the query's own words, as FTS5 marks them in
    the body and `clip export` counts them; a family match widens the results and ranks
    below them."""
    if _is_hit(token.term, parsed):
        return True
    parts = compound_parts(text[token.start : token.end], language)
    return any(part in parsed.terms for part in parts)


def find_hits(text: str, languages: list[str | None], parsed: ParsedQuery) -> list[tuple[int, int]]:
    """[start, end) spans of the words in ``text`` whose analysed form is a query term,
    trying each of the clip's languages (a paragraph may be in any of them)."""
    spans = {
        (t.start, t.end)
        for lang in dict.fromkeys(languages)
        for t in iter_tokens(text, lang)
        if _token_is_hit(text, t, lang, parsed)
    }
    return sorted(spans)


@dataclass(frozen=True)
class ClipHits:
    """Where a query's hits are in one clip: spans in its title and in each paragraph of
    its body (the paragraphs ``clip show`` and the clip page list, in order)."""

    title: tuple[tuple[int, int], ...]
    paragraphs: tuple[tuple[tuple[int, int], ...], ...]

    @property
    def count(self) -> int:
        return len(self.title) + sum(len(spans) for spans in self.paragraphs)


def clip_hits(
    title: str, language: str | None, paragraphs: Iterable[Paragraph], parsed: ParsedQuery
) -> ClipHits:
    """Each paragraph is analysed in its own language, the title in the clip's: the same
    analysis the index used, so a word is marked exactly when it made the clip match."""
    return ClipHits(
        title=tuple(find_hits(title, [language], parsed)),
        paragraphs=tuple(tuple(find_hits(p.text, [p.language], parsed)) for p in paragraphs),
    )


def first_hit(text: str, languages: list[str | None], parsed: ParsedQuery) -> int | None:
    """Where the first hit starts, analysing no further than needed (snippets are cut for
    every result, so this is on the path of every search)."""
    best: int | None = None
    for lang in dict.fromkeys(languages):
        for t in iter_tokens(text, lang):
            if best is not None and t.start >= best:
                break
            if _token_is_hit(text, t, lang, parsed):
                best = t.start
                break
    return best


def clip_languages(clip: dict) -> list[str | None]:
    """The clip's language, then its paragraphs' languages (a row straight from SQL holds
    them as JSON text; a decoded clip as a list)."""
    languages = clip.get("languages") or []
    if isinstance(languages, str):
        languages = json.loads(languages)
    return list(dict.fromkeys([clip.get("language"), *languages]))


def make_snippet(
    clip: dict,
    parsed: ParsedQuery,
    width: int = SNIPPET_CHARS,
    hits: Sequence[int] | None = None,
) -> Snippet:
    """The first paragraph with a hit, cut to ``width`` around the first hit.

    With ``hits`` (the body's hit ordinals, as the backend matched them: see
    ``storage.base.Match``) no analysis is needed, as the n-th term of the analysed body
    is the n-th word of the body, and phrases are marked only where the phrase matched.
    Without them (none, or only the title matched), or if the two ever disagree (an
    index from another analyzer), the body is analysed until the first hit."""
    body = clip.get("body") or ""
    languages = clip_languages(clip)
    if hits:
        snippet = _snippet_from_hits(body, sorted(set(hits)), languages, parsed, width)
        if snippet is not None:
            return snippet
    for paragraph in split_paragraphs(body):
        first = first_hit(paragraph, languages, parsed)
        if first is not None:
            start, end = _window(paragraph, first, width)
            spans = find_hits(paragraph[start:end], languages, parsed)
            return _cut(paragraph, start, end, spans)
    return Snippet(body[:width] + ("…" if len(body) > width else ""), ())


def _snippet_from_hits(
    body: str, ordinals: list[int], languages: list[str | None], parsed: ParsedQuery, width: int
) -> Snippet | None:
    found = WORD.finditer(body)
    # islice skips words in C: no Python step per word before the first hit.
    first = next(islice(found, ordinals[0], None), None)
    if first is None or not any(
        _is_hit(analyze_word(first.group(), lang), parsed) for lang in languages
    ):
        return None  # terms and words out of step: let the caller analyse instead
    par_start = body.rfind("\n", 0, first.start()) + 1
    par_end = body.find("\n", first.end())
    par_end = len(body) if par_end < 0 else par_end
    lead = len(body[par_start:par_end]) - len(body[par_start:par_end].lstrip())
    paragraph = body[par_start:par_end].strip()
    offset = par_start + lead
    start, end = _window(paragraph, first.start() - offset, width)
    spans = [(first.start() - offset, first.end() - offset)]
    position = ordinals[0]
    for ordinal in ordinals[1:]:
        word = next(islice(found, ordinal - position - 1, None), None)
        position = ordinal
        if word is None or word.start() - offset >= end:
            break
        spans.append((word.start() - offset, word.end() - offset))
    return _cut(paragraph, start, end, [(s - start, e - start) for s, e in spans])


def _cut(paragraph: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    """paragraph[start:end] with ellipses; ``spans`` are relative to ``start``."""
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(paragraph) else ""
    shift = len(prefix)
    inside = tuple((s + shift, e + shift) for s, e in spans if s >= 0 and e <= end - start)
    return Snippet(prefix + paragraph[start:end] + suffix, inside)


def _window(text: str, first: int, width: int) -> tuple[int, int]:
    """About ``width`` characters with the first hit a third of the way in, cut at spaces."""
    start = max(0, first - width // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    return start, end

"""Language of a clip and of each paragraph.

Cheap and deterministic, in three steps, cheapest first:

1. Script: a text whose letters are mostly Arabic is Arabic (no n-gram model needed).
2. Stopwords: the archive's Latin-script languages are Dutch and English; each has a
   short list of very frequent words the other language does not use (``de``, ``het``,
   ``een`` / ``the``, ``and``, ``of``). When one list clearly dominates a text, it decides.
   Counting words is ~100 times cheaper than langdetect's n-gram model.
3. Fallback: langdetect, seeded so the same text always gets the same answer, on a
   bounded sample - for texts the stopwords cannot tell (another language, a list of
   names, a very short paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import filterfalse

from clipping_archive.analysis.tokenize import MARKS, word_list
from clipping_archive.languages import PACKS
from clipping_archive.models import Paragraph, split_paragraphs

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_ARABIC_RUN = re.compile(_ARABIC.pattern + "+")
_WORD = re.compile(r"[^\W\d_]++(?:['’][^\W\d_]++)?+")  # possessive: nothing to backtrack for
# A text without these has, in word_list's words (runs of \w there), _WORD's words of its
# lowered text once the words of digits alone are left out: no mark or underscore (so
# word_list found runs of \w), no apostrophe (which joins two runs in a _WORD word), and
# no İ, the one character whose lower case is not one character of its own kind (i and a
# combining dot, which is no word character): checked over every code point, see
# tests/test_language.py.
_NOT_PLAIN = re.compile(rf"[{MARKS}_'’\u0130]")
_DIGIT = re.compile(r"\d")
# Paragraphs shorter than this are too short for a reliable guess of their own.
MIN_PARAGRAPH_CHARS = 60
# langdetect reads at most this much: its cost grows with the text, its accuracy does not.
DETECT_SAMPLE_CHARS = 1000
# A paragraph shorter than this with no stopword at all keeps the clip's language.
MAX_INHERIT_CHARS = 200
# Stopwords decide only when they are this share of the words and outnumber the other
# language's this many times; otherwise (German, French, a list of names) langdetect decides.
MIN_STOPWORD_SHARE = 0.12
MIN_STOPWORD_HITS = 3
MIN_STOPWORD_RATIO = 3.0
MIN_CLIP_STOPWORD_RATIO = 1.5

# Frequent words of one language that are rare or absent in the other (from the language
# packs). Words both use ("in", "is", "was", "had", "over") are left out on purpose.
STOPWORDS: dict[str, frozenset[str]] = {
    code: pack.stopwords for code, pack in PACKS.items() if pack.stopwords
}

_STOPWORD_LANGUAGE = {word: lang for lang, words in STOPWORDS.items() for word in words}


@lru_cache(maxsize=1)
def _factory():
    from langdetect import DetectorFactory

    from clipping_archive.ingest.language_profiles import load_factory

    DetectorFactory.seed = 0
    return load_factory()


def preload() -> None:
    """Open langdetect's profiles now (a file in the user's cache, built on first use:
    language_profiles.py). Called before worker processes are forked, so they share them
    instead of each opening its own on first use."""
    _factory()


def _langdetect(text: str) -> str | None:
    from langdetect.lang_detect_exception import LangDetectException

    detector = _factory().create()
    detector.append(text[:DETECT_SAMPLE_CHARS])
    try:
        lang = detector.detect()
    except LangDetectException:
        return None
    return None if lang == "unknown" else lang


@dataclass(frozen=True)
class TextStats:
    """What the cheap steps look at, counted in one pass; stats of a whole text are the
    sum of its paragraphs' stats (no word spans a line break)."""

    letters: int = 0
    arabic: int = 0
    words: int = 0
    hits: tuple[int, ...] = (0,) * len(STOPWORDS)  # in STOPWORDS order


def total_stats(stats: list[TextStats]) -> TextStats:
    """The stats of a text from its paragraphs', each field summed once (adding them a
    pair at a time made a TextStats a paragraph: 17 us for seven, against under 3)."""
    if not stats:
        return TextStats()
    return TextStats(
        sum([s.letters for s in stats]),
        sum([s.arabic for s in stats]),
        sum([s.words for s in stats]),
        tuple(map(sum, zip(*[s.hits for s in stats], strict=True))),
    )


_LANGUAGES = tuple(STOPWORDS)


def _plain_words(text: str, words: list[str]) -> list[str] | None:
    """``_WORD.findall(text.lower())`` from ``words``, ``word_list(text)``, without
    scanning the text again (indexing needs those words anyway), or None when they are
    not the same runs (see _NOT_PLAIN; a word mixing letters and digits). Lower case
    depends on context for one letter only, Greek final sigma, which is a letter either
    way and in no stopword."""
    if _NOT_PLAIN.search(text):
        return None
    joined = " ".join(words)
    if _DIGIT.search(joined):
        words = list(filterfalse(str.isdecimal, words))
        joined = " ".join(words)
        if _DIGIT.search(joined):
            return None
    return joined.lower().split(" ") if words else []


def text_stats(text: str, words: list[str] | None = None) -> TextStats:
    """``words``: ``word_list(text)`` when the caller has them (then, for most texts, the
    text is not scanned for words again: _plain_words). Otherwise one findall over the
    lowered text gives the words, and with them the letters: the words cover every letter
    of the text exactly once, plus the one apostrophe inside a word like ``l'homme``; and
    lowering keeps each character's count of letters (İ, the one character it lengthens,
    becomes i and a combining dot: still one letter). The stopword hits are counted in C
    (map, list.count), not a Python step a word."""
    plain = None if words is None else _plain_words(text, words)
    if plain is not None:
        words = plain
        letters = sum(map(len, words))
    else:
        words = _WORD.findall(text.lower())
        joined = "".join(words)
        letters = len(joined) - joined.count("'") - joined.count("’")
    # The common Latin-script case costs one scan: no Arabic letter, nothing to count.
    arabic = sum(map(len, _ARABIC_RUN.findall(text))) if _ARABIC.search(text) else 0
    languages = list(map(_STOPWORD_LANGUAGE.get, words))
    return TextStats(letters, arabic, len(words), tuple(map(languages.count, _LANGUAGES)))


def _by_stopwords(stats: TextStats, min_ratio: float) -> str | None:
    """The language whose stopwords clearly dominate, or None when none does."""
    (best_hits, best), (other_hits, _) = sorted(
        zip(stats.hits, _LANGUAGES, strict=True), reverse=True
    )[:2]
    if (
        best_hits >= MIN_STOPWORD_HITS
        and best_hits / stats.words >= MIN_STOPWORD_SHARE
        and best_hits >= min_ratio * other_hits
    ):
        return best
    return None


def stopword_language(text: str, min_ratio: float = MIN_STOPWORD_RATIO) -> str | None:
    """The language whose stopwords clearly dominate ``text``, or None when none does."""
    return _by_stopwords(text_stats(text), min_ratio)


def _clip_language(text: str, stats: TextStats) -> str | None:
    if stats.letters and stats.arabic / stats.letters >= 0.5:
        return "ar"
    if not stats.letters:
        return None
    # A whole clip mixing Dutch and English (a quoted tweet) is in the language of most of
    # it: a smaller lead suffices than for a paragraph, which should be one language.
    return _by_stopwords(stats, MIN_CLIP_STOPWORD_RATIO) or _langdetect(text)


def detect_language(text: str) -> str | None:
    """The language of a whole clip (ISO 639-1), or None for text without letters."""
    return _clip_language(text, total_stats(list(map(text_stats, split_paragraphs(text)))))


def _paragraph_language(text: str, stats: TextStats, clip_language: str | None) -> str | None:
    if len(text) < MIN_PARAGRAPH_CHARS or not stats.letters:
        return clip_language
    if stats.arabic / stats.letters >= 0.5:
        return "ar"
    decided = _by_stopwords(stats, MIN_STOPWORD_RATIO)
    if decided:
        return decided
    if clip_language is not None:
        # Not enough stopwords to decide. A short line without any (a headline, names, an
        # attribution) is too little for an n-gram model too: it keeps the clip's
        # language; so does one whose few stopwords are all the clip language's.
        if not any(stats.hits) and len(text) < MAX_INHERIT_CHARS:
            return clip_language
        if clip_language in _LANGUAGES:
            own = stats.hits[_LANGUAGES.index(clip_language)]
            if own and own == sum(stats.hits):
                return clip_language
    return _langdetect(text) or clip_language


def paragraph_language(text: str, clip_language: str | None) -> str | None:
    """A paragraph's own language when it is long enough to tell, else the clip's."""
    return _paragraph_language(text, text_stats(text), clip_language)


def detect_paragraphs(body: str, clip_language: str | None) -> tuple[Paragraph, ...]:
    """Each paragraph in its own language when it is long enough to tell, else the clip's."""
    return tuple(
        Paragraph(text, paragraph_language(text, clip_language)) for text in split_paragraphs(body)
    )


def paragraph_languages(paragraphs: tuple[Paragraph, ...]) -> list[str]:
    """The languages of a clip's paragraphs, in order of first use (``clips.languages``)."""
    return list(dict.fromkeys(p.language for p in paragraphs if p.language))


def detect_clip(body: str) -> tuple[str | None, tuple[Paragraph, ...]]:
    """``(detect_language(body), detect_paragraphs(body, that))`` with each paragraph
    counted once (the ingest path: half the work of calling both)."""
    return detect_clip_words(body)[:2]


def detect_clip_words(
    body: str,
) -> tuple[str | None, tuple[Paragraph, ...], list[list[str]]]:
    """``detect_clip(body)`` and each paragraph's ``word_list``, which it counts words
    from: indexing takes them from here (analysis.index_terms' ``words``) instead of
    splitting every paragraph a second time."""
    texts = split_paragraphs(body)
    words = list(map(word_list, texts))
    stats = list(map(text_stats, texts, words))
    language = _clip_language(body, total_stats(stats))
    paragraphs = tuple(
        Paragraph(text, _paragraph_language(text, st, language))
        for text, st in zip(texts, stats, strict=True)
    )
    return language, paragraphs, words

"""The per-language analyzers.

Every word is first normalized by script (NFKC, case, digits to ASCII; Arabic marks and
letter variants; Latin diacritics), then stemmed. Arabic-script words get the Arabic light
stemmer whatever the paragraph's language, since no Dutch or English stemmer applies to
them; Latin-script words get the stemmer of the paragraph's language (none for Arabic or
unknown languages, where Latin words are mostly names and acronyms).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from importlib.metadata import version

from clipping_archive.analysis import arabic, dutch, english
from clipping_archive.analysis.filters import fold_digits, fold_latin_diacritics, nfkc_casefold
from clipping_archive.analysis.tokenize import words
from clipping_archive.models import Token

# Stored terms depend on this code and on the Snowball stemmers' version: a change in
# either makes the archive's index stale (search warns; `clip reindex` rebuilds it).
ANALYZER_VERSION = f"2+pystemmer-{version('PyStemmer')}"

LATIN_STEMMERS: dict[str, Callable[[str], str]] = {
    "nl": dutch.stem,
    # langdetect often calls a short Dutch paragraph Afrikaans; stem it as Dutch.
    "af": dutch.stem,
    "en": english.stem,
}
LANGUAGES = ("nl", "en", "ar")  # the archive's languages, each with its own analyzer


def normalize(word: str) -> str:
    """Script-aware normalization without stemming (what a prefix query is matched with)."""
    term = fold_digits(nfkc_casefold(word))
    if arabic.is_arabic(term):
        return arabic.unify_letters(arabic.strip_marks(term))
    return fold_latin_diacritics(term)


# News text repeats its common words, so a word cache saves most of the stemming; 16k
# entries (~6 MB) fill early in an import and then hold memory flat as the folder grows.
@lru_cache(maxsize=1 << 14)
def analyze_word(word: str, language: str | None) -> str:
    """One word's indexed term ('' when nothing is left, e.g. a bare tatweel)."""
    term = normalize(word)
    if not term:
        return ""
    if arabic.is_arabic(term):
        return arabic.light_stem(term)
    stem = LATIN_STEMMERS.get(language or "")
    return stem(term) if stem else term


def iter_tokens(text: str, language: str | None) -> Iterator[Token]:
    """Lazily, so a snippet can stop at the first hit."""
    for word, start, end in words(text):
        term = analyze_word(word, language)
        if term:
            yield Token(term, start, end)


def analyze(text: str, language: str | None) -> list[Token]:
    return list(iter_tokens(text, language))

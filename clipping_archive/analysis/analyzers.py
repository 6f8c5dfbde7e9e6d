"""The per-language analyzers. A first, simple chain: issue #3 deepens each one."""

from __future__ import annotations

from collections.abc import Callable

from clipping_archive.analysis.filters import fold_digits, fold_latin_diacritics, nfkc_casefold
from clipping_archive.analysis.tokenize import words
from clipping_archive.models import Token

ANALYZER_VERSION = "1"

TermFilter = Callable[[str], str]


def _chain(*filters: TermFilter) -> Callable[[str], str]:
    def run(term: str) -> str:
        for f in filters:
            term = f(term)
        return term

    return run


_DEFAULT = _chain(nfkc_casefold, fold_latin_diacritics, fold_digits)

ANALYZERS: dict[str, Callable[[str], str]] = {}


def analyzer_for(language: str | None) -> Callable[[str], str]:
    return ANALYZERS.get(language or "", _DEFAULT)


def analyze(text: str, language: str | None) -> list[Token]:
    analyzer = analyzer_for(language)
    tokens = []
    for word, start, end in words(text):
        term = analyzer(word)
        if term:
            tokens.append(Token(term, start, end))
    return tokens

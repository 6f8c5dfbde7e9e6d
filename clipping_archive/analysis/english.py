"""The English stemmer: Snowball English (Porter2) via PyStemmer, not FTS5's older porter
tokenizer, which would have to be registered in the archive's FTS table."""

from __future__ import annotations

from functools import lru_cache

import Stemmer

ALGORITHM = "english"


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer(ALGORITHM)


def stem(term: str) -> str:
    return _stemmer().stemWord(term)

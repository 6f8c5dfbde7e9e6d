"""The Dutch stemmer: Snowball's Porter-style `dutch_porter` plus two small repairs.

Checked against pairs from the seeds (see tests/vectors/nl.tsv). PyStemmer 3's default
`dutch` (Kraaij-Pohlmann) stems aanslagen -> aanslaag but aanslag -> aanslag, so the most
common search in the archive would miss half its hits; `dutch_porter` conflates those but
leaves a doubled consonant (aanvallen -> aanvall, aanval -> aanval) and keeps the -s of
-ies plurals (operaties / operatie). Both are repaired below.
"""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

ALGORITHM = "dutch_porter"
_DOUBLED = re.compile(r"([bcdfghjklmnpqrstvwxz])\1$")
# Words the stemmer would cut wrongly, stemmed by hand (like Lucene's stem override
# dictionary): `mens` would lose its s and no longer meet `mensen`.
OVERRIDES = {"mens": "mens"}


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer(ALGORITHM)


def stem(term: str) -> str:
    if term in OVERRIDES:
        return OVERRIDES[term]
    if len(term) > 5 and term.endswith("ies"):
        term = term[:-1]  # operaties -> operatie, series -> serie
    stemmed = _stemmer().stemWord(term)
    return _DOUBLED.sub(r"\1", stemmed)  # aanvall -> aanval

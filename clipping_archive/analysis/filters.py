"""Token filters shared by every analyzer: each does one thing to one term and returns
the new term."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")


def nfkc_casefold(term: str) -> str:
    """Presentation forms and ligatures to plain letters (ﻻ -> لا, ﬁ -> fi), then case.
    A ligature that expands to several words (ﷺ) stays one term: spaces are dropped so a
    term never splits into two FTS5 tokens."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", term).casefold())


def fold_latin_diacritics(term: str) -> str:
    """ë -> e, é -> e (Oekraïne -> oekraine). Only for Latin-script terms: on Arabic it
    would also drop the hamza of أ and ؤ, which the Arabic analyzer decides on itself."""
    decomposed = unicodedata.normalize("NFD", term)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_digits(term: str) -> str:
    """Any script's decimal digits to ASCII (٢٠٢٤ and ۲۰۲۴ -> 2024)."""
    if term.isascii():
        return term
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in term)

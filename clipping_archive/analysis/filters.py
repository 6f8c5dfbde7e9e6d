"""Token filters: each does one thing to one term and returns the new term."""

from __future__ import annotations

import unicodedata


def nfkc_casefold(term: str) -> str:
    return unicodedata.normalize("NFKC", term).casefold()


def fold_latin_diacritics(term: str) -> str:
    decomposed = unicodedata.normalize("NFD", term)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_digits(term: str) -> str:
    """Any script's decimal digits to ASCII (٢٠٢٤ -> 2024)."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in term)

"""Word lists from data, loaded once per process: simplemma's lemma dictionaries (inflected
form -> dictionary lemma, for ar, nl and en, shipped inside the package; MIT licence) and
wordfreq's frequency lists (bundled in the package; Apache 2.0 code, CC BY-SA data).

They serve two steps of the analyzer chains: the lemmatizer (a word the dictionary knows
gets its lemma: kinderen -> kind, went -> go, أيام -> يوم) and the attestation guards of the
light stemmers and the compound splitter (strip a clitic only when what remains is a
word). Nothing here is written from test cases.

Loading costs ~0.1-0.3 s and ~30-60 MB per language (bytes-keyed dicts); the importer
loads them before forking its workers, so the workers share one copy.
"""

from __future__ import annotations

from functools import cache

LEXICON_LANGUAGES = ("ar", "nl", "en")


@cache
def _table(language: str) -> dict[bytes, bytes]:
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    mapping = DefaultDictionaryFactory().get_dictionary(language)
    return mapping._dict  # the raw bytes -> bytes dict: one C-level lookup per word


def lemma(word: str, language: str) -> str | None:
    """The dictionary lemma of ``word`` (as written: case and letters matter), or None
    when the dictionary does not know it."""
    found = _table(language).get(word.encode())
    return found.decode() if found is not None else None


def known(word: str, language: str) -> bool:
    return word.encode() in _table(language)


def frequency(word: str, language: str) -> float:
    """How common ``word`` is (Zipf scale, 0 for unknown), from wordfreq's lists, bundled
    in the package: the tie-breaker between two readings of a word."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, language)


def preload() -> None:
    """Load every lexicon now (before worker processes fork, so they share the pages)."""
    for language in LEXICON_LANGUAGES:
        _table(language)

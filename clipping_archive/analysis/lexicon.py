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


@cache
def _lemmas(language: str) -> frozenset[bytes]:
    # The dictionary stores inflected forms only: a lemma that is not also a form of
    # another word (vervolgens, geleden, deskundigheid) is a value, never a key.
    return frozenset(_table(language).values())


def is_lemma(word: str, language: str) -> bool:
    """``word`` is a dictionary lemma (as written): a known word, not to be stemmed."""
    return word.encode() in _lemmas(language)


# How many of the most frequent words of a language the frequency ranks keep: enough to
# rank every word a tie-break or a compound part needs, small enough (~8 MB a language)
# to load in a fraction of a second and share between import workers.
RANKED_WORDS = 100_000


@cache
def _ranks(language: str) -> dict[str, int]:
    import wordfreq

    words = wordfreq.top_n_list(language, RANKED_WORDS)
    # wordfreq keeps its whole list cached; only the ranks are needed from here on.
    for cached in (
        getattr(wordfreq, "get_frequency_list", None),
        getattr(wordfreq, "get_frequency_dict", None),
    ):
        if cached is not None and hasattr(cached, "cache_clear"):
            cached.cache_clear()
    return {word: RANKED_WORDS - rank for rank, word in enumerate(words)}


def frequency(word: str, language: str) -> int:
    """How common ``word`` is: higher is more frequent, 0 when it is not among the
    RANKED_WORDS most frequent words of the language (wordfreq's lists, bundled in the
    package). The tie-breaker between two readings of a word, and the test that a
    compound's part is a word people write."""
    return _ranks(language).get(word, 0)


def preload() -> None:
    """Load every lexicon now (before worker processes fork, so they share the pages)."""
    for language in LEXICON_LANGUAGES:
        _table(language)
        _ranks(language)
    for language in ("nl", "en"):  # the Latin-script chains ask whether a word is a lemma
        _lemmas(language)

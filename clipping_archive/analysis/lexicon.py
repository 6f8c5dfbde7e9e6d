"""Word lists from data: simplemma's lemma dictionaries (inflected form -> dictionary
lemma, for ar, nl and en, shipped inside the package; MIT licence) and wordfreq's
frequency lists (bundled in the package; Apache 2.0 code, CC BY-SA data).

They serve two steps of the analyzer chains: the lemmatizer (a word the dictionary knows
gets its lemma: kinderen -> kind, went -> go, أيام -> يوم) and the attestation guards of the
light stemmers and the compound splitter (strip a clitic only when what remains is a
word). Nothing here is written from test cases.

Two ways to hold them, with the same answers (tests/test_lexicon_table.py):

- **A table on disk** (the default): one memory-mapped hash file a language in the user's
  cache (lexicon_table.py), built once from the packages and looked up a word at a time.
  Opening it costs well under a millisecond, so a `clip search` that analyses three query
  words and a few snippets pays for those words only, not for ~0.3 s and ~40 MB a
  language of loading.
- **Dictionaries in memory** (`preload()`): what an import wants, since it asks about
  hundreds of thousands of words and a dict answers several times faster. The importer
  loads them before forking its workers, so the workers share one copy.
"""

from __future__ import annotations

import threading
from typing import Protocol

LEXICON_LANGUAGES = ("ar", "nl", "en")

# How many of the most frequent words of a language the frequency ranks keep: enough to
# rank every word a tie-break or a compound part needs, small enough (~8 MB a language)
# to load in a fraction of a second and share between import workers.
RANKED_WORDS = 100_000


class Lexicon(Protocol):
    def lemma(self, word: str) -> str | None: ...
    def known(self, word: str) -> bool: ...
    def is_lemma(self, word: str) -> bool: ...
    def frequency(self, word: str) -> int: ...


def load_dictionary(language: str) -> dict[bytes, bytes]:
    """simplemma's dictionary of ``language`` as its raw bytes -> bytes dict (one C-level
    lookup a word)."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary(language)._dict


def load_ranks(language: str) -> dict[str, int]:
    """The RANKED_WORDS most frequent words of ``language`` -> rank (higher: more frequent)."""
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


class MemoryLexicon:
    """The whole dictionary and frequency list of a language, in dicts."""

    def __init__(self, language: str):
        self.table = load_dictionary(language)
        self.ranks = load_ranks(language)
        # The dictionary stores inflected forms only: a lemma that is not also a form of
        # another word (vervolgens, geleden, deskundigheid) is a value, never a key.
        self.lemmas = frozenset(self.table.values())

    @classmethod
    def from_parts(
        cls, table: dict[bytes, bytes], ranks: dict[str, int], lemmas: frozenset[bytes]
    ) -> MemoryLexicon:
        """The dicts as saved beside the table (lexicon_table.load_memory)."""
        memory = cls.__new__(cls)
        memory.table, memory.ranks, memory.lemmas = table, ranks, lemmas
        return memory

    def lemma(self, word: str) -> str | None:
        found = self.table.get(word.encode())
        return found.decode() if found is not None else None

    def known(self, word: str) -> bool:
        return word.encode() in self.table

    def is_lemma(self, word: str) -> bool:
        return word.encode() in self.lemmas

    def frequency(self, word: str) -> int:
        return self.ranks.get(word, 0)


_open: dict[str, Lexicon] = {}
_opening = threading.Lock()


def _lexicon(language: str) -> Lexicon:
    found = _open.get(language)
    if found is not None:
        return found
    with _opening:
        if language not in _open:
            from clipping_archive.analysis import lexicon_table

            # The table, or (no cache directory can be written anywhere) the dicts.
            _open[language] = lexicon_table.open_table(language) or MemoryLexicon(language)
        return _open[language]


def lemma(word: str, language: str) -> str | None:
    """The dictionary lemma of ``word`` (as written: case and letters matter), or None
    when the dictionary does not know it."""
    return (_open.get(language) or _lexicon(language)).lemma(word)


def known(word: str, language: str) -> bool:
    return (_open.get(language) or _lexicon(language)).known(word)


def is_lemma(word: str, language: str) -> bool:
    """``word`` is a dictionary lemma (as written): a known word, not to be stemmed."""
    return (_open.get(language) or _lexicon(language)).is_lemma(word)


def frequency(word: str, language: str) -> int:
    """How common ``word`` is: higher is more frequent, 0 when it is not among the
    RANKED_WORDS most frequent words of the language (wordfreq's lists, bundled in the
    package). The tie-breaker between two readings of a word, and the test that a
    compound's part is a word people write."""
    return (_open.get(language) or _lexicon(language)).frequency(word)


def preload(languages: tuple[str, ...] = LEXICON_LANGUAGES) -> None:
    """Load the lexicons into memory now (an import: before worker processes fork, so they
    share the pages). Tables not yet in the cache are written from the same dicts, so the
    searches after a first import open them at once, and the dicts are saved beside them
    for the next import."""
    from clipping_archive.analysis import lexicon_table

    with _opening:
        for language in languages:
            if isinstance(_open.get(language), MemoryLexicon):
                continue
            # The dicts saved beside the table load in ~0.1 s a language; simplemma's
            # own files take ~0.4 s to decode, and this is waited for before any work.
            memory = lexicon_table.load_memory(language) or MemoryLexicon(language)
            previous = _open.get(language)
            _open[language] = memory
            if isinstance(previous, lexicon_table.TableLexicon):
                previous.close()
            lexicon_table.ensure_table(language, memory)


def reset() -> None:
    """Forget every opened lexicon (the next lookup opens the table again)."""
    from clipping_archive.analysis import lexicon_table

    with _opening:
        for found in _open.values():
            if isinstance(found, lexicon_table.TableLexicon):
                found.close()
        _open.clear()

"""The per-language analyzer chains, spelled as lists of small steps in the manner of
Lucene's `Analyzer.createComponents`. Every step takes one term and returns one term; the
same chain runs at index and at query time.

    normalise -> lemmatize (words the dictionary knows) -> stem (words it does not) -> normalise

Arabic-script words get the Arabic chain whatever the paragraph's language (no Dutch or
English step applies to them); Latin-script words get the chain of the paragraph's
language, and a plain normaliser where the language has none (Latin words in an Arabic
paragraph are mostly names and acronyms). The chain minus its lemmatize/stem step is the
normaliser (`normalize`) that names, dates and filters use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from clipping_archive.analysis import arabic, compounds, dutch, english, lexicon
from clipping_archive.analysis.family import family_term
from clipping_archive.analysis.filters import fold_digits, fold_latin_diacritics, nfkc_casefold
from clipping_archive.analysis.tokenize import words
from clipping_archive.models import Token
from clipping_archive.versions import installed_version as version

# Stored terms depend on this code, the Snowball stemmers and the lexicons: a change in
# any makes the archive's index stale (search warns; `clip reindex` rebuilds it). The
# near-duplicate fingerprints are made from the same terms (5: since they are), so `clip
# reindex` rebuilds them too; how they are hashed has its own version
# (ingest/fingerprint.FINGERPRINT_VERSION). 6: place names, broken plurals, verbs kept
# apart, three-letter compound modifiers and the family level in `parts` (#22). 7: a bare
# verb-participle homograph read in its context (كما طالب: the verb; أبو طالب: a name), an
# object pronoun after a verb's ending, a verbal noun's ة before a pronoun, no pronoun
# after a dual's ن, no place name for a word a name never is (#22).
ANALYZER_VERSION = (
    f"7+pystemmer-{version('PyStemmer')}+simplemma-{version('simplemma')}"
    f"+wordfreq-{version('wordfreq')}"
)

Step = Callable[[str], str]


@dataclass(frozen=True)
class Chain:
    """An analyzer: ``normalise`` steps, then one ``stem`` step (lemmatizer with a
    stemmer behind it), then ``after`` steps that make spelling variants of a lemma meet."""

    normalise: tuple[Step, ...]
    stem: Step | None
    after: tuple[Step, ...] = ()

    def __call__(self, term: str) -> str:
        for step in self.normalise:
            term = step(term)
        if term and self.stem is not None:
            term = self.stem(term)
        for step in self.after:
            term = step(term)
        return term

    def normaliser(self, term: str) -> str:
        """The chain without its lemmatize/stem step."""
        for step in (*self.normalise, *self.after):
            term = step(term)
        return term


def _dictionary_lemma(term: str, language: str) -> str | None:
    """The dictionary's lemma of a Latin-script word, or None when it knows no reading.

    Looked up as written, then capitalised (names and demonyms are keyed so: Moskou,
    NAVO, Americans -> American), then with accents folded (stress accents: wél, vóórkomen).
    A word that is itself a dictionary lemma is known (the dictionary lists inflected
    forms only: vervolgens, geleden). Lemmas come back without Alpino-style underscores
    (op_leveren -> opleveren), so every form of a separable verb meets."""
    found = lexicon.lemma(term, language)
    if found is None or found == term:
        capital = lexicon.lemma(term.capitalize(), language)
        if capital is not None:
            found = capital
    if found is None:
        folded = fold_latin_diacritics(term)
        if folded != term:
            found = lexicon.lemma(folded, language)
    if found is None and lexicon.is_lemma(term, language):
        found = term
    if found is None:
        return None
    return found.lower().replace("_", "")


def _latin_lemma(language: str, fallback: Step, *, attested_lemmas: bool = False) -> Step:
    """The lemmatize-or-stem step of a Latin-script chain. With ``attested_lemmas``, a
    lemma the dictionary gives must be a word people write (among wordfreq's most frequent
    words of the language), else the word is stemmed instead: simplemma's English lexicon
    has a few such slips (thinking -> thinke, playing -> playe), which would keep
    `thinking` from `think`."""

    def lemma_or_stem(term: str) -> str:
        found = _dictionary_lemma(term, language)
        if found is not None and not (
            attested_lemmas and found != term and lexicon.frequency(found, language) == 0
        ):
            return found
        return fallback(fold_latin_diacritics(term))

    lemma_or_stem.__name__ = f"{language}_lemma_or_stem"
    return lemma_or_stem


# A word among the most frequent of Dutch (wordfreq) that the dictionary does not list is
# mostly an uninflected word (vervolgens, geleden, slechts, deskundigheid) that Snowball
# would cut into another word (vervolgen, geled, slecht, deskund): it stays whole.
ATTESTED_FREQUENCY = 1


def _dutch_fallback(term: str) -> str:
    """An unknown Dutch word: a compound is its modifiers and the lemma of its head
    (terreuraanslagen -> terreuraanslag); anything else gets the Snowball stem."""
    parts = compounds.split(term)
    if parts:
        head = max((p for p in parts if term.endswith(p)), key=len)
        return term[: -len(head)] + DUTCH(head)
    if lexicon.frequency(term, "nl") >= ATTESTED_FREQUENCY:
        return term
    return dutch.stem(term)


LATIN_NORMALISE: tuple[Step, ...] = (nfkc_casefold, fold_digits)
ARABIC = Chain((nfkc_casefold, fold_digits, arabic.strip_marks), arabic.lemma_or_stem,
               (arabic.unify_letters,))  # fmt: skip
DUTCH = Chain(LATIN_NORMALISE, _latin_lemma("nl", _dutch_fallback),
              (fold_latin_diacritics,))  # fmt: skip
ENGLISH = Chain(LATIN_NORMALISE, _latin_lemma("en", english.stem, attested_lemmas=True),
                (fold_latin_diacritics,))  # fmt: skip
PLAIN = Chain(LATIN_NORMALISE, None, (fold_latin_diacritics,))

CHAINS: dict[str, Chain] = {
    "nl": DUTCH,
    # langdetect often calls a short Dutch paragraph Afrikaans; analyse it as Dutch.
    "af": DUTCH,
    "en": ENGLISH,
}
LANGUAGES = ("nl", "en", "ar")  # the archive's languages, each with its own analyzer
COMPOUNDING_LANGUAGES = frozenset({"nl", "af"})  # whose compounds are indexed by their parts


def chain_for(term: str, language: str | None) -> Chain:
    if arabic.is_arabic(term):
        return ARABIC
    return CHAINS.get(language or "", PLAIN)


def normalize(word: str) -> str:
    """Script-aware normalization without lemmas or stems (what a prefix query, a name or
    a date is matched with)."""
    term = fold_digits(nfkc_casefold(word))
    return chain_for(term, None).normaliser(term)


# News text repeats its common words, so a word cache saves most of the analysis; 16k
# entries (~6 MB) fill early in an import and then hold memory flat as the folder grows.
@lru_cache(maxsize=1 << 14)
def analyze_word(word: str, language: str | None) -> str:
    """One word's indexed term ('' when nothing is left, e.g. a bare tatweel)."""
    term = fold_digits(nfkc_casefold(word))
    if not term:
        return ""
    return chain_for(term, language)(term)


@lru_cache(maxsize=1 << 14)
def compound_parts(word: str, language: str | None) -> tuple[str, ...]:
    """The analysed parts of a compound word (Dutch): indexed beside the whole word."""
    if language not in COMPOUNDING_LANGUAGES:
        return ()
    term = fold_digits(nfkc_casefold(word))
    if arabic.is_arabic(term) or not term.isalpha():
        return ()
    return tuple(dict.fromkeys(DUTCH(part) for part in compounds.split(term)))


@lru_cache(maxsize=1 << 14)
def word_readings(word: str, language: str | None) -> tuple[str, bool]:
    """(the word's indexed term alone, whether its context decides its term): True for
    the few words arabic.read_in_context names (طالب is the noun alone, the verb after
    كما or الذي, a name after أبو). One cached lookup a word, as ``analyze_word``."""
    normal = fold_digits(nfkc_casefold(word))
    if not normal:
        return "", False
    chain = chain_for(normal, language)
    term = chain(normal)  # analyze_word's term
    return term, chain is ARABIC and bool(term) and arabic.read_in_context(normal, term)


@lru_cache(maxsize=1 << 14)
def word_terms(word: str, language: str | None) -> tuple[str, str, bool]:
    """(the word's indexed term alone, its marked family term or '' when the family is the
    term, whether its context decides its term: see word_readings): one cached lookup a
    word gives all three, so the family costs no second analysis (and no second lookup)
    at import."""
    term, in_context = word_readings(word, language)
    if not term:
        return "", "", False
    return term, family_term(term, language), in_context


def terms_in_context(words: Iterable[str], language: str | None) -> Iterator[str]:
    """The term of each word in a run of words ('' for a word that analyses to nothing),
    each read after the word before it where that decides (arabic.reading_after)."""
    previous = ""
    for word in words:
        term, in_context = word_readings(word, language)
        yield arabic.reading_after(previous, term) if in_context else term
        previous = word


def iter_tokens(text: str, language: str | None) -> Iterator[Token]:
    """Lazily, so a snippet can stop at the first hit. Each word is read after the one
    before it where that decides (terms_in_context), as the index reads it."""
    previous = ""
    for word, start, end in words(text):
        term, in_context = word_readings(word, language)
        if in_context:
            term = arabic.reading_after(previous, term)
        if term:
            yield Token(term, start, end)
        previous = word


def analyze(text: str, language: str | None) -> list[Token]:
    return list(iter_tokens(text, language))


def preload() -> None:
    """Load the lexicons now: called before import workers fork, so they share them."""
    lexicon.preload()

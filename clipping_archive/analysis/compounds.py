"""Dutch compounds: `terreuraanslag` is `terreur` + `aanslag`, and a researcher searching
for `aanslag` wants it. As Lucene's DictionaryCompoundWordTokenFilter does, the parts are
indexed *beside* the whole word (in their own FTS column, so phrase positions in the body
stay those of the text), and split only into parts that are words of a lexicon
(simplemma's Dutch dictionary), so `aanslag` is never cut into `aan` + `slag`: parts must
be at least MIN_PART letters, and the head must be a known word.
"""

from __future__ import annotations

from functools import cache

from clipping_archive.analysis import lexicon

MIN_PART = 4  # a head, or a modifier the lemma table does not list
# A modifier of three letters is a part when the lemma table lists it and it is no verb
# prefix (bom-aanslag, gas-prijs, wet-s-voorstel; not aan-slag, ver-kiezing).
MIN_MODIFIER = 3
MIN_COMPOUND = 2 * MIN_PART  # geleden (7 letters) is no gel + eden
# A modifier the lemma table lacks but wordfreq ranks among the language's 10,000 most
# frequent words (kerst, in kerstmarkt) is a word people write: a part when it is this
# long (not jihadi, ranked ~78,000, in jihadisering).
MIN_UNLISTED_MODIFIER = 5
UNLISTED_MODIFIER_FREQUENCY = lexicon.RANKED_WORDS - 10_000
# Longer "words" are junk (a run of 80,000 letters), not compounds: trying every cut of
# one costs its length squared, so they are not split at all (kindercarnavalsoptocht-
# voorbereidingswerkzaamhedenplan, 53 letters, still is).
MAX_COMPOUND = 64
LINKS = ("s", "en", "e", "")  # veiligheid-s-dienst, zieken-huis, ...: the linking sounds
# A part must be among the language's most frequent words (lexicon.RANKED_WORDS), not a
# rare homograph of a syllable.
MIN_PART_FREQUENCY = 1


def _is_part(word: str) -> bool:
    return lexicon.known(word, "nl") and lexicon.frequency(word, "nl") >= MIN_PART_FREQUENCY


@cache
def _prefixes() -> frozenset[str]:
    from clipping_archive.languages import PACKS

    return PACKS["nl"].word_prefixes


def _is_modifier(word: str) -> bool:
    if word in _prefixes():
        return False
    if len(word) < MIN_PART:
        return lexicon.is_lemma(word, "nl") and _is_part(word)
    if _is_part(word):
        return True
    frequent = lexicon.frequency(word, "nl") >= UNLISTED_MODIFIER_FREQUENCY
    return len(word) >= MIN_UNLISTED_MODIFIER and frequent


def split(word: str) -> tuple[str, ...]:
    """The parts of a compound, left to right (modifier(s), then the head), or () when the
    word is not one. ``word`` is lower case. The longest known head wins, so
    `terreuraanslagen` is `terreur` + `aanslagen`."""
    if not MIN_COMPOUND <= len(word) <= MAX_COMPOUND:
        return ()
    for cut in range(MIN_MODIFIER, len(word) - MIN_PART + 1):
        head = word[cut:]
        if not _is_part(head):
            continue
        left = word[:cut]
        for link in LINKS:
            if link and not left.endswith(link):
                continue
            modifier = left[: len(left) - len(link)] if link else left
            if len(modifier) < MIN_MODIFIER or (len(modifier) < MIN_PART and link):
                continue  # bom-aanslag; but bomen- (trees) is no bom + en
            front = (modifier,) if _is_modifier(modifier) else split(modifier)
            if front:
                # A head that is itself a compound (zelfmoord-aanslag: moordaanslag) gives
                # its parts too, so `aanslag` finds `zelfmoordaanslag`.
                return (*front, head, *split(head))
    return ()

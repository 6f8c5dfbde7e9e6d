"""Dutch compounds: `terreuraanslag` is `terreur` + `aanslag`, and a researcher searching
for `aanslag` wants it. As Lucene's DictionaryCompoundWordTokenFilter does, the parts are
indexed *beside* the whole word (in their own FTS column, so phrase positions in the body
stay those of the text), and split only into parts that are words of a lexicon
(simplemma's Dutch dictionary), so `aanslag` is never cut into `aan` + `slag`: parts must
be at least MIN_PART letters, and the head must be a known word.
"""

from __future__ import annotations

from clipping_archive.analysis import lexicon

MIN_PART = 4  # aan, op, af, ver... are prefixes, not parts worth finding
MIN_COMPOUND = 2 * MIN_PART
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


def split(word: str) -> tuple[str, ...]:
    """The parts of a compound, left to right (modifier(s), then the head), or () when the
    word is not one. ``word`` is lower case. The longest known head wins, so
    `terreuraanslagen` is `terreur` + `aanslagen`."""
    if not MIN_COMPOUND <= len(word) <= MAX_COMPOUND:
        return ()
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[cut:]
        if not _is_part(head):
            continue
        left = word[:cut]
        for link in LINKS:
            if link and not left.endswith(link):
                continue
            modifier = left[: len(left) - len(link)] if link else left
            if len(modifier) < MIN_PART:
                continue
            front = (modifier,) if _is_part(modifier) else split(modifier)
            if front:
                # A head that is itself a compound (zelfmoord-aanslag: moordaanslag) gives
                # its parts too, so `aanslag` finds `zelfmoordaanslag`.
                return (*front, head, *split(head))
    return ()

"""Vowelled and stretched Arabic must analyse like the bare word. pyarabic, a separate
implementation, checks the vowelled fixtures: it must strip them back to the seed word
(its own defaults are not used in the analyzer: see docs/search.md)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pyarabic.araby as araby

from clipping_archive.analysis import analyze_word

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Short vowels, shadda and sukun (tanween is left out: an alef carrying it is part of the
# ending and dropped with it, which is a different rule with its own vectors).
MARKS = (araby.FATHA, araby.DAMMA, araby.KASRA, araby.SUKUN, araby.SHADDA)


def seed_arabic_words() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    words = {w for w in re.findall(r"[\u0621-\u064a]{2,}", text)}
    return sorted(words)


def vowelled(word: str, marks) -> str:
    """A mark after every letter, and a tatweel stretching the middle."""
    out = "".join(letter + next(marks) for letter in word)
    middle = len(out) // 2
    return out[:middle] + araby.TATWEEL * 3 + out[middle:]


def test_vowelled_seed_words_analyse_as_the_bare_words():
    words = seed_arabic_words()
    assert len(words) > 500
    marks = itertools.cycle(MARKS)
    for word in words:
        dressed = vowelled(word, marks)
        assert araby.is_vocalized(dressed)
        # The fixture is right by another library's reading: it strips back to the word.
        assert araby.strip_tashkeel(araby.strip_tatweel(dressed)) == word
        assert analyze_word(dressed, "ar") == analyze_word(word, "ar"), word


def test_dagger_alef_which_pyarabic_keeps_is_removed():
    # هٰذا: pyarabic's strip_tashkeel keeps U+0670; the analyzer must not.
    dagger = "\u0647\u0670\u0630\u0627"
    assert "\u0670" in araby.strip_tashkeel(dagger)
    assert analyze_word(dagger, "ar") == analyze_word("هذا", "ar")

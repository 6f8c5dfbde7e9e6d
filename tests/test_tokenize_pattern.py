"""The word pattern finds exactly the words of the plain pattern it replaced (one
alternation a character, slower): on the seeds, on every character of the Basic
Multilingual Plane beside marks and underscores, and on random strings of the characters
where the two could differ (marks that are also letters, tatweel, underscores)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from clipping_archive.analysis.tokenize import MARKS, WORD, word_list

PLAIN = re.compile(rf"[{MARKS}]*[^\W_\u0640](?:[^\W_]|[{MARKS}])*")
ROOT = Path(__file__).resolve().parent.parent


def spans(pattern: re.Pattern, text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_the_seeds_split_the_same():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert spans(WORD, text) == spans(PLAIN, text), path.name


def test_every_character_beside_marks_splits_the_same():
    for code in range(0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        c = chr(code)
        for text in (c, "\u0640" + c, c + "\u0640", "\u0300" + c + "\u064b", "_" + c + "_", c + c):
            assert spans(WORD, text) == spans(PLAIN, text), hex(code)


def test_random_strings_of_marks_letters_and_underscores_split_the_same():
    rng = random.Random(22)
    alphabet = (
        "a_ 1-\u0640\u064b\u064c\u0651\u0652\u0670\u06d6\u06e5\u06e6\u08d3\u061a\u0300éبx'’.٣"
    )
    for _ in range(100_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert spans(WORD, text) == spans(PLAIN, text), repr(text)


def test_word_list_finds_the_words_word_finds():
    """word_list takes \\w+ for a text without marks or underscores: the same words."""
    rng = random.Random(23)
    alphabet = "ab é_ 1-\u0640\u064b\u0651\u0670\u06e5\u0300بx'’.٣"
    texts = ["", "plain words, 12 of them", "مرحبا بكم", "أيضاً جداً", "snake_case", "e\u0301"]
    texts += [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    for _ in range(50_000):
        texts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))))
    for text in texts:
        assert word_list(text) == WORD.findall(text), repr(text)

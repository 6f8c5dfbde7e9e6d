"""The Arabic analyzer's steps: explicit normalizers (not pyarabic's defaults, which map a
lone hamza and turn ى into ا) and a light stemmer in the manner of Larkey's light10 and
Lucene's ArabicStemmer, with stricter length guards so short words and names survive."""

from __future__ import annotations

import re

# Tashkeel (fathatan..sukun and the extended marks up to U+065F), the dagger (superscript)
# alef U+0670, Quranic annotation marks, and tatweel (kashida) U+0640.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff\u0640]")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff\u0750-\u077f]")

# The spelling variants every matcher in the archive treats as one letter (search terms,
# dates, --source/--author). Hamza on ؤ and ئ is left alone: only the alef forms unify.
LETTER_VARIANTS = {
    "\u0623": "\u0627",  # أ -> ا
    "\u0625": "\u0627",  # إ -> ا
    "\u0622": "\u0627",  # آ -> ا
    "\u0671": "\u0627",  # ٱ (alef wasla) -> ا
    "\u0649": "\u064a",  # ى (alef maqsura) -> ي
    "\u0629": "\u0647",  # ة (ta marbuta) -> ه
}
# Harakat (fathatan..sukun) and tatweel: what the date and name matchers drop.
HARAKAT_AND_TATWEEL = "".join(map(chr, range(0x064B, 0x0653))) + "\u0640"
# Search also unifies Persian letters, as Persian-keyboard Arabic writes them.
_LETTERS = str.maketrans(
    {
        **LETTER_VARIANTS,
        "\u06cc": "\u064a",  # ی (Persian yeh) -> ي
        "\u06a9": "\u0643",  # ک (keheh) -> ك
    }
)

# Longest first, so وال wins over و. Each needs a stem of MIN_STEM letters left.
PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
CONJUNCTION = "و"
# light10's suffixes, after ة -> ه (so ية is written يه); tried once each, in this order.
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
MIN_STEM = 3  # light10 allows 2; 3 keeps حسين, الله and other short names whole
# Words no affix rule may touch (الله would otherwise lose its final ه).
PROTECTED = frozenset({"الله"})


def is_arabic(term: str) -> bool:
    return _ARABIC_LETTER.search(term) is not None


# The alef that only carries accusative tanween (هجومًا, جميعاً) is part of the ending,
# not of the word: it goes with the mark, or هجومًا would never meet هجوم.
_TANWEEN_ALEF = re.compile("(?:\u064b\u0627|\u0627\u064b)$")


def strip_marks(term: str) -> str:
    """الهُجُومُ -> الهجوم, مـــوسكو -> موسكو, هجومًا -> هجوم."""
    return _MARKS.sub("", _TANWEEN_ALEF.sub("", term))


def unify_letters(term: str) -> str:
    """أعلن -> اعلن, مستشفى -> مستشفي, المدينة -> المدينه."""
    return term.translate(_LETTERS)


def strip_prefixes(term: str, min_stem: int = MIN_STEM) -> str:
    """والحسن -> حسن, بالهجوم -> هجوم, للمدينه -> مدينه; و alone only before 3+ letters.
    A prefix query (الهج*) passes a smaller ``min_stem``: its word is unfinished."""
    if term.startswith(CONJUNCTION) and len(term) - 1 >= min_stem:
        term = term[1:]
    for prefix in PREFIXES:
        if term.startswith(prefix) and len(term) - len(prefix) >= min_stem:
            return term[len(prefix) :]
    return term


def strip_suffixes(term: str) -> str:
    """هجمات -> هجم, مدينه -> مدين; never below MIN_STEM letters."""
    for suffix in SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= MIN_STEM:
            term = term[: -len(suffix)]
    return term


def light_stem(term: str) -> str:
    if term in PROTECTED:
        return term
    return strip_suffixes(strip_prefixes(term))

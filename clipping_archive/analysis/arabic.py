"""The Arabic analyzer's steps: explicit normalizers (not pyarabic's defaults, which map a
lone hamza and turn ى into ا), a dictionary lemmatizer that also sees through clitics
(وبالوزير -> وزير, حكومته -> حكومة: a clitic is stripped only when what remains is a word
the dictionary knows), and, for words it does not know, a light stemmer in the manner of
Larkey's light10 and Lucene's ArabicStemmer with stricter guards, one suffix at most."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from clipping_archive.analysis import arabic_lexicon, lexicon

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
# Harakat (fathatan..sukun and the extended marks to U+065F), the dagger alef U+0670 and
# tatweel: what every matcher drops (search terms, dates, debris, --source/--author), so
# the three agree on a vowelled word.
HARAKAT_AND_TATWEEL = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670\u0640"
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


# -- the dictionary lemmatizer, through clitics -------------------------------------------

# Proclitics in the order they stack: a conjunction, then a preposition or the future
# particle, then the article. لل is ل + ال with the alef dropped.
CONJUNCTIONS = ("", "و", "ف")
PARTICLES = ("", "ب", "ك", "ل", "س")
ARTICLES = ("", "ال")
# Pronoun suffixes (enclitics), longest first; ي and ه are also letters of many stems, so
# they are tried only when the whole word is not a word.
ENCLITICS = ("هما", "كما", "هم", "هن", "كم", "كن", "نا", "ها", "ني", "ه", "ي", "ك")
MIN_LOOKUP = 2  # a candidate stem of one letter is never a word worth finding
# The imperfect verb's person prefixes: the future particle س stands only before them
# (سيكون, ستكون), so سكانها is سكان + ها, never س + كان + ها.
IMPERFECT = ("ي", "ت", "ن", "أ")


def _prefix_table() -> tuple[tuple[str, str, str], ...]:
    """(prefix, particle, article) for every distinct proclitic prefix, in the order the
    readings are tried: CONJUNCTIONS x PARTICLES x ARTICLES grows it left to right."""
    table, seen = [], set()
    for conj in CONJUNCTIONS:
        for particle in PARTICLES:
            for article in ARTICLES:
                prefix = conj + particle + article
                if particle == "ل" and article == "ال":
                    prefix = conj + "لل"  # لل: the article's alef is not written after ل
                if prefix and prefix not in seen:
                    seen.add(prefix)
                    table.append((prefix, particle, article))
    return tuple(table)


_PREFIXES = _prefix_table()
_PREFIX_LETTERS = frozenset(prefix[0] for prefix, _, _ in _PREFIXES)


# Several steps ask for a word's readings (names, plurals, verbal nouns, lemmas): each
# distinct word is split once.
@lru_cache(maxsize=1 << 15)
def _proclitic_splits(word: str) -> tuple[tuple[str, str], ...]:
    """(stem, what was stripped) for each way of reading the word's start as proclitics,
    fewest letters stripped first."""
    if word[:1] not in _PREFIX_LETTERS:
        return ()
    out = []
    for prefix, particle, article in _PREFIXES:
        if not word.startswith(prefix):
            continue
        stem = word[len(prefix) :]
        if article and not particle == "ل" and stem == "":
            continue
        if particle == "س" and (article or not stem.startswith(IMPERFECT)):
            continue  # the future particle comes only before an imperfect verb
        out.append((stem, prefix))
    return tuple(out)


def _enclitic_splits(stem: str):
    """(stem without a pronoun suffix, suffix); ت before a suffix is the ة of the stem
    (حكومته -> حكومة), and a final و/ا of a verb before a suffix stays."""
    for suffix in ENCLITICS:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_LOOKUP:
            base = stem[: -len(suffix)]
            yield base, suffix
            if base.endswith("ت"):
                yield base[:-1] + "ة", suffix


# Subject suffixes of a perfect or imperfect verb (she/I/you -ت, they -وا -ون, both -تا,
# you -تم, we -نا), longest first; tried only on a word the lexicon lists as its own lemma.
VERB_SUFFIXES = ("وا", "ون", "تا", "تم", "نا", "ت")
MIN_VERB_STEM = 3  # بيت, وقت, صوت keep their ت


def _verb_lemma(term: str) -> str | None:
    for suffix in VERB_SUFFIXES:
        if suffix == "ون" and not term.startswith(IMPERFECT):
            continue  # -ون is the imperfect's (يعملون); كانون is a month, not كان + ون
        if term.endswith(suffix) and len(term) - len(suffix) >= MIN_VERB_STEM:
            found = lexicon.lemma(term[: -len(suffix)], "ar")
            if found is not None:
                return found
    return None


def lemmatize(term: str) -> str | None:
    """The dictionary lemma of ``term`` (marks already stripped, letters as written), or
    of the word inside its clitics; None when no reading gives a known word.

    The whole word is tried first, so a word whose first letter only looks like a clitic
    keeps it (وزير, ولاية, بلد); then the readings that strip the fewest letters."""
    found = lexicon.lemma(term, "ar")
    if found is not None:
        if found == term:
            # The lexicon lists many inflected verbs as their own lemma (عملت, سمحت,
            # حصلوا): a subject suffix that leaves a known verb gives that verb's lemma.
            return _verb_lemma(term) or found
        return found
    # (letters stripped, candidate stem, a pronoun suffix stripped) for every reading of
    # the word's clitics.
    candidates = [(len(s), base, True) for base, s in _enclitic_splits(term)]
    if term.endswith("ه"):
        # ة written ه (مدينه) or the pronoun ه (عمله): the more frequent reading wins.
        candidates.append((1, term[:-1] + "ة", False))
    for stem, prefix in _proclitic_splits(term):
        if len(stem) >= MIN_LOOKUP:
            candidates.append((len(prefix), stem, False))
        for base, suffix in _enclitic_splits(stem):
            candidates.append((len(prefix) + len(suffix), base, True))
    # Fewest letters stripped first; between readings that strip as many, the more
    # frequent word (فيلمه is فيلم + ه, not ف + يلمه).
    known = [
        (cost, -lexicon.frequency(stem, "ar"), found)
        for cost, stem, pronoun in candidates
        if len(stem) >= MIN_LOOKUP
        and (found := lexicon.lemma(stem, "ar")) is not None
        and not (pronoun and _nominal_n(stem, found))
    ]
    if known:
        return min(known)[2]
    return None


# The endings of a noun's dual and sound plural: their ن is dropped before a pronoun
# suffix (معلموه, كتاباه), so a pronoun never follows them.
NOMINAL_N_ENDINGS = ("ان", "ين", "ون")


def _nominal_n(stem: str, lemma: str) -> bool:
    """``stem`` is ``lemma`` with the ن ending of a dual or sound plural (طالبان -> طالب):
    a pronoun after it is no pronoun (الطالباني, Talabani, is not طالبان + ي)."""
    if not stem.endswith(NOMINAL_N_ENDINGS):
        return False
    base, folded = unify_letters(stem[:-2]), unify_letters(strip_marks(lemma))
    return base == folded or any(rest == folded for rest, _ in _proclitic_splits(base))


# -- the light stemmer, for words the dictionary does not know ------------------------------

# After the letters are unified (ة -> ه). One suffix at most: a cascade cut into stems
# (ايران -> اير, وزاره -> زار).
FALLBACK_PREFIXES = ("وال", "فال", "بال", "كال", "لل", "ال")
SINGLE_PREFIXES = ("و", "ف", "ب", "ل", "ك")
FALLBACK_SUFFIXES = ("هما", "كما", "ات", "ون", "ين", "ان", "هم", "كم", "نا", "ها", "يه", "ه")
MIN_FALLBACK_STEM = 3
# A single-letter prefix (و ف ب ل ك) is cut only before this many letters: names such
# as بوتين, وليد, كريم keep their first letter more often than not.
MIN_SINGLE_PREFIX_STEM = 5


def fallback_stem(term: str) -> str:
    """An unknown word (a name, a new word): clitic prefixes and one suffix, never leaving
    fewer than MIN_FALLBACK_STEM letters; a single-letter prefix only before
    MIN_SINGLE_PREFIX_STEM letters."""
    if term in PROTECTED:
        return term
    for prefix in FALLBACK_PREFIXES:
        if term.startswith(prefix) and len(term) - len(prefix) >= MIN_FALLBACK_STEM:
            term = term[len(prefix) :]
            break
    else:
        for prefix in SINGLE_PREFIXES:
            if term.startswith(prefix) and len(term) - 1 >= MIN_SINGLE_PREFIX_STEM:
                rest = term[1:]
                if rest.startswith("ال") and len(rest) - 2 >= MIN_FALLBACK_STEM:
                    rest = rest[2:]
                term = rest
                break
    for suffix in FALLBACK_SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= MIN_FALLBACK_STEM:
            return term[: -len(suffix)]
    return term


# -- names, broken plurals and verbs (#22) ------------------------------------------------

# Marks a verb's term where its lemma is also spelled as an active participle (a person):
# طالبت and تطالب ("she demanded", "demands") index as ρطالب, apart from طالب and الطلاب
# (students). Verbal nouns (عمل, قال) stay with their verb: the same meaning. A Greek letter: FTS5's
# unicode61 tokenizer keeps it inside the token, and no Arabic word holds one.
VERB_MARK = "\u03c1"  # ρ (rhema, "verb")


@cache
def _names() -> frozenset[str]:
    from clipping_archive.languages import PACKS

    return PACKS["ar"].names


def place_name(term: str) -> str | None:
    """The place name ``term`` is (folded, with its article where the name has one), the
    clitics in front of it stripped (بتعز, وقطر, لليمن); None when it names no place the
    pack knows."""
    word = unify_letters(term)
    names = _names()
    if word in names:
        return word
    for stem, prefix in _proclitic_splits(word):
        if stem in names:
            return stem
        if prefix.endswith(("ال", "لل")) and "ال" + stem in names:
            return "ال" + stem
    return None


def _stem_spans(word: str, enclitics: bool = True) -> list[tuple[int, int]]:
    """(start, end) of the word without proclitics and/or a pronoun suffix, the whole word
    first: المعالم -> معالم, معالمها -> معالم."""
    spans = [(0, len(word))]
    spans += [(len(p), len(word)) for _s, p in _proclitic_splits(word)]
    for start, end in list(spans) if enclitics else ():
        for base, _suffix in _enclitic_splits(word[start:end]):
            if word[start:end].startswith(base):
                spans.append((start, start + len(base)))
    return [(a, b) for a, b in dict.fromkeys(spans) if b - a >= MIN_STEM]


def _broken_plural(term: str, lemma: str | None) -> str | None:
    """The singular of a broken plural where the dictionary (Arramooz) pairs them and the
    lemmatizer either knows no lemma or read the word otherwise while the word is written
    exactly as the plural (خلايا -> خلية; the lemma table has خلي); the plural itself where
    its singular is also a participle that takes another plural (معالم, landmarks, is not
    the plural of معلم the teacher). None for anything else (``term``: marks stripped,
    letters as written; ``lemma``: the lemmatizer's reading, or None)."""
    word = unify_letters(term)
    folded_lemma = unify_letters(lemma) if lemma else None
    if folded_lemma == word:
        return None  # the lemma table lists the word as it stands (الرياض, a name)
    for start, end in _stem_spans(word):
        stem, written = word[start:end], term[start:end]
        if stem == folded_lemma:
            return None  # the lemma table reads the stem as itself (الرياضة, sport)
        pairs = arabic_lexicon.singulars(stem)
        if not pairs:
            continue
        listed = {unify_letters(s): (s, homograph) for _, s, homograph in pairs}
        if folded_lemma in listed:
            chosen, homograph = listed[folded_lemma]
        elif lemma is None or (
            # The lemma table read the word as a verb (خلايا -> خلّى) while it is written
            # exactly as the dictionary's plural: the plural wins.
            arabic_lexicon.is_verb(folded_lemma or "") and any(p == written for p, _, _ in pairs)
        ):
            chosen, homograph = pairs[0][1], pairs[0][2]
        else:
            continue
        if homograph:
            return stem
        return lexicon.lemma(chosen, "ar") or chosen
    return None


def _verbal_noun(term: str, word: str, lemma: str) -> str | None:
    """The verbal noun ``word`` (``term`` unified) is, its proclitics stripped (الإرهاب,
    وإرهاب -> ارهاب; المطالبة -> مطالبه), or None. One beginning with an alef must be
    written إ (the broken plural أعمال, of عمل, is spelled as the verbal noun إعمال once
    the alef is unified); one spelled as the verb's imperfect (تشكل, تعرف, تقول: the
    verbal noun of another form) is the verb; and a word the lemma table knows whole as
    a form of ``lemma`` (وصلت, "she arrived") is not و + a verbal noun."""
    known_whole = lexicon.lemma(term, "ar") is not None
    # Not through a pronoun suffix (الطلبة is طلبه, students, not طلب + ه), except after
    # the ت that a verbal noun's ة becomes before one (مطالبته: his demand).
    for start, end in _stem_spans(word, enclitics=False):
        stem = word[start:end]
        if start and known_whole:
            return None
        if not arabic_lexicon.is_masdar(stem):
            stem = _ta_marbuta_before_pronoun(stem)
            if not arabic_lexicon.is_masdar(stem):
                continue
        if stem.startswith("ا") and term[start] != "إ":
            return None
        if stem[:1] in ("ي", "ت", "ن") and (stem[1:] == lemma or len(stem) <= 4):
            return None
        return stem
    return None


def _ta_marbuta_before_pronoun(stem: str) -> str:
    """A noun in ة with a pronoun suffix, the ة written ت, as the noun alone (unified):
    مطالبته -> مطالبه; any other word as it is."""
    if "ت" not in stem[-5:-1]:
        return stem
    for suffix in ENCLITICS:
        base = stem[: -len(suffix)]
        if stem.endswith(suffix) and base.endswith("ت") and len(base) > MIN_STEM:
            return base[:-1] + "ه"
    return stem


# The endings of a conjugated verb around its stem: subject suffixes of the perfect, and
# those an imperfect (person prefix ي ت ن ا) may end with.
_IMPERFECT_ENDINGS = ("", "ون", "ين", "ان", "وا", "ن", "ي")
# An object pronoun after a verb's own ending (يطالبونهم "they demand of them", وطالبوه
# "and they demanded of him", طالبناها "we demanded it"): the ending shows the verb, as no
# noun has a subject suffix before its pronoun. The ending as written before the pronoun
# (وا loses its alef: طالبوه); not ت, which is also a noun's ة before a pronoun (طالبته: his
# student), and not the bare stem, which is also a noun's (طالبه, طالبها: his, her student).
OBJECT_PRONOUNS = ("هما", "كما", "هم", "هن", "كم", "كن", "ها", "ني", "نا", "ه", "ك")
_PERFECT_BEFORE_OBJECT = ("و", "نا", "تمو")
_IMPERFECT_BEFORE_OBJECT = ("", "ون", "ين", "ان", "و", "ا", "ن")


def _object_after(ending: str, subjects: tuple[str, ...]) -> bool:
    """``ending`` is one of ``subjects`` followed by an object pronoun."""
    return any(
        ending.endswith(pronoun) and ending[: -len(pronoun)] in subjects
        for pronoun in OBJECT_PRONOUNS
    )


def _verb_shaped(word: str, lemma: str) -> bool:
    """``word`` (unified) is ``lemma`` conjugated: a perfect with a subject suffix
    (طالبت), or an imperfect (تطالب, يطالبون), an object pronoun after either (طالبوه,
    يطالبونهم), a conjunction or future particle in front."""
    forms = [word]
    if word[:1] in ("و", "ف"):
        if word[1:] == lemma:
            # و + the bare form opens a clause with its verb (وطالب الوزير: "and the
            # minister demanded"); "and a student" is written so far less often.
            return True
        forms.append(word[1:])
    forms += [f[1:] for f in forms if f.startswith("س")]
    for form in forms:
        if form.startswith(lemma):
            ending = form[len(lemma) :]
            if ending in VERB_SUFFIXES or _object_after(ending, _PERFECT_BEFORE_OBJECT):
                return True
        if form[:1] in ("ي", "ت", "ن", "ا") and form[1:].startswith(lemma):
            ending = form[1 + len(lemma) :]
            if ending in _IMPERFECT_ENDINGS or _object_after(ending, _IMPERFECT_BEFORE_OBJECT):
                return True
    return False


def lemma_or_stem(term: str) -> str:
    """The chain's stemming step: a place name as it is (names are not verbs); a broken
    plural's singular; the dictionary lemma where a reading is known, a verb's marked
    where its lemma is also a noun; else the light stem of the unified word."""
    name = place_name(term)
    if name is not None:
        return name
    word = unify_letters(term)
    found = lemmatize(term)
    plural = _broken_plural(term, found)
    if plural is not None:
        return plural
    if found is None:
        return fallback_stem(word)
    found = strip_marks(found)
    folded = unify_letters(found)
    if arabic_lexicon.is_verb(folded):
        noun = _verbal_noun(term, word, folded)
        if noun is not None and noun != folded:
            # A verbal noun is a noun, not its verb: إرهاب (terror) is not أرهب
            # (frightened), المطالبة (the demand) is not طالب.
            return noun
        if folded in _names():
            return _not_the_place(word)
        if word != folded and arabic_lexicon.is_person(folded) and _verb_shaped(word, folded):
            return VERB_MARK + found
    if folded in _names():
        return _not_the_place(word)
    return found


def _not_the_place(word: str) -> str:
    """The term of a word whose lemma is spelled like a place it is not (place_name found
    no place in it): a verb (التقطير, distilling: قطر), or a noun with an ending a name
    never takes (قطرها, its diameter; مصرة, insistent): its own stem, or the word without
    its proclitics where the stem would be the place again."""
    stem = fallback_stem(word)
    if place_name(stem) is None:
        return stem
    return strip_prefixes(word)


# -- the bare form of a verb that is also a person: read in its context ------------------

# Words after which a clause opens with its verb, so the word written as a bare perfect
# after them is that verb: قد, the relative pronouns, and the conjunctions of time and
# manner (كما طالب الوزير "as the minister demanded", الذي غادر "who left"), with و or ف
# in front or not. Not أن (أنّ is followed by a noun), nor a preposition or من (from, who).
VERB_PARTICLES = frozenset(
    unify_letters(word)
    for word in """قد لقد الذي التي الذين اللذان اللتان اللذين اللتين اللاتي اللواتي اللائي
    عندما حينما بعدما لما كلما طالما مثلما كما فيما بينما حيث إذ إذا لو متى ريثما""".split()
)
# Words after which a word is a person's name: father of (a kunya: أبو طالب), son and
# daughter of as a name writes them (علي بن أبي طالب), with و or ل in front or not. Not
# ابن, also the common noun "son" (لابن طالب كيني: for a Kenyan student's son).
NAME_LINKS = frozenset(unify_letters(word) for word in "أبو أبي أبا بن بنت".split())
# Marks a name's term where the name is spelled as a noun and a verb (أبو طالب: νطالب),
# as VERB_MARK marks the verb: ν (nu, "name").
NAME_MARK = "\u03bd"
_TANWEEN = frozenset("\u064b\u064c\u064d")  # a noun's ending; a verb takes none


def read_in_context(word: str, term: str) -> bool:
    """``word`` is written as the bare lemma of a verb that is also a person with a plural
    of its own, which only its context can read: طالب is "demanded", "a student" and a
    name. Alone it stays the noun (``term``); ``reading_after`` reads it after the word
    before it. ``word``: normalised as the chain does before its marks go; ``term``: its
    analysed term (marks stripped, letters unified)."""
    if term[:1] == VERB_MARK or not arabic_lexicon.is_person(term):
        return False
    if not arabic_lexicon.is_verb(term) or not _TANWEEN.isdisjoint(word):
        return False  # طالبًا is the noun: no verb has tanween
    return unify_letters(strip_marks(word)) == term  # not الطالب, طالبات: those say which


def reading_after(previous: str, term: str) -> str:
    """The term of a word ``read_in_context`` (``term``: its term alone) after the word
    ``previous`` (as written): the verb after a word that opens a verbal clause (كما طالب),
    a name after أبو, بن (أبو طالب), else the noun."""
    word = unify_letters(strip_marks(previous))
    bare = word[1:] if word[:1] in ("و", "ف", "ل") else word
    if word in VERB_PARTICLES or (word[:1] != "ل" and bare in VERB_PARTICLES):
        return VERB_MARK + term
    if word in NAME_LINKS or (word[:1] != "ف" and bare in NAME_LINKS):
        return NAME_MARK + term
    return term


def context_readings(term: str) -> tuple[str, str, str]:
    """Every term ``reading_after`` may give a word whose term alone is ``term``."""
    return term, VERB_MARK + term, NAME_MARK + term

"""The coarse level of the index: a word's family, beside its lemma (#22).

A lemma keeps apart what a dictionary keeps apart: اليمن and اليمنية (Yemen, Yemeni),
bomb and bombing. A researcher asking for one usually wants the other, so each word is
also indexed by its family stem, as search engines pair an exact field with a stemmed
one: for Arabic a light stem after the lemma in the manner of Larkey's light10, reduced
to what makes a noun meet its relative adjective (اليمن/اليمني -> يمن, السعودية/السعودي
-> سعود, سوريا/السوري -> سور, الإرهاب/الإرهابي -> ارهاب) and a noun of one instance meet
its verbal noun (هجمة/هجوم); for Dutch and English the Snowball stem of the lemma
(bombing -> bomb).

A family term is marked (FAMILY_MARK, a Greek letter: FTS5's unicode61 tokenizer keeps it
inside the token, no Dutch, English or Arabic word holds one), so it never meets a lemma,
and lives in the ``parts`` column, which ranks below title and body: a lemma match ranks
above a family-only one. A word whose family is its lemma adds nothing to the index; a
query always asks for the family (``family_query``). A verb kept apart from a noun
(arabic.VERB_MARK), and a name read in its context (arabic.NAME_MARK), have no family:
the family must not bring them back.
"""

from __future__ import annotations

from functools import lru_cache

from clipping_archive.analysis import arabic, arabic_lexicon, dutch, english, lexicon

FAMILY_MARK = "\u03c6"  # φ
MIN_FAMILY_STEM = 3  # light10's guard: a shorter stem meets unrelated words


def _arabic_family(term: str) -> str:
    """The family stem of an Arabic lemma (letters unified)."""
    stem = term[2:] if term.startswith("ال") and len(term) - 2 >= MIN_FAMILY_STEM else term
    names = arabic._names()

    def named(base: str) -> bool:
        return base in names or "ال" + base in names

    verbal = arabic_lexicon.verbal_noun(stem)
    # Not a verbal noun spelled like a place: قطرة (a drop) is no قطر (Qatar).
    if verbal is not None and not named(arabic.unify_letters(verbal)):
        return arabic.unify_letters(verbal)  # هجمه -> هجوم

    def relative(adjective: str) -> bool:
        # A relative adjective (سعودي), or one the dictionary does not list (ايراني);
        # or the adjective of a place (عراقي: العراق).
        return arabic_lexicon.is_nisba(adjective) is not False or named(adjective[:-1])

    def cut(suffix: str) -> bool:
        return stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_FAMILY_STEM

    if cut("يه") and not arabic_lexicon.is_masdar(stem) and relative(stem[:-1]):
        return stem[:-2]  # السعوديه -> سعود (but التعزيه, condolence, is no nisba of تعز)
    if cut("ي") and relative(stem):  # يمني -> يمن
        return stem[:-1]
    if (
        cut("ه")
        and arabic_lexicon.is_nisba(stem[:-1] + "ي")
        and not _listed_name(stem[:-1])
        and not named(stem[:-1])  # قطرة (a drop) is no feminine of قطر (Qatar)
    ):
        return stem[:-1]  # a noun in ة and its relative adjective: حكومه/حكومي -> حكوم
    for ending in ("يا", "ا"):  # a country: سوريا -> سور, امريكا -> امريك
        if cut(ending) and (named(stem) or arabic_lexicon.is_nisba(stem[: -len(ending)] + "ي")):
            return stem[: -len(ending)]
    return stem


def _listed_name(base: str) -> bool:
    """The lemma table lists ``base`` with its article as a word of its own (الرياض,
    Riyadh): رياضه (sport) must not reach it through رياضي."""
    definite = "ال" + base
    return lexicon.lemma(definite, "ar") == definite


@lru_cache(maxsize=1 << 15)
def family_stem(term: str, language: str | None) -> str:
    """The family stem of an analysed (lemma-level) term, '' when it has none (a marked
    verb, a language without a stemmer)."""
    if len(term) < MIN_FAMILY_STEM or term[0] in (arabic.VERB_MARK, arabic.NAME_MARK, FAMILY_MARK):
        return ""
    if arabic.is_arabic(term):
        stem = _arabic_family(term)
    elif language == "en":
        stem = english.stem(term)
    elif language in ("nl", "af"):
        stem = dutch.stem(term)
        if not term.startswith(stem):
            return ""  # Snowball undoubles vowels: boom (tree) -> bom (bomb)
    else:
        return ""
    return stem if len(stem) >= MIN_FAMILY_STEM else ""


def family_term(term: str, language: str | None) -> str:
    """What the index adds for a term: its marked family, or '' when the family is the
    term itself."""
    stem = family_stem(term, language)
    return FAMILY_MARK + stem if stem and stem != term else ""


def family_query(term: str, language: str | None) -> str:
    """What a query asks of the family level for a term (always its family, so ``bomb``
    finds the ``φbomb`` of ``bombing``)."""
    stem = family_stem(term, language)
    return FAMILY_MARK + stem if stem else ""

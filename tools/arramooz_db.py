"""Arramooz (an Arabic dictionary shipped as SQLite in the arramooz-pysqlite package, GPL),
read by the tools that write committed word lists (never imported by the archive):
what simplemma's lemma table cannot say. Its noun entries give their broken plurals
(خلايا -> خلية, معالم -> معلم) and tell homographs apart (معلم the teacher and معلم the
landmark are two entries); its verb entries say which words are verbs (قطر, طالب).

Read-only; each question is one indexed lookup, cached per word.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files

_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


def fold(word: str) -> str:
    """The form every question is asked in: no marks, alef forms, ى and ة unified (as
    the analyzer's terms are)."""
    return _MARKS.sub("", word).translate(_FOLD)


@cache
def _db() -> sqlite3.Connection:
    path = files("arramooz") / "data" / "arabicdictionary.sqlite"
    uri = f"file:{path}?mode=ro&immutable=1"
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


@cache
def _noun_entries() -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """folded singular -> its entries as (vocalized, folded broken plurals). Only nouns
    that have a broken plural or share their spelling with another noun are kept."""
    rows = (
        _db()
        .execute(
            "SELECT unvocalized, vocalized, broken_plural FROM nouns "
            "WHERE unvocalized IN (SELECT unvocalized FROM nouns WHERE broken_plural != '')"
        )
        .fetchall()
    )
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for singular, vocalized, plurals in rows:
        folded = frozenset(fold(p) for p in (plurals or "").split(";") if p.strip())
        out.setdefault(fold(singular), []).append((vocalized, folded))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _plurals() -> dict[str, tuple[tuple[str, str], ...]]:
    """folded broken plural -> (the plural as written, its singular as written), for every
    noun listing it (رجال is listed for رجل and for راجل)."""
    rows = (
        _db()
        .execute(
            "SELECT unvocalized, broken_plural FROM nouns WHERE broken_plural != '' ORDER BY id"
        )
        .fetchall()
    )
    out: dict[str, list[tuple[str, str]]] = {}
    for singular_form, plurals in rows:
        for plural in plurals.split(";"):
            if plural.strip():
                written = _MARKS.sub("", plural.strip())
                out.setdefault(fold(written), []).append((written, singular_form))
    return {k: tuple(dict.fromkeys(v)) for k, v in out.items()}


def singulars(plural: str) -> tuple[tuple[str, str], ...]:
    """(plural as the dictionary writes it, singular as written) for a folded broken
    plural; empty when the dictionary lists none."""
    return _plurals().get(plural, ())


def singular(plural: str) -> str | None:
    """The first singular the dictionary lists for a folded broken plural, or None."""
    found = singulars(plural)
    return found[0][1] if found else None


@lru_cache(maxsize=1 << 14)
def plural_is_homograph(plural: str, singular_form: str) -> bool:
    """Whether ``singular_form`` is also spelled as a participle (a person) that does not
    take this plural: معالم is the plural of معلم the landmark, not of معلم the teacher,
    so the plural must not meet the teacher's forms. (الطلاب is the plural of the
    participle طالب itself: no homograph.)"""
    entries = _noun_entries().get(fold(singular_form), ())
    with_plural = {v for v, plurals in entries if plural in plurals}
    if not entry(fold(singular_form)).participle or any(
        "فاعل" in t for t in _types(fold(singular_form), with_plural)
    ):
        return False
    # Only where the participle is the spelling's common reading: its sound plural
    # (المعلمين, teachers) at least as frequent as the broken plural (المعالم) in wordfreq;
    # مواقع (sites) is far more frequent than الموقعين (signatories).
    import wordfreq

    def freq(words: list[str]) -> float:
        return sum(wordfreq.word_frequency(w, "ar") for w in words)

    base = singular_form
    sound = freq([base + "ين", base + "ون", "ال" + base + "ين", "ال" + base + "ون"])
    written = [p for p, s in _plurals().get(plural, ()) if s == singular_form] or [plural]
    broken = freq([w for p in written for w in (p, "ال" + p)])
    return sound >= broken


def _types(word: str, vocalized: set[str]) -> list[str]:
    spellings = _spellings(word)
    marks = ",".join("?" * len(spellings))
    rows = (
        _db()
        .execute(f"SELECT vocalized, wordtype FROM nouns WHERE unvocalized IN ({marks})", spellings)
        .fetchall()
    )
    return [t or "" for v, t in rows if v in vocalized]


def _spellings(word: str) -> list[str]:
    """The dictionary's spellings a folded word may stand for: its alef with a hamza or
    not, a final ى or ي, a final ة or ه (the table keeps them as written)."""
    heads = ["ا", "أ", "إ", "آ"] if word.startswith("ا") else [word[:1]]
    middle = word[1:-1] if len(word) > 1 else ""
    last = word[-1:] if len(word) > 1 else ""
    tails = {"ي": ["ي", "ى"], "ه": ["ه", "ة"]}.get(last, [last])
    return [h + middle + t for h in heads for t in tails]


@dataclass(frozen=True)
class Entry:
    """What the dictionary says of one folded spelling."""

    verb: bool  # the citation form (perfect, third person) of a verb
    nouns: int  # distinct noun entries (vocalisations) spelled so
    singular_noun: bool  # one of them is a singular (not only some noun's plural)
    participle: bool  # one of them is an active participle (طالب, the student)
    person: bool  # an active participle with a broken plural of its own (طالب: طلاب)
    nisba: bool  # one of them is a relative adjective (منسوب: سعودي)
    masdar: bool  # one of them is a singular verbal noun (مصدر: إرهاب, مطالبة)
    proper: bool  # exactly one plain (جامد) noun entry and no verb: a name's shape


@lru_cache(maxsize=1 << 15)
def entry(word: str) -> Entry:
    """Two indexed lookups, cached: every question below reads this."""
    spellings = _spellings(word)
    marks = ",".join("?" * len(spellings))
    db = _db()
    verb = (
        db.execute(
            f"SELECT 1 FROM verbs WHERE unvocalized IN ({marks}) LIMIT 1", spellings
        ).fetchone()
        is not None
    )
    rows = db.execute(
        f"SELECT DISTINCT vocalized, number, wordtype, broken_plural, category FROM nouns "
        f"WHERE unvocalized IN ({marks})",
        spellings,
    ).fetchall()
    types = [t or "" for _, _, t, _, _ in rows]
    return Entry(
        verb=verb,
        nouns=len({v for v, _, _, _, _ in rows}),
        singular_noun=any(n == "مفرد" for _, n, _, _, _ in rows),
        participle=any("فاعل" in t for t in types),
        person=any("فاعل" in (t or "") and p for _, _, t, p, _ in rows),
        masdar=any(c == "مصدر" and n == "مفرد" for _, n, _, _, c in rows),
        nisba=any("منسوب" in t for t in types),
        proper=not verb and len(rows) == 1 and types[0] == ":جامد",
    )


def is_verb(word: str) -> bool:
    return entry(word).verb


def is_noun(word: str) -> bool:
    return entry(word).nouns > 0


def is_singular_noun(word: str) -> bool:
    return entry(word).singular_noun


def is_common_word(word: str) -> bool:
    """``word`` (folded) is a word of the language besides any name it may be: a verb, a
    broken plural, a derived noun (a verbal noun, a participle, an adjective) or a noun of
    several entries. A proper noun (بغداد, دمشق) is one plain (جامد) entry."""
    if singular(word) is not None:
        return True
    found = entry(word)
    return found.nouns > 0 and not found.proper or found.verb


def is_nisba(word: str) -> bool | None:
    """Whether the dictionary lists ``word`` (folded) as a relative adjective (منسوب:
    سعودي, ارهابي); None when it does not list the word as a noun at all."""
    found = entry(word)
    return found.nisba if found.nouns else None


@lru_cache(maxsize=1 << 14)
def verbal_noun_of_instance(word: str) -> str | None:
    """For a noun of one instance (اسم المرة: هجمة, "an attack"), the verbal noun of the
    same verb (هجوم), as the dictionary writes it; None for any other word."""
    spellings = _spellings(word)
    marks = ",".join("?" * len(spellings))
    row = (
        _db()
        .execute(
            f"SELECT original FROM nouns WHERE unvocalized IN ({marks}) AND category = 'اسم المرة' "
            "AND original != '' LIMIT 1",
            spellings,
        )
        .fetchone()
    )
    if row is None:
        return None
    found = (
        _db()
        .execute(
            "SELECT unvocalized FROM nouns WHERE original = ? AND category = 'مصدر' "
            "ORDER BY id LIMIT 1",
            (row[0],),
        )
        .fetchone()
    )
    return found[0] if found else None

"""What the Arabic analyzer knows from the Arramooz dictionary beyond simplemma's lemma
table, read from data/ar_arramooz.tsv (written by tools/make_arabic_lexicon.py): which
words are verbs (so a place name is never read as one: قطر), the broken plurals and their
singulars (خلايا -> خلية) and which plurals belong to a homograph of a participle
(معالم, landmarks, not the plural of معلم the teacher), the participles with a plural of
their own (طالب: طلاب), the relative adjectives (سعودي), and the nouns of one instance
with their verb's verbal noun (هجمة -> هجوم).

Loaded once, on the first Arabic word (~450 KB, a few ms); every word is folded as the
analyzer's terms are (no marks; أ إ آ ٱ -> ا, ى -> ي, ة -> ه).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

DATA = "ar_arramooz.tsv"


@dataclass
class _Tables:
    verbs: set[str] = field(default_factory=set)
    persons: set[str] = field(default_factory=set)
    # folded plural -> ((plural as written, singular as written, homograph), ...)
    plurals: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)
    nisba: set[str] = field(default_factory=set)
    nouns_in_ya: set[str] = field(default_factory=set)  # listed, not relative adjectives
    masdars: set[str] = field(default_factory=set)
    instances: dict[str, str] = field(default_factory=dict)


@cache
def _tables() -> _Tables:
    tables = _Tables()
    text = (files("clipping_archive.analysis") / "data" / DATA).read_text(encoding="utf-8")
    kinds = dict(
        line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#")
    )
    tables.verbs = set(kinds.get("verb", "").split())
    tables.persons = set(kinds.get("person", "").split())
    tables.nisba = set(kinds.get("nisba", "").split())
    tables.nouns_in_ya = set(kinds.get("noun", "").split())
    tables.masdars = set(kinds.get("masdar", "").split())
    for item in kinds.get("instance", "").split():
        word, masdar = item.split("|")
        tables.instances[word] = masdar
    for item in kinds.get("plural", "").split():
        word, written, singular, homograph = item.split("|")
        tables.plurals.setdefault(word, []).append((written, singular, homograph == "1"))
    return tables


def is_verb(word: str) -> bool:
    """``word`` is the citation form (perfect, third person) of a verb."""
    return word in _tables().verbs


def is_person(word: str) -> bool:
    """``word`` is an active participle with a broken plural of its own (طالب: طلاب)."""
    return word in _tables().persons


def singulars(plural: str) -> list[tuple[str, str, bool]]:
    """(plural as written, singular as written, homograph) for a broken plural that is no
    verb and no singular noun; empty for any other word."""
    return _tables().plurals.get(plural, [])


def is_nisba(word: str) -> bool | None:
    """For a word ending in ي: True for a relative adjective (سعودي), False for another
    listed noun (كرسي), None when the dictionary does not list it."""
    tables = _tables()
    if word in tables.nisba:
        return True
    return False if word in tables.nouns_in_ya else None


def is_masdar(word: str) -> bool:
    """``word`` is a verbal noun the dictionary lists (ارهاب, مطالبه): a noun, not its
    verb."""
    return word in _tables().masdars


def verbal_noun(instance: str) -> str | None:
    """The verbal noun of the verb a noun of one instance comes from (هجمه -> هجوم)."""
    return _tables().instances.get(instance)

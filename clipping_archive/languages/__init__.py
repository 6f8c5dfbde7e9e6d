"""Language packs: everything the archive knows about one language, in one module.

A pack holds the words the ingest stages look for (detection stopwords, month and weekday
names, byline, dateline and source labels, debris phrases) and names its analyzer chain
(``clipping_archive.analysis``). The stages build their patterns from *all* packs, so
adding a language is one new module here (plus its test vectors), registered in PACKS.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clipping_archive.errors import UsageError


@dataclass(frozen=True)
class LanguagePack:
    code: str  # ISO 639-1, as stored in clips.language
    name: str  # English name, for messages
    aliases: tuple[str, ...] = ()  # other names a user may type for --lang
    script: str = "latin"  # "latin" or "arabic": how detection and folding treat it
    # Frequent words this language uses and the archive's other languages of the same
    # script do not: detection counts them (words both use tell nothing).
    stopwords: frozenset[str] = frozenset()
    # Month number -> names as the date matcher sees them (folded: lower case, Arabic
    # letter variants unified). Abbreviations included.
    months: dict[int, tuple[str, ...]] = field(default_factory=dict)
    weekdays: tuple[str, ...] = ()  # folded
    byline_words: tuple[str, ...] = ()  # "By", "Door": a name follows, no separator needed
    byline_words_with_separator: tuple[str, ...] = ()  # "كتب-": a separator must follow
    published_words: tuple[str, ...] = ()  # "Published", "Gepubliceerd" (folded)
    updated_words: tuple[str, ...] = ()  # "Updated", "Bijgewerkt" (folded)
    date_labels: tuple[str, ...] = ()  # "Date:", "Datum:"
    source_labels: tuple[str, ...] = ()  # "Source:", "Bron:"
    ad_labels: tuple[str, ...] = ()  # a line that only says "advertisement"
    image_labels: tuple[str, ...] = ()  # "Foto:", "Photo:" (a credit follows)
    image_by_words: tuple[str, ...] = ()  # "photo by", "foto door"
    shared_by: tuple[str, ...] = ()  # "A post shared by" (an embedded post's attribution)
    time_words: tuple[str, ...] = ()  # "om", "at": glue between a date and a time
    weekday_abbreviations: tuple[str, ...] = ()  # "sat", "za" (folded)
    time_zones: tuple[str, ...] = ()  # "bst", "et", "بتوقيت مكة" after a time
    # Hijri month number -> names (folded), for lines such as 18 شوال 1436 هـ.
    hijri_months: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # Words joining two calendars' dates on one line: "الموافق" (corresponding to).
    calendar_joiners: tuple[str, ...] = ()
    # News agencies that close a dateline: "واس", "(ANP)", "AFP".
    agencies: tuple[str, ...] = ()
    # Lines that point to another article ("Read more: ..."): debris, not the article.
    related_labels: tuple[str, ...] = ()
    # Lines that ask to share the article ("Share this", "شارك هذا الخبر"): debris.
    share_prompts: tuple[str, ...] = ()
    # Labels opening the page's tag list closing an article, on its last line: "سمات
    # الجوازات وافدون" (3alyoum). Debris: a list of keywords, not the article's text.
    tag_list_labels: tuple[str, ...] = ()
    # Labels opening a tag list only with a colon after them ("Tags: Russia, ISIS"):
    # without one they start sentences ("Topics such as these ...").
    tag_list_colon_labels: tuple[str, ...] = ()
    # Image-credit lines without a colon: "Image copyright Getty Images", "(الصورة من الأرشيف)".
    image_credit_phrases: tuple[str, ...] = ()
    # Numeric dates: "dmy" (day first), or "ambiguous" where the language writes both
    # orders (English: 07/08/2018 is July in the US, August in the UK): only a date that
    # one order alone can read is taken.
    numeric_order: str = "dmy"
    # Words that join the names of several authors ("and", "en", "و").
    name_joiners: tuple[str, ...] = ()
    # Frequent words no person's name contains (في, من): a line holding one is a sentence.
    function_words: frozenset[str] = frozenset()
    # Places bylines name ("جدة", and those of two words that have a person's name's
    # shape: "مكة المكرمة"): a byline's part naming one is the place, not the author, and
    # a single word beside one is the paper ("اليوم - الدمام").
    place_names: tuple[str, ...] = ()
    # Titles a byline puts before a name ("د.", "الدكتور"); an abbreviation ends in a dot.
    honorifics: tuple[str, ...] = ()
    # Words linking a name's parts ("بن", "آل"): they stand in names, not in phrases.
    name_links: tuple[str, ...] = ()
    # Outlets (papers, broadcasters, sites) as their own lines write them ("BBC News",
    # "بي بي سي نيوز عربي", "NOS"): a line or byline part naming one is the source, never
    # the author.
    outlet_names: tuple[str, ...] = ()
    # Words naming a paper's desk rather than a person ("Redactie Binnenland", "Reuters
    # Staff", "فريق التحرير"): beside a date ("22 april 2024 | Redactie Binnenland") the
    # part is the byline, its desk the author.
    desk_words: tuple[str, ...] = ()
    # Names the analyzer keeps whole (countries, cities), folded as it compares them: never
    # lemmatised into another word (تعز is not the verb أعز), a clitic in front still
    # stripped (بتعز). Generated from public data (tools/make_gazetteer.py).
    names: frozenset[str] = frozenset()
    # Verb prefixes and particles (ver-, aan-, uit-): the start of a derived word, never a
    # compound's modifier, however short (aanslag is not aan + slag).
    word_prefixes: frozenset[str] = frozenset()


def _load() -> dict[str, LanguagePack]:
    from clipping_archive.languages import ar, en, nl

    return {pack.code: pack for pack in (nl.PACK, en.PACK, ar.PACK)}


PACKS: dict[str, LanguagePack] = _load()
CODES: tuple[str, ...] = tuple(PACKS)


def words(attribute: str) -> tuple[str, ...]:
    """One kind of word from every pack, in pack order, without repeats."""
    return tuple(dict.fromkeys(w for pack in PACKS.values() for w in getattr(pack, attribute)))


def alternation(items) -> str:
    """A regex alternation of literal words, longest first (so "laatst bijgewerkt" wins
    over "bijgewerkt"); spaces match any run of white space."""
    escaped = (
        re.escape(w).replace("\\ ", r"\s+") for w in sorted(set(items), key=len, reverse=True)
    )
    return "|".join(escaped)


def month_names(attribute: str = "months") -> dict[int, tuple[str, ...]]:
    """Month number -> every pack's names for it (``hijri_months`` for the Hijri ones)."""
    out: dict[int, tuple[str, ...]] = {}
    for pack in PACKS.values():
        for number, names in getattr(pack, attribute).items():
            out[number] = tuple(dict.fromkeys((*out.get(number, ()), *names)))
    return out


def resolve_language(value: str, held: tuple[str, ...] | None = None) -> str:
    """A --lang value (a code or a name, any case: nl, Dutch, nederlands) -> the code
    stored in clips.language. With ``held`` (the languages the archive holds clips in), a
    language it does not hold is a UsageError naming those it holds; codes the packs do
    not know are accepted when held (de, fr: what langdetect found)."""
    wanted = value.strip().lower()
    code = next(
        (
            pack.code
            for pack in PACKS.values()
            if wanted in (pack.code, pack.name.lower(), *pack.aliases)
        ),
        wanted,
    )
    if held is None or code in held:
        return code
    names = ", ".join(f"{c} ({PACKS[c].name})" if c in PACKS else c for c in held)
    raise UsageError(
        f"--lang {value!r}: the archive holds no clips in that language; "
        f"it holds {names or 'no clips yet'}"
    )

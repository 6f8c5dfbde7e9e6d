"""Bylines: `كتبت- سارة أبو شادي`, `بواسطة` (alone or with a name), `By Jane Doe`,
`Door Jan de Vries`, `Auteur: ...`. A byline may carry a date (`By Jane Doe | March 24,
2024`), which is then the article's date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from clipping_archive.ingest.dates import find_date, fold, read_date_line
from clipping_archive.ingest.fields.sources import match_outlet
from clipping_archive.languages import PACKS, alternation, words

NAME_MAX_WORDS = 6
AFTER_NAME_MAX_WORDS = 4  # an agency or place after the name

# What may stand between a byline word and the name: "بقلم: ليلى حسن", "بقلم/ ...",
# "كتبت- ...", "By: Jane Doe", "Door - Jan de Vries". Never part of the name.
_WORD_SEPARATOR = r"\s*[-–—:：/|]\s*"
# كتب/كتبت need a separator ("كتبت- ", "كتب: "): without one they start sentences too.
_ARABIC = re.compile(
    rf"^\s*(?:(?:{alternation(words('byline_words_with_separator'))}){_WORD_SEPARATOR}"
    rf"|(?:{alternation(w for w in words('byline_words') if not w.isascii())})"
    rf"(?:{_WORD_SEPARATOR})?)\s*(?P<name>.*?)\s*$"
)
# In Latin script a dash glued to the word is a compound ("By-Election Called"): a dash
# separates only with a space beside it.
_LATIN_SEPARATOR = r"\s*[:：/|]\s*|\s+[-–—]\s*|[-–—]\s+"
_LATIN = re.compile(
    rf"^\s*(?:{alternation(w for w in words('byline_words') if w.isascii())})"
    rf"(?:{_LATIN_SEPARATOR}|\s+|$)(?P<name>.*?)\s*$",
    re.IGNORECASE,
)
# Words allowed in lower case inside a Latin-script name (Dutch tussenvoegsels, Arabic
# and other particles): "Door de aanslag" is a sentence, "Door Jan de Vries" a byline.
_PARTICLES = frozenset(
    "van de der den ter ten te het 't op in al el bin ibn abu von da di du la le and en &".split()
)
# What may stand between a name and what follows it: "Jane Doe | Reuters", "Jane Doe, AP".
_AFTER_NAME = re.compile(r"\s*[|•·،,]\s*|\s+[-–—]\s+")


@dataclass(frozen=True)
class Byline:
    author: str | None  # None for a bare `بواسطة` / `By`
    date: str | None = None
    source: str | None = None  # an agency standing in the byline


def match_byline(line: str) -> Byline | None:
    if m := _ARABIC.match(line):
        return _byline(m.group("name"), latin=False)
    if m := _LATIN.match(line):
        return _byline(m.group("name"), latin=True)
    return None


# Several authors: "Nina Dos Santos, Laura Smith-Spark and James Frater", kept as written.
_JOINERS = re.compile(
    rf"\s*,\s*(?:(?:{alternation(words('name_joiners'))})\s+)?"
    rf"|\s+(?:{alternation(w for w in words('name_joiners') if w != 'و')})\s+|\s+و\s*(?=\S)"
)
MAX_AUTHORS = 6
_AGENCIES = frozenset(w.lower() for w in words("agencies"))


def _author_list(value: str, *, latin: bool) -> str | None:
    """``value`` when it is a list of names, as written; None otherwise."""
    names = [n for n in _JOINERS.split(value.strip()) if n]
    if not 2 <= len(names) <= MAX_AUTHORS:
        return None
    if any(n.lower().strip("()") in _AGENCIES or match_outlet(n) for n in names):
        return None  # "Jane Doe, Reuters", "Jane Doe, BBC News": a name and a source
    if all(_looks_like_name(n, latin=latin) for n in names):
        return value.strip()
    return None


# Arabic sites' own forms, with no byline word, only under the headline (see metadata.py):
# a place, a name, the paper or an agency, in any order, between dashes (a spaced tatweel
# too), colons or parentheses: "لندن: رنيم حنوش", "محمد هجرس - القاهرة", "أحمد الشميري
# (صنعاء)", "ماجد الرفاعي- سبق- جدة:", "الخرج - الوئام - عيد المصارير :", "عبدالرحمن القرني
# ـ عسير", "محمد سعدالله من الرياض", "جدة – محمد الجابري | Tuesday, 11 August 2015 - 13:08
# pm". A person is named with at least two words, the first without the article (given
# names do not take it: "المدينة المنورة", "الشرق الأوسط" are not people); a single word
# is a place or the paper; a quoted part («الاقتصادية») is a paper; an agency is the
# source. A line naming no person ("الرياض - واس", "سبق- الدمام:") is still the byline
# when an agency or a paper stands in it or it ends in a colon: it leaves the body.
PLACE_BYLINE_MAX_CHARS = 80
MAX_PARTS = 4
PART_MAX_WORDS = 4
_SEPARATORS = re.compile(r"\s*[-–—:|]\s*|\s+\u0640\s*|\s*\u0640\s+|\s*[()]\s*")
_FROM_PLACE = re.compile(r"^(?P<name>\S+(?:\s+\S+){0,3})\s+من\s+(?P<place>\S+(?:\s+\S+)?)$")
_QUOTED = re.compile(r"^[«\"“].{1,60}[»\"”]$")
# Words of letters (harakat and tatweel too: "المنوّرة", "الجابـري"), spaces, dots of
# initials and abbreviations ("د.", "أ. ف. ب"), Arabic commas between names.
_LETTER = r"[^\W\d_]"
_IN_WORD = r"(?:[^\W\d_]|[\u064b-\u065f\u0670])*"
_PART_CHARS = re.compile(rf"^{_LETTER}{_IN_WORD}(?:[\s.،]+{_LETTER}{_IN_WORD})*\.?$")
_FUNCTION_WORDS = frozenset(w for pack in PACKS.values() for w in pack.function_words)
# "المدينة - جدة - تصوير: منصور البلوي": the photographer is not the author.
_PHOTO_CREDIT = re.compile(
    rf"\s*[-–—\u0640]?\s*(?:{alternation(w for w in words('image_labels') if not w.isascii())})"
    r"\s*:.*$"
)
# Direction marks scrapers leave around Arabic text ("\u200fمتعب العبيد (الرياض)").
_MARKS = re.compile(r"[\u200e\u200f\u200b\ufeff]")


def _plain(line: str) -> str:
    """The line as the Arabic byline readers compare it: no direction marks, no-break
    spaces as spaces, stripped."""
    return _MARKS.sub("", line.replace("\u00a0", " ")).strip()


def _agency_key(text: str) -> str:
    """ "أ.ف.ب", "(ا ف ب)" and "أ ف ب" alike: folded, without dots, spaces, brackets."""
    return re.sub(r"[\s.()]", "", fold(text))


_AGENCY_KEYS = {_agency_key(w): w for w in words("agencies")}


def _is_agency(part: str) -> bool:
    """An agency ("واس", "أ ف ب") or an outlet ("بي بي سي عربي"): a source, never a person."""
    return _agency_key(part) in _AGENCY_KEYS or match_outlet(part) is not None


_HARAKAT_TATWEEL = re.compile(r"[\u0640\u064b-\u065f\u0670]")


def _name_key(text: str) -> str:
    """Text compared for a name: no harakat or tatweel, letter variants folded, one space."""
    return " ".join(fold(_HARAKAT_TATWEEL.sub("", text)).split())


# Places bylines name ("جدة", "عمّان", and those of two words shaped like a person's
# name: "مكة المكرمة", "حفر الباطن").
_PLACES = frozenset(_name_key(w) for w in words("place_names"))


def match_place_byline(line: str, after: Callable[[], str] | None = None) -> Byline | None:
    """An Arabic byline written as place, name, paper and agency parts, in any order.
    ``after`` gives the text under the line: a name it names again is whom the article
    is about, not its reporter ("برشلونة - ريال مدريد" over a match report), as with a
    bare name under the headline (match_bare_name)."""
    line = whole = _plain(line)
    if not any("\u0600" <= ch <= "\u06ff" for ch in line) or len(line) > PLACE_BYLINE_MAX_CHARS:
        return None
    date = None
    if "|" in line:  # "place - name | Tuesday, 11 August 2015 - 13:08 pm"
        head, _, tail = line.rpartition("|")
        if found := read_date_line(tail):
            line, date = head.strip(), found.iso
    photo = _PHOTO_CREDIT.search(line)
    if photo:  # what stood before the credit, without its separator ("، (تصوير: ...)")
        line = line[: photo.start()].rstrip(" ،,(")
    if from_place := _from_place(line):
        return from_place
    if desks := _reporters_with_places(line):
        return desks
    parts = _parts(line)
    if parts is None or not (2 <= len(parts) <= MAX_PARTS or (date and len(parts) == 1)):
        return None
    agencies = [p for p in parts if _agency_key(p) in _AGENCY_KEYS]
    papers = [p for p in parts if _QUOTED.match(p)]
    # An outlet the packs know is the source, never a person, and like an unquoted
    # paper's name it may stand beside its reporter ("الجزيرة - سلطان المواش:").
    outlets = [p for p in parts if match_outlet(p)]
    # An agency's or a paper's name with places is wire or desk copy: it names no one
    # ("مكة المكرمة - واس:", "«الاقتصادية» من لوس أنجلوس", "الوكالات ـ كابل ـ إسلام أباد").
    people = (
        [] if agencies or papers else [p for p in parts if p not in outlets and _is_name(p)]
    )
    source = (agencies or [p.strip('«»"“”') for p in papers] or outlets or [None])[0]
    if people and not date and after:
        # A part the text names again is whom or where the article is about: a place
        # the pack does not know ("سراة عبيدة: محمد آل عطيف"), a club ("ريال مدريد").
        text = after()
        people = [p for p in people if not _named_again(p, whole, text)]
        if not people:
            return None
    if people:
        return Byline(people[0].strip(), date, source)
    if agencies or papers or outlets or date or photo or line.endswith(":"):
        return Byline(None, date, source)
    return None


# Reporters of several desks, each with their place in brackets (Okaz): "خالد طاشكندي
# (جدة)، فارس القحطاني (الرياض)", "عبدالله الدهاس (مكة المكرمة) عبدالله الغامدي
# (الرياض)", "سلمان الضباح (بريدة)، واس (الرياض)".
_DESK = re.compile(r"\s*(?P<who>[^()،,]+?)\s*\((?P<where>[^()]+)\)\s*[،,]?")
MAX_DESKS = 4


def _reporters_with_places(line: str) -> Byline | None:
    """Two or more "name (place)" units, every bracket a place the pack knows: the names
    in order are the authors, an agency among them the source."""
    desks = list(_DESK.finditer(line))
    if not 2 <= len(desks) <= MAX_DESKS or "".join(m.group(0) for m in desks) != line:
        return None
    if not all(_is_place(m.group("where")) for m in desks):
        return None
    people, agencies = [], []
    for m in desks:
        who = m.group("who").strip()
        if _is_agency(who):
            agencies.append(who)
        elif _parts(who) == [who] and _is_name(who):
            people.append(who)
        else:
            return None
    return Byline("، ".join(people) or None, source=(agencies or [None])[0])


def _named_again(name: str, line: str, after: str) -> bool:
    """Whether ``after`` names ``name`` other than by repeating the byline ``line`` (Sabq
    opens its text with the byline again: "ماجد الرفاعي- سبق- جدة: أعلنت ...")."""
    return _name_key(name) in _name_key(after).replace(_name_key(line), " ")


def _parts(line: str) -> list[str] | None:
    """The line's parts, or None when one is not a short run of words (a sentence)."""
    raw = [p.strip(" :.") for p in _SEPARATORS.split(line.strip(" :"))]
    raw = [p for p in raw if p]
    parts = []
    for part in raw:
        words_ = part.strip('«»"“”').split()
        if len(words_) > PART_MAX_WORDS or any(w in _FUNCTION_WORDS for w in words_):
            return None  # a sentence, or quoted speech
        if _QUOTED.match(part):
            parts.append(part)
            continue
        if not _PART_CHARS.match(part) or _mixed_scripts(words_):
            return None  # "Next Previous غالب السهلي": a slider's buttons glued on
        parts.append(part)
    return parts


def _mixed_scripts(words_: list[str]) -> bool:
    latin = [w.isascii() for w in words_]
    return any(latin) and not all(latin)


def _from_place(line: str) -> Byline | None:
    """ "محمد سعدالله من الرياض", "«الاقتصادية» من الرياض": a name (or the paper) from a
    place. The part before من must be a name; "أخاف من كل شيء" is a sentence."""
    m = _FROM_PLACE.match(line.strip(" :"))
    if not m or _SEPARATORS.search(line.strip(" :")):
        return None
    name, place = m.group("name"), m.group("place")
    if _parts(place) is None:
        return None
    if _QUOTED.match(name):
        return Byline(None, source=name.strip('«»"“”'))
    if _parts(name) is None or not _is_name(name):
        return None
    return Byline(name)


# Bylines are never vowelled (a shadda may stand): a part with harakat is verse or a quote.
_VOWELS = re.compile(r"[\u064b-\u0650\u0652-\u065f]")
# A preposition or conjunction glued to the article ("للوديات", "بالرياض") is not in a name.
# (Three letters at least after it: "فالح", a given name, is not "ف" + "ال" + "ح".)
_CLITIC_ARTICLE = re.compile(r"^(?:لل|بال|وال|فال|كال)\w{3}")


def _is_name(part: str) -> bool:
    """One or more names ("حامد العطاس، عبدالرحمن المصباحي"), each of two words or more,
    the first without the article."""
    if _name_key(part) in _PLACES or _VOWELS.search(part):
        return False
    if any(_CLITIC_ARTICLE.match(fold(w)) for w in part.split()):
        return False
    names = [n.split() for n in part.split("،")]
    return all(len(n) >= 2 and (not fold(n[0]).startswith("ال") or _linked(n)) for n in names)


_LINKS = frozenset(fold(w) for w in words("name_links"))


def _linked(name: list[str]) -> bool:
    """A link word after the first word ("الحسن آل سيد", "الحسين بن علي"): a name, even
    though its first word takes the article, as some given names do (الحسن)."""
    return len(name) > 2 and fold(name[1]) in _LINKS  # not "الأمير سعود بن ثنيان"


# A columnist's byline: the name alone on the line under the headline, maybe after a
# title ("سلوى العضيدان", "د. عبد العزيز الغدير", "فهد بن جليد", "محمد الصيـعري"), a
# footnote star or a colon after it ("د. مقبل بن جديع*"). The same sites put a photo
# caption naming a person there too ("محمد السهلاوي" over a match report): a caption
# names whom the article is about, so the body names them again; a columnist's name is
# not in their column. On SaudiNewsNet the name recurs in the text under 7 of 2,768
# bare-name bylines, and under 59 of the 113 lines of that shape opening an article's
# text below its byline (captions, in the main; docs/metadata.md).
BARE_NAME_MAX_WORDS = 5
_HONORIFIC = re.compile(
    r"^(?:"
    + "|".join(
        r"\s*\.\s*".join(re.escape(p) for p in h.rstrip(".").split(".")) + r"\s*\.\s*"
        if h.endswith(".")
        else re.escape(h) + r"\s+"
        for h in sorted(words("honorifics"), key=len, reverse=True)
    )
    + ")"
)
# Arabic letters, with tatweel and harakat inside (a spaced tatweel is a separator).
_ARABIC_WORD = re.compile(r"^[\u0621-\u063a\u0641-\u064a][\u0621-\u065f\u0670]*$")
# A name may carry a mark or two to say how it is read ("العُمري", "العلوْيط"); verse
# and quoted speech carry many.
BARE_NAME_MAX_VOWELS = 2
# Tanween is a declined noun's ending ("مكرِّماً"): a name in a byline is not declined.
_TANWEEN = re.compile(r"[\u064b-\u064d]")


def match_bare_name(line: str, after: Callable[[], str]) -> Byline | None:
    """The line right under the headline as a columnist's byline: a person's name of two
    to five Arabic words, maybe after a title, that the text under it (given by
    ``after``, asked for last) does not name again."""
    line = _plain(line).rstrip("*: ").strip()
    name = _HONORIFIC.sub("", line)
    words_ = name.split()
    if not 2 <= len(words_) <= BARE_NAME_MAX_WORDS:
        return None
    if not all(_ARABIC_WORD.match(w) for w in words_) or any(w in _FUNCTION_WORDS for w in words_):
        return None
    if fold(words_[-1]) in _LINKS or fold(words_[0]) in _LINKS - {"ابو"}:
        return None  # "بن" ends no name; "آل" starts a family's name, not a person's
    if len(_VOWELS.findall(name)) > BARE_NAME_MAX_VOWELS or _TANWEEN.search(name):
        return None
    if not _is_name(_VOWELS.sub("", name)):
        return None
    if _name_key(name) in _name_key(after()):
        return None  # named again in the text: whom a photo caption shows
    return Byline(line)


# The paper names itself unquoted beside a place under the headline: "اليوم - الدمام",
# "المدينة ـ جدة", "حائل: الوطن", "عكاظ (جدة)", "عكاظ (بغداد، عمان)", "اليوم - الوكالات".
# A one-word name beside a known place (or an agency) is the paper or its desk; a match
# line pairs two clubs or two countries ("الهلال - النصر"), and the pack knows cities,
# not clubs or countries: it stays. Of SaudiNewsNet's 31,030 articles, 1,243 have a
# byline of this shape that no other form read; of the texts' own lines 79 have it: 15
# an article's first line, all a paper's or an agency's ("الرياضي ـ جدة", "القاهرة –
# متابعات"), and 64 deep in the text, mostly readers' names in a street poll ("سارة ـ
# الدمام"; docs/metadata.md): hence only right under the headline.
PAPER_LINE_MAX_CHARS = 60


def match_paper_place(line: str) -> Byline | None:
    """The line right under the headline as a one-word name (the paper's) beside a
    place or an agency: it names no one, and the source is the agency, or the paper."""
    line = _plain(line)
    if len(line) > PAPER_LINE_MAX_CHARS:
        return None
    # A full stop stays on its part, which then is neither a place nor a word: "فايزة -
    # أبها." is a reader signing a letter.
    parts = [p for p in (p.strip(" :") for p in _SEPARATORS.split(line.strip(" :"))) if p]
    if len(parts) != 2:
        return None
    agencies = [p for p in parts if _is_agency(p)]
    known = agencies or [p for p in parts if _is_place(p)]
    if len(known) != 1:
        return None  # two places ("جدة - الرياض") or none ("الهلال - النصر")
    name = parts[1] if parts[0] == known[0] else parts[0]
    if not _ARABIC_WORD.match(name) or _is_place(name):
        return None
    # A function word is no paper's name ("في", "قال"), unless it is a noun with the
    # article: "اليوم" ("today") is the Dammam paper.
    if name in _FUNCTION_WORDS and not fold(name).startswith("ال"):
        return None
    return Byline(None, source=agencies[0] if agencies else name)


def _is_place(part: str) -> bool:
    """A place, or a list of places ("بغداد، عمان")."""
    return all(_name_key(p) in _PLACES for p in part.split("،"))


# "By Patrick Knox, Paul Harper and Jon Lockett, CNN": the agency closing a list of names.
_TRAILING_AGENCY = re.compile(
    rf"\s*[,|•·،]\s*\(?(?P<agency>{alternation(words('agencies'))})\)?\s*$", re.IGNORECASE
)


def _byline(value: str, *, latin: bool) -> Byline | None:
    date = None
    if found := find_date(value):  # spans in folded text match the original's
        date = found.iso
        value = value[: found.start] + " | " + value[found.end :]
    value = value.strip(" |•·,،-–—")
    if (agency := _TRAILING_AGENCY.search(value)) and (
        several := _author_list(value[: agency.start()], latin=latin)
    ):
        return Byline(several, date, agency.group("agency"))
    if several := _author_list(value, latin=latin):
        return Byline(several, date)
    parts = _AFTER_NAME.split(value.strip(" |•·,،-–—"), maxsplit=1)
    name = parts[0].strip()
    rest = parts[1] if len(parts) > 1 else ""
    # "By Monday, the toll had risen." is a sentence: what follows a name is short.
    if len(rest.split()) > AFTER_NAME_MAX_WORDS or rest.rstrip().endswith((".", "!", "?", "؟")):
        return None
    if not name:
        return Byline(None, date)
    if outlet := match_outlet(name):  # "By BBC News": the outlet is the source
        return Byline(None, date, outlet)
    if not _looks_like_name(name, latin=latin):
        return None
    return Byline(name, date, match_outlet(rest.strip()) if rest else None)


def _looks_like_name(name: str, *, latin: bool) -> bool:
    words = name.split()
    if len(words) > NAME_MAX_WORDS or name.endswith((".", ":", "؟", "?", "!")):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    if latin:
        return all(w[0].isupper() or w.lower() in _PARTICLES for w in words)
    return True


# A date and who wrote it on one line, the parts between bars, dots or spaced dashes:
# "maandag 22 april 2024 | Redactie Binnenland", "Reuters Staff - June 30, 2024",
# "الأحد 22 أبريل 2024 | بقلم ليلى حسن". The date is the article's. Who wrote it is read
# only from a part that says so: a byline word, a desk (the packs' desk_words), an outlet
# or an agency. Any other part is a short label ("22 april 2024 | Binnenland": a section)
# and names no one: a bare "Jane Doe" and "Fox News Channel" or "ميدان التحرير" (Tahrir
# Square) have the same shape. A part that is a sentence, or holds digits (a date line's
# own time: "22 maart 2024 - 13:08"), leaves the line to the other readers.
_BARS = re.compile(r"\s+[|•·\-–—]\s+|\s*\|\s*")
DATED_BYLINE_MAX_CHARS = 120
LABEL_MAX_WORDS = 4
_LABEL_END = re.compile(r"[.!?؟:;,،]$")
# Desk phrases as whole words ("news desk", not "news": "Fox News" is no desk).
_DESK_PHRASE = re.compile(
    rf"(?<![^\W_])(?:{alternation(fold(w) for w in words('desk_words'))})(?![^\W_])"
)


def match_dated_byline(
    line: str, language: str | None = None, *, labels: bool = False
) -> Byline | None:
    """A line of a date and a byline side by side, in either order: the date is the
    article's, a desk or a person named with a byline word its author, an outlet or
    agency its source. With ``labels``, also a date beside a label naming no one (asked
    last, after the readers that may know the part: "محمد الجابري | Tuesday, 11 August
    2015" is a place byline's name and date)."""
    line = _plain(line)
    if len(line) > DATED_BYLINE_MAX_CHARS:
        return None
    parts = [p.strip() for p in _BARS.split(line) if p.strip()]
    if not 2 <= len(parts) <= 3:
        return None
    date = author = source = None
    for part in parts:
        if date is None and (found := read_date_line(part, language=language)):
            date = found.iso
            continue
        who = _dated_part(part)
        if who is None:
            return None
        author, source = author or who.author, source or who.source
    if not date or not (author or source or labels):
        return None
    return Byline(author, date, source)


def _dated_part(part: str) -> Byline | None:
    """What a part beside a date says of who wrote it (an empty Byline for a label that
    names no one), or None when it is text, not a byline or a label."""
    if (byline := match_byline(part)) and not byline.date:
        return byline
    if outlet := match_outlet(part):
        return Byline(None, source=outlet)
    if _agency_key(part) in _AGENCY_KEYS:
        return Byline(None, source=part.strip("()"))
    if len(part.split()) > LABEL_MAX_WORDS or _LABEL_END.search(part):
        return None
    if any(c.isdigit() for c in part):
        return None
    if _DESK_PHRASE.search(fold(part)):
        return Byline(part)  # "Redactie Binnenland", "Reuters Staff", "فريق التحرير"
    return Byline(None)

"""Metadata on real articles: title, date, author, debris and decoding, per language.

The articles come from public news corpora whose metadata is known, laid out the way
scrapers save them (headline, the site's byline and date lines, body, page debris), in
the encodings such files come in; the truth is kept apart, taken from the corpus's own
fields. Nothing of the corpora is committed (their texts belong to the papers): point
this script at local copies, one option per corpus (any subset):

    # Arabic: SaudiNewsNet (CC BY-NC-SA 4.0), github.com/inparallel/SaudiNewsNet:
    #   the folder of its daily zips (dataset/). Bylines are the sites' own, as the
    #   corpus recorded them.
    # Dutch: DpgMedia2019 (AD, Volkskrant, Trouw, Parool and DPG's regional papers),
    #   github.com/dpgmedia/partisan-news2019: the folder holding
    #   dpgMedia2019-articles-byarticle-all.jsonl and dpgMedia2019-labels-byarticle.jsonl.
    #   The corpus gives title, day and text (no authors, no times): each paper's date
    #   line is written in its own layout, with a made-up time where the layout has one.
    # English: news-please outputs (Reuters, CNN, NYT, Washington Post, Guardian, BBC,
    #   ...) and the BBC News corpus, as shipped in github.com/fhamborg/Giveme5W1H: the
    #   folder Giveme5W1H/examples/datasets (every */data/**/*.json is read).
    .venv/bin/python benchmarks/metadata_eval.py \\
        --saudinewsnet PATH/SaudiNewsNet/dataset \\
        --dpg PATH/partisan-news2019 \\
        --news-please PATH/Giveme5W1H/examples/datasets

Truth, per article: the title (as a reader sees it: the HTML entities some corpora saved
literally, `&quot;`, `&nbsp;`, are read as their characters; the file keeps them); the
date *as written* in the file (day precision, or none when the corpus gives none or the
layout writes none); the author where a byline *names a person* (an agency or a paper
with a place names none: then no author may be read); the debris lines inserted. Per
field and language it prints accuracy, and dates WRONG apart from missing ones (a wrong
date is worse than none), and authors read where no person is named.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import random
import re
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipping_archive.ingest import prepare_bytes  # noqa: E402

# ---------------------------------------------------------------------------------------
# Debris real news pages carry, inserted between paragraphs (truth: must go).
DEBRIS = {
    "ar": [
        "شارك هذا الخبر",
        "اقرأ أيضاً: تفاصيل جديدة حول القضية",
        "(الصورة من الأرشيف)",
        "[ad_1]",
        "Source link",
    ],
    "nl": [
        "Lees ook: Kabinet wil snel duidelijkheid over de plannen",
        "Lees meer: Dit zijn de gevolgen voor huurders",
        "Deel dit artikel",
        "Foto ANP",
        "Advertentie",
    ],
    "en": [
        "Read more: What we know so far",
        "Share this",
        "Share this with",
        "Image copyright Getty Images",
        "Advertisement",
        "Related: The week in pictures",
    ],
}
ENCODINGS = {
    "ar": ["utf-8", "utf-8", "cp1256", "utf-8-sig"],
    "nl": ["utf-8", "utf-8", "cp1252", "utf-8-sig"],
    "en": ["utf-8", "utf-8", "cp1252", "utf-8-sig"],
}

# ---------------------------------------------------------------------------------------
# Arabic: SaudiNewsNet. The sites' byline fields often name no person: an agency or the
# paper itself and a place ("الرياض - واس", "«الاقتصادية» من الرياض", "سبق- جدة:"). This
# benchmark's own list of agency and paper names, independent of the archive's packs,
# tells them apart; a part that stood beside only such names in some byline is a place.
SPA_DATELINE = re.compile(r"^\s*\S.{0,40}?\d{1,2}\s+\S+\s+14\d\d\s*هـ.{0,30}?\d{4}\s*م\s*واس\s*$")
AR_AGENCIES = {
    "واس",
    "رويترز",
    "أ ف ب",
    "ا ف ب",
    "أ.ف.ب",
    "د ب أ",
    "د.ب.أ",
    "كونا",
    "وام",
    "الوكالات",
    "وكالات",
    "cnn",
    "(ا ف ب)",
    "(د ب أ)",
    "(أ ف ب)",
    "(رويترز)",
}
AR_NOT_PERSONS = AR_AGENCIES | {
    # more agencies, as the sites write them
    "أ. ف. ب.",
    "أ. ف. ب",
    "أ ف ب.",
    "د. ب. أ",
    "قنا",
    "بنا",
    "سبأ",
    "سانا",
    "يو بي آي",
    # the papers' own names and desks
    "الشرق الأوسط",
    "«الشرق الأوسط»",
    "«الشرق الأوسط أونلاين»",
    "الاقتصادية",
    "«الاقتصادية»",
    '"الاقتصادية"',
    '"الاقتصادية الإلكترونية"',
    "الجزيرة",
    "مكتب الجزيرة",
    "المدينة",
    "الرياض",
    "الوطن",
    "الوئام",
    "اليوم",
    "الرياضية",
    "عكاظ",
    "سبق",
    "متابعة",
    "اللجنة الاعلامية",
    "المنسق الإعلامي",
}
_AR_SPLIT = re.compile(r"\s*(?:[-–—ـ|:،,]|\s+من\s+)\s*|\s*[()]\s*")
_AR_PHOTO = re.compile(r"\s*[-–—ـ]?\s*تصوير\s*:.*$")
_BIDI = re.compile("[\u200e\u200f\u200b\ufeff]")  # a photographer is not the author
_EN_DATE_IN_BYLINE = re.compile(r"\|\s*\w+day,\s+(\d{2} \w+ \d{4})")
AR_MONTHS = {
    "يناير": 1,
    "فبراير": 2,
    "مارس": 3,
    "أبريل": 4,
    "مايو": 5,
    "يونيو": 6,
    "يوليو": 7,
    "أغسطس": 8,
    "سبتمبر": 9,
    "أكتوبر": 10,
    "نوفمبر": 11,
    "ديسمبر": 12,
}
_AR_DATE_IN_BYLINE = re.compile(r"^(\S+) (\d{1,2}), (\d{4})")


_ENTITY = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _shown(text: str) -> str:
    """The text as a browser shows it: entities with their closing `;` as characters
    (SaudiNewsNet saved `&nbsp;` before Okaz's bylines, `&quot;` in titles)."""
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)), text).replace("\u00a0", " ")


def _ar_parts(byline: str) -> list[str]:
    byline = _AR_PHOTO.sub("", _BIDI.sub("", byline))
    byline = _EN_DATE_IN_BYLINE.sub("", byline)
    # A star is a footnote mark after a columnist's name ("د. مقبل بن جديع*"), not part of it.
    return [p.strip(" :.*\u200f") for p in _AR_SPLIT.split(byline) if p.strip(" :.*\u200f")]


def _ar_byline_date(byline: str) -> str | None:
    if m := _EN_DATE_IN_BYLINE.search(byline):
        return dt.datetime.strptime(m.group(1), "%d %B %Y").date().isoformat()
    if (m := _AR_DATE_IN_BYLINE.match(byline)) and m.group(1) in AR_MONTHS:
        return dt.date(int(m.group(3)), AR_MONTHS[m.group(1)], int(m.group(2))).isoformat()
    return None


def _snn_articles(folder: Path, pattern: str) -> list[dict]:
    articles: list[dict] = []
    for zipped in sorted(folder.glob(pattern)):
        with zipfile.ZipFile(zipped) as z:
            for name in z.namelist():
                articles += json.loads(z.read(name).decode("utf-8"))
    return articles


def _snn_places(articles: list[dict]) -> set[str]:
    """Parts that stand beside only an agency in some byline ("مكة المكرمة - واس")."""
    places: set[str] = set()
    for a in articles:
        parts = _ar_parts(_shown(a.get("author") or ""))
        others = [p for p in parts if p not in AR_NOT_PERSONS]
        if len(others) == 1 and AR_AGENCIES & set(parts):
            places.add(others[0])
    return places


def _snn_usable(a: dict) -> bool:
    return bool(a.get("title") and a.get("content") and len(a["content"]) > 300)


def saudinewsnet(folder: Path, per_source: int, rng: random.Random) -> list[dict]:
    articles = _snn_articles(folder, "2015-08-*.zip")
    by_source: dict[str, list[dict]] = {}
    for a in articles:
        if _snn_usable(a):
            by_source.setdefault(a["source"], []).append(a)
    picked = []
    for source in sorted(by_source):
        group = by_source[source]
        rng.shuffle(group)
        picked += group[:per_source]
    places = _snn_places(articles)
    for a in picked:
        a["_places"] = places
    return picked


def saudinewsnet_entities(folder: Path) -> list[dict]:
    """Every SaudiNewsNet article whose byline or title holds an HTML entity, from all
    months (they are July's: `&nbsp;` before 339 Okaz bylines, `&quot;` in titles). Only
    the August dates are known (see ar_article): these count as undated."""
    articles = _snn_articles(folder, "*.zip")
    picked = [
        a
        for a in articles
        if _snn_usable(a) and _ENTITY.search((a.get("author") or "") + a["title"])
    ]
    places = _snn_places(articles)
    for a in picked:
        a["_places"] = places
        a["_undated"] = True
    return picked


def ar_article(a: dict, rng: random.Random) -> dict:
    content = a["content"].strip()
    lines = [line.strip() for line in content.split("\n") if line.strip()]
    written = (a.get("author") or "").strip() or None
    byline = _shown(written).strip() if written else None
    date = None
    # The corpus's extraction date is the publication date for articles stamped after
    # 1 August 2015 (its README); an SPA dateline states it in the text.
    if lines and SPA_DATELINE.match(lines[0]) and not a.get("_undated"):
        date = a["date_extracted"][:10]
    persons: list[str] = []
    if byline:
        date = date or _ar_byline_date(byline)
        if not _ar_byline_date(byline) or _EN_DATE_IN_BYLINE.search(byline):
            parts = _ar_parts(byline)
            persons = [p for p in parts if p not in AR_NOT_PERSONS and p not in a["_places"]]
            # A person is named in full: a lone word beside a place or paper is a place.
            persons = [p for p in persons if not re.search(r"\d|\w+day\b", p)]
            # "خاص بالرياض", "خاص بـ«الجزيرة»": exclusive to the paper, a source.
            persons = [p for p in persons if not p.startswith("خاص")]
            if len(parts) > 1:
                persons = [p for p in persons if len(p.split()) > 1]
    return {
        "language": "ar",
        "title": a["title"].strip(),
        "header": [written] if written else [],
        "byline": byline,
        "persons": persons,
        "author": None,  # Arabic: checked by parts (see author_ok)
        "date": date,
        "paragraphs": lines,
        "source": a["source"],
    }


# ---------------------------------------------------------------------------------------
# Dutch: DpgMedia2019. Each paper's date line as its site writes it.
NL_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
NL_DAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"]
DPG_REGIONAL = {
    "ad",
    "degelderlander",
    "tubantia",
    "destem",
    "brabantsdagblad",
    "pzc",
    "eindhovensdagblad",
    "destentor",
}


def _nl_date_line(publisher: str, day: dt.date, rng: random.Random) -> str:
    hh, mm = rng.randint(6, 22), rng.randint(0, 59)
    if publisher in DPG_REGIONAL:  # AD.nl and the regional papers: 08-04-19, 09:40
        return f"{day:%d-%m-%y}, {hh:02d}:{mm:02d}"
    month = NL_MONTHS[day.month - 1]
    if publisher == "vk":  # "12 februari 2019, 14:34"
        return f"{day.day} {month} {day.year}, {hh:02d}:{mm:02d}"
    if publisher == "trouw":  # "dinsdag 12 februari 2019"
        return f"{NL_DAYS[day.weekday()]} {day.day} {month} {day.year}"
    return f"{day.day} {month} {day.year}, {hh}:{mm:02d}"  # Parool


_SENTENCE = re.compile(r"(?<=[.!?'\"”])\s+(?=[A-Z'\"‘(])")


def _paragraphs(text: str, rng: random.Random) -> list[str]:
    """A text the corpus stored as one block, cut at sentence ends into paragraphs of
    two to four sentences, as the pages show it (the words are untouched)."""
    sentences = _SENTENCE.split(text.strip())
    out: list[str] = []
    while sentences:
        n = rng.randint(2, 4)
        out.append(" ".join(sentences[:n]))
        sentences = sentences[n:]
    return out


def dpg(folder: Path, limit: int, rng: random.Random) -> list[dict]:
    labels = {}
    for line in (folder / "dpgMedia2019-labels-byarticle.jsonl").read_text().splitlines():
        row = json.loads(line)
        labels[str(row["id"])] = row["publisher"]
    rows = [
        json.loads(line)
        for line in (folder / "dpgMedia2019-articles-byarticle-all.jsonl").read_text().splitlines()
    ]
    rows = [r for r in rows if str(r["id"]) in labels and len(r["text"]) > 300]
    rng.shuffle(rows)
    out = []
    for r in rows[:limit]:
        publisher = labels[str(r["id"])]
        day = dt.date.fromisoformat(r["published_at"][:10])
        out.append(
            {
                "language": "nl",
                "title": r["title"].strip(),
                "header": [_nl_date_line(publisher, day, rng)],
                "byline": None,
                "persons": [],
                "author": None,
                "date": day.isoformat(),
                "paragraphs": _paragraphs(r["text"], rng),
                "source": publisher,
            }
        )
    return out


# ---------------------------------------------------------------------------------------
# English: news-please outputs and the BBC corpus (Giveme5W1H's example datasets).
# news-please's author lists carry extraction noise ("Min Read", "More Stories Peter
# Blumberg", "Www.Dw.Com", agencies): only entries that are a person's name are written.
_EN_NOT_NAME = re.compile(
    r"\b(?:read|more|stories|author|written|reporter|press|news|staff|editorial|post|"
    r"dailymail|www|email|twitter|correspondent|online|inc|times|journal|telegraph|"
    r"associated|reuters|cnn|bbc|abc|nbc|cbs|editor|the|for|is|at|of|and)\b",
    re.IGNORECASE,
)
EN_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def _person(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(w[0].isupper() for w in words)
        and not _EN_NOT_NAME.search(name)
        and not any(c.isdigit() or c in ".@/" for c in name)
    )


def _names_as_written(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _en_date_line(style: str, when: dt.datetime, timed: bool) -> str:
    day = when.date()
    if style == "cnn":  # Updated 8:35 PM ET, Sat July 7, 2018
        clock = f"{when:%I:%M %p} ET, ".lstrip("0") if timed else ""
        return f"Updated {clock}{EN_DAYS[day.weekday()]} {day:%B} {day.day}, {day.year}"
    if style == "guardian":  # Tue 7 May 2019 11.34 BST
        clock = f" {when:%H.%M} BST" if timed else ""
        return f"{EN_DAYS[day.weekday()]} {day.day} {day:%b} {day.year}{clock}"
    if style == "reuters":  # November 6, 2017 / 10:18 PM
        clock = f" / {when:%I:%M %p}".replace("/ 0", "/ ") if timed else ""
        return f"{day:%B} {day.day}, {day.year}{clock}"
    return f"{day.day} {day:%B} {day.year}"  # BBC: 17 February 2005


def news_please(folder: Path, limit: int, rng: random.Random) -> list[dict]:
    seen: set[str] = set()
    out = []
    for path in sorted(folder.glob("*/data/**/*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        key = d.get("url") or d.get("title")
        text = (d.get("text") or "").strip()
        if not isinstance(d, dict) or key in seen or not d.get("title") or len(text) < 300:
            continue
        seen.add(key)
        names = [a for a in d.get("authors") or [] if _person(a)][:4]
        stamp = d.get("date_publish")
        try:
            when = dt.datetime.fromisoformat(str(stamp).replace(" ", "T"))
        except ValueError:  # none recorded ("None", null)
            when = None
        style = rng.choice(["cnn", "guardian", "reuters", "bbc"])
        header = []
        author = _names_as_written(names) if names else None
        if author:
            header.append(f"By {author}" + (", CNN" if style == "cnn" else ""))
        if when:
            timed = when.time() != dt.time(0, 0)
            header.append(_en_date_line(style, when, timed))
        paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
        out.append(
            {
                "language": "en",
                "title": " ".join(d["title"].split()),
                "header": header,
                "byline": header[0] if author else None,
                "persons": names,
                "author": author,
                "date": when.date().isoformat() if when else None,
                "paragraphs": paragraphs,
                "source": d.get("source_domain") or path.parts[-3],
            }
        )
    rng.shuffle(out)
    return out[:limit]


# ---------------------------------------------------------------------------------------
def layout(article: dict, rng: random.Random) -> tuple[bytes, dict]:
    """The file a scraper would save, and the truth. Text the encoding cannot hold is
    dropped first (as a scraper saving in that encoding would), truth and file alike."""
    language = article["language"]
    encoding = rng.choice(ENCODINGS[language])

    def fit(s: str) -> str:
        return s.encode(encoding, errors="ignore").decode(encoding)

    truth = {k: article[k] for k in ("language", "date", "source")}
    title = " ".join(fit(article["title"]).split())
    truth["title"] = " ".join(_shown(title).split())
    truth["byline"] = fit(article["byline"]) if article["byline"] else None
    truth["persons"] = [" ".join(fit(p).split()) for p in article["persons"]]
    truth["author"] = " ".join(fit(article["author"]).split()) if article["author"] else None
    truth["debris"] = []
    body = []
    for n, line in enumerate(article["paragraphs"]):
        body.append(fit(line))
        if n and rng.random() < 0.15:
            debris = rng.choice(DEBRIS[language])
            body.append(debris)
            truth["debris"].append(debris)
    header = [title, *(fit(h) for h in article["header"])]
    text = "\n\n".join(header + body) + "\n"
    truth["encoding"] = encoding
    truth["text"] = text
    return text.encode(encoding), truth


def _plain(s: str) -> str:
    return " ".join(s.replace("\u00a0", " ").split())


def author_ok(found: str | None, truth: dict) -> bool:
    """The author read names the byline's persons and nothing else: as written for a
    list ("Nina Dos Santos, Laura Smith-Spark and James Frater"); for the Arabic sites'
    bylines, a part of the line that holds a person and no place, agency or paper, or
    several such parts in the line's order, joined by "، " (Okaz's desks: "نهلة الجمال
    (المدينة المنورة) أحمد الأنصاري (ينبع)" names two reporters)."""
    if not found:
        return False
    found = _plain(found)
    if truth["author"]:
        return found == truth["author"]
    byline = _plain(truth["byline"])
    others = [p for p in _ar_parts(byline) if p not in truth["persons"]]
    pieces = [piece.strip() for piece in found.split("،")]
    in_order = [byline.find(piece) for piece in pieces]
    return (
        (found in byline or (-1 not in in_order and in_order == sorted(in_order)))
        and any(_plain(p) in found for p in truth["persons"])
        and not any(_plain(o) in found.split() or _plain(o) == found for o in others)
    )


FIELDS = [
    ("files", "files"),
    ("decoded", "decoded exactly"),
    ("language", "language"),
    ("title", "title"),
    ("date", "date right (date written)"),
    ("date WRONG", "date WRONG"),
    ("date none written", "date read where none written"),
    ("author", "author (byline names a person)"),
    ("author invented", "author read where a byline names none"),
    ("author none written", "author read where no byline written"),
    ("byline left", "byline line left in body"),
    ("debris left", "debris left in body"),
    ("ms", "ms a file"),
]


def evaluate(files: list[tuple[bytes, dict]], show_misses: bool = False) -> dict[str, str]:
    counts: Counter = Counter()
    started = time.perf_counter()
    for data, truth in files:
        counts["files"] += 1
        try:
            clip = prepare_bytes(data, "eval.txt")
        except Exception as exc:  # noqa: BLE001 - a rejection is a miss of every field
            counts["rejected"] += 1
            print(f"  rejected: {exc}")
            continue
        meta = clip.metadata
        body_lines = {_plain(line) for line in clip.body.split("\n")}
        counts["decoded"] += clip.raw.replace("\r\n", "\n").strip() == truth["text"].strip()
        counts["language"] += clip.language == truth["language"]
        title_ok = (meta.title or "").strip() == truth["title"]
        counts["title"] += title_ok
        if truth["date"]:
            counts["dated"] += 1
            if meta.date == truth["date"]:
                counts["date"] += 1
            elif meta.date:
                counts["date WRONG"] += 1
            if show_misses and meta.date != truth["date"]:
                print(f"  date {truth['date']} read {meta.date}: {truth['text'][:200]!r}")
        elif meta.date:
            counts["date none written"] += 1
        if not truth["byline"] and meta.author:
            counts["author none written"] += 1
        if truth["persons"]:
            counts["bylines"] += 1
            ok = author_ok(meta.author, truth)
            counts["author"] += ok
            if show_misses and not ok:
                print(f"  author {truth['byline']!r} read {meta.author!r}")
        elif truth["byline"]:
            counts["unnamed"] += 1
            if meta.author:
                counts["author invented"] += 1
                if show_misses:
                    print(f"  no person in {truth['byline']!r}, read {meta.author!r}")
        if truth["byline"]:
            counts["with byline"] += 1
            counts["byline left"] += _plain(truth["byline"]) in body_lines
        if show_misses and not title_ok:
            print(f"  title {truth['title']!r} read {meta.title!r}")
        counts["debris"] += len(truth["debris"])
        counts["debris left"] += sum(1 for d in truth["debris"] if _plain(d) in body_lines)
    seconds = time.perf_counter() - started
    n = counts["files"]

    def share(part: str, whole: int) -> str:
        return f"{counts[part]}/{whole} = {counts[part] / whole:.1%}" if whole else "-"

    return {
        "files": f"{n} (rejected {counts['rejected']})",
        "decoded": share("decoded", n),
        "language": share("language", n),
        "title": share("title", n),
        "date": share("date", counts["dated"]),
        "date WRONG": str(counts["date WRONG"]),
        "date none written": f"{counts['date none written']} (not checked: may be right)",
        "author": share("author", counts["bylines"]),
        "author invented": share("author invented", counts["unnamed"]),
        "author none written": f"{counts['author none written']} (not checked: may be right)",
        "byline left": share("byline left", counts["with byline"]),
        "debris left": share("debris left", counts["debris"]),
        "ms": f"{seconds / max(n, 1) * 1000:.2f}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saudinewsnet", type=Path, help="SaudiNewsNet's dataset folder")
    parser.add_argument("--dpg", type=Path, help="the partisan-news2019 folder (Dutch)")
    parser.add_argument("--news-please", type=Path, help="Giveme5W1H/examples/datasets")
    parser.add_argument(
        "--saudinewsnet-entities",
        action="store_true",
        help="also every SaudiNewsNet article whose byline or title holds an HTML entity",
    )
    parser.add_argument("--per-source", type=int, default=40, help="SaudiNewsNet articles a site")
    parser.add_argument("--limit", type=int, default=600, help="Dutch / English articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    if not (args.saudinewsnet or args.dpg or args.news_please):
        parser.error("give at least one corpus (see the docstring)")
    results: dict[str, dict[str, str]] = {}
    corpora = [
        (
            "ar",
            "SaudiNewsNet",
            args.saudinewsnet,
            lambda p, r: [ar_article(a, r) for a in saudinewsnet(p, args.per_source, r)],
        ),
        (
            "ar",
            "SaudiNewsNet, entities",
            args.saudinewsnet if args.saudinewsnet_entities else None,
            lambda p, r: [ar_article(a, r) for a in saudinewsnet_entities(p)],
        ),
        ("nl", "DpgMedia2019", args.dpg, lambda p, r: dpg(p, args.limit, r)),
        ("en", "news-please + BBC", args.news_please, lambda p, r: news_please(p, args.limit, r)),
    ]
    for language, name, path, load in corpora:
        if not path:
            continue
        if not path.is_dir():
            parser.error(f"not a folder: {path}")
        rng = random.Random(args.seed)
        print(f"== {language}: {name}", flush=True)
        files = [layout(a, rng) for a in load(path, rng)]
        results[f"{language} ({name})"] = evaluate(files, args.misses)
    width = max(len(label) for _, label in FIELDS)
    print()
    print(" | ".join([f"{'':{width}}", *results]))
    for key, label in FIELDS:
        print(" | ".join([f"{label:{width}}", *(r[key] for r in results.values())]))


if __name__ == "__main__":
    main()

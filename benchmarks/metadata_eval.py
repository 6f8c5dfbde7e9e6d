"""Metadata on real articles: title, date, author, debris and decoding, per language.

The articles come from public news corpora whose metadata is known, laid out the way
scrapers save them (headline, the site's byline and date lines, body, page debris), in
the encodings such files come in; the truth is kept apart, taken from the corpus's own
fields. Nothing of the corpora is committed (their licences are non-commercial): point
this script at a local copy.

    # SaudiNewsNet (Arabic, CC BY-NC-SA 4.0): github.com/inparallel/SaudiNewsNet
    .venv/bin/python benchmarks/metadata_eval.py --saudinewsnet PATH/TO/SaudiNewsNet/dataset

Per field it prints accuracy, and for dates the WRONG ones apart from the missing ones
(a wrong date is worse than none).
"""

from __future__ import annotations

import argparse
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

# Debris real Arabic news pages carry, inserted between paragraphs (truth: must go).
ARABIC_DEBRIS = [
    "شارك هذا الخبر",
    "اقرأ أيضاً: تفاصيل جديدة حول القضية",
    "(الصورة من الأرشيف)",
    "[ad_1]",
    "Source link",
]
# The dateline opening a Saudi Press Agency story: city, Hijri date, "corresponding to",
# Gregorian date, agency. Recognised here independently of the archive's own reader.
SPA_DATELINE = re.compile(r"^\s*\S.{0,40}?\d{1,2}\s+\S+\s+14\d\d\s*هـ.{0,30}?\d{4}\s*م\s*واس\s*$")


def saudinewsnet(folder: Path, per_source: int, rng: random.Random) -> list[dict]:
    articles: list[dict] = []
    for zipped in sorted(folder.glob("2015-08-*.zip")):
        with zipfile.ZipFile(zipped) as z:
            for name in z.namelist():
                articles += json.loads(z.read(name).decode("utf-8"))
    by_source: dict[str, list[dict]] = {}
    for a in articles:
        if a.get("title") and a.get("content") and len(a["content"]) > 300:
            by_source.setdefault(a["source"], []).append(a)
    picked = []
    for source in sorted(by_source):
        group = by_source[source]
        rng.shuffle(group)
        picked += group[:per_source]
    return picked


def layout(article: dict, rng: random.Random) -> tuple[bytes, dict]:
    """The file a scraper would save, and the truth."""
    content = article["content"].strip()
    lines = [line.strip() for line in content.split("\n") if line.strip()]
    truth = {
        "language": "ar",
        "title": article["title"].strip(),
        "author": (article.get("author") or "").strip() or None,
        "date": None,
        "debris": [],
        "source": article["source"],
    }
    # The corpus's extraction date is the publication date for articles stamped after
    # 1 August 2015 (its README); an SPA dateline states it in the text.
    if lines and SPA_DATELINE.match(lines[0]):
        truth["date"] = article["date_extracted"][:10]
    body = []
    for n, line in enumerate(lines):
        body.append(line)
        if n and rng.random() < 0.15:
            debris = rng.choice(ARABIC_DEBRIS)
            body.append(debris)
            truth["debris"].append(debris)
    header = [truth["title"]]
    if truth["author"]:
        header.append(truth["author"])
    text = "\n\n".join(header + body) + "\n"
    encoding = rng.choice(["utf-8", "utf-8", "cp1256", "utf-8-sig"])
    if encoding == "cp1256":
        text = text.encode("cp1256", errors="ignore").decode("cp1256")
    truth["encoding"] = encoding
    truth["text"] = text
    return text.encode(encoding), truth


def author_ok(found: str | None, written: str, body: str) -> bool:
    """The site's byline ("لندن: «الشرق الأوسط أونلاين»", "عرعر - جاسر الصقري") holds
    the author among a place and punctuation: the author read must be a part of it, and
    the byline line must be gone from the body."""
    if not found:
        return False
    plain = " ".join(written.replace("\u00a0", " ").split())
    return found in plain and plain not in body


def evaluate(files: list[tuple[bytes, dict]]) -> None:
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
        counts["decoded"] += clip.raw.replace("\r\n", "\n").strip() == truth["text"].strip()
        counts["language"] += clip.language == truth["language"]
        counts["title"] += (meta.title or "").strip() == truth["title"]
        if truth["date"]:
            counts["dated"] += 1
            if meta.date == truth["date"]:
                counts["date right"] += 1
            elif meta.date:
                counts["date WRONG"] += 1
        elif meta.date:
            counts["date where none is written"] += 1
        if truth["author"]:
            counts["bylines"] += 1
            counts["author right"] += author_ok(meta.author, truth["author"], clip.body)
        counts["debris"] += len(truth["debris"])
        counts["debris left"] += sum(1 for d in truth["debris"] if d in clip.body.split("\n"))
    seconds = time.perf_counter() - started
    n = counts["files"]

    def share(part: str, whole: int) -> str:
        return f"{counts[part]}/{whole} = {counts[part] / whole:.1%}" if whole else "-"

    print(f"  files {n}, rejected {counts['rejected']}, {seconds / max(n, 1) * 1000:.2f} ms a file")
    print(f"  decoded exactly        {share('decoded', n)}")
    print(f"  language               {share('language', n)}")
    print(f"  title                  {share('title', n)}")
    print(f"  date right (written)   {share('date right', counts['dated'])}")
    print(f"  date WRONG             {counts['date WRONG']}")
    unchecked = counts["date where none is written"]
    print(f"  date where none written {unchecked} (not checked: may be right)")
    print(f"  author (byline written) {share('author right', counts['bylines'])}")
    print(f"  debris left in body    {share('debris left', counts['debris'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saudinewsnet", type=Path, help="SaudiNewsNet's dataset folder")
    parser.add_argument("--per-source", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    if args.saudinewsnet:
        print("== ar: SaudiNewsNet")
        articles = saudinewsnet(args.saudinewsnet, args.per_source, rng)
        evaluate([layout(a, rng) for a in articles])
    else:
        parser.error("give a corpus (see the docstring)")


if __name__ == "__main__":
    main()

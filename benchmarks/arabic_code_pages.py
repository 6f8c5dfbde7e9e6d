"""Arabic in its two legacy code pages: is each file read in the one it was saved in?

Real articles (SaudiNewsNet, CC BY-NC-SA: point at a local copy; nothing of it is
committed) are saved as Windows-1256 and as ISO-8859-6 (characters a code page cannot
hold are dropped, as a saving editor does), then decoded by the archive. Printed per
code page and text length (whole articles, headlines alone, the first 20 characters):
how many came back exactly, how many were read in the other code page (wrong words), and
how many were read with cp1256 *assumed* (both readings possible, no word deciding).

    .venv/bin/python benchmarks/arabic_code_pages.py --saudinewsnet PATH/SaudiNewsNet/dataset
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipping_archive.ingest.decode import DecodeError, decode_bytes  # noqa: E402

CODE_PAGES = ("cp1256", "iso8859_6")
NAMES = {"cp1256": "cp1256", "iso8859_6": "iso8859-6"}


def articles(folder: Path, limit: int, rng: random.Random) -> list[dict]:
    found: list[dict] = []
    for zipped in sorted(folder.glob("2015-08-*.zip")):
        with zipfile.ZipFile(zipped) as z:
            for name in z.namelist():
                found += json.loads(z.read(name).decode("utf-8"))
    found = [a for a in found if len(a.get("content") or "") > 300 and a.get("title")]
    rng.shuffle(found)
    return found[:limit]


def saved(text: str, code_page: str) -> tuple[bytes, str]:
    """The bytes an editor saving ``text`` in ``code_page`` writes, and the text they
    hold (what cannot be written is dropped)."""
    data = text.encode(code_page, errors="ignore")
    return data, data.decode(code_page)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saudinewsnet", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    picked = articles(args.saudinewsnet, args.limit, random.Random(args.seed))
    kinds = {
        "article": lambda a: a["title"].strip() + "\n\n" + a["content"].strip(),
        "headline": lambda a: a["title"].strip(),
        "20 chars": lambda a: a["content"].strip()[:20],
    }
    print(f"{len(picked)} SaudiNewsNet articles")
    print(f"{'saved as':<10} | {'text':<8} | exact | other page | cp1256 assumed | rejected")
    started = time.perf_counter()
    for code_page in CODE_PAGES:
        for kind, text_of in kinds.items():
            counts: Counter[str] = Counter()
            for a in picked:
                data, truth = saved(text_of(a), code_page)
                if not truth.strip() or data.isascii():
                    continue  # nothing Arabic left to tell apart
                counts["files"] += 1
                try:
                    decoded = decode_bytes(data)
                except DecodeError:
                    counts["rejected"] += 1
                    continue
                if decoded.encoding.startswith("cp1256 (assumed"):
                    counts["assumed"] += 1
                if decoded.text == truth.replace("\r\n", "\n").replace("\r", "\n"):
                    counts["exact"] += 1
                elif not decoded.encoding.startswith(NAMES[code_page]):
                    counts["other"] += 1
            n = counts["files"]
            print(
                f"{NAMES[code_page]:<10} | {kind:<8} | {counts['exact']}/{n} | "
                f"{counts['other']} | {counts['assumed']} | {counts['rejected']}"
            )
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()

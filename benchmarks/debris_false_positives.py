"""Does cleaning eat article text? Real articles as their papers wrote them, no debris
added: every line a debris rule or a metadata reader takes out of the body is counted,
per rule, with a few examples. On these texts a removal is almost always a loss (the
corpora's texts carry little page debris), so a rule change should not raise a count.

Corpora as benchmarks/metadata_eval.py takes them (local copies, nothing committed):

    .venv/bin/python benchmarks/debris_false_positives.py \\
        --saudinewsnet PATH/SaudiNewsNet/dataset --dpg PATH/partisan-news2019 \\
        --news-please PATH/Giveme5W1H/examples/datasets
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import metadata_eval as corpora  # noqa: E402

from clipping_archive.ingest.cleaning import clean_text  # noqa: E402
from clipping_archive.ingest.metadata import extract_metadata  # noqa: E402

EXAMPLES = 3


def texts(args, rng: random.Random) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if args.saudinewsnet:
        picked = corpora._snn_articles(args.saudinewsnet, "2015-08-*.zip")
        picked = [a for a in picked if corpora._snn_usable(a)]
        rng.shuffle(picked)
        out["ar"] = [
            a["title"].strip() + "\n\n" + a["content"].strip() for a in picked[: args.limit]
        ]
    if args.dpg:
        rows = corpora.dpg(args.dpg, args.limit, rng)
        out["nl"] = [r["title"] + "\n\n" + "\n\n".join(r["paragraphs"]) for r in rows]
    if args.news_please:
        rows = corpora.news_please(args.news_please, args.limit, rng)
        out["en"] = [r["title"] + "\n\n" + "\n\n".join(r["paragraphs"]) for r in rows]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saudinewsnet", type=Path)
    parser.add_argument("--dpg", type=Path)
    parser.add_argument("--news-please", type=Path)
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    for language, articles in texts(args, random.Random(args.seed)).items():
        removed: Counter[str] = Counter()
        examples: dict[str, list[str]] = defaultdict(list)
        lines = 0
        for text in articles:
            lines += sum(1 for line in text.split("\n") if line.strip())
            cleaned = clean_text(text)
            extracted = extract_metadata(cleaned.body, language)
            for r in (*cleaned.removed, *extracted.removed):
                removed[r.rule] += 1
                if len(examples[r.rule]) < EXAMPLES:
                    examples[r.rule].append(r.text[:90])
        print(f"== {language}: {len(articles)} articles, {lines} lines")
        for rule, n in removed.most_common():
            print(f"  {rule:<18} {n:>5}   e.g. {' | '.join(examples[rule])}")


if __name__ == "__main__":
    main()

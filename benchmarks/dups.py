"""Wire copy: are re-published stories clustered, and only they?

From real articles (SaudiNewsNet, Arabic, CC BY-NC-SA: point at a local copy; nothing of
it is committed), each story is re-published a few times the way outlets copy agency
copy: another headline, an added lead ("واس -", "(ANP) -"), the last paragraph cut, a few
words changed, paragraphs re-flowed, other debris. All are imported into a fresh archive;
pairwise precision and recall of the clusters against the truth are printed for several
similarity thresholds (the archive's is storage.sqlite_clusters.COPY_SIMILARITY), and
what fingerprints cost the import.

    .venv/bin/python benchmarks/dups.py --saudinewsnet PATH/TO/SaudiNewsNet/dataset
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import zipfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipping_archive import Archive  # noqa: E402
from clipping_archive.ingest import prepare_file  # noqa: E402
from clipping_archive.ingest.fingerprint import signature  # noqa: E402
from clipping_archive.storage import sqlite_clusters  # noqa: E402

LEADS = ["واس - ", "(رويترز) - ", "الرياض - ", "متابعات - ", ""]
DEBRIS = ["شارك هذا الخبر", "اقرأ أيضاً: تفاصيل جديدة", "[ad_1]", "Source link"]


def read_saudinewsnet(folder: Path, zips: str = "*.zip", min_chars: int = 300) -> list[dict]:
    """The corpus's articles with a title and at least ``min_chars`` of content, each text
    once (the corpus has its own copies)."""
    found = []
    for zipped in sorted(folder.glob(zips)):
        with zipfile.ZipFile(zipped) as z:
            for name in z.namelist():
                found += json.loads(z.read(name).decode("utf-8"))
    found = [a for a in found if a.get("title") and len(a.get("content", "")) > min_chars]
    return list({a["content"][:200]: a for a in found}.values())


def articles(folder: Path, n: int, rng: random.Random) -> list[dict]:
    picked = read_saudinewsnet(folder, "2015-08-*.zip", min_chars=800)
    rng.shuffle(picked)
    return picked[:n]


def republish(article: dict, rng: random.Random) -> str:
    paragraphs = [p.strip() for p in article["content"].split("\n") if p.strip()]
    if len(paragraphs) > 2 and rng.random() < 0.6:
        paragraphs = paragraphs[:-1]  # the last paragraph cut
    words = " ".join(paragraphs).split()
    for _ in range(rng.randint(0, 4)):  # a few words changed
        words[rng.randrange(len(words))] = rng.choice(["أيضا", "كما", "وقد", "حيث"])
    text = " ".join(words)
    # Re-flowed: paragraphs broken at other places.
    sentences = text.split(". ")
    cut = max(1, len(sentences) // rng.randint(2, 4))
    body = ". ".join(sentences[:cut]) + ".\n\n" + ". ".join(sentences[cut:])
    headline = article["title"] if rng.random() < 0.5 else article["title"][::-1][:40][::-1]
    lines = [headline, "", rng.choice(LEADS) + body]
    if rng.random() < 0.5:
        lines.insert(3, rng.choice(DEBRIS))
    return "\n".join(lines) + "\n"


def build(folder: Path, stories: list[dict], rng: random.Random) -> dict[str, int]:
    truth = {}
    for s, article in enumerate(stories):
        for c in range(rng.randint(1, 4)):
            path = folder / f"s{s:04d}_c{c}.txt"
            path.write_text(republish(article, rng), encoding="utf-8")
            truth[path.name] = s
    return truth


def pairwise(clusters: dict[str, int], truth: dict[str, int]) -> tuple[float, float]:
    names = sorted(truth)
    tp = fp = fn = 0
    for a, b in combinations(names, 2):
        same, found = truth[a] == truth[b], clusters[a] == clusters[b]
        tp += same and found
        fp += found and not same
        fn += same and not found
    return tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saudinewsnet", type=Path, required=True)
    parser.add_argument("--stories", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    stories = articles(args.saudinewsnet, args.stories, rng)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "clips"
        folder.mkdir()
        truth = build(folder, stories, rng)
        print(f"{len(stories)} stories, {len(truth)} files")
        for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
            sqlite_clusters.COPY_SIMILARITY = threshold
            with Archive(Path(tmp) / f"t{threshold}.db") as archive:
                archive.import_paths([folder], workers=1)
                clusters = {
                    Path(c["path"]).name: c["cluster"]
                    for c in archive.export_rows(columns=("path", "cluster"))
                }
            # An exact copy is the same clip (rejected as a duplicate): not a pair to find.
            kept = {name: story for name, story in truth.items() if name in clusters}
            p, r = pairwise(clusters, kept)
            print(f"  similarity >= {threshold:.1f}: pairwise precision {p:.3f}, recall {r:.3f}")
        # What fingerprints cost: the signature against the rest of a file's preparation.
        files = sorted(folder.glob("*.txt"))
        started = time.perf_counter()
        prepared = [prepare_file(f) for f in files]
        whole = time.perf_counter() - started
        started = time.perf_counter()
        for clip in prepared:
            signature(clip.body_terms)
        fingerprints = time.perf_counter() - started
        print(
            f"  fingerprints: {fingerprints / len(files) * 1000:.3f} ms a file, "
            f"{fingerprints / whole:.1%} of preparing it"
        )


if __name__ == "__main__":
    main()

"""Export speed and memory on generated archives, against a bare baseline in the same run.

Builds real archives (created by ``storage.sqlite.SQLiteStore``, rows inserted directly with SQL) of
several sizes, recombined from the seeds' paragraphs, with analysed FTS5 terms so that
queries work. Then, for each size, runs as separate processes (so peak RSS is each one's
own, read with ``os.wait4``):

- clip: ``clip export -o FILE`` (CSV with BOM, formula cells neutralised), as a user runs it;
- baseline: plain ``sqlite3`` SELECT of the same columns in the same order + ``csv.writer``.

and, at the smallest size, the same for an exported search (``clip export WORD``: hits and
keyword-in-context snippet per row) against a bare FTS5 MATCH + ``csv.writer``.

Memory is flat when peak RSS barely moves while the archive grows several-fold.
Usage: python benchmarks/export.py [--sizes 50000,250000] [--query aanslag] [--keep DIR]
       python benchmarks/export.py --sizes 100000,1000000    # the million-row run
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import by_clip_language, insert_batch, seed_paragraphs  # noqa: E402

from clipping_archive.ingest.language import paragraph_languages  # noqa: E402
from clipping_archive.storage.sqlite import SQLiteStore  # noqa: E402

COLUMNS = ("id", "title", "date", "language", "author", "source", "path", "body")
BATCH = 5000
# Each child reports its own peak RSS (VmHWM: per process image, reset by exec, unlike
# getrusage's ru_maxrss, which keeps the forking parent's size).
PEAK = r"""
import atexit, sys
def _peak():
    status = open("/proc/self/status").read()
    print("VmHWM", status.split("VmHWM:")[1].split()[0], file=sys.stderr)
atexit.register(_peak)
"""
CLIP = (
    PEAK
    + r"""
from clipping_archive.cli import cli
cli(sys.argv[1:], prog_name="clip")
"""
)
# The baseline: what anyone would write with the standard library alone.
BASELINE = (
    PEAK
    + r"""
import csv, sqlite3
db, out, sql = sys.argv[1], sys.argv[2], sys.argv[3]
params = sys.argv[4:]
conn = sqlite3.connect(db)
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    cur = conn.execute(sql, params)
    w.writerow([d[0] for d in cur.description])
    n = 0
    for row in cur:
        w.writerow(row)
        n += 1
print(n, file=sys.stderr)
"""
)
SELECT = ", ".join(f"c.{c}" for c in COLUMNS)
# The same rows in the same order as `clip export`: dated oldest first, then undated.
BASELINE_ALL = (
    f"SELECT {SELECT} FROM clips c WHERE c.date_start IS NOT NULL ORDER BY c.date_start, c.seq"
)
BASELINE_UNDATED = f"SELECT {SELECT} FROM clips c WHERE c.date_start IS NULL ORDER BY c.seq"
BASELINE_QUERY = (
    f"SELECT {SELECT} FROM clips_fts JOIN clips c ON c.seq = clips_fts.rowid "
    "WHERE clips_fts MATCH ? ORDER BY clips_fts.rank"
)


def build(path: Path, n: int, rng: random.Random) -> None:
    pool = seed_paragraphs()
    by_language = by_clip_language(pool)
    languages = sorted(by_language, key=str)
    sources = ["NOS", "Al Jazeera", "BBC", "ANHA", None]
    with SQLiteStore(path) as archive:
        clips, fts = [], []
        for seq in range(1, n + 1):
            language = rng.choice(languages)
            own = by_language[language]
            paragraphs = rng.sample(own, k=min(len(own), rng.randint(2, 5)))
            body = "\n\n".join(p.text for p in paragraphs)
            if rng.random() < 0.02:
                body = "- " + body  # a formula-like start, as in seed 003
            title = paragraphs[0].text[:90]
            kind = rng.random()
            year, month, day = rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28)
            if kind < 0.5:
                date = start = end = f"{year}-{month:02d}-{day:02d}"
            elif kind < 0.8:
                date, start, end = (
                    f"{year}-{month:02d}",
                    f"{year}-{month:02d}-01",
                    f"{year}-{month:02d}-28",
                )
            else:
                date = start = end = None
            clips.append(
                {
                    "seq": seq,
                    "id": f"{seq:016x}",
                    "title": title,
                    "date": date,
                    "date_start": start,
                    "date_end": end,
                    "language": language,
                    "languages": json.dumps(paragraph_languages(paragraphs)),
                    "source": rng.choice(sources),
                    "path": f"bench/{seq}.txt",
                    "size_bytes": len(body.encode()),
                    "raw": body,
                    "body": body,
                    "content_hash": f"{seq:064x}",
                }
            )
            # The title's terms are its first paragraph's (a prefix of it): close enough here.
            fts.append((seq, paragraphs[0].terms, " ".join(p.terms for p in paragraphs)))
            if len(clips) == BATCH or seq == n:
                insert_batch(archive.conn, clips, {"clips_fts": fts})
                clips, fts = [], []


def run(command: list[str]) -> tuple[float, int, str]:
    """Seconds, peak RSS in MB, stderr of one child process."""
    t0 = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    seconds = time.perf_counter() - t0
    text = done.stderr.decode("utf-8", "replace")
    if done.returncode != 0 or "VmHWM" not in text:
        raise SystemExit(f"{command[:4]}... failed: {text.strip()}")
    peak_kb = int(text.split("VmHWM")[-1].split()[0])
    return seconds, peak_kb // 1024, text


def count_csv_rows(path: Path) -> int:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return sum(1 for _ in csv.reader(f)) - 1


def export_once(db: Path, work: Path, query: str | None) -> dict:
    ours, base = work / "clip.csv", work / "baseline.csv"
    clip_cmd = [sys.executable, "-c", CLIP, "--db", str(db), "export"]
    clip_cmd += [query] if query else []
    clip_cmd += ["-o", str(ours), "--no-progress"]
    base_cmd = [sys.executable, "-c", BASELINE, str(db), str(base)]
    if query:
        from clipping_archive.search.query import parse_query
        from clipping_archive.storage.fts5 import match_expression

        base_cmd += [BASELINE_QUERY, match_expression(parse_query(query))]
    else:
        base_cmd += [BASELINE_ALL]
    # Interleaved twice (clip, baseline, clip, baseline): noise from the shared machine
    # hits both; the faster of each pair is kept.
    results = {"clip": [], "baseline": []}
    for _ in range(2):
        results["clip"].append(run(clip_cmd))
        results["baseline"].append(run(base_cmd))
    rows = count_csv_rows(ours)
    if not query:  # the baseline's first query leaves out undated clips: add them
        sec, rss, _ = run([sys.executable, "-c", BASELINE, str(db), str(base), BASELINE_UNDATED])
        results["baseline"] = [(s + sec, max(r, rss), e) for s, r, e in results["baseline"]]
    clip_best = min(results["clip"])
    base_best = min(results["baseline"])
    return {
        "rows": rows,
        "clip_s": clip_best[0],
        "base_s": base_best[0],
        "clip_rss": max(r[1] for r in results["clip"]),
        "base_rss": max(r[1] for r in results["baseline"]),
        "mb": ours.stat().st_size / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50000,250000", help="archive sizes, comma-separated")
    parser.add_argument("--query", default="aanslag", help="word for the exported search")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the archives in this folder")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = args.keep or Path(tempfile.mkdtemp(prefix="export-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        print(f"export benchmark: sizes {sizes}, {os.cpu_count()} cores, in {work}")
        table = []
        for n in sizes:
            db = work / f"archive-{n}.db"
            if not db.exists():
                t0 = time.perf_counter()
                build(db, n, random.Random(args.seed))
                print(f"  built {n:,} clips in {time.perf_counter() - t0:.1f} s "
                      f"({db.stat().st_size / 1e6:.0f} MB)")  # fmt: skip
            table.append(("all clips", n, export_once(db, work, None)))
        smallest = work / f"archive-{sizes[0]}.db"
        table.append((f"search {args.query!r}", sizes[0], export_once(smallest, work, args.query)))
        print()
        print(
            f"{'export':<18}{'archive':>10}{'rows':>10}{'CSV MB':>8}"
            f"{'clip rows/s':>13}{'base rows/s':>13}{'ratio':>7}"
            f"{'clip RSS':>10}{'base RSS':>10}"
        )
        for label, n, r in table:
            ours, base = r["rows"] / r["clip_s"], r["rows"] / r["base_s"]
            print(
                f"{label:<18}{n:>10,}{r['rows']:>10,}{r['mb']:>8.0f}{ours:>13,.0f}{base:>13,.0f}"
                f"{ours / base:>7.2f}{r['clip_rss']:>8} MB{r['base_rss']:>7} MB"
            )
        full = [r for label, _, r in table if label == "all clips"]
        if len(full) > 1:
            grow = full[-1]["rows"] / full[0]["rows"]
            rss = full[-1]["clip_rss"] / full[0]["clip_rss"]
            print(f"\nrows x{grow:.1f}: clip peak RSS x{rss:.2f} (flat memory means about x1.0)")
        print("ratio = clip rows/s / baseline rows/s, measured in this run (higher is better)")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

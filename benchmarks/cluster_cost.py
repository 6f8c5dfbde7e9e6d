"""What near-duplicate clusters cost an import (#13), against the same import without them.

Each run imports the same folder twice or more, interleaved, in child processes of this
script: once as `clip import` does it, once with fingerprints and clustering switched off
in that child (the baseline; nothing in the product can switch them off). It prints, per
N, the wall time and the CPU of all processes for both, the slowdown, the peak memory
(PSS of the import and its workers) and what clustering costs the writer per clip in the
first and the last tenth of the import: if finding a clip's copies grew with the
archive, the last tenth would cost more.

Corpora:
- `--saudinewsnet PATH` (real Arabic articles; CC BY-NC-SA, point at a local copy of
  github.com/inparallel/SaudiNewsNet's dataset/ folder; nothing of it is committed):
  distinct articles and re-published copies of articles already out (another headline
  and lead, a cut paragraph, a few words changed, re-flowed; as benchmarks/dups.py makes
  them), mixed alike from the first file to the last: 28 files in 100 a new story, the
  rest copies.
- without it, `benchmarks/ingest.py`'s generated corpus: recombinations of the seeds'
  paragraphs, nearly all near-copies of each other, full LSH buckets: the worst case.

    .venv/bin/python benchmarks/cluster_cost.py --saudinewsnet /tmp/snn/dataset --n 20000 --n 100000
    .venv/bin/python benchmarks/cluster_cost.py --n 20000              # generated, worst case
    .venv/bin/python benchmarks/cluster_cost.py --writer 100000 --repeat 3   # the writer alone

`--writer N` files N synthetic signatures (three in ten new stories, the rest copies of
earlier ones, with a third of their values changed) straight into a fresh archive, 500 a
transaction as an import does, twice: with the small LSH tier merged as the archive
does, and with it never merged (every bucket written straight into one big tree, as
before the tiers). It prints the writer's cost per clip, filing and commit, in the first
and the last tenth: flat is the goal.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import dups  # noqa: E402
import ingest  # noqa: E402

FILES_PER_FOLDER = 1000
NEW_SHARE = 0.28  # of the files, new stories (SaudiNewsNet has 28.5k: enough for 100k)


def write_wire_corpus(folder: Path, n: int, stories: list[dict], rng: random.Random) -> int:
    """n files in import order: a new story (while the corpus lasts) with NEW_SHARE
    chance, else a re-published copy of a story already out, so the mix of stories and
    copies is the same early and late in the import."""
    total, published = 0, 0
    for i in range(n):
        if published < len(stories) and (published == 0 or rng.random() < NEW_SHARE):
            story = stories[published]
            published += 1
            text = f"{story['title'].strip()}\n\n{story['content'].strip()}\n"
        else:
            text = dups.republish(stories[rng.randrange(published)], rng)
        path = folder / f"part{i // FILES_PER_FOLDER:04d}" / f"clip_{i:07d}.txt"
        if i % FILES_PER_FOLDER == 0:
            path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        path.write_bytes(data)
        total += len(data)
    return total


def child(mode: str, db: Path, folder: Path, workers: int) -> None:
    """One import, in this process (a child of the measuring one)."""
    from clipping_archive import Archive
    from clipping_archive.ingest import prepare
    from clipping_archive.storage.sqlite import SQLiteStore

    timings: list[tuple[int, float]] = []  # (clips filed in the call, seconds)
    if mode == "off":
        # Forked workers inherit this: no fingerprint computed, nothing clustered.
        prepare.signature = lambda body: None
        SQLiteStore._add_fingerprints = lambda self, signatures: None
    else:
        add = SQLiteStore._add_fingerprints

        def timed(self, signatures):
            started = time.perf_counter()
            add(self, signatures)
            timings.append((len(signatures), time.perf_counter() - started))

        SQLiteStore._add_fingerprints = timed
    with Archive(db) as archive:
        report = archive.import_paths([folder], workers=workers)
    used = os.times()
    print(
        json.dumps(
            {
                "added": len(report.added_ids),
                "timings": timings,
                "writer_cpu": used.user + used.system,  # this process: walk, writer
                "workers_cpu": used.children_user + used.children_system,
            }
        )
    )


def run(mode: str, db: Path, folder: Path, workers: int) -> dict:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--child", mode, str(db), str(folder), str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, ingest._tree_rss(proc.pid))
            # Reading every process's PSS walks its page tables: once a second keeps
            # this process's own CPU out of the import's way (the peak, the lexicons, is
            # long-lived).
            time.sleep(1.0)
        wall = time.perf_counter() - started
        out.seek(0)
        lines = out.read().decode().strip().splitlines()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"import ({mode}) failed with exit {proc.returncode}")
    result = json.loads(lines[-1])
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return {"wall": wall, "cpu": cpu, "peak": peak, **result}


def tenths(timings: list[list]) -> tuple[float, float]:
    """Clustering cost per clip (ms) over the first and the last tenth of the clips."""
    total = sum(n for n, _ in timings)
    first = last = (0, 0.0)
    seen = 0
    for n, seconds in timings:
        if seen < total / 10:
            first = (first[0] + n, first[1] + seconds)
        if seen + n > total * 9 / 10:  # the calls that reach into the last tenth
            last = (last[0] + n, last[1] + seconds)
        seen += n
    return first[1] / max(first[0], 1) * 1e3, last[1] / max(last[0], 1) * 1e3


def writer_growth(n: int, merge: bool, tmp: Path) -> dict[str, tuple[float, float]]:
    """Per-clip ms of filing (add_fingerprints) and of the commit, first and last tenth."""
    import numpy as np

    from clipping_archive import Archive
    from clipping_archive.storage import sqlite_clusters

    saved = sqlite_clusters.RECENT_MIN_CLIPS
    sqlite_clusters.RECENT_MIN_CLIPS = saved if merge else 10**12
    rng = np.random.default_rng(13)
    stories: list = []
    filing: list[float] = []
    commits: list[float] = []
    try:
        db = tmp / f"writer-{merge}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(str(db) + suffix).unlink(missing_ok=True)
        with Archive(db) as archive:
            store = archive._writer()
            for start in range(0, n, 500):
                signatures = {}
                for seq in range(start + 1, min(n, start + 500) + 1):
                    if len(stories) < 10 or rng.random() < 0.3:
                        values = rng.integers(0, 2**32, size=64, dtype=np.uint64)
                        stories.append(values.astype(np.uint32))
                        values = stories[-1]
                    else:
                        values = stories[rng.integers(0, len(stories))].copy()
                        changed = rng.random(64) < 1 / 3
                        values[changed] = rng.integers(0, 2**32, size=changed.sum())
                    signatures[seq] = values.tobytes()
                writing = store._writing()
                writing.__enter__()
                started = time.perf_counter()
                store._add_fingerprints(signatures)
                filed = time.perf_counter()
                writing.__exit__(None, None, None)
                filing.append(filed - started)
                commits.append(time.perf_counter() - filed)
    finally:
        sqlite_clusters.RECENT_MIN_CLIPS = saved
    k = max(1, len(filing) // 10)
    per_clip = k * 500 / 1e3
    return {
        name: (sum(xs[:k]) / per_clip, sum(xs[-k:]) / per_clip)
        for name, xs in (("filing", filing), ("commit", commits))
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="files (repeatable)")
    parser.add_argument("--saudinewsnet", type=Path, help="SaudiNewsNet's dataset/ folder")
    parser.add_argument("--repeat", type=int, default=1, help="off/on pairs per N")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--tmp", type=Path, default=None)
    parser.add_argument("--writer", type=int, metavar="N", help="the writer alone, N clips")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        with tempfile.TemporaryDirectory(dir=args.tmp, prefix="clip-writer-") as tmp:
            print(f"writer alone, {args.writer} signatures; ms a clip, first / last tenth")
            found: dict[bool, list[dict]] = {False: [], True: []}
            for _ in range(args.repeat):  # interleaved; the least of each figure
                for merge in found:
                    found[merge].append(writer_growth(args.writer, merge, Path(tmp)))
            for merge, name in ((False, "one tier (never merged)"), (True, "two tiers (merged)")):
                got = {
                    part: tuple(min(run[part][i] for run in found[merge]) for i in (0, 1))
                    for part in ("filing", "commit")
                }
                print(
                    f"  {name:<24} filing {got['filing'][0]:.3f} / {got['filing'][1]:.3f}   "
                    f"commit {got['commit'][0]:.3f} / {got['commit'][1]:.3f}"
                )
        return
    if args.child:
        mode, db, folder, workers = args.child
        child(mode, Path(db), Path(folder), int(workers))
        return
    rng = random.Random(13)
    stories = dups.read_saudinewsnet(args.saudinewsnet) if args.saudinewsnet else None
    corpus = f"SaudiNewsNet, {len(stories)} distinct stories + copies" if stories else (
        "generated recombinations of the seeds (worst case)"
    )
    rows = []
    for n in args.n or [20_000]:
        with tempfile.TemporaryDirectory(dir=args.tmp, prefix="clip-clusters-") as tmp:
            folder = Path(tmp) / "corpus"
            size = (
                write_wire_corpus(folder, n, stories, rng)
                if stories
                else ingest.generate(folder, n)
            )
            print(f"N={n}: {size / 1e6:.0f} MB ({corpus})", file=sys.stderr)
            runs: dict[str, list[dict]] = {"off": [], "on": []}
            for _ in range(args.repeat):
                for mode in ("off", "on"):
                    runs[mode].append(run(mode, Path(tmp) / f"{mode}.db", folder, args.workers))
                    print(f"  {mode}: {runs[mode][-1]['wall']:.1f} s", file=sys.stderr)
            rows.append((n, runs))
    print(f"corpus: {corpus}; workers={args.workers}; cores={os.cpu_count()}")
    print(
        f"{'N':>8} {'wall off':>9} {'wall on':>8} {'slower':>7} {'CPU off':>8} {'CPU on':>7} "
        f"{'slower':>7} {'peak off':>9} {'peak on':>8} {'cluster ms/clip first/last tenth':>33}"
    )
    splits = []
    for n, runs in rows:
        off_wall = min(r["wall"] for r in runs["off"])
        on_wall = min(r["wall"] for r in runs["on"])
        off_cpu = min(r["cpu"] for r in runs["off"])
        on_cpu = min(r["cpu"] for r in runs["on"])
        first, last = tenths(min(runs["on"], key=lambda r: r["wall"])["timings"])
        print(
            f"{n:>8} {off_wall:>8.1f}s {on_wall:>7.1f}s {on_wall / off_wall - 1:>+7.1%} "
            f"{off_cpu:>7.1f}s {on_cpu:>6.1f}s {on_cpu / off_cpu - 1:>+7.1%} "
            f"{max(r['peak'] for r in runs['off']) / 2**20:>6.0f} MB "
            f"{max(r['peak'] for r in runs['on']) / 2**20:>5.0f} MB "
            f"{first:>16.3f} / {last:.3f}"
        )
        pairs = "; ".join(
            f"{off['wall']:.1f}/{on['wall']:.1f} s {on['wall'] / off['wall'] - 1:+.1%}"
            for off, on in zip(runs["off"], runs["on"], strict=True)
        )
        splits.append(f"N={n}: each pair's wall off/on: {pairs}")
        splits.append(
            f"N={n}: CPU of the writer process off/on "
            f"{min(r['writer_cpu'] for r in runs['off']):.1f}/"
            f"{min(r['writer_cpu'] for r in runs['on']):.1f} s, of the workers "
            f"{min(r['workers_cpu'] for r in runs['off']):.1f}/"
            f"{min(r['workers_cpu'] for r in runs['on']):.1f} s"
        )
    print("\n".join(splits))
    print("goal: import no more than 15% slower at 100k clips; memory flat in archive size")


if __name__ == "__main__":
    main()

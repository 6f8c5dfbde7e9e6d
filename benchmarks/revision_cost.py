"""What ingest costs now against an earlier revision of this code, on the same files.

The issue's speed goals are relative to the code before the change ("import speed loses
no more than 10%"), so the baseline is that code itself: `git archive REV` is unpacked
into a temporary folder and both trees time the same files, in child processes run
interleaved (`--repeat` rounds, the least time of each kept; the machine may be shared).
Two stages are timed a file, after a warm-up that loads the lexicons:

- metadata: decode, clean (debris rules) and extract metadata: the stage #10 changed;
- prepare: the whole preparation of a clip as the import workers do it (analysis,
  index terms and, in revisions that have it, the near-duplicate fingerprint).

Files: the real-text evaluation's corpora laid out as scrapers save them (the options of
`benchmarks/metadata_eval.py`; nothing of them is committed), or without them the
generated corpus of `benchmarks/ingest.py`.

    .venv/bin/python benchmarks/revision_cost.py --rev 7c16a4a --saudinewsnet PATH \
        --dpg PATH --news-please PATH
    .venv/bin/python benchmarks/revision_cost.py --rev 7c16a4a --n 3000     # generated

7c16a4a is the last commit before this round's metadata work (#10).
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

# Run in a child with the tree to time first on sys.path; prints one JSON line.
TIMER = r"""
import json, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from clipping_archive.ingest import prepare
from clipping_archive.ingest.cleaning import clean_text
from clipping_archive.ingest.decode import decode_bytes, DecodeError
from clipping_archive.ingest.metadata import extract_metadata
files = sorted(Path(sys.argv[2]).glob("*.txt"))
data = [f.read_bytes() for f in files]
prepare.prepare_bytes(data[0], str(files[0]))  # loads the lexicons and caches
def metadata(raw):
    try:
        extract_metadata(clean_text(decode_bytes(raw).text).body)
    except DecodeError:
        pass
def whole(raw, path):
    try:
        prepare.prepare_bytes(raw, path)
    except DecodeError:
        pass
started = time.process_time()
for raw in data:
    metadata(raw)
middle = time.process_time()
for raw, f in zip(data, files):
    whole(raw, str(f))
ended = time.process_time()
print(json.dumps({"metadata": (middle - started) / len(data) * 1e3,
                  "prepare": (ended - middle) / len(data) * 1e3}))
"""


def unpack(rev: str, into: Path) -> Path:
    archive = subprocess.run(
        ["git", "archive", rev, "clipping_archive"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def write_files(folder: Path, args: argparse.Namespace) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    corpora = [(args.saudinewsnet, "ar"), (args.dpg, "nl"), (args.news_please, "en")]
    if not any(path for path, _ in corpora):
        import ingest

        ingest.FILES_PER_FOLDER = 10**9  # one folder: the timer reads *.txt of one folder
        ingest.generate(folder / "gen", args.n)
        for n, path in enumerate(sorted((folder / "gen").rglob("*.txt"))):
            path.rename(folder / f"{n:07d}.txt")
        return args.n
    import metadata_eval as ev

    count = 0
    for path, language in corpora:
        if not path:
            continue
        rng = random.Random(1)
        if language == "ar":
            articles = [ev.ar_article(a, rng) for a in ev.saudinewsnet(path, 40, rng)]
        elif language == "nl":
            articles = ev.dpg(path, 600, rng)
        else:
            articles = ev.news_please(path, 600, rng)
        for article in articles:
            data, _truth = ev.layout(article, rng)
            (folder / f"{count:07d}.txt").write_bytes(data)
            count += 1
    return count


def time_tree(tree: Path, files: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", TIMER, str(tree), str(files)],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        # An earlier revision may need a package this environment no longer installs
        # (datasketch, before rensa): say which, not a traceback.
        last = (out.stderr.strip().splitlines() or ["no output"])[-1]
        raise SystemExit(f"the code in {tree} failed to run here: {last}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", default="7c16a4a", help="the earlier revision (git)")
    parser.add_argument("--saudinewsnet", type=Path)
    parser.add_argument("--dpg", type=Path)
    parser.add_argument("--news-please", type=Path)
    parser.add_argument("--n", type=int, default=3000, help="generated files, no corpus given")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="clip-rev-") as tmp:
        old = unpack(args.rev, Path(tmp) / "old")
        count = write_files(Path(tmp) / "files", args)
        runs: dict[str, list[dict[str, float]]] = {"old": [], "new": []}
        for _ in range(args.repeat):
            runs["old"].append(time_tree(old, Path(tmp) / "files"))
            runs["new"].append(time_tree(ROOT, Path(tmp) / "files"))
    print(f"{count} files; CPU ms a file, least of {args.repeat} interleaved runs")
    print(f"{'stage':<10} {args.rev:>10} {'now':>10} {'change':>8}")
    for stage in ("metadata", "prepare"):
        before = min(r[stage] for r in runs["old"])
        now = min(r[stage] for r in runs["new"])
        print(f"{stage:<10} {before:>10.3f} {now:>10.3f} {now / before - 1:>+8.1%}")


if __name__ == "__main__":
    main()

"""How long a user waits for `clip`, and how much memory it takes: a new process per run
(cold start: imports, lexicons, opening the archive), wall time and peak RSS, before and
after in one run.

- after: this checkout (`python -m clipping_archive`, as the `clip` script runs it);
- before: the baseline commit (default 8fb5b0f, main before #22), extracted with `git
  archive` into benchmarks/out/ and run from the same virtualenv through PYTHONPATH, so
  only our code differs.

Commands: `clip --version`, and `clip search WORD` for a Dutch, an Arabic and an English
word and a word no clip has, on the five-seed archive and on a generated archive of N
clips (100k by default; built once with benchmarks/search.py's generator and kept in
benchmarks/out/). Runs are interleaved (before, after, before...) so machine noise hits
both; the medians are printed with their ratio, and the goals of #22 (a search in the
seeds archive within 0.2 s and under 80 MB, in the 100k archive within 0.3 s).

Peak RSS is the child's own maximum resident set (wait4's rusage), file-backed pages
included. The first search after an install also builds the lexicon tables (once per
version, into the user cache); that one-time cost is measured apart, in a fresh cache.

    .venv/bin/python benchmarks/cli_latency.py                 # 100k archive, 7 runs
    .venv/bin/python benchmarks/cli_latency.py --n 20000 --repeat 5
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))

WORDS = {"nl": "aanslag", "ar": "خراسان", "en": "attacks", "none": "xyzzyplover"}
GOALS = {"seeds": (0.2, 80), "large": (0.3, None)}  # seconds, MB


def baseline_tree(commit: str) -> Path:
    """The baseline's package, extracted once (no worktree: nothing in .git changes)."""
    folder = OUT / f"baseline-{commit}"
    if not (folder / "clipping_archive" / "__init__.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "clipping_archive"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


# Runs the command and reports its wall time and peak RSS. A small process of its own:
# a child forked from this benchmark (tens of MB after building an archive) would
# inherit the benchmark's resident pages as its high-water mark until it execs.
LAUNCHER = """
import os, sys, time
t0 = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_RDWR)
    os.dup2(fd, 0)
    os.dup2(fd, 1)
    try:
        os.execv(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
cpu = usage.ru_utime + usage.ru_stime
print(time.perf_counter() - t0, usage.ru_maxrss, cpu, os.waitstatus_to_exitcode(status))
"""


def run(tree: Path, args: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one `python -m clipping_archive ARGS` process,
    started in ``tree`` (python -m puts the working directory first on the path)."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, sys.executable, "-m", "clipping_archive", *args],
        env={**env, "PYTHONPATH": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
    )
    wall, rss, cpu, code = done.stdout.split()
    if int(code) != 0:
        missing = [line for line in done.stderr.splitlines() if "ModuleNotFoundError" in line]
        if missing:  # an older tree's dependency the archive no longer installs
            raise SystemExit(
                f"{tree.name}: {missing[-1].strip()}; install the benchmarks' packages: "
                ".venv/bin/pip install -r benchmarks/requirements-bench.txt"
            )
        raise SystemExit(f"{tree.name}: clip {' '.join(args)} failed: {done.stderr.strip()}")
    return float(wall), int(rss) / 1024, float(cpu)  # KB on Linux


def seeds_archive(env: dict[str, str]) -> Path:
    path = OUT / "cli-latency" / "seeds.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "clipping_archive",
                "--db",
                str(path),
                "import",
                str(ROOT / "seeds"),
                "--json",
            ],  # fmt: skip
            env={**env, "PYTHONPATH": str(ROOT)},
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
    return path


def large_archive(n: int) -> Path:
    path = OUT / "cli-latency" / f"bench-{n}.db"
    if not path.exists():
        from search import build  # the search benchmark's generated archive

        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_suffix(".partial")
        temp.unlink(missing_ok=True)
        t0 = time.perf_counter()
        build(temp, n, random.Random(1))
        temp.rename(path)
        print(f"built {n} clips in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return path


def cases(seeds: Path, large: Path, n: int) -> list[tuple[str, str, list[str]]]:
    out = [("startup", "clip --version", ["--version"])]
    for group, path, label in (("seeds", seeds, "seeds"), ("large", large, f"{n // 1000}k")):
        for lang, word in WORDS.items():
            out.append((group, f"search {lang} ({label})", ["--db", str(path), "search", word]))
    return out


def first_search_cost(env: dict[str, str], seeds: Path) -> tuple[float, float, float]:
    """A search in a cache with no lexicon tables yet: the once-per-version build."""
    with tempfile.TemporaryDirectory() as cache:
        return run(ROOT, ["--db", str(seeds), "search", WORDS["nl"]],
                   {**env, "XDG_CACHE_HOME": cache})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="clips in the large archive")
    parser.add_argument("--repeat", type=int, default=7, help="runs per command and side")
    parser.add_argument("--baseline", default="8fb5b0f", help="commit measured as before")
    args = parser.parse_args()

    # A user's `clip` runs from compiled bytecode (pip writes it at install, Python on
    # first import): PYTHONDONTWRITEBYTECODE, set in some shells and sandboxes, would
    # make every timed run compile the package's modules from source (~50 ms of a
    # search). The untimed warm-up run writes the .pyc files of both trees.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
    }
    env["COLUMNS"] = "100"
    before_tree = baseline_tree(args.baseline)
    seeds = seeds_archive(env)
    large = large_archive(args.n)
    todo = cases(seeds, large, args.n)
    sides = {"before": before_tree, "after": ROOT}
    for _, _, argv in todo:  # warm the page cache and the lexicon tables, untimed
        for tree in sides.values():
            run(tree, argv, env)
    got: dict[tuple[str, str], list[tuple[float, float, float]]] = {}
    for _ in range(args.repeat):
        for _, name, argv in todo:
            for side, tree in sides.items():
                got.setdefault((name, side), []).append(run(tree, argv, env))
    medians = {
        key: [statistics.median(x) for x in zip(*runs, strict=True)] for key, runs in got.items()
    }

    print(f"\nclip, a new process per run; median of {args.repeat} runs each")
    print(f"before = {args.baseline}, after = this checkout")
    later = [side for side in sides if side != "before"]
    # CPU time is what other users of a shared machine disturb least; wall time is what
    # the user waits for.
    for metric, index, unit, digits in (("wall", 0, "s", 3), ("CPU", 2, "s", 3),
                                        ("peak RSS", 1, "MB", 0)):  # fmt: skip
        head = f"\n{metric + ' (' + unit + ')':<22}{'before':>9}"
        head += "".join(f"{side:>11}{'ratio':>7}" for side in later)
        print(head)
        print("-" * (len(head) - 1))
        for _, name, _ in todo:
            before = medians[name, "before"][index]
            line = f"{name:<22}{before:>9.{digits}f}"
            for side in later:
                value = medians[name, side][index]
                line += f"{value:>11.{digits}f}{value / before:>7.2f}"
            print(line)
    goals = "; ".join(f"{g}: {w} s" + (f", {m} MB" if m else "") for g, (w, m) in GOALS.items())
    print(f"\ngoals ({goals}), on wall time:")
    for side in later:
        misses = []
        for group, name, _ in todo:
            wall_goal, rss_goal = GOALS.get(group, (None, None))
            wall, rss, _cpu = medians[name, side]
            if (wall_goal and wall > wall_goal) or (rss_goal and rss > rss_goal):
                misses.append(f"{name} {wall:.2f} s {rss:.0f} MB")
        print(f"  {side}: " + ("all met" if not misses else "missed: " + "; ".join(misses)))
    wall, rss, _cpu = first_search_cost(env, seeds)
    print(f"first search in an empty cache (builds the nl and en tables once): "
          f"{wall:.2f} s, {rss:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()

"""Where an import's time goes, in microseconds per clip, stage by stage.

Generates N clips as benchmarks/ingest.py does (seed paragraphs, mixed encodings), loads
the lexicons as an import worker has them (`analysis.preload()`), then prepares every
file in this process with each stage of `ingest.prepare.prepare_bytes` wrapped in a
timer (the stages themselves are the real functions, looked up by name, so this follows
prepare.py as it changes). Then it stores the prepared clips in a fresh archive in
batches, as the importer's writer does, and times that too; beside it, the bare-FTS5
baseline of ingest.py on the same files. One process, no workers: the figures add up
to one core's work per clip. Times are CPU time (process_time), which other users of a
shared machine disturb less than wall time.

    .venv/bin/python benchmarks/ingest_stages.py --n 5000
    .venv/bin/python benchmarks/ingest_stages.py --n 5000 --tree benchmarks/out/baseline-8fb5b0f
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
if "--tree" in sys.argv:  # measure another checkout's package (a baseline)
    sys.path.insert(0, str(Path(sys.argv[sys.argv.index("--tree") + 1]).resolve()))

from ingest import baseline, generate  # noqa: E402

from clipping_archive import analysis  # noqa: E402
from clipping_archive.ingest import language, prepare  # noqa: E402

clock = time.process_time

# The names prepare_bytes calls, in its order; what is left of its time is "other".
STAGES = (
    "decode_bytes",
    "clean_text",
    "extract_metadata",
    "detect_clip",
    "detect_clip_words",  # (detect_clip with each paragraph's words for index_terms)
    "apply_sidecar",
    "content_hash",
    "index_terms",  # the analysis: title, body, compound parts and families, one pass
    "index_text",  # (before index_terms: title and body)
    "index_parts",  # (before index_terms: compound parts)
    "signature",
)
BATCH = 500


def timed(name: str, function, spent: dict[str, float]):
    def wrapper(*args, **kwargs):
        t0 = clock()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] += clock() - t0

    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--tree", type=Path, help="a checkout whose package is measured")
    args = parser.parse_args()
    spent: dict[str, float] = defaultdict(float)
    stages = [name for name in STAGES if hasattr(prepare, name)]  # as this checkout has them
    for name in stages:
        setattr(prepare, name, timed(name, getattr(prepare, name), spent))
    with tempfile.TemporaryDirectory(prefix="clip-stages-") as tmp:
        folder = Path(tmp) / "corpus"
        generate(folder, args.n)
        files = sorted(folder.rglob("*.txt"))
        t0 = clock()
        language.preload()
        analysis.preload()
        load = clock() - t0

        from clipping_archive.storage.sqlite import SQLiteStore

        prepared, read = [], 0.0
        t0 = clock()
        for path in files:
            r0 = clock()
            data = path.read_bytes()
            read += clock() - r0
            prepared.append(prepare.prepare_bytes(data, str(path)))
        total_prepare = clock() - t0 - read
        t0 = clock()
        with SQLiteStore(Path(tmp) / "archive.db") as store:
            for start in range(0, len(prepared), BATCH):
                store.add_clips(prepared[start : start + BATCH])
        store_s = clock() - t0
        b0 = clock()
        baseline(folder, Path(tmp) / "baseline.db")
        base_s = clock() - b0

    n = len(files)
    per = 1e6 / n
    print(f"\n{analysis.__file__}")
    print(f"{n} clips, one process, CPU microseconds per clip (lexicons loaded in {load:.1f} s)\n")
    print(f"{'read file':<22}{read * per:>8.0f}")
    staged = 0.0
    for name in stages:
        staged += spent[name]
        print(f"{name:<22}{spent[name] * per:>8.0f}")
    print(f"{'other (prepare_bytes)':<22}{(total_prepare - staged) * per:>8.0f}")
    print(f"{'store (add_clips)':<22}{store_s * per:>8.0f}")
    whole = read + total_prepare + store_s
    print(f"{'total':<22}{whole * per:>8.0f}")
    print(f"{'bare FTS5 baseline':<22}{base_s * per:>8.0f}   (one-core ratio {base_s / whole:.3f})")


if __name__ == "__main__":
    main()

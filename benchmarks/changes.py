"""What a changed file and a removal cost, against adding a clip, in the same run (#23).

Generates N clips (benchmarks/ingest.py's generator: seed paragraphs, mixed encodings),
imports them, then measures on that archive, in process (Archive API, one worker):

(a) add: importing K new files (the baseline: what a clip costs to store);
(b) replace: K of the archived files edited (a line added) and imported again: each new
    text replaces its clip (tags and watch memory carried over, the old one into
    clip_history, its index rows, fingerprint, buckets and cluster row deleted);
(c) remove: K clips removed by id (`Archive.remove`), one transaction.

Adding and replacing run in interleaved rounds (a busy moment of a shared machine falls
on both). It prints clips/s for each and the ratios replace/add and remove/add (the
machine may be shared: the ratios mean more than the rates). With --sources, the replace import also
applies a sources mapping (one folder row), to show the mapping's cost.

    .venv/bin/python benchmarks/changes.py             # N = 20000, K = 1000
    .venv/bin/python benchmarks/changes.py --n 50000 --k 2000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest import generate  # noqa: E402

from clipping_archive import Archive  # noqa: E402

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
ROUNDS = 4


def editable(path: Path) -> bool:
    """An ASCII line appended to it is still its encoding (not so in UTF-16)."""
    return path.read_bytes()[:2] not in UTF16_BOMS


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=20000, help="clips in the archive")
    parser.add_argument("--k", type=int, default=1000, help="clips added, replaced, removed")
    parser.add_argument("--sources", action="store_true", help="apply a mapping on replace")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        archived, extra = root / "archived", root / "extra"
        generate(archived, args.n, seed=1)
        generate(extra, args.k, seed=2)
        # Distinct from the archived texts: the generator numbers headlines from 0.
        for path in extra.rglob("*.txt"):
            if editable(path):
                path.write_bytes(path.read_bytes() + b"\n\n(extra)\n")
            else:
                path.write_bytes(path.read_bytes() + "\n\n(extra)\n".encode("utf-16-le"))
        db = root / "archive.db"
        with Archive(db) as archive:
            print(f"building an archive of {args.n} clips ...", file=sys.stderr)
            archive.import_paths([archived], workers=2, details=False)

            edited = [p for p in sorted(archived.rglob("*.txt")) if editable(p)][: args.k]
            for path in edited:
                path.write_bytes(path.read_bytes() + b"\n\nEen zin die later is toegevoegd.\n")
            new_files = sorted(extra.rglob("*.txt"))
            mapping = None
            if args.sources:
                mapping = root / "sources.csv"
                mapping.write_text(
                    "pattern,outlet,country,language,prefer_text,aliases\n"
                    "part0000/,Het Archief,NL,,,\n",
                    encoding="utf-8",
                )
            # Interleaved rounds, so a busy moment of a shared machine falls on both.
            seconds_add = seconds_replace = 0.0
            step = -(-args.k // ROUNDS)
            for start in range(0, args.k, step):
                took, report = timed(
                    lambda s=start: archive.import_paths(
                        new_files[s : s + step], workers=1, details=False
                    )
                )
                seconds_add += took
                assert report.added == len(new_files[start : start + step]), report.added
                took, report = timed(
                    lambda s=start: archive.import_paths(
                        edited[s : s + step], workers=1, details=False, sources=mapping
                    )
                )
                seconds_replace += took
                assert report.replaced_count == len(edited[start : start + step])

            ids = [r["id"] for r in archive.export_rows(None, ("id",))][: args.k]
            seconds_remove, removed = timed(lambda: archive.remove(ids))
            assert removed == args.k
            assert archive.count() == args.n
            assert len(archive.history()) == 2 * args.k

    add = args.k / seconds_add
    replace = args.k / seconds_replace
    remove = args.k / seconds_remove
    print(f"archive of {args.n} clips, {args.k} clips each:")
    print(f"  add (baseline)   {add:8.0f} clips/s  ({seconds_add:.2f} s)")
    print(f"  replace          {replace:8.0f} clips/s  ({seconds_replace:.2f} s)")
    print(f"  remove           {remove:8.0f} clips/s  ({seconds_remove:.2f} s)")
    print(f"  replace/add {replace / add:.2f}   remove/add {remove / add:.2f}")


if __name__ == "__main__":
    main()

"""What a team archive's writers pay to keep its derived ranking data: the top lists and
the postings of common words (storage.pg_toplists, storage.pg_postings), measured in the
same run as the writes themselves.

An archive of ``--clips`` clips is written as `benchmarks/scale.py` writes it (a bulk
load: the lists and postings of every term in 1% of the clips or more made at the end, as
a 1M-clip archive has them), then
``--add`` more clips come in the importer's batches of 500, as a second `clip import`
into a team archive does. Each batch's ``add_clips`` is timed whole, and inside it the
lists' upkeep and the postings' upkeep, so the shares hold on a shared machine.

    .venv/bin/python benchmarks/pg_upkeep.py --clips 50000 --add 10000

Clips are recombined from real paragraphs (`benchmarks/scale.py`, /tmp/corpora); the
database is made on --pg and dropped at the end.
"""

from __future__ import annotations

import argparse
import cProfile
import time
from pathlib import Path

import scale

from clipping_archive.storage import open_store, pg_postings, postgres


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clips", type=int, default=50_000)
    ap.add_argument("--add", type=int, default=10_000)
    ap.add_argument("--profile", type=Path, help="write a cProfile of the added batches here")
    ap.add_argument("--corpora", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("--pg", default="postgresql://postgres@127.0.0.1/postgres")
    ap.add_argument(
        "--ahead-share",
        type=float,
        default=0.01,
        help="terms in this share of the clips get lists ahead (AHEAD_MIN_DF at 1M: 1%%)",
    )
    args = ap.parse_args()
    # The lists of a 1M-clip archive (terms in 10,000 clips or more, their best 1,000
    # kept: about one clip in ten of a term's enters its list), at this size.
    postgres.AHEAD_MIN_DF = max(1, round(args.ahead_share * args.clips))
    postgres.LIST_SIZE = max(10, round(postgres.LIST_SIZE * args.clips / 1_000_000))
    pieces = scale.pool(args.corpora)
    url = scale._pg_database(args.pg, "clip_upkeep", fresh=True)
    try:
        elapsed, _ = scale.write_backend(url, pieces, args.clips)
        print(f"{args.clips:,} clips written in {elapsed:.0f} s (lists and postings made)")
        spent = {"lists": 0.0, "postings": 0.0}

        def timed(name, call):
            def run(*a, **k):
                started = time.perf_counter()
                try:
                    return call(*a, **k)
                finally:
                    spent[name] += time.perf_counter() - started

            return run

        # the postings' append runs inside the lists' upkeep: time both, subtract
        postgres.PostgresStore._keep_lists = timed("lists", postgres.PostgresStore._keep_lists)
        pg_postings.append = timed("postings", pg_postings.append)
        store = open_store(url)
        lists, segments = (
            store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("term_lists", "term_postings")
        )
        total, added = 0.0, 0
        profile = cProfile.Profile() if args.profile else None
        try:
            while added < args.add:
                batch = scale.generate(pieces, args.clips + added, 500)
                started = time.perf_counter()
                if profile:
                    profile.enable()
                store.add_clips(batch)
                if profile:
                    profile.disable()
                total += time.perf_counter() - started
                added += len(batch)
            if profile:
                profile.dump_stats(args.profile)
            after = store.conn.execute("SELECT count(*) FROM term_postings").fetchone()[0]
        finally:
            store.close()
        per = 1000 / added
        only_lists = spent["lists"] - spent["postings"]
        print(f"{added:,} clips added to {lists:,} lists ({segments:,} -> {after:,} segments)")
        print(f"  add_clips        {total * per:6.2f} ms a clip")
        print(f"  lists' upkeep    {only_lists * per:6.2f} ms a clip ({only_lists / total:.0%})")
        print(
            f"  postings' upkeep {spent['postings'] * per:6.2f} ms a clip "
            f"({spent['postings'] / total:.0%})"
        )
    finally:
        import psycopg

        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute('DROP DATABASE IF EXISTS "clip_upkeep"')


if __name__ == "__main__":
    main()

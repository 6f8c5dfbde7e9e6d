"""The team archive's store against the desk archive's, on real news text: writing
(add_clips in the importer's batches of 500), ranked top-20 and counts for rare, medium
and frequent words, AND, a phrase, each also with a date filter, and how much of SQLite's
FTS5 top 20 each PostgreSQL way of ranking returns. PostgreSQL is measured with each
text index, RUM and GIN; everything is measured in the same run, so the ratios hold on
this machine whatever its load.

Clips are SaudiNewsNet articles (Arabic, CC BY-NC-SA) and DPG Media 2019 articles
(Dutch), from local copies (nothing of them is committed), prepared once by the real
ingest pipeline (cached in a pickle beside the system's temporary files).

    .venv/bin/python benchmarks/pg_store.py --saudinewsnet PATH/SaudiNewsNet/dataset \\
        --dpg PATH/dpgMedia2019-articles-byarticle-all.jsonl -n 20000

PostgreSQL: --server (a URL to its postgres database; default the local server); the
benchmark makes its databases there and drops them.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import pickle
import random
import secrets
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402

from clipping_archive.ingest import prepare_bytes  # noqa: E402
from clipping_archive.search.filters import Filters  # noqa: E402
from clipping_archive.search.query import parse_query  # noqa: E402
from clipping_archive.storage import postgres as pgmod  # noqa: E402
from clipping_archive.storage.base import Match  # noqa: E402
from clipping_archive.storage.postgres import PostgresStore  # noqa: E402
from clipping_archive.storage.sqlite import SQLiteStore  # noqa: E402
from clipping_archive.storage.tsquery import tsquery_text  # noqa: E402

BATCH = 500  # importer.BATCH_SIZE
CANDIDATE_COUNTS = (100, 200, 400, 800)
LIMIT = 20


def read_texts(saudi: Path | None, dpg: Path | None, n: int, rng: random.Random) -> list[str]:
    texts: list[str] = []
    if dpg:
        for line in dpg.read_text(encoding="utf-8").splitlines():
            a = json.loads(line)
            if a.get("title") and len(a.get("text", "")) > 300:
                texts.append(f"{a['title']}\n\n{a['text']}\n")
    if saudi:
        seen = set()
        for zipped in sorted(saudi.glob("*.zip")):
            with zipfile.ZipFile(zipped) as z:
                for name in z.namelist():
                    for a in json.loads(z.read(name).decode("utf-8")):
                        body = a.get("content", "")
                        if not a.get("title") or len(body) < 300 or body[:200] in seen:
                            continue
                        seen.add(body[:200])
                        day = (a.get("date_extracted") or "")[:10]
                        texts.append(f"{a['title']}\n\n{day}\n\n{body}\n")
    rng.shuffle(texts)
    return texts[:n]


def _prepare(item: tuple[int, str]):
    i, text = item
    try:
        return prepare_bytes(text.encode("utf-8"), f"/bench/clip_{i:06d}.txt")
    except Exception:  # noqa: BLE001 - a text the pipeline rejects is left out
        return None


def prepared_clips(texts: list[str]) -> list:
    cache = Path(tempfile.gettempdir()) / f"clip-bench-prepared-{len(texts)}.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    with multiprocessing.Pool(2) as pool:
        clips = [c for c in pool.map(_prepare, enumerate(texts), chunksize=64) if c]
    cache.write_bytes(pickle.dumps(clips))
    return clips


def write_all(store, clips: list) -> float:
    started = time.perf_counter()
    for i in range(0, len(clips), BATCH):
        store.add_clips(clips[i : i + BATCH], {c.path: (1, 1) for c in clips[i : i + BATCH]})
    return time.perf_counter() - started


def full_import(store, folder: Path) -> float:
    from clipping_archive.importer import import_paths

    started = time.perf_counter()
    with store.bulk_load(lambda: sum(1 for _ in folder.iterdir())):  # as Archive.import_paths
        import_paths(store, [folder], workers=2, details=False)
    took = time.perf_counter() - started
    store.close()
    return took


def _write_part(args) -> float:
    url, clips = args
    with PostgresStore(url) as store:
        return write_all(store, clips)


def pick_queries(pg: PostgresStore, clips: list, rng: random.Random) -> dict[str, str]:
    n = pg.count()
    rows = pg.conn.execute(
        "SELECT term, docs FROM term_stats WHERE docs > 2 AND term !~ '^[0-9]+$' "
        "AND length(term) > 3"
    ).fetchall()

    def near(share: float) -> str:
        target = max(3, share * n)
        return min(rows, key=lambda r: (abs(r[1] - target), r[0]))[0]

    rare, medium, frequent = near(0.001), near(0.01), near(0.15)
    and_a, and_b = near(0.05), near(0.04)
    df = dict(rows)
    phrase = None
    for clip in rng.sample(clips, 200):
        terms = clip.body_terms.split()
        for a, b in zip(terms, terms[1:], strict=False):
            if 0.005 * n < df.get(a, 0) < 0.1 * n and 0.005 * n < df.get(b, 0) < 0.1 * n:
                phrase = f'"{a} {b}"'
                break
        if phrase:
            break
    return {
        "rare": rare,
        "medium": medium,
        "broad": near(0.05),
        "frequent": frequent,
        "common": near(0.3),
        "AND": f"{and_a} {and_b}",
        "AND frequent": f"{near(0.2)} {near(0.12)}",
        "OR": f"{near(0.08)} OR {near(0.06)}",
        "phrase": phrase or f'"{medium} {medium}"',
    }


def ids_of(rows) -> list[str]:
    return [m.clip["id"] if isinstance(m, Match) else m["id"] for m in rows]


def timed(fn, repeat: int) -> tuple[float, float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))], result


def whole_imports_and_writers(args, texts, clips, tmp, admin, new_db, made, run) -> None:
    if not args.writers_only:
        whole_imports(texts, tmp, admin, new_db, made, run)
    two_writers(clips, new_db)


def whole_imports(texts, tmp, admin, new_db, made, run) -> None:
    print("\n== whole import: clip files through the importer (2 workers), ingest included ==")
    folder = tmp / "files"
    folder.mkdir()
    for i, text in enumerate(texts):
        (folder / f"clip_{i:06d}.txt").write_text(text, encoding="utf-8")
    t_full_sq = full_import(SQLiteStore(tmp / "full.db"), folder)
    print(f"sqlite        {t_full_sq:7.1f} s  {len(texts) / t_full_sq:7.0f} files/s  1.00x")
    for kind in ("rum", "gin"):
        t = full_import(PostgresStore(new_db("full" + kind), text_index=kind), folder)
        print(
            f"postgres-{kind}  {t:7.1f} s  {len(texts) / t:7.0f} files/s  "
            f"{t_full_sq / t:.2f}x of sqlite's speed",
            flush=True,
        )
        admin.execute(f'DROP DATABASE "bench_full{kind}_{run}" WITH (FORCE)')
        made.remove(f"bench_full{kind}_{run}")


def database_maker(admin, server: str, run: str, made: list[str]):
    """new_db(kind) -> the URL of a new database bench_<kind>_<run> on the server (its name
    kept in ``made``, to drop at the end)."""

    def new_db(kind: str) -> str:
        name = f"bench_{kind}_{run}"
        admin.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return server.rsplit("/", 1)[0] + "/" + name

    return new_db


def imports_only(args, texts) -> None:
    run = secrets.token_hex(3)
    made: list[str] = []
    with psycopg.connect(args.server, autocommit=True) as admin:
        new_db = database_maker(admin, args.server, run, made)
        tmp = Path(tempfile.mkdtemp())
        try:
            whole_imports(texts, tmp, admin, new_db, made, run)
        finally:
            for name in made:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def two_writers(clips, new_db) -> None:
    """Two writers at once (each half the clips) against one writer, RUM (on at most
    6,000 clips: the difference shows as well, in less time)."""
    clips = clips[:6000]
    half = len(clips) // 2
    one_url = new_db("one")
    t_one = _write_part((one_url, clips))
    two = [new_db("two")]
    PostgresStore(two[0]).close()
    with multiprocessing.get_context("fork").Pool(2) as pool:
        started = time.perf_counter()
        pool.map(_write_part, [(two[0], clips[:half]), (two[0], clips[half:])])
        t_two = time.perf_counter() - started
    print(
        f"one writer {t_one:.1f} s; two writers at once (halves) {t_two:.1f} s wall: "
        f"{t_one / t_two:.2f}x as fast"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--saudinewsnet", type=Path)
    ap.add_argument("--dpg", type=Path)
    ap.add_argument("-n", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432/postgres")
    ap.add_argument(
        "--queries-only", action="store_true", help="skip the whole imports and two writers"
    )
    ap.add_argument("--writers-only", action="store_true", help="skip the whole imports")
    ap.add_argument(
        "--imports-only", action="store_true", help="only the whole imports (what users feel)"
    )
    args = ap.parse_args()
    rng = random.Random(21)
    texts = read_texts(args.saudinewsnet, args.dpg, args.n, rng)
    if args.imports_only:
        imports_only(args, texts)
        return
    started = time.perf_counter()
    clips = prepared_clips(texts)
    print(f"{len(clips)} clips prepared ({time.perf_counter() - started:.0f} s)", flush=True)

    run = secrets.token_hex(3)
    admin = psycopg.connect(args.server, autocommit=True)
    made: list[str] = []
    new_db = database_maker(admin, args.server, run, made)
    tmp = Path(tempfile.mkdtemp())
    try:
        stores = {}
        print("\n== writing (add_clips, batches of 500; the ingest before it excluded) ==")
        sq = SQLiteStore(tmp / "bench.db")
        t_sq = write_all(sq, clips)
        stores["sqlite"] = sq
        print(f"sqlite        {t_sq:7.1f} s  {len(clips) / t_sq:7.0f} clips/s  1.00x")
        for kind in ("rum", "gin"):
            store = PostgresStore(new_db(kind), text_index=kind)
            t = write_all(store, clips)
            stores[kind] = store
            size = store.size_on_disk() / 1e6
            print(
                f"postgres-{kind}  {t:7.1f} s  {len(clips) / t:7.0f} clips/s  "
                f"{t_sq / t:.2f}x of sqlite's speed  ({size:.0f} MB)",
                flush=True,
            )
        print(f"sqlite file: {sq.size_on_disk() / 1e6:.0f} MB")

        if not args.queries_only:
            whole_imports_and_writers(args, texts, clips, tmp, admin, new_db, made, run)

        queries = pick_queries(stores["rum"], clips, rng)
        months = sorted({c.metadata.date[:7] for c in clips if c.metadata.date})
        since = months[len(months) // 2] if months else None
        print(f"\n== ranked top-{LIMIT} and counts, ms p50/p95 of {args.repeat} ==")
        print(f"date filter: --since {since}")
        header = f"{'query':34} {'matches':>7}  " + "  ".join(
            f"{k + ' top20':>17} {k + ' count':>17}" for k in stores
        )
        print(header)
        overlaps: dict[str, list[float]] = {"rum": [], "gin": [], "rum-order": []}
        by_candidates: dict[int, list[tuple[float, float]]] = {}
        for label, query in queries.items():
            for filters in (Filters(), Filters(since=since)):
                parsed = parse_query(query)
                name = f"{label} {query}" + (" +date" if filters.since else "")
                cells = []
                top = {}
                matching = 0
                for kind, store in stores.items():
                    p50, p95, rows = timed(
                        lambda s=store, f=filters, q=parsed: s.matches(q, f, limit=LIMIT),
                        args.repeat,
                    )
                    top[kind] = ids_of(rows)
                    c50, c95, matching = timed(
                        lambda s=store, f=filters, q=parsed: s.count_matches(q, f), args.repeat
                    )
                    cells.append(f"{p50:8.1f}/{p95:8.1f} {c50:8.1f}/{c95:8.1f}")
                print(f"{name[:34]:34} {matching:7}  " + "  ".join(cells), flush=True)
                truth = set(top["sqlite"])
                if truth:
                    for kind in ("rum", "gin"):
                        overlaps[kind].append(len(truth & set(top[kind])) / len(truth))
                    raw = stores["rum"].conn.execute(
                        "SELECT id FROM clips WHERE tsv @@ %s::tsquery "
                        "ORDER BY tsv <=> %s::tsquery LIMIT %s",
                        [tsquery_text(parsed), tsquery_text(parsed), LIMIT],
                    ).fetchall()
                    overlaps["rum-order"].append(len(truth & {r[0] for r in raw}) / len(truth))
                    if matching > pgmod.EXACT_RANK_LIMIT:  # ranked from candidates
                        for k in CANDIDATE_COUNTS:
                            saved, pgmod.CANDIDATES = pgmod.CANDIDATES, k
                            p50, _, rows = timed(
                                lambda q=parsed, f=filters: stores["rum"].matches(q, f),
                                args.repeat,
                            )
                            pgmod.CANDIDATES = saved
                            got = len(truth & set(ids_of(rows))) / len(truth)
                            by_candidates.setdefault(k, []).append((got, p50))
        print(f"\n== overlap with SQLite's top {LIMIT} (mean over the queries) ==")
        for kind, values in overlaps.items():
            what = {
                "rum": "RUM candidates re-ranked by BM25 (the store)",
                "gin": "GIN, ranked by BM25 (the store)",
                "rum-order": "RUM's own order (tsv <=> q), not re-ranked",
            }[kind]
            mean, least = 100 * statistics.mean(values), 100 * min(values)
            print(f"{what:48} {mean:5.1f}%  (min {least:.0f}%)")
        print("\nRUM candidates re-ranked, queries matching over EXACT_RANK_LIMIT clips:")
        for k, pairs in sorted(by_candidates.items()):
            mean = 100 * statistics.mean(o for o, _ in pairs)
            least = 100 * min(o for o, _ in pairs)
            ms = statistics.median(t for _, t in pairs)
            print(f"  {k:4} candidates: overlap {mean:5.1f}% (min {least:.0f}%), {ms:.1f} ms p50")
        for store in stores.values():
            store.close()
    finally:
        for name in made:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


if __name__ == "__main__":
    main()

"""Search latency on a generated archive, against bare FTS5 measured in the same run.

Builds an archive of N clips (100k by default) recombined from the seeds' paragraphs,
inserted directly with the analysis functions (the import pipeline's decoding, cleaning
and language detection are not what is measured here), plus a second FTS5 table holding
the same titles and bodies unanalysed. Then, for single words, phrases and Arabic words:

- analysed: the whole `search()` call a user waits for (parse, MATCH, BM25 with the title
  weighted, rows fetched, snippets cut and highlighted), LIMIT 20;
- baseline: the same query typed into bare FTS5 over the unanalysed text:
  `raw_fts MATCH ? ORDER BY rank LIMIT 20`, joined to clips for the rows.

Timings are interleaved (analysed, baseline, analysed...) so machine noise hits both.
Usage: python benchmarks/search.py [--n 100000] [--repeat 15] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpus import by_clip_language, insert_batch, seed_paragraphs  # noqa: E402

from clipping_archive import Archive  # noqa: E402
from clipping_archive.analysis import terms  # noqa: E402
from clipping_archive.ingest.language import paragraph_languages  # noqa: E402
from clipping_archive.storage.sqlite import SQLiteStore  # noqa: E402

QUERIES = {
    "single words": ["aanslag", "Moskou", "attacks", "terroristen", "Khorasan", "ISIS"],
    "phrases": ['"lone wolves"', '"Crocus City Hall"', '"Islamitische Staat"', "ISIS-K"],
    "Arabic words": ["الهجوم", "خراسان", "موسكو", "داعش", "أعلن"],
}
LIMIT = 20
BASELINE_SQL = (
    "SELECT c.*, raw_fts.rank AS rank FROM raw_fts JOIN clips c ON c.seq = raw_fts.rowid "
    "WHERE raw_fts MATCH ? ORDER BY raw_fts.rank LIMIT ?"
)


def build(path: Path, n: int, rng: random.Random) -> None:
    pool = seed_paragraphs()
    by_language = by_clip_language(pool)
    title_terms: dict[tuple[str, str | None], str] = {}
    store = SQLiteStore(path)
    with store:
        db = store.conn
        db.execute(
            "CREATE VIRTUAL TABLE raw_fts USING fts5("
            "title, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
        languages = sorted(by_language, key=str)
        clips, fts, raw = [], [], []
        for seq in range(1, n + 1):
            language = rng.choice(languages)
            own = by_language[language]
            paragraphs = rng.sample(own, k=min(len(own), rng.randint(3, 8)))
            if rng.random() < 0.1:  # now and then a quote from a clip in another language
                paragraphs.insert(rng.randrange(len(paragraphs)), rng.choice(pool))
            title = paragraphs[0].text[:90]
            if (title, language) not in title_terms:
                title_terms[title, language] = " ".join(terms(title, language))
            body = "\n\n".join(p.text for p in paragraphs)
            year, month = rng.randint(2019, 2025), rng.randint(1, 12)
            date = f"{year}-{month:02d}"
            clips.append(
                {
                    "seq": seq,
                    "id": f"{seq:016x}",
                    "title": title,
                    "date": date,
                    "date_start": f"{date}-01",
                    "date_end": f"{date}-28",
                    "language": language,
                    "languages": json.dumps(paragraph_languages(paragraphs)),
                    "raw": body,
                    "body": body,
                    "content_hash": f"{seq:064x}",
                    "path": f"bench/{seq}.txt",
                }
            )
            fts.append((seq, title_terms[title, language], " ".join(p.terms for p in paragraphs)))
            raw.append((seq, title, body))
            if len(clips) == 2000 or seq == n:
                insert_batch(db, clips, {"clips_fts": fts, "raw_fts": raw})
                clips, fts, raw = [], [], []
        for table in ("clips_fts", "raw_fts"):
            db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        db.commit()


def baseline_expression(query: str) -> str:
    """The query as a user would type it into bare FTS5: one quoted phrase per word."""
    if query.startswith('"'):
        return query
    return " ".join('"' + w.replace('"', '""') + '"' for w in query.split())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(path: Path, repeat: int) -> dict[str, dict[str, list[float]]]:
    times: dict[str, dict[str, list[float]]] = {}
    with Archive(path) as archive:
        conn = archive.store.conn  # SQLite's own connection: the bare-FTS5 baseline
        for category, queries in QUERIES.items():
            got = times.setdefault(category, {"analysed": [], "baseline": [], "hits": []})
            for query in queries:
                archive.search(query, limit=LIMIT)  # warm caches the same way for both
                conn.execute(BASELINE_SQL, [baseline_expression(query), LIMIT]).fetchall()
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    archive.search(query, limit=LIMIT)
                    t1 = time.perf_counter()
                    rows = conn.execute(BASELINE_SQL, [baseline_expression(query), LIMIT])
                    rows.fetchall()
                    t2 = time.perf_counter()
                    got["analysed"].append((t1 - t0) * 1000)
                    got["baseline"].append((t2 - t1) * 1000)
                got["hits"].append(matches(conn, query))
    return times


def matches(conn, query: str) -> tuple[str, int, int]:
    """How many clips each side finds (all of them, not just the first 20)."""
    from clipping_archive.search.query import parse_query
    from clipping_archive.storage.fts5 import match_expression

    analysed = conn.execute(
        "SELECT count(*) FROM clips_fts WHERE clips_fts MATCH ?",
        [match_expression(parse_query(query))],
    ).fetchone()[0]
    raw = conn.execute(
        "SELECT count(*) FROM raw_fts WHERE raw_fts MATCH ?", [baseline_expression(query)]
    ).fetchone()[0]
    return query, analysed, raw


def report(times: dict, n: int, repeat: int) -> None:
    print(f"\n{n} clips, {repeat} runs per query, LIMIT {LIMIT}; milliseconds\n")
    header = f"{'queries':<14}{'analysed p50':>14}{'p95':>8}{'baseline p50':>15}{'p95':>8}"
    print(header + f"{'p95 ratio':>11}")
    print("-" * (len(header) + 11))
    worst = 0.0
    for category, got in times.items():
        a50, a95 = percentile(got["analysed"], 0.5), percentile(got["analysed"], 0.95)
        b50, b95 = percentile(got["baseline"], 0.5), percentile(got["baseline"], 0.95)
        ratio = a95 / b95
        worst = max(worst, ratio)
        print(f"{category:<14}{a50:>14.1f}{a95:>8.1f}{b50:>15.1f}{b95:>8.1f}{ratio:>10.2f}x")
    print(f"\nworst p95 ratio {worst:.2f}x (goal: within 1.5x)")
    print("\nclips found, analysed vs unanalysed (the analysed side finds more forms):")
    for got in times.values():
        for query, analysed, raw in got["hits"]:
            print(f"  {query:<22}{analysed:>8}{raw:>8}")
    spread = statistics.pstdev(times["single words"]["baseline"])
    print(f"\n(baseline single-word stdev {spread:.1f} ms: the machine's noise)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="clips to generate")
    parser.add_argument("--repeat", type=int, default=15, help="runs per query")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = folder / f"bench-{args.n}.db"
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            t0 = time.perf_counter()
            build(path, args.n, random.Random(args.seed))
            print(f"built {args.n} clips in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        report(measure(path, args.repeat), args.n, args.repeat)


if __name__ == "__main__":
    main()

"""The search page's server time against `Archive.search`, on a generated archive, in
the same run.

Builds an archive of N clips (100k by default) the way benchmarks/search.py does
(recombined seed paragraphs, analysed terms, inserted directly), gives the clips sources
and authors from small lists (so the source facet has values), then for the queries of
benchmarks/search.py measures, interleaved:

- page: a whole GET of the search page `/?q=...` through Datasette's ASGI app in this
  process (routing, the plugin, the page of 20 hits, the total, the facets for language,
  source and month, the timeline, the HTML) -- what the server spends on a request;
- app: the same GET through the standalone app (`web/app.py`, what `clip serve` runs
  on a PostgreSQL archive) on the same file: the same views without Datasette;
- baseline: `Archive.search(query, limit=20)` -- what `clip search` spends.

The server's very first page, which also reads every clip's group into memory
(storage/sqlite_groups.py), is timed apart and printed below the table.

Usage: python benchmarks/web.py [--n 100000] [--repeat 10] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search import QUERIES, build, percentile  # noqa: E402

from clipping_archive import Archive  # noqa: E402

LIMIT = 20
SOURCES = [f"Bron {i}" for i in range(40)] + ["Reuters", "AFP", "ANHA", "الجزيرة", "NOS"]
AUTHORS = ["Sara Abu Shadi", "Jan de Vries", "John Smith", "سارة أبو شادي", None]


def add_sources(path: Path, rng: random.Random) -> None:
    conn = sqlite3.connect(path)
    seqs = [r[0] for r in conn.execute("SELECT seq FROM clips")]
    conn.executemany(
        "UPDATE clips SET source = ?, author = ? WHERE seq = ?",
        [(rng.choice(SOURCES), rng.choice(AUTHORS), seq) for seq in seqs],
    )
    conn.commit()
    conn.close()


async def measure(path: Path, repeat: int) -> dict[str, dict[str, list[float]]]:
    import httpx
    from datasette.app import Datasette

    from clipping_archive.web.app import ArchiveApp

    datasette = Datasette(files=[str(path)])
    transport = httpx.ASGITransport(app=datasette.app())
    standalone = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=ArchiveApp(path)), base_url="http://localhost"
    )
    times: dict[str, dict[str, list[float]]] = {}
    async with (
        httpx.AsyncClient(transport=transport, base_url="http://localhost") as client,
        standalone,
    ):
        # The server's first search page also reads every clip's group (held in memory
        # for the pages after it): timed apart, once, and not in the figures below, after
        # Datasette's own start (another page) and the analysers' (a search).
        first = next(iter(QUERIES.values()))[0]
        assert (await client.get("/-/versions.json")).status_code == 200
        with Archive(path) as archive:
            archive.search(first, limit=LIMIT)
        t0 = time.perf_counter()
        response = await client.get(f"/?q={quote(first)}")
        times["first page"] = {"ms": [(time.perf_counter() - t0) * 1000]}
        assert response.status_code == 200, response.text[:300]
        with Archive(path) as archive:
            for category, queries in QUERIES.items():
                got = times.setdefault(
                    category, {"page": [], "app": [], "baseline": [], "totals": []}
                )
                for query in queries:
                    url = f"/?q={quote(query)}"
                    response = await client.get(url)  # warm all three the same way
                    assert response.status_code == 200, response.text[:300]
                    same = await standalone.get(url)
                    assert same.status_code == 200  # the same page, but Datasette's links:
                    assert same.text.split("<main>")[1] == response.text.split("<main>")[1]
                    results = archive.search(query, limit=LIMIT)
                    got["totals"].append((query, results.total))
                    for _ in range(repeat):
                        t0 = time.perf_counter()
                        response = await client.get(url)
                        t1 = time.perf_counter()
                        archive.search(query, limit=LIMIT)
                        t2 = time.perf_counter()
                        assert (await standalone.get(url)).status_code == 200
                        t3 = time.perf_counter()
                        assert response.status_code == 200
                        got["page"].append((t1 - t0) * 1000)
                        got["baseline"].append((t2 - t1) * 1000)
                        got["app"].append((t3 - t2) * 1000)
    return times


def report(times: dict, n: int, repeat: int) -> None:
    print(f"\n{n} clips, {repeat} runs per query; milliseconds\n")
    header = f"{'queries':<14}{'page p50':>10}{'p95':>8}{'search p50':>12}{'p95':>8}"
    header += f"{'p95 ratio':>11}{'app p50':>9}{'p95':>8}"
    print(header)
    print("-" * len(header))
    pages, searches, apps = [], [], []
    first = times.pop("first page")["ms"][0]
    for category, got in times.items():
        p50, p95 = percentile(got["page"], 0.5), percentile(got["page"], 0.95)
        s50, s95 = percentile(got["baseline"], 0.5), percentile(got["baseline"], 0.95)
        a50, a95 = percentile(got["app"], 0.5), percentile(got["app"], 0.95)
        pages += got["page"]
        searches += got["baseline"]
        apps += got["app"]
        print(
            f"{category:<14}{p50:>10.1f}{p95:>8.1f}{s50:>12.1f}{s95:>8.1f}{p95 / s95:>10.2f}x"
            f"{a50:>9.1f}{a95:>8.1f}"
        )
    overall = percentile(pages, 0.95) / percentile(searches, 0.95)
    print(f"\nall queries: page p95 / Archive.search p95 = {overall:.2f}x (goal: within 2x)")
    alone = percentile(apps, 0.5) / percentile(pages, 0.5)
    alone95 = percentile(apps, 0.95) / percentile(pages, 0.95)
    print(f"standalone app / Datasette, same page: p50 {alone:.2f}x, p95 {alone95:.2f}x")
    print(f"the server's first page (reads every clip's group): {first:.0f} ms")
    print("\nclips matching each query:")
    for got in times.values():
        print("  " + ", ".join(f"{q} {total}" for q, total in got["totals"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="clips to generate")
    parser.add_argument("--repeat", type=int, default=10, help="runs per query")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = folder / f"web-{args.n}.db"
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            t0 = time.perf_counter()
            rng = random.Random(args.seed)
            build(path, args.n, rng)
            add_sources(path, rng)
            print(f"built {args.n} clips in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        report(asyncio.run(measure(path, args.repeat)), args.n, args.repeat)


if __name__ == "__main__":
    main()

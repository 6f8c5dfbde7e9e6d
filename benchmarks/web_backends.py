"""The search page on each backend: a whole GET of `/?q=...` against `Archive.search` on the
same archive, in the same run, for a desk archive (SQLite, through Datasette and through
the standalone app) and a team archive (PostgreSQL, through the standalone app: what
`clip serve --db postgresql://...` runs).

Both archives are imported by the real pipeline (`Archive.import_paths`) from the same N
generated clip files (recombined seed paragraphs, as benchmarks/search.py, each with a
date line), so they hold the same clips. Queries are those of benchmarks/search.py;
every page, search and backend is timed interleaved, so the ratios hold whatever the
machine's load.

Usage: python benchmarks/web_backends.py [--n 5000] [--repeat 5] [--server URL]
  --server: a PostgreSQL server's admin URL (default: the local one, user postgres); the
  benchmark makes its own database there and drops it.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import by_clip_language, seed_paragraphs  # noqa: E402
from search import QUERIES, percentile  # noqa: E402

from clipping_archive import Archive  # noqa: E402

LIMIT = 20
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def write_clips(folder: Path, n: int, rng: random.Random) -> None:
    pool = seed_paragraphs()
    by_language = by_clip_language(pool)
    languages = sorted(by_language, key=str)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        own = by_language[rng.choice(languages)]
        paragraphs = rng.sample(own, k=min(len(own), rng.randint(3, 8)))
        if rng.random() < 0.1:  # now and then a quote from a clip in another language
            paragraphs.insert(rng.randrange(len(paragraphs)), rng.choice(pool))
        date = f"{rng.randint(1, 28)}-{rng.randint(1, 12):02d}-{rng.randint(2019, 2025)}"
        title = paragraphs[0].text[:90]
        body = "\n\n".join(p.text for p in paragraphs)
        (folder / f"{i:06d}.txt").write_text(f"{title}\n\n{date}\n\n{body}\n", encoding="utf-8")


def imported(location, folder: Path) -> float:
    t0 = time.perf_counter()
    with Archive(location) as archive:
        archive.import_paths([folder])
    return time.perf_counter() - t0


async def measure(servers: dict, archives: dict, repeat: int) -> dict:
    import httpx

    clients = {
        name: httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x")
        for name, app in servers.items()
    }
    handles = {name: Archive(location, readonly=True) for name, location in archives.items()}
    times: dict[str, list[float]] = {name: [] for name in [*servers, *archives]}
    totals = {}
    try:
        for queries in QUERIES.values():
            for query in queries:
                url = f"/?q={quote(query)}"
                for name, client in clients.items():  # warm each the same way
                    assert (await client.get(url)).status_code == 200, name
                for name, archive in handles.items():
                    totals[query, name] = archive.search(query, limit=LIMIT).total
                for _ in range(repeat):
                    for name, client in clients.items():
                        t0 = time.perf_counter()
                        response = await client.get(url)
                        times[name].append((time.perf_counter() - t0) * 1000)
                        assert response.status_code == 200
                    for name, archive in handles.items():
                        t0 = time.perf_counter()
                        archive.search(query, limit=LIMIT)
                        times[name].append((time.perf_counter() - t0) * 1000)
    finally:
        for client in clients.values():
            await client.aclose()
        for archive in handles.values():
            archive.close()
    return {"times": times, "totals": totals}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="clips to generate")
    parser.add_argument("--repeat", type=int, default=5, help="runs per query")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--server", default=DEFAULT_SERVER)
    args = parser.parse_args()

    import psycopg
    from datasette.app import Datasette

    from clipping_archive.web.app import ArchiveApp

    name = f"clip_bench_web_{secrets.token_hex(4)}"
    with psycopg.connect(args.server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = args.server.rsplit("/", 1)[0] + f"/{name}"
    apps = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            files, db = Path(tmp) / "clips", Path(tmp) / "web.db"
            write_clips(files, args.n, random.Random(args.seed))
            took = {"sqlite": imported(db, files), "postgresql": imported(url, files)}
            print(
                f"{args.n} clips imported: SQLite {took['sqlite']:.0f} s, "
                f"PostgreSQL {took['postgresql']:.0f} s",
                file=sys.stderr,
            )
            apps = [ArchiveApp(db), ArchiveApp(url)]
            servers = {
                "page datasette+sqlite": Datasette(files=[str(db)]).app(),
                "page app+sqlite": apps[0],
                "page app+postgresql": apps[1],
            }
            archives = {"search sqlite": db, "search postgresql": url}
            got = asyncio.run(measure(servers, archives, args.repeat))
    finally:
        for app in apps:
            app.close()
        with psycopg.connect(args.server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    report(got, args.n, args.repeat)


def report(got: dict, n: int, repeat: int) -> None:
    times = got["times"]
    queries = sum(len(q) for q in QUERIES.values())
    print(f"\n{n} clips, {queries} queries x {repeat} runs; milliseconds\n")
    print(f"{'':<24}{'p50':>8}{'p95':>8}")
    for name, values in times.items():
        print(f"{name:<24}{percentile(values, 0.5):>8.1f}{percentile(values, 0.95):>8.1f}")
    for backend, page in (
        ("sqlite", "page datasette+sqlite"),
        ("postgresql", "page app+postgresql"),
    ):
        search = times[f"search {backend}"]
        ratio = percentile(times[page], 0.95) / percentile(search, 0.95)
        print(f"{page} p95 / Archive.search p95 on {backend}: {ratio:.2f}x (goal: within 2x)")
    same = percentile(times["page app+sqlite"], 0.5) / percentile(
        times["page datasette+sqlite"], 0.5
    )
    print(f"app / Datasette on the same SQLite file, p50: {same:.2f}x")
    differ = [q for (q, name), t in got["totals"].items() if name.endswith("sqlite")
              and t != got["totals"][q, "search postgresql"]]  # fmt: skip
    print(f"queries whose match counts differ between the backends: {differ or 'none'}")


if __name__ == "__main__":
    main()

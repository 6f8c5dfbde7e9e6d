"""The search page without a query (browsing: the clips newest first, a page at a time)
against the same page with a query, on a generated archive, in the same run.

Builds (or reuses, with --keep) the archive benchmarks/web.py builds: N clips of
recombined seed paragraphs, dated 2019-2025, with sources and authors. Then measures,
interleaved, whole GETs through Datasette's ASGI app in this process:

- browse: `/` (newest first), `/?page=50`, `/?lang=nl`, `/?source=Reuters`,
  `/?sort=oldest`, `/?sort=oldest&page=50`;
- baseline: `/?q=WORD` for benchmarks/search.py's single words (the search page, whose
  cost docs/web.md measures against `Archive.search`).

A listing's ids come from the store's ``list_ids`` (read from a date index in the page's
order, stopped at the page's end); before it, output/listing.py walked the filtered ids
oldest first, keeping the last page's worth. This prints what a listed page costs beside
a search page (docs/web.md has the figures before and after).

Usage: python benchmarks/browse.py [--n 100000] [--repeat 10] [--seed 1] [--keep DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from search import QUERIES, build, percentile  # noqa: E402
from web import add_sources  # noqa: E402

BROWSE = {
    "newest, page 1": "/",
    "newest, page 50": "/?page=50",
    "newest, lang=nl": "/?lang=nl",
    "newest, source": "/?source=Reuters",
    "oldest, page 1": "/?sort=oldest",
    "oldest, page 50": "/?sort=oldest&page=50",
}


async def measure(path: Path, repeat: int) -> dict[str, list[float]]:
    import httpx
    from datasette.app import Datasette

    datasette = Datasette(files=[str(path)])
    transport = httpx.ASGITransport(app=datasette.app())
    searches = {f"search {q}": f"/?q={quote(q)}" for q in QUERIES["single words"]}
    urls = {**BROWSE, **searches}
    times: dict[str, list[float]] = {name: [] for name in urls}
    async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as client:
        for url in urls.values():  # warm: groups read, analysers loaded, caches filled
            response = await client.get(url)
            assert response.status_code == 200, response.text[:300]
            assert 'class="hit"' in response.text, url
        for _ in range(repeat):
            for name, url in urls.items():
                t0 = time.perf_counter()
                response = await client.get(url)
                times[name].append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200
    return times


def report(times: dict[str, list[float]], n: int, repeat: int) -> None:
    print(f"\n{n} clips, {repeat} runs per page; milliseconds\n")
    print(f"{'page':<28}{'p50':>8}{'p95':>8}")
    browse, search = [], []
    for name, got in times.items():
        (search if name.startswith("search ") else browse).extend(got)
        print(f"{name:<28}{percentile(got, 0.5):>8.1f}{percentile(got, 0.95):>8.1f}")
    ratio50 = percentile(browse, 0.5) / percentile(search, 0.5)
    ratio95 = percentile(browse, 0.95) / percentile(search, 0.95)
    print(f"\nbrowse pages / search pages (single words): p50 {ratio50:.2f}x, p95 {ratio95:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="clips to generate")
    parser.add_argument("--repeat", type=int, default=10, help="runs per page")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the archive in this folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        path = folder / f"web-{args.n}.db"  # the same file benchmarks/web.py builds
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

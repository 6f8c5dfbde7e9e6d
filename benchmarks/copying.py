"""What `clip copy` costs, against importing the same clips and against `clip reindex`,
in the same run (#21, moving up).

Generates N clips (benchmarks/ingest.py's generator: seed paragraphs, mixed encodings),
imports them into a desk archive (one worker: the baseline, what storing a clip from its
file costs), reindexes it (what analysing every stored clip again costs: a copy does
that too, in the destination), then copies it whole into a new SQLite file and, with
--server URL (an admin URL, e.g. postgresql://postgres@127.0.0.1/postgres), into a new
database on that server, and imports the files into another (the server's own
baseline: what it costs to store a clip there); both dropped afterwards. A second
copy into the same destination measures the run that adds nothing.

It prints clips/s for each and the ratios copy/import and copy/reindex (the machine may
be shared: the ratios mean more than the rates).

    .venv/bin/python benchmarks/copying.py                 # N = 5000
    .venv/bin/python benchmarks/copying.py --n 20000 --server postgresql://postgres@127.0.0.1/postgres
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from ingest import generate  # noqa: E402

from clipping_archive import Archive  # noqa: E402
from clipping_archive.storage import open_store  # noqa: E402


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def _server_database(admin_url: str):
    """A new database on the server (its URL) and a function dropping it."""
    import psycopg  # only with --server: the backend's driver

    name = f"clip_bench_copy_{secrets.token_hex(4)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return urlunsplit(urlsplit(admin_url)._replace(path=f"/{name}")), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=5000, help="clips in the archive")
    parser.add_argument("--server", metavar="URL", help="also copy into a database here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root / "files", args.n)
        desk = root / "desk.db"
        with Archive(desk) as archive:
            seconds, report = timed(lambda: archive.import_paths([root / "files"], workers=1))
            clips = report.added
            rows = [("import (1 worker)", seconds)]
            seconds, _ = timed(archive.reindex)
            rows.append(("reindex", seconds))
            targets = [("copy to SQLite", str(root / "copy.db"), None)]
            if args.server:
                url, drop = _server_database(args.server)
                targets.append(("copy to PostgreSQL", url, drop))
                imported, drop_imported = _server_database(args.server)
                targets.append(("", imported, drop_imported))
            try:
                if args.server:  # the server's own baseline: an import into it
                    open_store(imported).close()  # the schema made first, not timed
                    with Archive(imported) as server:
                        seconds, _ = timed(lambda: server.import_paths([root / "files"], workers=1))
                    rows.append(("import into PostgreSQL (1 worker)", seconds))
                for label, dest, _ in targets[: 2 if args.server else 1]:
                    seconds, _ = timed(lambda dest=dest: archive.copy_to(dest))
                    rows.append((label, seconds))
                    seconds, again = timed(lambda dest=dest: archive.copy_to(dest))
                    assert not again.added_anything
                    rows.append((f"{label}, again (adds nothing)", seconds))
            finally:
                for _, _, drop in targets:
                    if drop:
                        drop()
    base = dict(rows)
    print(f"{clips} clips")
    print(f"{'':40} {'seconds':>8} {'clips/s':>8} {'/import':>8} {'/reindex':>8}")
    for label, seconds in rows:
        print(
            f"{label:40} {seconds:8.2f} {clips / seconds:8.0f} "
            f"{seconds / base['import (1 worker)']:8.2f} {seconds / base['reindex']:8.2f}"
        )


if __name__ == "__main__":
    main()

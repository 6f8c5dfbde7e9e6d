"""The suite's fuzz targets, run longer: bytes -> prepared clip, and query strings ->
search on a real archive of the seeds. Prints how many inputs it tried and the slowest.

    .venv/bin/python benchmarks/fuzz.py --examples 20000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from clipping_archive import Archive  # noqa: E402
from clipping_archive.errors import ClipError  # noqa: E402
from clipping_archive.ingest import prepare_bytes  # noqa: E402
from clipping_archive.ingest.decode import DecodeError  # noqa: E402

TEXTISH = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=4000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    args = parser.parse_args()
    run = settings(
        max_examples=args.examples, deadline=None, suppress_health_check=list(HealthCheck)
    )
    slowest = {"bytes": 0.0, "query": 0.0}
    tried = {"bytes": 0, "query": 0}

    @run
    @given(st.one_of(st.binary(max_size=20000), TEXTISH.map(lambda t: t.encode("utf-8"))))
    def bytes_target(data):
        tried["bytes"] += 1
        started = time.perf_counter()
        try:
            clip = prepare_bytes(data, "fuzz.txt")
            clip.raw.encode("utf-8")
        except DecodeError as exc:
            assert "\n" not in str(exc)
        slowest["bytes"] = max(slowest["bytes"], time.perf_counter() - started)

    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "fuzz.db")
        archive.import_paths([ROOT / "seeds"])

        @run
        @given(TEXTISH)
        def query_target(query):
            tried["query"] += 1
            started = time.perf_counter()
            try:
                archive.search(query, limit=5)
            except ClipError as exc:
                assert "\n" not in str(exc)
            slowest["query"] = max(slowest["query"], time.perf_counter() - started)

        bytes_target()
        query_target()
        archive.close()
    for target in tried:
        print(
            f"{target}: {tried[target]} inputs, slowest {slowest[target] * 1000:.1f} ms, no failure"
        )


if __name__ == "__main__":
    main()

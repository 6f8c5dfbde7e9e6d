"""The suite's fuzz targets, run longer: bytes -> prepared clip, and query strings ->
search (a real FTS5 MATCH) on a real archive of the seeds. Prints what it tried: how many
inputs of each kind, what became of them (clips by encoding, rejections by reason,
queries answered or refused), and the slowest input of each target.

    .venv/bin/python benchmarks/fuzz.py --examples 20000
    .venv/bin/python benchmarks/fuzz.py --examples 2000 --seed 7

Hypothesis shrinks any failure to a small example and re-raises it: the run then ends
with that input and its traceback.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from clipping_archive import Archive  # noqa: E402
from clipping_archive.errors import ClipError  # noqa: E402
from clipping_archive.importer import reason_kind  # noqa: E402
from clipping_archive.ingest import prepare_bytes  # noqa: E402
from clipping_archive.ingest.decode import DecodeError  # noqa: E402

TEXTISH = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=4000)
# Lines that start like metadata or debris, with runs of one character: the shapes that
# make a backtracking pattern slow, mixed into otherwise random text.
HOSTILE_LINE = st.builds(
    lambda prefix, unit, n, tail: prefix + unit * n + tail,
    st.sampled_from(["", "By ", "Door ", "Bron: ", "بقلم ", "Published: ", "(", "— "]),
    st.sampled_from([" ", "\t", "a", "1 ", "ا", "-", ".", ":", "[", "@"]),
    st.integers(0, 5000),
    st.sampled_from(["", "!", "[x", " http://x", ":"]),
)
DOCUMENT = st.lists(st.one_of(TEXTISH, HOSTILE_LINE), max_size=8).map("\n".join)


def _short(value: object, width: int = 70) -> str:
    text = repr(value)
    return text if len(text) <= width else f"{text[: width - 20]}...({len(text)} chars)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=None, help="repeat a run exactly")
    args = parser.parse_args()
    run = settings(
        max_examples=args.examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    outcomes = {"bytes": Counter(), "query": Counter()}
    slowest: dict[str, tuple[float, object]] = {"bytes": (0.0, None), "query": (0.0, None)}

    def timed(target: str, value: object, started: float) -> None:
        took = time.perf_counter() - started
        if took > slowest[target][0]:
            slowest[target] = (took, value)

    @run
    @given(
        st.one_of(
            st.binary(max_size=20000),
            TEXTISH.map(lambda t: t.encode("utf-8")),
            DOCUMENT.map(lambda t: t.encode("utf-8")),
        )
    )
    def bytes_target(data):
        started = time.perf_counter()
        try:
            clip = prepare_bytes(data, "fuzz.txt")
            clip.raw.encode("utf-8")
            outcomes["bytes"][f"clip ({clip.encoding})"] += 1
        except DecodeError as exc:
            assert "\n" not in str(exc)
            outcomes["bytes"][f"rejected: {reason_kind(str(exc))}"] += 1
        timed("bytes", data, started)

    with tempfile.TemporaryDirectory() as tmp:
        archive = Archive(Path(tmp) / "fuzz.db")
        archive.import_paths([ROOT / "seeds"])

        @run
        @given(TEXTISH)
        def query_target(query):
            started = time.perf_counter()
            try:
                results = archive.search(query, limit=5)
                outcomes["query"]["answered" if results.total else "answered, no hits"] += 1
            except ClipError as exc:
                assert "\n" not in str(exc)
                outcomes["query"]["refused in one line"] += 1
            timed("query", query, started)

        for target in (bytes_target, query_target):
            if args.seed is not None:
                target = seed(args.seed)(target)
            target()
        archive.close()
    for target, counts in outcomes.items():
        took, value = slowest[target]
        print(f"{target}: {sum(counts.values())} inputs, no failure")
        for outcome, n in counts.most_common(8):
            print(f"  {n:7d}  {outcome}")
        print(f"  slowest {took * 1000:.1f} ms: {_short(value)}")


if __name__ == "__main__":
    main()

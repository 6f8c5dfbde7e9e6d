"""A team archive at scale (#21): the same clips written into each backend through the
storage contract, then ranked top-20 and counts timed on each, against tantivy (a real
search engine, Rust) indexing the same analysed terms in the same run.

Clips are recombined from real articles (Arabic SaudiNewsNet, Dutch DpgMedia2019, English
BBC/news-please from Giveme5W1H; point at local copies, nothing of them is committed):
each clip is 3-8 paragraphs of one language's articles, with a title from another, a date
spread over 2019-2024. Paragraphs are analysed once with the archive's own analyzers, so
every backend and tantivy index exactly the same terms, and the vocabulary is real (Zipf),
unlike recombined seeds.

It prints, per backend: the write time of all clips (batches of 5,000 through
``Store.add_clips`` inside ``Store.bulk_load(n)``, clusters included, and PostgreSQL's
text index built at the end and the top lists of common terms made: what an import's
writer does), clips a second, size on disk; then for each query (a rare, a medium and a
frequent word, an AND of two, a phrase, a frequent word with a date filter, and words as
a user types them: lemma and family) the matches and p50/p95 of a ranked top 20 and of a
count, with the ratio of each backend's p95 to tantivy's; for each backend also its
first search of the query (PostgreSQL makes the top lists it lacks then), the p95 of a
count that stops at 10,001 (what `clip search` counts), and how many of the exact top 20
it returned (SQLite's FTS5 bm25, or, without SQLite, PostgreSQL scoring every match).

    .venv/bin/pip install -r benchmarks/requirements-bench.txt   # tantivy, psycopg
    .venv/bin/python benchmarks/scale.py --clips 1000000 \\
        --pg postgresql://127.0.0.1/postgres --corpora /tmp/corpora

``--pg`` names a server where the benchmark may create (and at the end drop) a database
``clip_scale``; ``--keep`` keeps the built archives in benchmarks/out/scale/ for
re-measuring queries with ``--queries-only``.
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import hashlib
import json
import pickle
import random
import shutil
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from clipping_archive.analysis import index_parts, terms  # noqa: E402
from clipping_archive.ingest.fingerprint import signature  # noqa: E402
from clipping_archive.models import Metadata, Paragraph, PreparedClip  # noqa: E402
from clipping_archive.search.filters import Filters  # noqa: E402
from clipping_archive.search.hits import COUNT_LIMIT  # noqa: E402
from clipping_archive.search.query import ParsedQuery, Phrase, parse_query  # noqa: E402
from clipping_archive.storage import open_store  # noqa: E402

OUT = ROOT / "benchmarks" / "out" / "scale"
BATCH = 5_000
PER_LANGUAGE = {"ar": 8_000, "nl": 1_438, "en": 959}  # articles read from each corpus
SHARE = {"ar": 0.5, "nl": 0.25, "en": 0.25}  # of the generated clips
TITLE_WEIGHT, BODY_WEIGHT, PARTS_WEIGHT = 5.0, 1.0, 0.5  # as the archive ranks


@dataclasses.dataclass(frozen=True)
class Piece:
    """A real paragraph, analysed once."""

    text: str
    terms: str
    parts: str


# -- the corpus ------------------------------------------------------------------------


def _articles(corpora: Path) -> dict[str, list[str]]:
    """language -> article texts (paragraphs separated by newlines)."""
    out: dict[str, list[str]] = {"ar": [], "nl": [], "en": []}
    snn = corpora / "inparallel+SaudiNewsNet" / "dataset"
    for zipped in sorted(snn.glob("*.zip")):
        with zipfile.ZipFile(zipped) as z:
            for name in z.namelist():
                found = json.loads(z.read(name))
                out["ar"] += [a["content"] for a in found if len(a.get("content", "")) > 400]
    dpg = corpora / "dpgmedia+partisan-news2019" / "dpgMedia2019-articles-byarticle-all.jsonl"
    out["nl"] = [json.loads(line)["text"] for line in dpg.read_text().splitlines() if line]
    pattern = str(corpora / "fhamborg+Giveme5W1H/Giveme5W1H/examples/datasets/*/data/**/*.json")
    for name in sorted(glob.glob(pattern, recursive=True)):
        doc = json.loads(Path(name).read_text())
        if text := doc.get("text") or doc.get("maintext"):
            out["en"].append(text)
    return out


def pool(corpora: Path) -> dict[str, list[Piece]]:
    """Each language's paragraphs with their terms, cached (analysis takes a minute)."""
    cache = OUT / "pool.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    rng = random.Random(7)
    out: dict[str, list[Piece]] = {}
    for language, texts in _articles(corpora).items():
        rng.shuffle(texts)
        pieces = []
        for text in texts[: PER_LANGUAGE[language]]:
            for paragraph in (p.strip() for p in text.split("\n")):
                if len(paragraph) < 40:
                    continue
                par = (Paragraph(paragraph, language),)
                pieces.append(
                    Piece(paragraph, " ".join(terms(paragraph, language)), index_parts(par))
                )
        out[language] = pieces
        print(f"  pool {language}: {len(pieces):,} paragraphs from {len(texts):,} articles")
    OUT.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out))
    return out


def _clip_fields(**values) -> PreparedClip:
    """A PreparedClip from the values its fields take in this release (fields added by a
    later release, such as precomputed date bounds, are filled when present)."""
    names = {f.name for f in dataclasses.fields(PreparedClip)}
    return PreparedClip(**{k: v for k, v in values.items() if k in names})


def generate(pieces: dict[str, list[Piece]], start: int, n: int, seed: int = 0):
    """Clips start..start+n-1, the same for every backend (seeded per clip)."""
    languages = list(SHARE)
    weights = [SHARE[x] for x in languages]
    out = []
    for i in range(start, start + n):
        rng = random.Random(seed * 10_000_019 + i)
        language = rng.choices(languages, weights)[0]
        chosen = [rng.choice(pieces[language]) for _ in range(rng.randint(3, 8))]
        title_piece = rng.choice(pieces[language])
        title = " ".join(title_piece.text.split()[:10])
        body = "\n\n".join(p.text for p in chosen)
        body_terms = " ".join(p.terms for p in chosen)
        year, month = 2019 + rng.randrange(6), 1 + rng.randrange(12)
        day = 1 + rng.randrange(28)
        date = f"{year}-{month:02d}-{day:02d}"
        digest = hashlib.sha256(f"{seed}:{i}:{body}".encode()).hexdigest()
        out.append(
            _clip_fields(
                id=digest[:16],
                content_hash=digest,
                path=f"/scale/{i}.txt",
                encoding="utf-8",
                raw=title + "\n\n" + body,
                body=body,
                metadata=Metadata(title=title, date=date, source=f"outlet{i % 40}"),
                language=language,
                paragraphs=tuple(Paragraph(p.text, language) for p in chosen),  # an older tree
                paragraph_languages=(language,) * len(chosen),  # this one
                removed=(),
                title_terms=" ".join(terms(title, language)),
                body_terms=body_terms,
                part_terms=" ".join(p.parts for p in chosen if p.parts),
                size_bytes=len(body.encode()),
                signature=signature(body_terms),
                date_start=date,
                date_end=date,
                languages=(language,),
            )
        )
    return out


# -- writing -------------------------------------------------------------------------------


def write_backend(location: str, pieces, n: int) -> tuple[float, int]:
    store = open_store(location)
    started = time.perf_counter()
    written = 0
    try:
        with store.bulk_load(lambda: n):  # as `clip import` does, with the number of files
            while written < n:
                batch = generate(pieces, written, min(BATCH, n - written))
                store.add_clips(batch)
                written += len(batch)
                if written % 100_000 == 0 or written == n:
                    rate = written / (time.perf_counter() - started)
                    print(f"    {written:,} clips, {rate:,.0f} a second", flush=True)
        elapsed = time.perf_counter() - started  # the index built at the end included
        size = store.size_on_disk()
    finally:
        store.close()
    return elapsed, size


def open_tantivy(folder: Path):
    import tantivy

    index = tantivy.Index(tantivy_schema(), path=str(folder))
    index.reload()
    return index, tantivy_schema()


def tantivy_schema():
    import tantivy

    schema_builder = tantivy.SchemaBuilder()
    for name in ("title", "body", "parts"):
        schema_builder.add_text_field(
            name, stored=False, tokenizer_name="whitespace", index_option="position"
        )
    schema_builder.add_integer_field("day", stored=False, indexed=True, fast=True)
    schema_builder.add_text_field("id", stored=True, tokenizer_name="raw")
    return schema_builder.build()


def write_tantivy(folder: Path, pieces, n: int):
    import tantivy

    schema = tantivy_schema()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=512_000_000, num_threads=2)
    started = time.perf_counter()
    written = 0
    while written < n:
        for clip in generate(pieces, written, min(BATCH, n - written)):
            writer.add_document(
                tantivy.Document(
                    title=clip.title_terms,
                    body=clip.body_terms,
                    parts=clip.part_terms,
                    day=int(clip.metadata.date.replace("-", "")),
                    id=clip.id,
                )
            )
            written += 1
    writer.commit()
    writer.wait_merging_threads()
    elapsed = time.perf_counter() - started
    index.reload()
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    return index, schema, elapsed, size


# -- queries ---------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    query: ParsedQuery
    filters: Filters = Filters()


def bare(*phrases: tuple[str, ...]) -> ParsedQuery:
    """An AND of phrases of analysed terms (a phrase of one term: a word), nothing else."""
    wanted = tuple(((Phrase(tuple(words)),),) for words in phrases)
    return ParsedQuery(wanted, (), frozenset(t for words in phrases for t in words))


def choose_cases(pieces, n: int) -> list[Case]:
    """Words by the share of clips holding them, estimated on a sample of the clips; each
    as bare terms, and the frequent ones also as typed (``parse_query``: the word's lemma
    and family, as `clip search` asks for them)."""
    sample = generate(pieces, 0, min(n, 5_000))
    df: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for clip in sample:
        words = clip.body_terms.split()
        df.update(set(words))
        bigrams.update(set(zip(words, words[1:], strict=False)))
    total = len(sample)

    def word(t: str) -> bool:
        return len(t) > 3 and t.isalpha()

    def near(share: float) -> str:
        candidates = [(abs(c / total - share), t) for t, c in df.items() if word(t)]
        return min(candidates)[1]

    rare, medium, frequent = near(0.0005), near(0.01), near(0.2)
    other = near(0.08)
    phrase = min(
        (abs(c / total - 0.02), b) for b, c in bigrams.items() if word(b[0]) and word(b[1])
    )[1]
    dated = Filters(since="2023-01", until="2023-06")
    return [
        Case(f"rare ({rare})", bare((rare,))),
        Case(f"medium ({medium})", bare((medium,))),
        Case(f"frequent ({frequent})", bare((frequent,))),
        Case(f"AND ({frequent} {other})", bare((frequent,), (other,))),
        Case(f'phrase ("{" ".join(phrase)}")', bare(phrase)),
        Case(f"frequent + date ({frequent}, 2023-01..06)", bare((frequent,)), dated),
        Case(f"frequent, typed ({frequent})", parse_query(frequent)),
        Case(f"AND, typed ({frequent} {other})", parse_query(f"{frequent} {other}")),
    ]


def tantivy_query(case: Case, schema):
    """The same phrases as the archive asks for: each wanted clause one of its phrases
    (a word in title, body or parts; a phrase in title or body; a family term in the
    parts alone), each column weighted as the archive weights it."""
    import tantivy

    def field_query(field: str, words: tuple[str, ...], weight: float):
        if len(words) == 1:
            q = tantivy.Query.term_query(schema, field, words[0])
        else:
            q = tantivy.Query.phrase_query(schema, field, list(words))
        return tantivy.Query.boost_query(q, weight)

    def fields(p: Phrase) -> list[tuple[str, float]]:
        if getattr(p, "level", "lemma") == "family":
            return [("parts", PARTS_WEIGHT)]
        if len(p.terms) == 1:
            return [("title", TITLE_WEIGHT), ("body", BODY_WEIGHT), ("parts", PARTS_WEIGHT)]
        return [("title", TITLE_WEIGHT), ("body", BODY_WEIGHT)]

    clauses = []
    for clause in case.query.wanted:
        either = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Should, field_query(f, p.terms, w))
                for alternative in clause
                for p in alternative
                for f, w in fields(p)
            ]
        )
        clauses.append((tantivy.Occur.Must, either))
    if case.filters.active:
        lo = int(case.filters.since_day.replace("-", ""))
        hi = int(case.filters.until_day.replace("-", ""))
        clauses.append(
            (
                tantivy.Occur.Must,
                tantivy.Query.range_query(schema, "day", tantivy.FieldType.Integer, lo, hi),
            )
        )
    return tantivy.Query.boolean_query(clauses)


def timed(call, repeat: int) -> tuple[list[float], object]:
    started = time.perf_counter()
    result = call()  # warm: the first run reads pages from disk (and makes top lists)
    timed.first = (time.perf_counter() - started) * 1000  # type: ignore[attr-defined]
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return times, result


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(locations: dict[str, str], tantivy_index, schema, cases, repeat: int) -> None:
    # PostgreSQL writable: a search makes the top lists of its common words the first
    # time (storage.pg_toplists); that first search is shown apart ("first").
    stores = {
        name: open_store(loc, readonly=name != "postgresql") for name, loc in locations.items()
    }
    searcher = tantivy_index.searcher() if tantivy_index is not None else None
    # The exact top 20 each engine's is checked against: SQLite's FTS5 bm25 where it was
    # built, else PostgreSQL scoring every match (no list, no text index order).
    exact = stores.get("sqlite")
    if exact is None and "postgresql" in locations:
        exact = open_store(locations["postgresql"], readonly=True)
        exact.exact_rank_limit = 10**12  # type: ignore[attr-defined]
    header = f"{'query':44} {'matches':>9}  {'engine':10} {'top20 p50':>9} {'p95':>8} "
    header += f"{'count p50':>9} {'p95':>8}  {'top20 p95 / tantivy':>19}"
    print(header)
    for case in cases:
        q = case.query
        rows = {}
        if searcher is not None:
            tq = tantivy_query(case, schema)
            top, _ = timed(lambda tq=tq: searcher.search(tq, 20, count=False), repeat)
            cnt, res = timed(lambda tq=tq: searcher.search(tq, 1, count=True).count, repeat)
            rows["tantivy"] = (top, cnt, res)
        firsts = {}
        best = [m.clip["id"] for m in exact.matches(q, case.filters, limit=20)] if exact else []
        for name, store in stores.items():
            f = case.filters
            top, found = timed(lambda s=store, q=q, f=f: s.matches(q, f, limit=20), repeat)
            firsts[name] = timed.first  # type: ignore[attr-defined]
            firsts[name + " same"] = len({m.clip["id"] for m in found} & set(best))
            cnt, res = timed(lambda s=store, q=q, f=f: s.count_matches(q, f), repeat)
            capped, _ = timed(
                lambda s=store, q=q, f=f: s.count_matches(q, f, at_most=COUNT_LIMIT + 1), repeat
            )
            rows[name] = (top, cnt, res)
            firsts[name + " capped"] = p(capped, 0.95)
        base = p(rows["tantivy"][0], 0.95) if "tantivy" in rows else None
        for i, (engine, (top, cnt, res)) in enumerate(rows.items()):
            ratio = f"{p(top, 0.95) / base:.1f}x" if base and engine != "tantivy" else ""
            label = case.name[:44] if i == 0 else ""
            extra = ""
            if engine in firsts:
                extra = (
                    f"  first {firsts[engine]:8.1f}  count to 10k p95 "
                    f"{firsts[engine + ' capped']:7.1f}  exact top 20 {firsts[engine + ' same']}"
                    f"/{len(best)}"
                )
            print(
                f"{label:44} {res:>9,}  {engine:10} {p(top, 0.5):9.1f} {p(top, 0.95):8.1f} "
                f"{p(cnt, 0.5):9.1f} {p(cnt, 0.95):8.1f}  {ratio:>19}{extra}",
                flush=True,
            )
    for store in {*stores.values(), *([exact] if exact else [])}:
        store.close()


def _pg_database(server: str, name: str, fresh: bool) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
    base = server.rsplit("/", 1)[0]
    return f"{base}/{name}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clips", type=int, default=100_000)
    ap.add_argument("--corpora", type=Path, default=Path("/tmp/corpora"))
    ap.add_argument("--pg", help="server URL where a database clip_scale may be made")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--queries-only", action="store_true", help="measure archives kept before")
    ap.add_argument("--keep", action="store_true", help="keep the archives and index built")
    ap.add_argument("--no-sqlite", action="store_true")
    ap.add_argument("--pg-db", default="clip_scale", help="the database made on --pg")
    args = ap.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    pieces = pool(args.corpora)
    locations: dict[str, str] = {}
    sqlite_path = OUT / f"scale-{args.clips}.db"
    if not args.no_sqlite:
        locations["sqlite"] = str(sqlite_path)
    if args.pg:
        locations["postgresql"] = _pg_database(args.pg, args.pg_db, not args.queries_only)
    fresh = not args.queries_only
    print(f"{args.clips:,} clips ({', '.join(f'{k} {v:.0%}' for k, v in SHARE.items())})")
    if fresh and sqlite_path.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
    written = {}
    for name, location in locations.items():
        if fresh:
            print(f"  writing {name} ...", flush=True)
            written[name] = write_backend(location, pieces, args.clips)
    folder = OUT / f"tantivy-{args.clips}"
    if args.queries_only and (folder / "meta.json").exists():
        index, schema = open_tantivy(folder)  # kept by --keep: the same clips
    else:
        print("  indexing tantivy ...", flush=True)
        index, schema, t_time, t_size = write_tantivy(folder, pieces, args.clips)
        written["tantivy"] = (t_time, t_size)
    if fresh:
        print(f"\n{'engine':10} {'write s':>9} {'clips/s':>9} {'size MB':>9} {'vs sqlite':>10}")
        base = written.get("sqlite", (None,))[0]
        for name, (elapsed, size) in written.items():
            vs = f"{base / elapsed:.2f}x" if base else ""
            print(
                f"{name:10} {elapsed:9.1f} {args.clips / elapsed:9,.0f} {size / 1e6:9,.0f} {vs:>10}"
            )
    print()
    measure(locations, index, schema, choose_cases(pieces, args.clips), args.repeat)
    if not args.keep and not args.queries_only:  # archives measured again stay
        shutil.rmtree(OUT / f"tantivy-{args.clips}", ignore_errors=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        if args.pg:
            import psycopg

            with psycopg.connect(args.pg, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{args.pg_db}"')


if __name__ == "__main__":
    main()

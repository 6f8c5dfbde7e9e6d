"""Whole postings of the listed terms, for the PostgreSQL backend: every clip holding a
term with what BM25 needs of it (its weighted instances and length), so a query of
common words is ranked exactly without reading the clips' tsvectors.

The top lists (storage.pg_toplists) answer a query whose best clips are near the top of
each word's list. A conjunction's are not: the best clips holding two common words are
seldom among either word's best thousand, so the lists bound nothing and every match
was scored from its tsvector (~20 us each: 0.5 s for a typed AND at 500k clips, 128x
tantivy). Search engines intersect postings instead; this is that, for the terms that
have a list (common words, the ones a conjunction is slow for):

- ``term_postings``: a term's postings in segments, each three arrays of one element a
  clip, big-endian (as PostgreSQL's ``int4send`` writes them, so segments are made in
  SQL or in Python alike): clip (``seq``, 8 bytes), weighted instances x 2 (2 bytes: a
  title instance counts 10, body 2, parts 1; at most 256 positions of 5), clip length
  in tokens (4 bytes). 14 bytes a posting, stored uncompressed (EXTERNAL): they are
  read whole and pglz gains little on them.
- Made with the term's list (``make``: a bulk load's pass, a reindex; a search making a
  list), or at the first search that needs them for a list made before postings were
  kept; ``term_lists.postings`` says a term's are complete. From then on every writer
  adds a segment of its batch's clips for each such term they hold (``append``), in the
  batch's transaction under the writers' lock, as it keeps the lists; a term with more
  than MAX_SEGMENTS segments has its newest merged (``merge``), small into larger, so
  each posting is rewritten a logarithmic number of times.
- A removed or replaced clip's postings stay (a replaced clip comes back under a new
  ``seq``); a search checks its best candidates against the clips table, which drops
  them. A reindex or a copy into the archive drops the lists, and the postings with them.
- A search (``rank``) reads the postings of the query's words, finds the clips that hold
  every wanted clause, scores them all by BM25 with the archive's statistics of now,
  operation for operation as ``pg_rank.bm25`` does (so the scores are the same floats
  as the tsvector path's), and orders them; the caller checks the best against the
  clips (existence, exclusions, filters) until it has its page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import psycopg

from clipping_archive.storage import tsquery
from clipping_archive.storage.pg_rank import K1, B

if TYPE_CHECKING:  # numpy is imported by writers and by the searches that rank from
    import numpy as np  # postings only: a cold `clip search` of one word would pay ~0.1 s

SCHEMA = [
    'CREATE TABLE IF NOT EXISTS term_postings (id bigint GENERATED ALWAYS AS IDENTITY '
    'PRIMARY KEY, term text COLLATE "C" NOT NULL REFERENCES term_lists (term) ON DELETE '
    "CASCADE, lo bigint NOT NULL, n integer NOT NULL, seqs bytea NOT NULL, freqs bytea "
    "NOT NULL, lens bytea NOT NULL)",
    "CREATE INDEX IF NOT EXISTS term_postings_term ON term_postings (term, lo)",
    "ALTER TABLE term_postings ALTER COLUMN seqs SET STORAGE EXTERNAL, "
    "ALTER COLUMN freqs SET STORAGE EXTERNAL, ALTER COLUMN lens SET STORAGE EXTERNAL",
    # a list's postings are complete (writers add to complete ones only)
    "ALTER TABLE term_lists ADD COLUMN IF NOT EXISTS postings boolean NOT NULL DEFAULT false",
]
# A term's segments before its newest are merged (a writer adds one a batch).
MAX_SEGMENTS = 24
# Clips a pass over the archive (``make``) reads at once: each read makes a segment per
# term (at 1M clips, 10 segments), its postings aggregated in memory (~100 MB).
MAKE_CHUNK = 100_000
# A weight letter's instances x 2: title 5, body 1, parts 0.5 (pg_rank's column weights)
DOUBLED_WEIGHTS = {tsquery.TITLE: 10, tsquery.BODY: 2, tsquery.PARTS: 1}

_DOUBLED = " + ".join(
    f"{weight} * cardinality(array_positions(u.weights, '{letter}'))"
    for letter, weight in DOUBLED_WEIGHTS.items()
)
# Segments of the chosen terms (temp table ``posting_terms``) from the clips of a range
_MAKE = f"""
INSERT INTO term_postings (term, lo, n, seqs, freqs, lens)
SELECT term, min(seq), count(*), string_agg(int8send(seq), ''::bytea),
  string_agg(int2send(f2::int2), ''::bytea), string_agg(int4send(doc_len), ''::bytea)
FROM (
  SELECT u.lexeme COLLATE "C" AS term, c.seq, c.doc_len, {_DOUBLED} AS f2
  FROM clips c CROSS JOIN LATERAL unnest(c.tsv) u
  JOIN posting_terms t ON t.term = u.lexeme COLLATE "C"
  WHERE c.seq > %s AND c.seq <= %s
) p GROUP BY term
"""


@dataclass(frozen=True)
class Postings:
    """One term's postings, by clip: ``seqs`` ascending, ``freqs`` its weighted
    instances (float), ``lens`` the clips' lengths."""

    seqs: np.ndarray
    freqs: np.ndarray
    lens: np.ndarray


def doubled_frequency(labels: list[str]) -> int:
    """A term's weighted instances x 2 from its tsvector position labels (``17C``). A
    writer runs this for each listed term of each clip (~330 a clip at 1M clips): a few
    labels summed in a plain loop, many by counting the weight letters in them joined
    (digits are no letters); a generator's sum took twice as long either way."""
    if len(labels) <= 6:
        total = 0
        for label in labels:
            total += DOUBLED_WEIGHTS.get(label[-1], 0)
        return total
    joined = "".join(labels)
    return sum(weight * joined.count(letter) for letter, weight in DOUBLED_WEIGHTS.items())


def make(conn: psycopg.Connection) -> None:
    """The postings of every listed term that has none (lists made by a bulk load's
    pass, or before postings were kept), from all clips in one pass, in segments of
    MAKE_CHUNK clips (in the caller's transaction, under the writers' lock)."""
    terms = [
        t for (t,) in conn.execute("SELECT term FROM term_lists WHERE NOT postings").fetchall()
    ]
    if not terms:
        return
    conn.execute("DELETE FROM term_postings WHERE term = ANY(%s)", [terms])
    conn.execute("UPDATE term_lists SET postings = true WHERE term = ANY(%s)", [terms])
    conn.execute('CREATE TEMP TABLE posting_terms (term text COLLATE "C") ON COMMIT DROP')
    conn.execute("INSERT INTO posting_terms SELECT unnest(%s::text[])", [terms])
    conn.execute("ANALYZE posting_terms")
    conn.execute("SET LOCAL work_mem = '256MB'")
    conn.execute("SET LOCAL enable_mergejoin = off")  # hash the clips' terms, never sort
    top = conn.execute("SELECT coalesce(max(seq), 0) FROM clips").fetchone()
    last = int(top[0]) if top else 0
    for lo in range(0, last, MAKE_CHUNK):
        conn.execute(_MAKE, [lo, min(lo + MAKE_CHUNK, last)])
    conn.execute("DROP TABLE posting_terms")


def append(conn: psycopg.Connection, rows: dict[str, list[tuple[int, int, int]]]) -> None:
    """A segment per term of (seq, instances x 2, length) of a writer's new clips, then
    the terms grown past MAX_SEGMENTS merged."""
    if not rows:
        return
    import numpy as np

    terms, los, ns, seqs, freqs, lens = [], [], [], [], [], []
    for term, entries in rows.items():
        if not entries:
            continue
        entries.sort()
        data = np.array(entries, dtype=np.int64)
        terms.append(term)
        los.append(int(data[0, 0]))
        ns.append(len(entries))
        seqs.append(data[:, 0].astype(">i8").tobytes())
        freqs.append(data[:, 1].astype(">u2").tobytes())
        lens.append(data[:, 2].astype(">u4").tobytes())
    if not terms:
        return
    conn.execute(
        "INSERT INTO term_postings (term, lo, n, seqs, freqs, lens) SELECT * FROM "
        # bytea arrays sent binary: as text each byte is written in hex (~0.1 s a batch)
        "unnest(%s::text[], %s::bigint[], %s::int[], %b::bytea[], %b::bytea[], %b::bytea[])",
        [terms, los, ns, seqs, freqs, lens],
    )
    merge(conn, terms)


def merge(conn: psycopg.Connection, terms: list[str]) -> None:
    """Merge the newest segments of each of ``terms`` that has more than MAX_SEGMENTS:
    the newest run whose postings together are fewer than the segment before it, and at
    least two (a tier merged into the one above only when it has grown as large: each
    posting is copied about log2(its term's postings) times)."""
    crowded = conn.execute(
        "SELECT array_agg(id ORDER BY lo DESC), array_agg(n ORDER BY lo DESC) "
        "FROM term_postings WHERE term = ANY(%s) GROUP BY term HAVING count(*) > %s",
        [terms, MAX_SEGMENTS],
    ).fetchall()
    for ids, ns in crowded:
        take, total = 2, ns[0] + ns[1]
        while take < len(ns) - 1 and total + ns[take] <= ns[take + 1]:
            total += ns[take]
            take += 1
        conn.execute(
            "WITH gone AS (DELETE FROM term_postings WHERE id = ANY(%s) RETURNING *) "
            "INSERT INTO term_postings (term, lo, n, seqs, freqs, lens) SELECT term, "
            "min(lo), sum(n), string_agg(seqs, ''::bytea ORDER BY lo), string_agg(freqs, "
            "''::bytea ORDER BY lo), string_agg(lens, ''::bytea ORDER BY lo) FROM gone "
            "GROUP BY term",
            [ids[:take]],
        )


def read(conn: psycopg.Connection, terms: list[str]) -> dict[str, Postings]:
    """term -> its postings, for the terms whose postings are complete."""
    import numpy as np

    parts: dict[str, list[tuple[bytes, bytes, bytes]]] = {}
    with conn.cursor(binary=True) as cur:  # bytea as bytes: text would be hex, twice over
        cur.execute(
            "SELECT l.term, p.seqs, p.freqs, p.lens FROM term_lists l LEFT JOIN "
            "term_postings p USING (term) WHERE l.postings AND l.term = ANY(%s) "
            "ORDER BY l.term, p.lo",
            [terms],
        )
        for term, seqs, freqs, lens in cur:
            segments = parts.setdefault(term, [])
            if seqs is not None:  # (a term whose clips were all removed has none)
                segments.append((seqs, freqs, lens))
    out = {}
    for term, segments in parts.items():
        seqs = np.frombuffer(b"".join(s for s, _, _ in segments), dtype=">i8").astype(np.int64)
        freqs = np.frombuffer(b"".join(f for _, f, _ in segments), dtype=">u2") / 2.0
        lens = np.frombuffer(b"".join(n for _, _, n in segments), dtype=">u4").astype(np.int64)
        if len(seqs) > 1 and not bool(np.all(seqs[1:] > seqs[:-1])):
            # Writers' batches overlap in ``seq`` (numbers are taken before commits), and
            # a pass aggregates in the order rows come: put them in clip order.
            order = np.argsort(seqs, kind="stable")
            seqs, freqs, lens = seqs[order], freqs[order], lens[order]
        out[term] = Postings(seqs, freqs, lens)
    return out


def from_rows(rows: list[tuple[int, int, float]]) -> Postings:
    """Postings from (seq, length, weighted instances) rows (a narrow term's clips, read
    from their tsvectors)."""
    import numpy as np

    rows = sorted(rows)
    return Postings(
        np.array([r[0] for r in rows], dtype=np.int64),
        np.array([r[2] for r in rows], dtype=np.float64),
        np.array([r[1] for r in rows], dtype=np.int64),
    )


def rank(
    clauses: list[list[str]],
    scored: list[tuple[str, float]],
    postings: dict[str, Postings],
    avg_len: float,
) -> tuple[np.ndarray, np.ndarray]:
    """(seqs, scores) of every clip that holds a term of each clause, in clip order
    (``best_first`` orders them). ``scored``: each phrase of the query in order
    (pg_rank.all_phrases) with its IDF, by its one term; a clip's score is BM25 summed
    over them in that order, as ``pg_rank.bm25`` sums it."""
    import numpy as np

    found, top = matching(clauses, postings)
    lens = np.zeros(len(found), dtype=np.int64)
    every_len = np.zeros(top + 1, dtype=np.int64) if top is not None else None
    freqs: dict[str, np.ndarray] = {}
    for term in dict.fromkeys(t for t, _ in scored):
        p = postings[term]
        if not len(p.seqs):
            freqs[term] = np.zeros(len(found))
        elif top is not None and every_len is not None:  # dense: scattered, gathered
            by_clip = np.zeros(top + 1)
            by_clip[p.seqs] = p.freqs
            freqs[term] = by_clip[found]
            every_len[p.seqs] = p.lens
        else:
            at = np.minimum(np.searchsorted(p.seqs, found), len(p.seqs) - 1)
            held = p.seqs[at] == found
            freqs[term] = np.where(held, p.freqs[at], 0.0)
            lens = np.where(held, p.lens[at], lens)
    if every_len is not None:
        lens = every_len[found]
    norm = K1 * (1 - B + B * lens / avg_len) if avg_len else np.full(len(found), K1)
    scores = np.zeros(len(found), dtype=np.float64)
    for term, weight in scored:
        f = freqs[term]
        scores = scores + np.where(f > 0, weight * (f * (K1 + 1)) / (f + norm), 0.0)
    return found, scores


def best_first(
    seqs: np.ndarray, scores: np.ndarray, first: int
) -> Iterator[tuple[list[int], list[float]]]:
    """Chunks of (seqs, scores), best first (ties: earliest clip first): ``first`` of
    them, then each chunk twice the one before. Sorted only as far as they are taken
    (a conjunction of common words has 100k clips at 1M: sorting them all took 15 ms,
    where a page takes its best few dozen)."""
    import numpy as np

    done, size = 0, first
    while done < len(seqs):
        upto = min(len(seqs), done + size)
        if upto < len(seqs):  # the best ``upto``, with every clip tied with the last
            last = np.partition(scores, len(scores) - upto)[len(scores) - upto]
            pick = np.flatnonzero(scores >= last)
        else:
            pick = np.arange(len(seqs))
        order = pick[np.lexsort((seqs[pick], -scores[pick]))][done:upto]
        yield seqs[order].tolist(), scores[order].tolist()
        done, size = upto, 2 * size


def matching(
    clauses: list[list[str]], postings: dict[str, Postings]
) -> tuple[np.ndarray, int | None]:
    """The clips (ascending) holding a term of every clause, and the highest clip number
    where the numbers are dense, else None. Dense: flags over the clip numbers (a few ms
    for 1M clips, where sorting the postings of two common words took tens); else by
    sorted arrays."""
    import numpy as np

    arrays = [postings[t].seqs for clause in clauses for t in clause]
    total = sum(len(a) for a in arrays)
    top = max((int(a[-1]) for a in arrays if len(a)), default=-1)
    if top < 0:
        return np.zeros(0, dtype=np.int64), None
    if top > 16 * total + 1_000_000:  # sparse numbers (many removed): sorted arrays
        found: np.ndarray | None = None
        for clause in clauses:
            either = np.unique(np.concatenate([postings[t].seqs for t in clause]))
            found = either if found is None else np.intersect1d(found, either, True)
        assert found is not None
        return found, None
    every = np.ones(top + 1, dtype=bool)
    for clause in clauses:
        either = np.zeros(top + 1, dtype=bool)
        for t in clause:
            either[postings[t].seqs] = True
        every &= either
    return np.flatnonzero(every).astype(np.int64), top

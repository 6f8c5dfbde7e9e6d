"""Impact-ordered top lists for the PostgreSQL backend: a common word's best clips, kept
best first, so a ranked search stops early instead of ordering every match.

The text index (RUM) orders a query's matches by its own distance only after computing
it for all of them: 200k matches of a common word at 1M clips cost 130-220 ms before the
first came out. Search engines keep postings in impact order and stop once nothing
unread can enter the top k (Fagin's threshold algorithm; block-max WAND in Lucene and
tantivy). This module is that, for the words that need it:

- ``term_lists``: a term (a word's lemma, or a family term) in more than ``LIST_MIN_DF``
  clips may have a list: ``floor`` and ``avg_len`` (the average clip length when the list
  was made). **The list holds every clip holding the term whose impact is at least the
  floor** (``term_top``: term, clip, impact), where impact = f / (f + K1 (1 - B + B len /
  avg_len)), f the term's column-weighted instances: BM25's saturation, which orders
  clips for one term as BM25 does.
- A list is made the first time a search needs it (the matches scored once, under the
  writers' lock, the best ``LIST_SIZE`` kept), or ahead of any search for every term in
  ``AHEAD_MIN_DF`` clips or more when a bulk load or a reindex ends (one pass over all
  clips: ``make_ahead``), and kept by every writer after (a new clip
  at or above the floor goes in, in the batch's transaction); a removed clip leaves its
  lists by the foreign key; a reindex or a copy into the archive drops them all.
- A list grown past ``LIST_GROWTH`` times its size is cut back by the writer that grew
  it: the floor raised to its ``size``-th impact and the clips below it dropped, which
  keeps the invariant (no clip is scored again).
- A search whose wanted phrases are single terms reads the top of each term's list (a
  rare term contributes all its clips), scores those candidates exactly (the query,
  its exclusions and filters, BM25 as FTS5's), and keeps them when the k-th score is
  above what any other clip could reach: the sum over phrases of IDF x (K1 + 1) x the
  saturation bound below the part of each list that was read. Otherwise it reads the
  whole lists; otherwise the text index ranks as before. The answer is exact either way.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from clipping_archive.storage import tsquery
from clipping_archive.storage.pg_rank import (
    BODY_WEIGHT,
    K1,
    PARTS_WEIGHT,
    TITLE_WEIGHT,
    B,
    length_norm,
)

# A term in more clips than this gets a list when a broad search needs it; one in fewer
# gives all its clips as candidates (a list of a term in 5,000 clips costs ~0.1 s once;
# 5,000 candidates cost that on every search).
LIST_MIN_DF = 200
LIST_SIZE = 1_000  # clips a list is made with (it grows above its floor after)
FIRST_READ = 200  # read from the top of each list before the whole of it
# Terms in this many clips or more get their lists when a bulk load or a reindex ends,
# not at their first search: made one by one they cost ~10 us a clip holding the term
# (0.1 s at 10,000), and ~95 us from a cold disk (a typed common word's two lists took
# 38 s at 1M clips); one pass over every clip makes them all at ~1 us a posting.
AHEAD_MIN_DF = 10_000
# A list grows as writers add clips above its floor (an archive twice as big: a list
# about twice as long, read on every search of its word); past this many times its
# size it is cut back to its best ``size``, the floor raised to the last kept.
LIST_GROWTH = 4

SCHEMA = [
    'CREATE TABLE IF NOT EXISTS term_lists (term text COLLATE "C" PRIMARY KEY, '
    "floor double precision NOT NULL, avg_len double precision NOT NULL)",
    'CREATE TABLE IF NOT EXISTS term_top (term text COLLATE "C" NOT NULL '
    "REFERENCES term_lists (term) ON DELETE CASCADE, seq bigint NOT NULL "
    "REFERENCES clips (seq) ON DELETE CASCADE, impact double precision NOT NULL, "
    "PRIMARY KEY (term, seq))",
    "CREATE INDEX IF NOT EXISTS term_top_order ON term_top (term, impact DESC)",
    "CREATE INDEX IF NOT EXISTS term_top_seq ON term_top (seq)",
]
# a position label's weight letter -> its column's weight in BM25 (pg_rank)
COLUMN_WEIGHTS = {
    tsquery.TITLE: TITLE_WEIGHT,
    tsquery.BODY: BODY_WEIGHT,
    tsquery.PARTS: PARTS_WEIGHT,
}


@dataclass(frozen=True)
class TermList:
    floor: float
    avg_len: float


def impact(f: float, length: int, avg_len: float) -> float:
    """BM25's saturation of ``f`` weighted instances in a clip of ``length`` tokens."""
    if f <= 0:
        return 0.0
    return f / (f + length_norm(length, avg_len))


def bound(below: float, avg_ref: float, avg_now: float) -> float:
    """The highest saturation, at today's average length ``avg_now``, of a clip whose
    impact at ``avg_ref`` is at most ``below``. With x = f / norm_ref <= below / (1 -
    below), today's norm is norm_ref x r, r = (1 - B + B len / avg_now) / (1 - B + B len /
    avg_ref), which is at least min(1, avg_ref / avg_now) for any length."""
    if below <= 0:
        return 0.0
    if below >= 1:
        return 1.0
    x = below / (1 - below)
    r = min(1.0, avg_ref / avg_now) if avg_now and avg_ref else 1.0
    return x / (x + r)


def weighted_frequency(labels: list[str]) -> float:
    """A term's column-weighted instances from its tsvector position labels (``17C``)."""
    return sum(COLUMN_WEIGHTS.get(label[-1], 0.0) for label in labels)


def best(scored: list[tuple[int, int, float]], avg_len: float, size: int) -> tuple[float, list]:
    """(floor, [(seq, impact)]) of a new list from every clip holding the term (seq,
    length, weighted instances): the ``size`` best, with any clip tied with the last; a
    floor of 0 when they are all kept."""
    impacts = sorted(
        ((impact(f, length, avg_len), seq) for seq, length, f in scored), reverse=True
    )
    if len(impacts) <= size:
        return 0.0, [(seq, i) for i, seq in impacts]
    floor = impacts[size - 1][0]
    return floor, [(seq, i) for i, seq in impacts if i >= floor]


# A term's weighted instances from a tsvector entry's weights (one letter a position),
# as ``weighted_frequency`` counts them from the position labels.
_WEIGHTED = " + ".join(
    f"{weight}::float8 * cardinality(array_positions(u.weights, '{letter}'))"
    for letter, weight in COLUMN_WEIGHTS.items()
)
# Each (term, clip, impact) of the chosen terms (``ahead_terms``) at or above the term's
# threshold, from the clips of ``{source}``; the impact computed as ``impact`` computes
# it, operation for operation in double precision, so a list made here equals one made
# by a search, bit for bit.
_POSTINGS = f"""
SELECT u.lexeme COLLATE "C" AS term, c.seq, i.impact
FROM {{source}} CROSS JOIN LATERAL unnest(c.tsv) u
JOIN ahead_terms a ON a.term = u.lexeme COLLATE "C"
CROSS JOIN LATERAL (SELECT {_WEIGHTED} AS f) w
CROSS JOIN LATERAL (SELECT CASE WHEN w.f > 0 THEN w.f / (w.f + %(k1)s::float8 * (1 - %(b)s::float8
  + %(b)s::float8 * c.doc_len / %(avg)s::float8)) ELSE 0 END AS impact) i
WHERE i.impact >= a.threshold {{only}}
"""
# The best of each term with its ties (rank() <= size: what ``best`` keeps).
_RANKED = """
SELECT term, seq, impact FROM (
  SELECT term, seq, impact, rank() OVER (PARTITION BY term ORDER BY impact DESC) AS r
  FROM ({postings}) p
) ranked WHERE r <= %(size)s
"""
# Sorting every posting of the common terms to keep each one's best is what a pass
# would spend most on (300M postings at 1M clips); a 5% sample of the clips tells,
# per term, an impact that about twice ``size`` clips reach (its SAMPLE_RANK-th best in
# the sample), and only those are sorted. Should fewer than ``size`` reach it (odds far
# below one in a million), the term is made again from all its clips.
SAMPLE_PERCENT = 5
SAMPLE_RANK = 2 * SAMPLE_PERCENT / 100


def make_ahead(conn: psycopg.Connection, min_df: int, size: int, avg_len: float) -> int:
    """Make the lists of every term in at least ``min_df`` clips that has none, in one
    pass over the clips (in the caller's transaction, under the writers' lock); returns
    how many were made."""
    conn.execute(
        'CREATE TEMP TABLE ahead_terms ON COMMIT DROP AS SELECT s.term COLLATE "C" AS term, '
        "s.docs, 0::float8 AS threshold FROM term_stats s WHERE s.docs >= %s AND NOT EXISTS "
        "(SELECT 1 FROM term_lists l WHERE l.term = s.term)",
        [min_df],
    )
    if conn.execute("SELECT EXISTS (SELECT 1 FROM ahead_terms)").fetchone() != (True,):
        conn.execute("DROP TABLE ahead_terms")
        return 0
    # The sorts in memory where they fit; and the clips' terms hashed against the chosen
    # ones, never sorted for a merge join (the planner guesses 10 terms a clip, not 450).
    conn.execute("SET LOCAL work_mem = '256MB'")
    conn.execute("SET LOCAL enable_mergejoin = off")
    conn.execute("ANALYZE ahead_terms")
    args = {"k1": K1, "b": B, "avg": avg_len, "size": size}
    rank = max(1, round(size * SAMPLE_RANK))
    sample = _POSTINGS.format(
        source=f"clips c TABLESAMPLE BERNOULLI ({SAMPLE_PERCENT}) REPEATABLE (21)", only=""
    )
    conn.execute(
        "UPDATE ahead_terms a SET threshold = x.impact FROM (SELECT term, impact FROM "
        "(SELECT term, impact, row_number() OVER (PARTITION BY term ORDER BY impact DESC) "
        f"AS r FROM ({sample}) p) s WHERE r = %(rank)s) x WHERE x.term = a.term",
        {**args, "rank": rank},
    )
    everything = _POSTINGS.format(source="clips c", only="")
    conn.execute(
        f"CREATE TEMP TABLE ahead_top ON COMMIT DROP AS {_RANKED.format(postings=everything)}",
        args,
    )
    short = conn.execute(  # the threshold was too high: from all their clips
        "UPDATE ahead_terms a SET threshold = 0 FROM (SELECT a.term FROM ahead_terms a "
        "LEFT JOIN ahead_top t USING (term) WHERE a.threshold > 0 GROUP BY a.term "
        "HAVING count(t.seq) < %s) k WHERE a.term = k.term RETURNING a.term",
        [size],
    ).fetchall()
    if short:
        conn.execute("DELETE FROM ahead_top WHERE term = ANY(%s)", [[t for (t,) in short]])
        again = _POSTINGS.format(
            source="clips c", only="AND a.threshold = 0 AND a.term = ANY(%(short)s)"
        )
        conn.execute(
            f"INSERT INTO ahead_top {_RANKED.format(postings=again)}",
            {**args, "short": [t for (t,) in short]},
        )
    made = conn.execute(
        "INSERT INTO term_lists (term, floor, avg_len, entries) SELECT t.term, CASE WHEN "
        "a.docs > %s THEN min(t.impact) ELSE 0 END, %s, count(*) FROM ahead_top t JOIN "
        "ahead_terms a USING (term) GROUP BY t.term, a.docs",
        [size, avg_len],
    ).rowcount
    conn.execute("INSERT INTO term_top (term, seq, impact) SELECT term, seq, impact FROM ahead_top")
    conn.execute("DROP TABLE ahead_top, ahead_terms")
    return made


def keep(conn: psycopg.Connection, rows: list[tuple[str, int, float]], size: int) -> int:
    """Put (term, clip, impact) rows of new clips into their lists, and cut the lists
    grown past LIST_GROWTH x ``size`` back to their best ``size`` (with ties), raising
    the floor to the last kept; returns how many were cut. In the writer's transaction,
    under the writers' lock."""
    terms, seqs, impacts = (list(column) for column in zip(*rows, strict=True))
    added = conn.execute(
        "INSERT INTO term_top (term, seq, impact) SELECT * FROM unnest(%s::text[], "
        "%s::bigint[], %s::float8[]) ON CONFLICT DO NOTHING RETURNING term",
        [terms, seqs, impacts],
    ).fetchall()
    grown = conn.execute(
        "UPDATE term_lists l SET entries = l.entries + n FROM (SELECT term, count(*) AS n "
        "FROM unnest(%s::text[]) AS a(term) GROUP BY term) a WHERE a.term = l.term "
        "RETURNING l.term, l.entries",
        [[term for (term,) in added]],
    ).fetchall()
    cut = 0
    for term, entries in grown:
        if entries <= LIST_GROWTH * size:
            continue
        last = conn.execute(
            "SELECT impact FROM term_top WHERE term = %s ORDER BY impact DESC OFFSET %s LIMIT 1",
            [term, size - 1],
        ).fetchone()
        if last is not None:  # else clips were removed: fewer than ``size`` are left
            conn.execute("UPDATE term_lists SET floor = %s WHERE term = %s", [last[0], term])
            conn.execute("DELETE FROM term_top WHERE term = %s AND impact < %s", [term, last[0]])
            cut += 1
        conn.execute(
            "UPDATE term_lists SET entries = (SELECT count(*) FROM term_top WHERE term = %s) "
            "WHERE term = %s",
            [term, term],
        )
    return cut

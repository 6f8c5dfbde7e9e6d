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
  writers' lock, the best ``LIST_SIZE`` kept) and kept by every writer after (a new clip
  at or above the floor goes in, in the batch's transaction); a removed clip leaves its
  lists by the foreign key; a reindex or a copy into the archive drops them all.
- A search whose wanted phrases are single terms reads the top of each term's list (a
  rare term contributes all its clips), scores those candidates exactly (the query,
  its exclusions and filters, BM25 as FTS5's), and keeps them when the k-th score is
  above what any other clip could reach: the sum over phrases of IDF x (K1 + 1) x the
  saturation bound below the part of each list that was read. Otherwise it reads the
  whole lists; otherwise the text index ranks as before. The answer is exact either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from clipping_archive.storage import tsquery
from clipping_archive.storage.pg_rank import BODY_WEIGHT, PARTS_WEIGHT, TITLE_WEIGHT, length_norm

# A term in more clips than this gets a list when a broad search needs it; one in fewer
# gives all its clips as candidates (a list of a term in 5,000 clips costs ~0.1 s once;
# 5,000 candidates cost that on every search).
LIST_MIN_DF = 200
LIST_SIZE = 1_000  # clips a list is made with (it grows above its floor after)
FIRST_READ = 200  # read from the top of each list before the whole of it

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

"""Top lists (storage.pg_toplists): a PostgreSQL search answered from the impact-ordered
lists of its common words ranks exactly as SQLite's FTS5 does (the same clips, order and
scores), before and after writers add and remove clips; and the bound that lets it stop
early holds for every clip. The lists are made tiny here (a term in 3 clips has a list of
4, 2 read first) so that 150 real clips exercise what 1M clips do."""

from __future__ import annotations

import random

import pg_server as server
import pytest
from conftest import SEED_FILES, make_corpus
from pg_fixtures import RUN

from clipping_archive.analysis import FAMILY_MARK
from clipping_archive.ingest.prepare import prepare_file
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import Phrase, parse_query
from clipping_archive.storage import open_store
from clipping_archive.storage.pg_toplists import bound, impact
from clipping_archive.storage.postgres import PostgresStore
from clipping_archive.storage.sqlite import SQLiteStore

QUERIES = [
    "aanslag", "ISIS", "attacks", "isis aanslag", "state OR staat", "isis -moskou",
    "خراسان", "داعش", "Moskou", "concert", "الدولة",
    '"islamic state"', '"de aanslag"', '"الدولة الإسلامية"', '"the attack" -moscow',
]  # fmt: skip
FILTERS = [Filters(), Filters(language="nl"), Filters(since="2024-03")]


def test_the_bound_holds_for_any_clip_below_the_floor():
    rng = random.Random(21)
    for _ in range(20_000):
        f = rng.choice([0.5, 1, 1.5, 2, 3, 5, 6, 11, 40]) * rng.randint(1, 3)
        length = rng.randint(1, 5_000)
        avg_ref, avg_now = rng.uniform(20, 900), rng.uniform(20, 900)
        below = impact(f, length, avg_ref)  # the clip is at the floor itself: worst case
        assert impact(f, length, avg_now) <= bound(below, avg_ref, avg_now) + 1e-12


@pytest.fixture(scope="module")
def clips(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("corpus")
    prepared = [prepare_file(p) for p in [*SEED_FILES, *make_corpus(folder, 150)]]
    return [c for c in prepared if not hasattr(c, "reason")]


@pytest.fixture
def pair(clips, pg_server, tmp_path):
    url = server.create_database(pg_server, server.new_database_name(RUN))
    pg = open_store(url)
    pg.exact_rank_limit, pg.list_min_df, pg.list_size, pg.first_read = 0, 3, 4, 2
    pg.score_chunk = 1  # candidates scored two at a time (or twice the page), best first
    sq = SQLiteStore(tmp_path / "a.db")
    try:
        yield pg, sq
    finally:
        pg.close()
        sq.close()
        server.drop_database(pg_server, url.rsplit("/", 1)[1])


def ranked(store, query: str, filters: Filters, limit: int) -> list[tuple[str, float]]:
    found = store.matches(parse_query(query), filters, limit=limit)
    return [(m.clip["id"], round(m.score, 6)) for m in found]


def same_ranking(pg, sq) -> None:
    for query in QUERIES:
        for filters in FILTERS:
            for limit in (1, 2, 3, 7):
                expected = ranked(sq, query, filters, limit)
                assert ranked(pg, query, filters, limit) == expected, (query, filters, limit)


def test_searches_from_the_lists_rank_as_fts5_while_clips_come_and_go(pair, clips):
    pg, sq = pair
    half = len(clips) // 2
    for store in (pg, sq):
        for i in range(0, half, 20):
            store.add_clips(clips[i : min(i + 20, half)])
    same_ranking(pg, sq)
    made = pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0]
    answered = pg.lists_used
    assert made > 0 and answered > 0  # the lists were made and answered searches
    pg.matches(parse_query('"الدولة الإسلامية"'), Filters(), limit=1)
    assert pg.lists_used == answered + 1  # a phrase too, bounded by its words' lists
    for store in (pg, sq):  # writers keep the lists: the new clips go in where they reach
        for i in range(half, len(clips), 20):
            store.add_clips(clips[i : i + 20])
    same_ranking(pg, sq)
    assert pg.lists_used > answered
    best = [m.clip["id"] for m in pg.matches(parse_query("ISIS"), Filters(), limit=5)]
    for store in (pg, sq):  # a removed clip leaves its lists
        store.remove_clips(best)
    same_ranking(pg, sq)


def test_a_reindex_drops_the_lists_and_searches_make_them_again(pair, clips):
    pg, sq = pair
    for store in (pg, sq):
        store.add_clips(clips[:60])
    same_ranking(pg, sq)
    assert pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] > 0
    from clipping_archive.archive import Archive

    archive = Archive(pg.location)
    try:
        archive.reindex()
    finally:
        archive.close()
    assert pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] == 0
    same_ranking(pg, sq)


def test_clips_copied_in_drop_the_lists_so_none_is_missed(pair, clips, tmp_path):
    from clipping_archive.copying import copy_archive

    pg, sq = pair
    pg.add_clips(clips[:60])
    sq.add_clips(clips[:60])
    same_ranking(pg, sq)
    assert pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] > 0
    other = SQLiteStore(tmp_path / "other.db")  # a desk archive moving up
    other.add_clips(clips[60:])
    copy_archive(other, pg)
    other.close()
    sq.add_clips(clips[60:])
    same_ranking(pg, sq)


def test_searches_opened_read_only_make_lists_and_a_reading_role_ranks_without(
    pair, clips, pg_server
):
    pg, sq = pair
    for store in (pg, sq):
        store.add_clips(clips[:80])
    url = pg_server.rsplit("/", 1)[0] + "/" + pg.location.rsplit("/", 1)[1]
    reader = open_store(url, readonly=True)  # as every search opens the archive
    reader.exact_rank_limit, reader.list_min_df, reader.list_size, reader.first_read = 0, 3, 4, 2
    try:
        same_ranking(reader, sq)
        assert reader.lists_used > 0
        assert pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] > 0
    finally:
        reader.close()
    pg.conn.execute("DELETE FROM term_lists")
    role = f"reader_{RUN}"
    pg.conn.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        pg.conn.execute(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"')
        host = url.split("://", 1)[1]
        looker = open_store(f"postgresql://{role}@{host.split('@')[-1]}", readonly=True)
        looker.exact_rank_limit, looker.list_min_df, looker.list_size = 0, 3, 4
        try:
            same_ranking(looker, sq)  # no list can be made: the text index ranks
            assert looker.lists_used == 0
        finally:
            looker.close()
    finally:
        pg.conn.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{role}"')
        pg.conn.execute(f'DROP ROLE "{role}"')


def _lists_of(store) -> dict:
    conn = store.conn
    lists = {t: (f, a) for t, f, a in conn.execute("SELECT term, floor, avg_len FROM term_lists")}
    top: dict = {}
    for term, seq, weight in conn.execute("SELECT term, seq, impact FROM term_top"):
        top.setdefault(term, set()).add((seq, weight))
    return {t: (*lists[t], frozenset(top.get(t, ()))) for t in lists}


@pytest.mark.parametrize(
    "sample", [(5, 0.1), (100, 0.01)], ids=["sampled thresholds", "thresholds too high"]
)
def test_lists_made_ahead_in_one_pass_equal_lists_made_by_searches(
    pair, clips, monkeypatch, sample
):
    from clipping_archive.storage import pg_toplists

    monkeypatch.setattr(pg_toplists, "SAMPLE_PERCENT", sample[0])
    monkeypatch.setattr(pg_toplists, "SAMPLE_RANK", sample[1])  # 1st: every term again
    pg, _ = pair
    pg.add_clips(clips)
    terms = [
        t for (t,) in pg.conn.execute("SELECT term FROM term_stats WHERE docs >= 3 ORDER BY term")
    ]
    with pg.conn.transaction():  # every list made one by one, as searches make them
        avg_len = pg._stats().avg_len
        for term in terms:
            level = "family" if term.startswith(FAMILY_MARK) else "lemma"
            pg._make_list(pg.conn, Phrase((term,), level=level), avg_len)
    one_by_one = _lists_of(pg)
    pg.conn.execute("DELETE FROM term_lists")
    pg.ahead_min_df = 3
    with pg.conn.transaction():
        assert pg._make_lists_ahead(pg.conn) == len(terms)
        assert pg._make_lists_ahead(pg.conn) == 0  # a term's list is made once
    assert len(one_by_one) == len(terms) > 100
    assert any(floor > 0 for floor, _, _ in one_by_one.values())  # some lists were cut
    assert _lists_of(pg) == one_by_one  # the same floors, clips and impacts, bit for bit


@pytest.mark.parametrize("how", ["bulk load", "reindex"])
def test_a_bulk_load_or_a_reindex_makes_the_common_terms_lists_before_any_search(
    pair, clips, monkeypatch, how
):
    from clipping_archive.storage import postgres

    pg, sq = pair
    for name, value in {"BULK_MIN": 10, "AHEAD_MIN_DF": 4, "LIST_SIZE": 4}.items():
        monkeypatch.setattr(postgres, name, value)
    writer = open_store(pg.url)
    try:
        if how == "bulk load":
            with writer.bulk_load(lambda: len(clips)):
                for i in range(0, len(clips), 25):
                    writer.add_clips(clips[i : i + 25])
        else:
            writer.add_clips(clips)
            assert writer.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] == 0
            from clipping_archive.ingest import index_row

            writer.rebuild_index(index_row)
    finally:
        writer.close()
    sq.add_clips(clips)
    made = pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0]
    common = pg.conn.execute("SELECT count(*) FROM term_stats WHERE docs >= 4").fetchone()[0]
    assert made == common > 0
    same_ranking(pg, sq)  # pg's own thresholds: terms in 4 clips or more have lists
    assert pg.lists_used > 0
    assert pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] == made


def test_many_queries_from_the_clips_own_words_rank_as_fts5(pair, clips):
    """Words, ANDs, ORs and phrases drawn from the clips' own text (fixed seed): the
    lists' early stops (candidates scored best possible first, a few at a time) give
    FTS5's ranking every time."""
    pg, sq = pair
    for store in (pg, sq):
        store.add_clips(clips)
    rng = random.Random(5)
    texts = [c.body.split() for c in clips if len(c.body.split()) > 40]
    queries = []
    for _ in range(40):
        words = rng.choice(texts)
        i = rng.randrange(len(words) - 2)
        a, b = (w.strip(".,:;!?()\"'") for w in words[i : i + 2])
        if a and b:
            queries += [a, f"{a} {b}", f"{a} OR {b}", f'"{a} {b}"']
    for query in queries:
        for limit in (1, 3, 10):
            expected = ranked(sq, query, Filters(), limit)
            assert ranked(pg, query, Filters(), limit) == expected, (query, limit)
    assert pg.lists_used > 50


def _entries(pg) -> dict:
    rows = pg.conn.execute(
        "SELECT l.term, l.entries, count(t.seq) FROM term_lists l LEFT JOIN term_top t "
        "USING (term) GROUP BY l.term, l.entries"
    ).fetchall()
    return {term: (entries, held) for term, entries, held in rows}


def test_lists_grown_by_writers_are_cut_back_and_still_rank_as_fts5(pair, clips, monkeypatch):
    from clipping_archive.storage import pg_toplists

    monkeypatch.setattr(pg_toplists, "LIST_GROWTH", 1)  # cut a list as soon as it grows
    pg, sq = pair
    for store in (pg, sq):
        store.add_clips(clips[:40])
    same_ranking(pg, sq)  # the searches make the lists
    floors = dict(pg.conn.execute("SELECT term, floor FROM term_lists").fetchall())
    for store in (pg, sq):
        for i in range(40, len(clips), 10):
            store.add_clips(clips[i : i + 10])
    now = dict(pg.conn.execute("SELECT term, floor FROM term_lists").fetchall())
    assert sum(now[t] > floors[t] for t in floors) > 5  # lists were cut: their floors rose
    counts = _entries(pg)
    assert all(entries == held for entries, held in counts.values())
    above = pg.conn.execute(  # a list holds its best 4 and the clips tied with the 4th
        "SELECT max(n) FROM (SELECT count(*) AS n FROM term_top t JOIN term_lists l "
        "USING (term) WHERE t.impact > l.floor GROUP BY term) x"
    ).fetchone()[0]
    assert above <= 3
    same_ranking(pg, sq)


def _archive_of_release(pg, clips, monkeypatch, migrations: int, lists: int) -> list[str]:
    """Make ``pg``'s database an archive of the release with the first ``migrations``
    PostgreSQL migrations: clips written, and the top ``lists`` terms' lists as that
    release wrote them (every clip holding the term, floor 0); returns those terms."""
    from clipping_archive.storage import pg_schema

    pg.conn.execute("DROP SCHEMA public CASCADE")
    pg.conn.execute("CREATE SCHEMA public")
    with monkeypatch.context() as m:
        m.setattr(pg_schema, "MIGRATIONS", pg_schema.MIGRATIONS[:migrations])
        m.setattr(PostgresStore, "_keep_lists", lambda *a: None)  # (no lists yet)
        old = open_store(pg.url)
        old.add_clips(clips)
        listed = [
            t
            for (t,) in old.conn.execute(
                "SELECT term FROM term_stats WHERE docs >= 3 ORDER BY docs DESC, term LIMIT %s",
                [lists],
            ).fetchall()
        ]
        for term in listed:
            old.conn.execute(
                "INSERT INTO term_lists (term, floor, avg_len) VALUES (%s, 0, 100)", [term]
            )
            old.conn.execute(
                "INSERT INTO term_top (term, seq, impact) SELECT %s, seq, 0.5 FROM clips "
                "WHERE tsv @@ %s::tsquery",
                [term, "'" + term.replace("'", "''") + "'"],
            )
        old.close()
    return listed


def test_an_archive_from_before_list_entries_is_upgraded_with_them_counted(
    pair, clips, monkeypatch
):
    pg, _ = pair
    _archive_of_release(pg, clips[:60], monkeypatch, migrations=3, lists=5)
    new = open_store(pg.url)  # this release: upgraded in place
    try:
        done = {n for (n,) in new.conn.execute("SELECT name FROM _pg_migrations")}
        assert "0004_list_entries" in done
        counts = _entries(new)
        assert counts and all(entries == held > 0 for entries, held in counts.values())
    finally:
        new.close()


# -- postings (storage.pg_postings) ------------------------------------------------------


def _postings_truth(pg) -> dict:
    """term -> [(seq, weighted instances, length)] of every listed term, from the clips'
    tsvectors (as a search scores them)."""
    from clipping_archive.storage.pg_rank import RANK_CD_WEIGHTS, instances

    out = {}
    for (term,) in pg.conn.execute("SELECT term FROM term_lists ORDER BY term").fetchall():
        query = "'" + term.replace("'", "''") + "'"
        rows = pg.conn.execute(
            f"SELECT seq, ts_rank_cd('{RANK_CD_WEIGHTS}', tsv, %s::tsquery, 0), doc_len "
            "FROM clips WHERE tsv @@ %s::tsquery ORDER BY seq",
            [query, query],
        ).fetchall()
        out[term] = [(seq, instances(rank), length) for seq, rank, length in rows]
    return out


def _postings_held(pg) -> dict:
    from clipping_archive.storage import pg_postings

    terms = [t for (t,) in pg.conn.execute("SELECT term FROM term_lists").fetchall()]
    held = pg_postings.read(pg.conn, terms)
    live = {s for (s,) in pg.conn.execute("SELECT seq FROM clips").fetchall()}
    return {  # a removed clip's postings stay (searches check the clips): not counted
        t: [
            (int(s), float(f), int(n))
            for s, f, n in zip(p.seqs, p.freqs, p.lens, strict=True)
            if s in live
        ]
        for t, p in held.items()
    } | {t: [] for t in terms if t not in held}


def test_postings_hold_every_clip_of_each_listed_term_as_its_tsvector_does(
    pair, clips, monkeypatch
):
    from clipping_archive.storage import pg_postings

    monkeypatch.setattr(pg_postings, "MAX_SEGMENTS", 3)  # merged every few batches
    pg, _ = pair
    pg.add_clips(clips[:40])
    for query in ("isis aanslag", "state staat", "داعش الدولة"):  # lists made by searches
        pg.matches(parse_query(query), Filters(), limit=3)
    assert pg.conn.execute("SELECT count(*) FROM term_lists").fetchone()[0] > 3
    for i in range(40, len(clips), 10):  # writers add a segment a batch, merged
        pg.add_clips(clips[i : i + 10])
    segments = dict(
        pg.conn.execute("SELECT term, count(*) FROM term_postings GROUP BY term").fetchall()
    )
    assert max(segments.values()) <= pg_postings.MAX_SEGMENTS + 1
    assert max(segments.values()) > 1
    pg.remove_clips([c.id for c in clips[:5]])
    assert _postings_held(pg) == _postings_truth(pg)
    pg.conn.execute("DELETE FROM term_postings")  # made in one pass (a bulk load's end)
    pg.conn.execute("UPDATE term_lists SET postings = false")
    with pg.conn.transaction():
        pg_postings.make(pg.conn)
    assert _postings_held(pg) == _postings_truth(pg)


CONJUNCTIONS = [
    "isis aanslag", "islamic state", "the attack", "state OR staat aanslag",
    "isis attack -moscow", "داعش الدولة", "الدولة -خراسان", "de het", "the of and",
]  # fmt: skip


def test_conjunctions_rank_from_postings_as_fts5_while_clips_come_and_go(
    pair, clips, monkeypatch
):
    from clipping_archive.storage import pg_postings

    monkeypatch.setattr(pg_postings, "MAX_SEGMENTS", 3)
    pg, sq = pair

    def same() -> None:
        for query in CONJUNCTIONS:
            for filters in FILTERS:
                for limit in (1, 3, 10):
                    expected = ranked(sq, query, filters, limit)
                    assert ranked(pg, query, filters, limit) == expected, (query, filters)
                for at_most in (None, 1, 5):  # counts from the postings too
                    parsed = parse_query(query)
                    expected_count = sq.count_matches(parsed, filters, at_most)
                    counted = pg.count_matches(parsed, filters, at_most)
                    assert counted == expected_count, (query, filters, at_most)

    for store in (pg, sq):
        for i in range(0, len(clips) // 2, 15):
            store.add_clips(clips[i : min(i + 15, len(clips) // 2)])
    same()
    assert pg.postings_used > 0
    for store in (pg, sq):
        for i in range(len(clips) // 2, len(clips), 15):
            store.add_clips(clips[i : i + 15])
        store.remove_clips([c.id for c in clips[10:30]])
    answered = pg.postings_used
    same()
    assert pg.postings_used > answered


def test_an_archive_from_before_postings_gets_its_lists_postings_at_their_first_search(
    pair, clips, monkeypatch
):
    from clipping_archive.search.query import ParsedQuery

    pg, _ = pair
    url = pg.url
    listed = _archive_of_release(pg, clips[:80], monkeypatch, migrations=4, lists=6)
    new = open_store(url)  # this release: upgraded in place, at once
    new.exact_rank_limit, new.list_min_df = 0, 3
    try:
        done = {n for (n,) in new.conn.execute("SELECT name FROM _pg_migrations")}
        assert "0005_term_postings" in done
        assert not any(_postings_held(new).values())  # none yet
        new.add_clips(clips[80:100])  # writers add none to lists whose postings are not whole
        assert not any(_postings_held(new).values())
        for a, b in zip(listed, listed[1:], strict=False):  # conjunctions: made when needed
            query = ParsedQuery((((_phrase(a),),), ((_phrase(b),),)), (), frozenset())
            new.matches(query, Filters(), limit=3)
        held = _postings_held(new)
        assert len(held) == 6 and all(held.values())
        assert held == _postings_truth(new)
        assert new.postings_used > 0
    finally:
        new.close()


def _phrase(term: str) -> Phrase:
    return Phrase((term,), level="family" if term.startswith(FAMILY_MARK) else "lemma")


@pytest.mark.parametrize("spread", [1, 10_000_000], ids=["dense numbers", "sparse numbers"])
def test_the_clips_matching_every_clause_are_found_as_sets_find_them(spread):
    from clipping_archive.storage import pg_postings

    rng = random.Random(spread)
    held = {
        t: sorted(rng.sample(range(2_000), rng.randint(0, 600)))
        for t in ("a", "b", "c", "d", "e")
    }
    postings = {
        t: pg_postings.from_rows([(s * spread, 1, 1.0) for s in seqs]) for t, seqs in held.items()
    }
    for clauses in ([["a"]], [["a"], ["b"]], [["a", "c"], ["b"]], [["a", "b"], ["c", "d"], ["e"]]):
        expected = set.intersection(*({s * spread for t in c for s in held[t]} for c in clauses))
        found, _ = pg_postings.matching(clauses, postings)
        assert found.tolist() == sorted(expected), clauses


def test_chunks_best_first_are_the_full_order_with_ties_in_clip_order():
    import numpy as np

    from clipping_archive.storage import pg_postings

    rng = np.random.default_rng(3)
    seqs = rng.permutation(5_000)
    scores = rng.integers(0, 40, 5_000) / 8  # many ties, across every chunk's edge
    chunks = list(pg_postings.best_first(seqs, scores, 7))
    assert [len(c[0]) for c in chunks][:4] == [7, 14, 28, 56]
    taken = [(s, q) for part, ss in chunks for q, s in zip(part, ss, strict=True)]
    every = zip(scores.tolist(), seqs.tolist(), strict=True)
    assert taken == sorted(every, key=lambda x: (-x[0], x[1]))

"""The PostgreSQL backend through ``open_store(url)``, on a real server (tests/pg_server.py)
with real prepared clips (the seeds, and clips made of their paragraphs): what it stores,
how it ranks (the same BM25 scores and hit places as SQLite's FTS5 on the same clips), its
filters, facets, clusters, tags and watches, and the limits of a tsvector."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

import pg_server as server
import psycopg
import pytest
from conftest import ODD_INPUTS, SEED_FILES, make_corpus, prepare_lines
from pg_fixtures import RUN

from clipping_archive.errors import ClipError, QueryError, StorageError
from clipping_archive.ingest.prepare import prepare_file
from clipping_archive.models import Rejection
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import Phrase, parse_query
from clipping_archive.storage import open_store
from clipping_archive.storage.base import Store
from clipping_archive.storage.postgres import BULK_MIN, DEFERRED_KEY, PostgresStore
from clipping_archive.storage.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "aanslag", "aanslagen", "ISIS", "خراسان", "داعش", "attacks", "caliphate", "terror*",
    '"islamic state"', '"Islamitische Staat"', "isis -moskou", "isis aanslag",
    "state OR staat", "ISIS-Khorasan", "Dagestan OR Moskou", "synagoge kerk", "aan*",
    '"de aanslag"', "Rusland NOT Moskou", "الدولة الإسلامية", "terroristen", "2024",
]  # fmt: skip


# -- shared corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def prepared(tmp_path_factory) -> list:
    folder = tmp_path_factory.mktemp("corpus")
    files = [*SEED_FILES, *make_corpus(folder, 60)]
    clips = [prepare_file(p) for p in files]
    return [c for c in clips if not hasattr(c, "reason")]


@pytest.fixture(scope="module")
def both(prepared, pg_server, tmp_path_factory):
    """The same clips in a PostgreSQL database and a SQLite file, imported in the same
    batches."""
    name = server.new_database_name(RUN)
    url = server.create_database(pg_server, name)
    pg = open_store(url)
    sq = SQLiteStore(tmp_path_factory.mktemp("sqlite") / "a.db")
    for i in range(0, len(prepared), 25):
        pg.add_clips(prepared[i : i + 25])
        sq.add_clips(prepared[i : i + 25])
    try:
        yield pg, sq
    finally:
        pg.close()
        sq.close()
        server.drop_database(pg_server, name)


def ranked(store, query: str, filters: Filters = Filters(), **kwargs) -> list[tuple]:
    """(id, score to 6 places, hit ordinals) of a page, from either backend."""
    return [
        (m.clip["id"], round(m.score, 6), tuple(m.body_hits or ()))
        for m in store.matches(parse_query(query), filters, **kwargs)
    ]


# -- storing -------------------------------------------------------------------------------


def test_open_store_gives_a_postgres_store_that_keeps_the_contract(pg_url):
    store = open_store(pg_url)
    try:
        assert isinstance(store, PostgresStore)
        assert isinstance(store, Store)
        assert store.count() == 0
        from clipping_archive.storage.pg_schema import schema_version

        assert store.meta("schema_version") == schema_version()
        assert store.side_files() == set()
        assert store.size_on_disk() > 0
    finally:
        store.close()


def test_clips_are_stored_whole_and_read_back_by_id(pg_url):
    clips = [prepare_file(p) for p in SEED_FILES]
    with open_store(pg_url) as store:
        results = store.add_clips(clips, {c.path: (1, 2) for c in clips})
        assert [r.added for r in results] == [True] * len(clips)
        first = clips[0]
        got = store.get(first.id)
        assert "seq" not in got and "tsv" not in got
        assert got["body"] == first.body and got["raw"] == first.raw
        assert got["title"] == first.metadata.title
        assert got["title_derived"] is first.metadata.title_derived
        assert isinstance(got["languages"], list) and isinstance(got["stripped"], list)
        assert store.ids_with_prefix(first.id[:6], 5) == [first.id]
        assert store.existing_ids([first.id, "0" * 16]) == [first.id]
        assert store.count() == len(clips)


def test_duplicates_in_a_batch_and_across_batches_are_stored_once(pg_url):
    clips = [prepare_file(p) for p in SEED_FILES]
    with open_store(pg_url) as store:
        first = store.add_clips([clips[0], clips[1], clips[0]])
        assert [r.added for r in first] == [True, True, False]
        assert first[2].duplicate_of == clips[0].id
        again = store.add_clips(clips)
        assert [r.added for r in again] == [False, False, True, True, True]
        assert store.count() == len(clips)
        assert store.ids_for_hashes([c.content_hash for c in clips[:2]]) == {
            c.content_hash: c.id for c in clips[:2]
        }


def test_the_import_log_says_which_files_are_unchanged(pg_url):
    clips = [prepare_file(p) for p in SEED_FILES[:2]]
    stamps = {c.path: (100, 200) for c in clips}
    with open_store(pg_url) as store:
        store.add_clips(clips, stamps)
        assert set(store.known_files(stamps)) == set(stamps)
        assert store.known_files({clips[0].path: (100, 201)}) == {}  # touched since
        again = store.add_clips(clips, stamps)
        assert all(r.unchanged for r in again)
        store.log_rejections([Rejection("bad.txt", "no text")], {"bad.txt": (3, 4)})
        logged = store.conn.execute(
            "SELECT outcome, reason, clip_id FROM import_log WHERE path LIKE %s", ["%bad.txt"]
        ).fetchall()
        assert logged == [("rejected", "no text", None)]


def test_a_reader_never_creates_and_never_writes(pg_url):
    from clipping_archive import Archive

    assert not Archive(pg_url).exists()  # an empty database is no archive yet
    with pytest.raises(StorageError, match="no archive"):
        open_store(pg_url, readonly=True)
    assert not Archive(pg_url).exists()
    with open_store(pg_url) as store:
        store.add_clips([prepare_file(SEED_FILES[0])])
    assert Archive(pg_url).exists()
    with open_store(pg_url, readonly=True) as reader:
        assert reader.count() == 1
        with pytest.raises(ClipError):
            reader.add_clips([prepare_file(SEED_FILES[1])])
        assert reader.count() == 1


# -- ranking and hits: the same as SQLite's FTS5 ---------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_ranking_scores_and_hits_equal_sqlite(both, query):
    pg, sq = both
    assert ranked(pg, query, limit=None) == ranked(sq, query, limit=None)
    assert pg.count_matches(parse_query(query), Filters()) == sq.count_matches(
        parse_query(query), Filters()
    )


def test_pages_and_date_sorts_equal_sqlite(both):
    pg, sq = both
    for sort in ("relevance", "newest", "oldest"):
        pg_ids = [r[0] for r in ranked(pg, "isis", sort=sort, limit=7, offset=3)]
        sq_ids = [r[0] for r in ranked(sq, "isis", sort=sort, limit=7, offset=3)]
        if sort == "relevance":
            assert pg_ids == sq_ids
        else:  # ties within a date are in import order here, by rank in SQLite
            assert len(pg_ids) == len(sq_ids) == 7


def test_broad_queries_are_reranked_from_the_index_candidates(both, monkeypatch):
    """A query the top lists cannot answer (a prefix) matching more clips than
    EXACT_FALLBACK takes the index's best candidates and re-ranks them by BM25: with
    candidates to spare, the same top; and below EXACT_FALLBACK it is scored whole."""
    import clipping_archive.storage.postgres as pgmod

    pg, sq = both
    pg.exact_rank_limit = pg.exact_fallback = 1
    monkeypatch.setattr(pgmod, "CANDIDATES", 60)
    calls = []
    scored = pg._scored
    monkeypatch.setattr(pg, "_scored", lambda *a, **k: calls.append(a[2]) or scored(*a, **k))
    assert ranked(pg, "isla*", limit=5) == ranked(sq, "isla*", limit=5)
    assert calls == [60]  # the index's 60 best
    pg.exact_fallback = 1_000
    assert ranked(pg, "isla*", limit=5) == ranked(sq, "isla*", limit=5)
    assert calls == [60, None]  # every match


def test_body_hits_by_id_are_phrase_aware(both):
    pg, _ = both
    parsed = parse_query('"islamic state"')
    top = pg.matches(parsed, Filters(), limit=1)[0]
    assert pg.body_hits(parsed, [top.clip["id"]])[top.clip["id"]] == top.body_hits
    terms = (
        pg.conn.execute("SELECT body_terms FROM clips WHERE id = %s", [top.clip["id"]])
        .fetchone()[0]
        .split()
    )
    for i in top.body_hits:
        assert terms[i] in ("islam", "state", "islamic")


@pytest.mark.parametrize("query", ODD_INPUTS)
def test_odd_queries_reach_sql_as_parameters_only(both, query):
    pg, _ = both
    try:
        parsed = parse_query(query)
    except QueryError:
        return
    pg.matches(parsed, Filters())
    pg.count_matches(parsed, Filters())


def test_quotes_and_backslashes_in_terms_are_lexemes_not_syntax(pg_url):
    with open_store(pg_url) as store:
        store.add_clips([prepare_file(SEED_FILES[0])])
        weird = Phrase(("it's", "a\\b", "x:*", "&|!"))
        from clipping_archive.search.query import ParsedQuery

        parsed = ParsedQuery(((( weird,),),), (), frozenset())  # fmt: skip
        assert store.matches(parsed, Filters()) == []


def test_a_family_phrase_matches_compound_parts_only(pg_url):
    """A Phrase of level "family" is matched against the coarse level (weight D, SQLite's
    parts column) only: found where the term is among a clip's parts, not where it is
    only a word of the title or body; it marks no body word."""
    from clipping_archive.search.query import ParsedQuery

    clips = [prepare_file(p) for p in SEED_FILES[:2]]
    with open_store(pg_url) as store:
        store.add_clips(clips)

        def found(phrase: Phrase) -> list[str]:
            parsed = ParsedQuery((((phrase,),),), (), frozenset(phrase.terms))
            return sorted(m.clip["id"] for m in store.matches(parsed, Filters()))

        words0 = set(clips[0].body_terms.split()) | set(clips[0].title_terms.split())
        part = next(t for t in clips[0].part_terms.split() if t not in words0)
        holding = sorted(c.id for c in clips if part in c.part_terms.split())
        assert found(Phrase((part,), level="family")) == holding
        anywhere = [
            c.id for c in clips if part in f"{c.title_terms} {c.body_terms} {c.part_terms}".split()
        ]
        assert found(Phrase((part,))) == sorted(anywhere)  # a word matches parts too
        all_parts = {t for c in clips for t in c.part_terms.split()}
        word = next(t for t in clips[0].body_terms.split() if t not in all_parts)
        assert found(Phrase((word,))) and found(Phrase((word,), level="family")) == []
        parsed = ParsedQuery((((Phrase((part,), level="family"),),),), (), frozenset())
        top = store.matches(parsed, Filters())
        assert top[0].body_hits == ()
        assert top[0].score > 0


# -- filters, facets, groups -----------------------------------------------------------------


def _filter_cases(sq) -> list[Filters]:
    authors = [a for (a,) in sq.conn.execute("SELECT DISTINCT author FROM clips") if a]
    sources = [s for (s,) in sq.conn.execute("SELECT DISTINCT source FROM clips") if s]
    cases = [
        Filters(language="nl"), Filters(language="AR"), Filters(since="2024-06-15"),
        Filters(until="2024-05"), Filters(since="2024", until="2024-06-23"),
        Filters(author="ali"), Filters(source="   "),
    ]  # fmt: skip
    for name in authors[:3] + sources[:3]:
        words = name.split()
        cases.append(Filters(author=name.upper()))
        cases.append(Filters(source=words[-1]))
        cases.append(Filters(source=" ".join(words[:2]).lower()))
    return cases


def test_filters_select_the_same_clips_as_sqlite(both):
    pg, sq = both
    for filters in _filter_cases(sq):
        for query in (None, "isis", "aanslag OR attacks"):
            parsed = parse_query(query) if query else None
            assert pg.count_matches(parsed, filters) == sq.count_matches(parsed, filters), (
                filters,
                query,
            )
        assert ranked(pg, "isis", filters, limit=None) == ranked(sq, "isis", filters, limit=None)


def test_a_name_filter_matches_whole_words_only(pg_url):
    clip = prepare_lines(
        "Door Khalil Abu-Shadi", "De aanslag in Moskou werd opgeëist door ISIS, meldt de krant."
    )
    with open_store(pg_url) as store:
        store.add_clips([clip])
        author = store.get(clip.id)["author"]
        if author is None:
            pytest.skip("the byline was not read as an author")
        parsed = parse_query("aanslag")
        assert store.count_matches(parsed, Filters(author="ali")) == 0
        assert store.count_matches(parsed, Filters(author="abu shadi")) == 1
        assert store.count_matches(parsed, Filters(author="ABU-SHADI")) == 1
        assert store.count_matches(parsed, Filters(author="shadi abu")) == 0


def _sorted(rows):
    return sorted(rows, key=lambda r: tuple("" if v is None else str(v) for v in r))


def test_facets_groups_timeline_and_summary_equal_sqlite(both):
    pg, sq = both
    for query in (None, "isis", "خراسان"):
        parsed = parse_query(query) if query else None
        for name in ("language", "source", "month", "year"):
            assert pg.facet(name, parsed, Filters()) == [
                tuple(r) for r in sq.facet(name, parsed, Filters())
            ], name
        assert _sorted(pg.date_counts(parsed, Filters())) == _sorted(
            sq.date_counts(parsed, Filters())
        )
        assert _sorted(pg.match_groups(parsed, Filters())) == _sorted(
            sq.match_groups_in_sql(parsed, Filters())
        )
    summary = pg.summary()
    expected = sq.summary()
    for key in ("by_language", "by_month", "by_source"):
        assert summary[key] == [tuple(r) for r in expected[key]], key
    for key in ("clips", "undated", "first_date", "last_date", "source_bytes"):
        assert summary[key] == expected[key], key
    assert pg.languages() == sq.languages()


def test_streams_all_clips_oldest_first_or_the_matches_by_score(both):
    pg, sq = both
    everything = [r for batch in pg.iter_clips(None, Filters(), ("date",)) for r in batch]
    assert len(everything) == pg.count()
    dated = [r["date"] for r in everything if r["date"]]
    assert len(dated) == len([r for r in everything if r["date"]])
    matched = [r for b in pg.iter_clips(parse_query("isis"), Filters(), ("title",)) for r in b]
    assert [(r["id"], round(r["score"], 6)) for r in matched] == [
        (i, s) for i, s, _ in ranked(sq, "isis", limit=None)
    ]


def test_vocabulary_near_counts_clips_per_term(both):
    pg, sq = both
    assert dict(pg.vocabulary_near("aanslag", 500)) == dict(sq.vocabulary_near("aanslag", 500))


# -- clusters, tags, watches ---------------------------------------------------------------


def test_near_duplicates_form_the_same_clusters_as_sqlite(both):
    pg, sq = both
    pg_sets = {frozenset(c["id"] for c in k["clips"]) for k in pg.clusters()}
    sq_sets = {frozenset(c["id"] for c in k["clips"]) for k in sq.clusters()}
    assert pg_sets == sq_sets and pg_sets
    for cluster in pg.clusters():
        assert cluster["cluster"] == cluster["clips"][0]["id"] or cluster["cluster"] in {
            c["id"] for c in cluster["clips"]
        }
    copies, total = pg.copy_share()
    assert (copies, total) == sq.copy_share()


def test_tags_and_watches(pg_url):
    clips = [prepare_file(p) for p in SEED_FILES]
    ids = [c.id for c in clips]
    with open_store(pg_url) as store:
        store.add_clips(clips)
        assert store.change_tag("review", ids[:3], add=True) == 3
        assert store.change_tag("review", ids[:3], add=True) == 0
        assert store.get(ids[0])["tags"] == ["review"]
        assert store.count_matches(None, Filters(tags=("review",))) == 3
        assert store.change_tag("review", ids[:1], add=False) == 1
        assert store.tag_counts() == [("review", 2)]
        store.add_watch("isis", "isis", {"lang": "nl"})
        with pytest.raises(ClipError, match="exists"):
            store.add_watch("isis", "isis", {})
        store.remember_seen("isis", ids[:2])
        assert store.seen_by_watch("isis", ids) == set(ids[:2])
        assert store.watches()[0]["reported"] == 2
        assert store.remove_watch("isis") and not store.remove_watch("isis")


def test_reindex_rebuilds_terms_stats_and_clusters(both, prepared, pg_url):
    from clipping_archive.ingest.fingerprint import signature
    from clipping_archive.ingest.prepare import index_fields
    from clipping_archive.storage.base import IndexRow

    pg, sq = both
    with open_store(pg_url) as store:
        store.add_clips(prepared)
        store.conn.execute("UPDATE clips SET tsv = ''::tsvector")  # a broken index
        store.conn.execute("TRUNCATE term_stats")

        def index_row(clip: dict) -> IndexRow:
            t, b, p, langs = index_fields(clip["title"], clip["body"], clip["language"])
            return IndexRow(t, b, p, tuple(langs), signature(b))

        assert store.rebuild_index(index_row, meta={"analyzer_version": "x"}) == len(prepared)
        assert store.meta("analyzer_version") == "x"
        assert ranked(store, "isis", limit=None) == ranked(pg, "isis", limit=None)
        assert store.copy_share() == pg.copy_share()


# -- the limits of a tsvector ----------------------------------------------------------------


def test_a_clip_longer_than_16383_words(pg_url):
    """Past position 16,383 a word is still found (the clip matches), a phrase there is
    not; hits are placed from the stored terms, so the tail's hit is shown where it is."""
    filler = "The committee met again today to discuss the budget of the harbour. " * 1700
    clip = prepare_lines(
        "Een lange notulen", filler, "A zeppelin landed quietly behind the town hall."
    )
    with open_store(pg_url) as store:
        store.add_clips([clip])
        found = store.matches(parse_query("zeppelin"), Filters())
        assert [m.clip["id"] for m in found] == [clip.id]
        terms = clip.body_terms.split()
        assert len(terms) > 16_383
        assert found[0].body_hits == (terms.index("zeppelin"),)
        assert store.matches(parse_query('"zeppelin landed"'), Filters()) == []  # documented
        # a phrase early in the clip is found, with its hits
        early = store.matches(parse_query('"committee meet"'), Filters())
        assert [m.clip["id"] for m in early] == [clip.id]
        first = terms.index("committee")
        assert early[0].body_hits[:2] == (first, first + 1)


def test_a_lexeme_keeps_256_positions(pg_url):
    """A word's 257th and later occurrences have no position: a phrase through them is
    not found, though the word is."""
    head = "Het college vergaderde opnieuw over de haven. " * 255
    head += "De gemeenteraad vergaderde ook. "  # the 256th: still placed
    head += "Het college vergaderde opnieuw over de haven. " * 44
    clip = prepare_lines("Notulen", head + "Toen vergaderde het zeppelinbestuur.")
    with open_store(pg_url) as store:
        store.add_clips([clip])
        assert store.count_matches(parse_query("zeppelinbestuur"), Filters()) == 1
        assert store.count_matches(parse_query('"college vergaderde"'), Filters()) == 1
        assert store.count_matches(parse_query('"gemeenteraad vergaderde"'), Filters()) == 1
        assert store.count_matches(parse_query('"toen vergaderde"'), Filters()) == 0


def test_a_word_longer_than_postgres_allows_is_stored_and_found(pg_url):
    """PostgreSQL refuses lexemes over 2,047 bytes: such a word is cut, in the clip and in
    the query alike, so the clip is stored (not its batch refused) and found."""
    word = "zeppelin" + "a" * 3000
    clip = prepare_lines("Een vreemd woord", f"In de tekst staat {word} en verder niets.")
    with open_store(pg_url) as store:
        assert store.add_clips([clip])[0].added
        assert [m.clip["id"] for m in store.matches(parse_query(word), Filters())] == [clip.id]


# -- bad databases ---------------------------------------------------------------------------


def test_a_database_of_another_application_is_refused(pg_url):
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(StorageError, match="not a clipping archive.*invoices"):
        open_store(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:  # nothing was added to it
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        tables = {r[0] for r in conn.execute(sql)}
    assert tables == {"invoices"}


def test_two_streams_read_at_once(both, monkeypatch):
    """An export and a timeline may read from one connection at the same time."""
    pg, _ = both
    import clipping_archive.storage.postgres as pgmod

    monkeypatch.setattr(pgmod, "READ_BATCH", 1)
    everything = pg.iter_clips(None, Filters(), ("title",))
    first = next(everything)  # the first stream is open when the second begins
    dutch = pg.iter_clips(None, Filters(language="nl"), ("title",))
    nl = next(dutch)
    rest = [r for batch in everything for r in batch]  # the first ends first
    nl += [r for batch in dutch for r in batch]
    assert len(first) + len(rest) == pg.count()
    assert len(nl) == pg.count_matches(None, Filters(language="nl"))


def test_scores_stay_equal_to_sqlite_after_removals_and_replacements(
    prepared, pg_url, tmp_path
):
    """Removing and replacing clips takes them out of the term statistics: BM25 on what
    is left equals FTS5's on the same clips."""
    pg = open_store(pg_url)
    sq = SQLiteStore(tmp_path / "a.db")
    try:
        for store in (pg, sq):
            store.add_clips(prepared, {c.path: (1, 1) for c in prepared})
            assert store.remove_clips([c.id for c in prepared[3:9]]) == 6
            edited = prepare_lines(prepared[0].body, "De redactie voegde later een zin toe.")
            changed = type(edited)(**{**edited.__dict__, "path": prepared[0].path})
            [result] = store.add_clips([changed], {changed.path: (2, 2)})
            assert result.replaced == prepared[0].id
        for query in ("isis", "aanslag", "خراسان", "attacks OR aanslag", '"islamic state"'):
            assert ranked(pg, query, limit=None) == ranked(sq, query, limit=None), query
        assert pg.count() == sq.count()
        assert dict(pg.vocabulary_near("a", 300)) == dict(sq.vocabulary_near("a", 300))
    finally:
        pg.close()
        sq.close()


# -- bulk loads ----------------------------------------------------------------------------


def _text_index(url: str) -> str | None:
    with psycopg.connect(url) as conn:
        return conn.execute("SELECT to_regclass('clips_tsv')::text").fetchone()[0]


def test_a_bulk_load_builds_the_text_index_once_at_its_end(pg_url, prepared):
    with open_store(pg_url) as store:
        store.add_clips(prepared[:2])
        with store.bulk_load(lambda: BULK_MIN):
            assert _text_index(pg_url) is None  # held back: the clips below are not indexed
            store.add_clips(prepared[2:])
            assert store.count_matches(parse_query("aanslag"), Filters()) > 0
        assert _text_index(pg_url) == "clips_tsv"
        assert store.meta(DEFERRED_KEY) is None
        # a load smaller than the archive, or than BULK_MIN, keeps the index up
        with store.bulk_load(lambda: len(prepared) - 1):
            assert _text_index(pg_url) == "clips_tsv"


def test_a_killed_bulk_load_leaves_the_index_to_the_next_write(pg_url, prepared):
    """SIGKILL inside the block: readers still find every clip (slowly); another bulk
    load running keeps the index held back; the next write once none runs builds it."""
    script = (
        "import os, signal, sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from conftest import SEED_FILES\n"
        "from clipping_archive.ingest.prepare import prepare_file\n"
        "from clipping_archive.storage import open_store\n"
        "from clipping_archive.storage.postgres import BULK_MIN\n"
        "store = open_store(sys.argv[1])\n"
        "with store.bulk_load(lambda: BULK_MIN):\n"
        "    store.add_clips([prepare_file(p) for p in SEED_FILES])\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, pg_url], cwd=ROOT, timeout=120)
    assert done.returncode == -signal.SIGKILL
    assert _text_index(pg_url) is None
    with open_store(pg_url, readonly=True) as reader:
        assert reader.count() == len(SEED_FILES)
        assert reader.count_matches(parse_query("aanslag"), Filters()) > 0
    with open_store(pg_url) as loading, open_store(pg_url) as other:
        with loading.bulk_load(lambda: BULK_MIN):
            other.add_clips(prepared[-1:])
            assert _text_index(pg_url) is None  # a bulk load runs: it builds the index
        assert _text_index(pg_url) == "clips_tsv"
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP INDEX clips_tsv")
        conn.execute("INSERT INTO archive_meta VALUES (%s, '1')", [DEFERRED_KEY])
    with open_store(pg_url) as writer:
        writer.add_clips(prepared[-2:-1])
    assert _text_index(pg_url) == "clips_tsv"

"""The contract's search: ranked pages in every sort, filters, the query syntax
(phrases, prefixes, OR, NOT), counts, facets, hit ordinals, streams, date counts,
groups, the vocabulary. Every backend, through open_store only, on the real seeds."""

from __future__ import annotations

from collections import Counter

import pytest

from clipping_archive.analysis import analyze_word
from clipping_archive.analysis.tokenize import WORD
from clipping_archive.errors import ClipError
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import parse_query
from clipping_archive.storage.base import Match
from conformance.corpus import by_name

ALL = Filters()
QUERIES = ["ISIS", "aanslag", "خراسان", "attacks", '"lone wolves"', "aansl*", "ISIS OR داعش"]


def ids(found) -> set[str]:
    return {m.clip["id"] if isinstance(m, Match) else m["id"] for m in found}


def names(found, prepared) -> set[str]:
    by_id = {c.id: c.path.rsplit("/", 1)[1] for c in prepared}
    return {by_id[i] for i in ids(found)}


def body_word(body: str, ordinal: int) -> str:
    return [m.group() for m in WORD.finditer(body)][ordinal]


@pytest.mark.parametrize("query", QUERIES)
def test_relevance_pages_are_scored_higher_first_with_their_hits(seeded, query):
    parsed = parse_query(query)
    found = seeded.matches(parsed, ALL, limit=None)
    assert found and all(isinstance(m, Match) for m in found)
    scores = [m.score for m in found]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0
    for m in found:
        assert "seq" not in m.clip and "rank" not in m.clip
        assert isinstance(m.clip["languages"], list)  # decoded, as get() gives it
        if m.body_hits is None:
            continue
        for ordinal in m.body_hits:  # the n-th body term is the n-th word of the body
            word = body_word(m.clip["body"], ordinal)
            languages = [m.clip["language"], *m.clip["languages"]]
            analysed = {analyze_word(word, lang) for lang in languages}
            assert analysed & parsed.terms or any(
                a.startswith(p) for a in analysed for p in parsed.prefixes
            ), (query, word)
    assert seeded.count_matches(parsed, ALL) == len(found)


def test_a_title_outranks_a_body(seeded, prepared):
    # All four copies of one story say "years" in the body; one also in its title.
    found = seeded.matches(parse_query("years"), ALL, limit=None)
    assert len(found) == 4
    assert by_name(prepared)["c_cut_last.txt"].id == found[0].clip["id"]
    assert found[0].score > found[1].score


def test_a_phrase_matches_only_as_written_and_is_hit_as_a_run(seeded, prepared):
    found = seeded.matches(parse_query('"lone wolves"'), ALL, limit=None)
    loose = seeded.matches(parse_query("lone wolves"), ALL, limit=None)
    assert ids(found) <= ids(loose) and found
    for m in found:
        hits = m.body_hits
        assert hits and len(hits) % 2 == 0
        words = [body_word(m.clip["body"], o).lower() for o in hits]
        assert words[:2] == ["lone", "wolves"] and hits[1] == hits[0] + 1


def test_prefix_or_and_not(seeded, prepared):
    dutch = {"000_d3fdf744a73ca98b.txt", "001_98ab83bc4f073aa9.txt"}
    assert names(seeded.matches(parse_query("aansl*"), ALL, limit=None), prepared) == dutch
    either = ids(seeded.matches(parse_query("Dagestan OR خراسان"), ALL, limit=None))
    assert either == ids(seeded.matches(parse_query("Dagestan"), ALL, limit=None)) | ids(
        seeded.matches(parse_query("خراسان"), ALL, limit=None)
    )
    isis = ids(seeded.matches(parse_query("ISIS"), ALL, limit=None))
    without = ids(seeded.matches(parse_query("ISIS -aanslag"), ALL, limit=None))
    assert without == isis - ids(seeded.matches(parse_query("aanslag"), ALL, limit=None))
    assert without and without != isis
    both = ids(seeded.matches(parse_query("ISIS Moskou"), ALL, limit=None))
    assert both == isis & ids(seeded.matches(parse_query("Moskou"), ALL, limit=None))


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_date_sorts_put_undated_clips_last(seeded, sort):
    found = seeded.matches(parse_query("ISIS OR داعش"), ALL, sort=sort, limit=None)
    key = "date_end" if sort == "newest" else "date_start"
    dated = [m.clip[key] for m in found if m.clip[key]]
    assert dated == sorted(dated, reverse=sort == "newest") and len(dated) == 2
    assert all(m.clip[key] is None for m in found[len(dated) :])
    relevance = seeded.matches(parse_query("ISIS OR داعش"), ALL, limit=None)
    assert ids(found) == ids(relevance)
    # Hits are given in any sort, and agree with body_hits.
    asked = seeded.body_hits(parse_query("ISIS OR داعش"), [m.clip["id"] for m in found])
    assert {m.clip["id"]: m.body_hits for m in found} == {
        m.clip["id"]: asked.get(m.clip["id"]) for m in found
    }


def test_an_unknown_sort_is_the_projects_error(seeded):
    with pytest.raises(ClipError):
        seeded.matches(parse_query("ISIS"), ALL, sort="loudest")


def test_pages_are_slices_of_one_order(seeded):
    parsed = parse_query("ISIS OR داعش OR attack")
    whole = [m.clip["id"] for m in seeded.matches(parsed, ALL, limit=None)]
    pages = [
        m.clip["id"] for start in range(0, len(whole), 3)
        for m in seeded.matches(parsed, ALL, limit=3, offset=start)
    ]
    assert pages == whole and len(whole) > 3


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(language="nl"), {"000_d3fdf744a73ca98b.txt", "001_98ab83bc4f073aa9.txt"}),
        (Filters(since="2024-07"), {"004_919589b1ab89fae0.txt"}),
        (Filters(until="2024-06-15"), {"000_d3fdf744a73ca98b.txt"}),
        (Filters(source="de tijd"), {"000_d3fdf744a73ca98b.txt"}),
        (Filters(author="VRIES"), {"000_d3fdf744a73ca98b.txt"}),
        (Filters(tags=("dagestan",)), {"000_d3fdf744a73ca98b.txt", "002_b74f997417a7863b.txt"}),
        (Filters(tags=("dagestan", "moskou")), {"002_b74f997417a7863b.txt"}),
    ],
)
def test_filters_with_and_without_a_query(seeded, prepared, filters, expected):
    parsed = parse_query("ISIS OR داعش OR aanslag OR هجوم")
    assert names(seeded.matches(parsed, filters, limit=None), prepared) == expected
    assert seeded.count_matches(parsed, filters) == len(expected)
    streamed = [row for batch in seeded.iter_clips(None, filters, ("id",)) for row in batch]
    assert names(streamed, prepared) == expected == names(
        [r for b in seeded.iter_clips(parsed, filters, ("id",)) for r in b], prepared
    )
    assert seeded.count_matches(None, filters) == len(expected)


def test_facets_count_the_matches(seeded):
    parsed = parse_query("ISIS OR داعش OR attack")
    found = seeded.matches(parsed, ALL, limit=None)
    languages = dict(seeded.facet("language", parsed, ALL))
    assert languages == Counter(m.clip["language"] for m in found)
    months = seeded.facet("month", None, ALL)
    assert months[-1][0] is None and sum(n for _, n in months) == seeded.count()
    assert [k for k, _ in months[:-1]] == sorted(k for k, _ in months[:-1])
    years = dict(seeded.facet("year", None, ALL))
    assert years == {"2024": 2, None: 6}
    top = seeded.facet("language", None, ALL, limit=1)
    assert top == [("en", 4)]


def test_iter_clips_streams_everything_oldest_first(seeded, prepared):
    rows = [row for batch in seeded.iter_clips(None, ALL, ("title", "date_start")) for row in batch]
    assert len(rows) == len(prepared) and all(set(r) == {"id", "title", "date_start"} for r in rows)
    dated = [r["date_start"] for r in rows if r["date_start"]]
    assert dated == sorted(dated) and all(r["date_start"] is None for r in rows[len(dated) :])
    undated_order = [r["id"] for r in rows[len(dated) :]]
    imported = [c.id for c in prepared if c.date_start is None]
    assert undated_order == imported  # undated last, in import order


def test_iter_clips_streams_matches_by_relevance_with_scores(seeded):
    parsed = parse_query("ISIS OR attack")
    rows = [row for batch in seeded.iter_clips(parsed, ALL, ("language", "tags")) for row in batch]
    ranked = seeded.matches(parsed, ALL, limit=None)
    assert [r["id"] for r in rows] == [m.clip["id"] for m in ranked]
    assert [r["score"] for r in rows] == pytest.approx([m.score for m in ranked])
    assert all("seq" not in r and "rank" not in r and isinstance(r["tags"], list) for r in rows)


def test_date_counts_and_groups_add_up(seeded, prepared):
    for parsed in (None, parse_query("ISIS OR داعش")):
        total = seeded.count_matches(parsed, ALL)
        counts = seeded.date_counts(parsed, ALL)
        assert sum(n for *_, n in counts) == total
        assert {(s, e) for s, e, _, _ in counts} <= {(c.date_start, c.date_end) for c in prepared}
        groups = seeded.match_groups(parsed, ALL)
        assert sum(n for *_, n in groups) == total
        by_language = Counter()
        for language, _source, _date, _start, _end, n in groups:
            by_language[language] += n
        assert dict(by_language) == dict(seeded.facet("language", parsed, ALL))
    filtered = seeded.match_groups(parse_query("ISIS"), Filters(language="nl"))
    assert {g[0] for g in filtered} == {"nl"}


def test_vocabulary_near_a_term(seeded):
    near = dict(seeded.vocabulary_near("aanslag"))
    assert near.get("aanslag", 0) >= 2
    assert all(term.startswith("a") for term in near)
    assert seeded.vocabulary_near("zzzzqq") == [] or all(
        t.startswith("z") for t, _ in seeded.vocabulary_near("zzzzqq")
    )


def test_body_hits_name_only_matching_clips(seeded, prepared):
    parsed = parse_query("Dagestan")
    english = [c.id for c in prepared if c.language == "en"]
    dutch = by_name(prepared)["000_d3fdf744a73ca98b.txt"].id
    hits = seeded.body_hits(parsed, [dutch, *english])
    assert list(hits) == [dutch] and len(hits[dutch]) >= 2


@pytest.mark.parametrize("filters", [ALL, Filters(language="en")])
def test_a_count_stops_at_most_where_asked(seeded, filters):
    parsed = parse_query("ISIS OR attacks OR aanslag OR خراسان")
    whole = seeded.count_matches(parsed, filters)
    assert whole >= 3
    assert seeded.count_matches(parsed, filters, at_most=2) == 2
    assert seeded.count_matches(parsed, filters, at_most=whole + 5) == whole
    every = seeded.count_matches(None, filters)
    assert seeded.count_matches(None, filters, at_most=1) == 1 < every


def test_a_search_counts_up_to_its_limit_and_says_so(seeded):
    from clipping_archive.search.hits import run_search

    query = "ISIS OR attacks OR aanslag OR خراسان"
    whole = seeded.count_matches(parse_query(query), ALL)
    exact = run_search(seeded, query, ALL, limit=1, count_limit=whole)
    assert (exact.total, exact.total_exact) == (whole, True)
    capped = run_search(seeded, query, ALL, limit=1, count_limit=whole - 1)
    assert (capped.total, capped.total_exact) == (whole - 1, False)
    assert len(capped.hits) == 1
    unlimited = run_search(seeded, query, ALL, limit=1, count_limit=None)
    assert (unlimited.total, unlimited.total_exact) == (whole, True)

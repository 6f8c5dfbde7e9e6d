"""Snippets: the backend's hit ordinals and our own analysis agree, phrases are marked
only where the phrase matched, and a snippet is always the original text."""

from __future__ import annotations

import pytest

from clipping_archive import Archive
from clipping_archive.search.query import parse_query
from clipping_archive.search.snippets import make_snippet


@pytest.fixture
def archive(seeded_db):
    with Archive(seeded_db) as opened:
        yield opened


def search(archive, query, **options):
    return archive.search(query, **options).hits


@pytest.mark.parametrize(
    "query", ["aanslag", "attacks", "ISIS", "Moskou", "هجوم", "خراسان", "celebrate"]
)
def test_hit_ordinals_and_analysis_give_the_same_snippet(archive, query):
    parsed = parse_query(query)
    hits = search(archive, query, limit=None)
    assert hits
    ordinals = archive.store.body_hits(parsed, [h.clip["id"] for h in hits])
    assert any(ordinals.values())  # the snippets below are made from them, not analysis
    for hit in hits:
        from_hits = make_snippet(hit.clip, parsed, hits=ordinals[hit.clip["id"]])
        analysed = make_snippet(hit.clip, parsed)
        assert from_hits == analysed == hit.snippet


def test_a_phrase_is_marked_only_where_it_matched(archive):
    hit = search(archive, '"lone wolves"')[0]
    marked = [hit.snippet.text[s:e] for s, e in hit.snippet.highlights]
    assert marked == ["lone", "wolves"]
    # The words alone appear elsewhere in the clip; a bag-of-words search marks them too.
    loose = search(archive, "lone wolves")[0]
    assert len(loose.snippet.highlights) >= 2


def test_hits_out_of_step_fall_back_to_analysis(archive):
    hit = search(archive, "Bortnikov")[0]
    parsed = parse_query("Bortnikov")
    wrong = (0,)  # the body's first word is not Bortnikov
    assert make_snippet(hit.clip, parsed, hits=wrong) == make_snippet(hit.clip, parsed)


def test_newest_sort_snippets_match_relevance_snippets(archive):
    by_rank = {h.clip["id"]: h.snippet for h in search(archive, "ISIS")}
    by_date = {h.clip["id"]: h.snippet for h in search(archive, "ISIS", sort="newest")}
    assert by_rank == by_date


def test_snippet_is_cut_from_the_original_body(archive):
    for hit in search(archive, "aanslag OR هجوم OR attacks", limit=None):
        body = hit.clip["body"]
        for part in hit.snippet.text.strip("…").split("…"):
            assert part in body

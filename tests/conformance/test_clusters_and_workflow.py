"""The contract's near-duplicate clusters (named by the id of the clip that started
them) and research workflow (tags, watches, what a watch has reported). Every backend,
through open_store only, on the real seeds and real wire copies of one of them."""

from __future__ import annotations

import pytest

from clipping_archive.errors import ClipError
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import parse_query
from conformance.corpus import COPIES, by_name

STORY = ["003_513ee7b6f79982d4.txt", *COPIES]  # one story: the seed and its three copies


def test_copies_of_one_story_form_one_cluster(seeded, prepared):
    named = by_name(prepared)
    story = [named[n].id for n in STORY]
    assert seeded.has_fingerprints()
    [cluster] = seeded.clusters()
    assert cluster["cluster"] == story[0]  # the clip that started it (imported first)
    assert cluster["size"] == 4 and {c["id"] for c in cluster["clips"]} == set(story)
    assert cluster["first"] == cluster["clips"][0]["id"]
    assert set(cluster) >= {"cluster", "size", "first", "clips", "sources"}
    assert seeded.clusters(min_size=5) == []
    assert seeded.clusters([named["000_d3fdf744a73ca98b.txt"].id]) == []
    assert seeded.clusters([story[2]]) == [cluster]
    singles = seeded.clusters(min_size=1)
    assert len(singles) == len(prepared) - 3 and singles[0] == cluster


def test_cluster_of_and_copy_share(seeded, prepared):
    named = by_name(prepared)
    story = [named[n].id for n in STORY]
    other = named["002_b74f997417a7863b.txt"].id
    found = seeded.cluster_of([*story, other, "0" * 16])
    assert {found[i] for i in story} == {(story[0], 4)}
    assert found[other] == (other, 1)  # alone: its own cluster, named by itself
    assert "0" * 16 not in found
    assert seeded.copy_share() == (3, len(prepared))


def test_tags_are_added_counted_filtered_and_removed(store, prepared):
    store.add_clips(prepared)
    named = by_name(prepared)
    english = [named[n].id for n in STORY]
    assert dict(store.tag_counts()) == {"dagestan": 2, "moskou": 1}  # from the sidecars
    assert store.change_tag("wire", english, add=True) == 4
    assert store.change_tag("wire", english[:2], add=True) == 0  # already tagged
    assert store.change_tag("wire", ["0" * 16], add=True) == 0  # no such clip
    assert store.tag_counts()[0] == ("wire", 4)
    assert store.get(english[0])["tags"] == ["wire"]
    both = store.change_tag("dagestan", [english[0]], add=True)
    assert both == 1 and store.get(english[0])["tags"] == ["dagestan", "wire"]
    wire = Filters(tags=("wire",))
    assert store.count_matches(None, wire) == 4
    assert store.count_matches(parse_query("caliphate"), Filters(tags=("wire", "dagestan"))) == 1
    assert store.change_tag("wire", english, add=False) == 4
    assert store.count_matches(None, wire) == 0 and store.get(english[1])["tags"] == []


def test_watches_and_what_they_have_reported(store, prepared):
    store.add_clips(prepared)
    store.add_watch("wire", "caliphate", {"lang": "en"})
    store.add_watch("arabic", "خراسان", {})
    with pytest.raises(ClipError):
        store.add_watch("wire", "other", {})
    watches = {w["name"]: w for w in store.watches()}
    assert [w["name"] for w in store.watches()] == ["arabic", "wire"]
    assert watches["wire"]["query"] == "caliphate" and watches["wire"]["filters"] == {"lang": "en"}
    assert watches["wire"]["reported"] == 0 and watches["wire"]["last_run_at"] is None
    ids = [c.id for c in prepared[:3]]
    assert store.seen_by_watch("wire", ids) == set()
    store.remember_seen("wire", ids[:2])
    store.remember_seen("wire", ids[:2])  # remembering twice is once
    assert store.seen_by_watch("wire", ids) == set(ids[:2])
    assert store.seen_by_watch("arabic", ids) == set()
    again = {w["name"]: w for w in store.watches()}["wire"]
    assert again["reported"] == 2 and again["last_run_at"]
    assert store.remove_watch("wire") and not store.remove_watch("wire")
    assert [w["name"] for w in store.watches()] == ["arabic"]
    assert store.seen_by_watch("wire", ids) == set()

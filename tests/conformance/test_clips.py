"""The contract's clips: writing batches, duplicates, the import log, reindexing,
reading one clip, facts about the archive. Every backend, through open_store only."""

from __future__ import annotations

import pytest

from clipping_archive.errors import ClipError
from clipping_archive.ingest import index_row, prepare_bytes
from clipping_archive.models import IndexRow, Rejection
from clipping_archive.output.export import CLIP_COLUMNS
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import parse_query
from clipping_archive.storage import open_store
from clipping_archive.storage.base import ClipStore, Match, Store
from conformance.conftest import make_location
from conformance.corpus import COPIES, by_name


def stamps(clips, mtime: int = 1) -> dict:
    return {c.path: (c.size_bytes, mtime) for c in clips}


def test_the_store_is_every_protocol(store):
    assert isinstance(store, Store) and isinstance(store, ClipStore)
    assert isinstance(store.location, str) and ":" not in store.location.split("@")[0][11:]


def test_a_batch_is_added_once_and_read_back_by_id(store, prepared):
    results = store.add_clips(prepared, stamps(prepared))
    assert [r.clip_id for r in results] == [c.id for c in prepared]
    assert all(r.added and not r.unchanged for r in results)
    assert store.count() == len(prepared) == 8
    assert store.existing_ids([prepared[0].id, "0" * 16]) == [prepared[0].id]
    assert store.ids_for_hashes([prepared[1].content_hash, "f" * 64]) == {
        prepared[1].content_hash: prepared[1].id
    }


def test_the_same_text_is_never_stored_twice(store, prepared):
    store.add_clips(prepared[:3], stamps(prepared[:3]))
    again = store.add_clips(prepared[:3], stamps(prepared[:3]))
    # The same files: known to the import log, not duplicates of other files.
    assert all(r.duplicate_of == r.clip_id and r.unchanged for r in again)
    moved = prepare_bytes(prepared[0].raw.encode("utf-8"), "elsewhere/copy.txt")
    [result] = store.add_clips([moved], {moved.path: (1, 1)})
    assert result.duplicate_of == prepared[0].id and not result.unchanged
    # The same text twice in one batch: the second is a duplicate of the first.
    twins = [prepared[4], prepare_bytes(prepared[4].raw.encode("utf-8"), "twin.txt")]
    first, second = store.add_clips(twins)
    assert first.added and second.duplicate_of == prepared[4].id
    assert store.count() == 4


def test_the_import_log_knows_unchanged_files(store, prepared):
    store.add_clips(prepared[:2], stamps(prepared[:2]))
    store.log_rejections([Rejection("bad.txt", "binary file")], {"bad.txt": (9, 9)})
    asked = {**stamps(prepared[:2]), "bad.txt": (9, 9), "never.txt": (1, 1)}
    assert store.known_files(asked) == {c.path: c.id for c in prepared[:2]}
    touched = stamps(prepared[:2], mtime=2)  # modified since: read again
    assert store.known_files(touched) == {}


def test_a_clip_reads_back_decoded_with_what_ingest_computed(seeded, prepared):
    clip = by_name(prepared)[prepared[0].path.rsplit("/", 1)[1]]
    got = seeded.get(clip.id)
    assert set(got) == set(CLIP_COLUMNS)  # every column, and no backend row number
    assert got["id"] == clip.id and got["body"] == clip.body and got["raw"] == clip.raw
    assert (got["date"], got["date_start"], got["date_end"]) == (
        clip.metadata.date,
        clip.date_start,
        clip.date_end,
    )
    assert got["date_start"] == "2024-06-01" and got["date_end"] == "2024-06-30"
    assert got["languages"] == list(clip.languages) and isinstance(got["tags"], list)
    assert got["tags"] == ["dagestan"] and got["source"] == "De Tijd"
    assert isinstance(got["title_derived"], bool)
    assert got["stripped"] == [{"rule": r.rule, "text": r.text} for r in clip.removed]
    assert seeded.get("0" * 16) is None


def test_ids_by_prefix_and_languages(seeded, prepared):
    some = prepared[2].id
    assert seeded.ids_with_prefix(some[:6], 5) == [some]
    assert seeded.ids_with_prefix("", 3) == sorted(c.id for c in prepared)[:3]
    languages = seeded.languages()
    assert set(languages) == {"nl", "ar", "en"} and languages[0] == "en"  # 4 English clips


def test_summary_and_facts(seeded, prepared):
    summary = seeded.summary()
    assert summary["clips"] == 8 and summary["undated"] == sum(
        c.date_start is None for c in prepared
    )
    assert dict(summary["by_language"]) == {"en": 4, "nl": 2, "ar": 2}
    assert (summary["first_date"], summary["last_date"]) == ("2024-06-01", "2024-09-09")
    assert summary["source_bytes"] == sum(c.size_bytes for c in prepared)
    assert seeded.size_on_disk() > 0 and isinstance(seeded.side_files(), set)
    assert seeded.meta("no such fact") is None


def test_meta_is_kept(store):
    store.set_meta("analyzer_version", "test-1")
    store.set_meta("analyzer_version", "test-2")
    assert store.meta("analyzer_version") == "test-2"


def test_rebuild_index_uses_the_index_function(store, prepared):
    store.add_clips(prepared)
    english = [c for c in prepared if c.language == "en"]
    seen: list[dict] = []

    def zebra_for_english(clip: dict) -> IndexRow:
        seen.append(clip)
        row = index_row(clip)
        if clip["language"] == "en":  # every English clip also says "zebra", in Dutch
            return IndexRow(row.title_terms, row.body_terms + " zebra", "", ("nl",), None)
        return row

    progress: list[int] = []
    count = store.rebuild_index(zebra_for_english, progress.append, {"analyzer_version": "z"})
    assert count == len(prepared) == len(seen) and progress[-1] == count
    assert {"id", "title", "body", "language"} <= set(seen[0])
    assert store.meta("analyzer_version") == "z"
    found = store.matches(parse_query("zebra"), Filters(), limit=None)
    assert {m.clip["id"] for m in found} == {c.id for c in english}
    assert store.get(english[0].id)["languages"] == ["nl"]
    # Signatures given as None: the English copies are no cluster any more.
    assert store.cluster_of([english[0].id])[english[0].id][1] == 1
    # Rebuilt with the library's own analysis, the index is an import's again.
    store.rebuild_index(index_row)
    assert store.count_matches(parse_query("zebra"), Filters()) == 0
    assert store.cluster_of([english[0].id])[english[0].id][1] == 4


def test_a_missing_archive_is_refused_with_the_projects_error(backend, request):
    location = make_location(backend, request)
    with pytest.raises(ClipError):
        open_store(location, readonly=True)


def test_a_read_only_store_refuses_writes(seeded, prepared):
    extra = prepare_bytes(COPIES["b_new_headline.txt"].encode() + b"\nmore\n", "x.txt")
    with pytest.raises(ClipError):
        seeded.add_clips([extra])
    with pytest.raises(ClipError):
        seeded.set_meta("analyzer_version", "x")
    assert seeded.count() == len(prepared)


def test_match_is_the_contracts_value():
    m = Match({"id": "x"}, 1.5, (3, 4))
    assert m.score == 1.5 and m.body_hits == (3, 4)


def test_a_bulk_load_keeps_everything_found_inside_and_after(store, prepared):
    """However a backend holds index upkeep back in a bulk load, a clip is found and
    counted from the moment its batch lands, and after the block ends."""
    query = parse_query("Moskou")
    store.add_clips(prepared[:2])
    with store.bulk_load(lambda: 1_000_000):
        store.add_clips(prepared[2:])
        inside = [m.clip["id"] for m in store.matches(query, Filters())]
        assert store.count_matches(query, Filters()) == len(inside) > 1
        assert store.count() == len(prepared)
    assert [m.clip["id"] for m in store.matches(query, Filters())] == inside
    assert store.count_matches(query, Filters()) == len(inside)

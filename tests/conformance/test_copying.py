"""The contract's CopyStore (`clip copy`): every backend reads a whole archive out (clips
in import order with every column, the import log, watches' memory) and writes another
archive's into itself, skipping what it holds. On the real seeds and wire copies."""

from __future__ import annotations

import pytest

from clipping_archive.ingest import index_row
from clipping_archive.search.filters import Filters
from clipping_archive.storage import open_store
from clipping_archive.storage.base import CopyStore
from conformance.conftest import make_location
from conformance.corpus import COPIES, by_name

STORY = ["003_513ee7b6f79982d4.txt", *COPIES]


@pytest.fixture
def other(backend, request):
    """A second new, empty archive on the same backend."""
    opened = open_store(make_location(backend, request))
    yield opened
    opened.close()


def _records(store) -> list[dict]:
    return [record for batch in store.iter_records() for record in batch]


def test_records_come_whole_in_import_order_and_go_in_keeping_ids(store, other, prepared):
    assert isinstance(store, CopyStore)
    store.add_clips(prepared, {c.path: (c.size_bytes, 7) for c in prepared})
    store.change_tag("wire", [by_name(prepared)[n].id for n in STORY], add=True)
    records = _records(store)
    assert [r["id"] for r in records] == [c.id for c in prepared]  # import order
    assert all("seq" not in r for r in records)
    assert records[0] == store.get(records[0]["id"])  # every column, as `get` gives it

    added = other.add_records(records, index_row)
    assert added.added == [r["id"] for r in records] and added.tags == 0
    assert _records(other) == records  # ids, imported_at, tags, every column
    assert dict(other.tag_counts()) == dict(store.tag_counts())
    assert other.clusters(min_size=1) == store.clusters(min_size=1)
    assert other.count_matches(None, Filters()) == len(records)

    again = other.add_records(records, index_row)  # held: nothing stored twice
    assert again.added == [] and again.tags == 0 and other.count() == len(records)


def test_a_clip_held_already_gains_the_records_tags(store, other, prepared):
    store.add_clips(prepared)
    other.add_clips(prepared[:2])
    store.change_tag("checked", [prepared[0].id, prepared[3].id], add=True)
    added = other.add_records(_records(store), index_row)
    assert len(added.added) == len(prepared) - 2
    assert added.tags == 1 and "checked" in other.get(prepared[0].id)["tags"]


def test_import_log_history_and_watches_round_trip(store, other, prepared):
    stamps = {c.path: (c.size_bytes, 7) for c in prepared}
    store.add_clips(prepared, stamps)
    store.remove_clips([prepared[1].id])
    store.add_watch("isis", "isis", {"lang": "en"})
    store.remember_seen("isis", [prepared[0].id, prepared[1].id])
    other.add_records(_records(store), index_row)

    log = [entry for batch in store.iter_import_log() for entry in batch]
    assert len(log) == len(prepared) - 1 and {e["outcome"] for e in log} == {"added"}
    assert other.add_import_log(log) == len(log) and other.add_import_log(log) == 0
    assert [e for batch in other.iter_import_log() for e in batch] == log
    assert other.known_files(stamps) == store.known_files(stamps)

    history = store.history()
    assert [h["event"] for h in history] == ["removed"]
    assert other.add_history(history) == 1 and other.add_history(history) == 0
    assert other.history() == history

    [watch] = store.watches()
    assert store.watch_seen("isis") == sorted([prepared[0].id, prepared[1].id])
    assert other.restore_watch(watch, store.watch_seen("isis")) == 2
    assert other.restore_watch(watch, store.watch_seen("isis")) == 0
    assert other.watches() == store.watches()

"""The contract's changed and removed files (#23): a new text for a file replaces its
clip (tags and watches' memory kept, the old one in the history), clips are removed with
everything that points at them, a file names its clip, a mapping sets a clip's source.
Every backend, through open_store only."""

from __future__ import annotations

import pytest

from clipping_archive.errors import ClipError
from clipping_archive.ingest import prepare_bytes
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import parse_query
from conformance.corpus import COPIES, by_name


def stamps(clips, mtime: int = 1) -> dict:
    return {c.path: (c.size_bytes, mtime) for c in clips}


def _edited(clip, path: str | None = None):
    """The same file with a sentence added: another text, the same path."""
    text = clip.raw.rstrip() + "\n\nEen zin die de redactie later toevoegde.\n"
    return prepare_bytes(text.encode("utf-8"), path or clip.path)


def test_a_changed_file_replaces_its_clip_keeping_tags_and_watch_memory(store, prepared):
    store.add_clips(prepared, stamps(prepared))
    old = prepared[0]
    store.change_tag("bewaren", [old.id], add=True)
    store.add_watch("isis", "isis", {})
    store.remember_seen("isis", [old.id])

    new = _edited(old)
    [result] = store.add_clips([new], {new.path: (new.size_bytes, 2)})

    assert result.replaced == old.id and result.clip_id == new.id and result.added
    assert store.get(old.id) is None and store.get(new.id)["path"] == old.path
    assert store.count() == len(prepared)  # replaced, not added beside it
    tags = store.get(new.id)["tags"]
    assert "bewaren" in tags
    assert dict(store.tag_counts())["bewaren"] == 1
    assert store.seen_by_watch("isis", [new.id]) == {new.id}
    assert store.clip_for_path(old.path) == new.id
    [entry] = store.history(old.id)
    assert entry["event"] == "replaced" and entry["replaced_by"] == new.id
    assert entry["raw"] == old.raw and entry["path"] == old.path
    # The old text is out of the index: a search finds the file once.
    parsed = parse_query("redactie toevoegde")
    assert [m.clip["id"] for m in store.matches(parsed, Filters())] == [new.id]


def test_a_changed_file_whose_clip_came_from_another_file_is_a_new_clip(store, prepared):
    store.add_clips(prepared[:1], stamps(prepared[:1]))
    # The same text from a second file: a duplicate, logged for that file.
    twin = prepare_bytes(prepared[0].raw.encode("utf-8"), "elsewhere/twin.txt")
    store.add_clips([twin], {twin.path: (1, 1)})
    changed = _edited(prepared[0], "elsewhere/twin.txt")
    [result] = store.add_clips([changed], {changed.path: (2, 2)})
    # The clip belongs to the first file: the second file's new text is its own clip.
    assert result.added and result.replaced is None
    assert store.get(prepared[0].id) is not None and store.count() == 2
    assert store.history() == []


def test_removed_clips_leave_no_trace_outside_the_history(store, prepared):
    store.add_clips(prepared, stamps(prepared))
    wire = [c for c in prepared if c.path.startswith("wire/")]
    gone = [wire[0].id, prepared[0].id]
    store.change_tag("weg", gone, add=True)
    before = store.clusters(min_size=2)
    assert any(wire[0].id in [c["id"] for c in k["clips"]] for k in before)

    assert store.remove_clips([*gone, "0" * 16]) == 2
    assert store.count() == len(prepared) - 2
    assert all(store.get(i) is None for i in gone)
    assert store.existing_ids(gone) == []
    assert "weg" not in dict(store.tag_counts())
    assert store.count_matches(None, Filters()) == len(prepared) - 2
    for cluster in store.clusters(min_size=1):
        assert not set(gone) & {c["id"] for c in cluster["clips"]}
    parsed = parse_query("ISIS")
    assert not set(gone) & {m.clip["id"] for m in store.matches(parsed, Filters(), limit=None)}
    facet_total = sum(n for _, n in store.facet("language", None, Filters()))
    assert facet_total == len(prepared) - 2
    assert sum(row[-1] for row in store.match_groups(None, Filters())) == len(prepared) - 2
    assert store.clip_for_path(prepared[0].path) is None
    assert store.known_files(stamps(prepared[:1])) == {}  # the file would come back
    assert {e["id"] for e in store.history()} == set(gone)
    assert all(e["event"] == "removed" and e["body"] for e in store.history())
    assert store.remove_clips([]) == 0


def test_a_file_names_its_clip(store, prepared):
    store.add_clips(prepared[:2], stamps(prepared[:2]))
    assert store.clip_for_path(prepared[1].path) == prepared[1].id
    assert store.clip_for_path("never/imported.txt") is None


def test_source_fields_are_set_and_nothing_else(store, prepared):
    store.add_clips(prepared, stamps(prepared))
    clip = by_name(prepared)[next(iter(COPIES))]
    changes = {clip.id: {"source": "AP", "country": "US", "language": "en"}}
    assert store.set_source_fields(changes) == 1
    assert store.set_source_fields(changes) == 0  # already so
    got = store.get(clip.id)
    assert (got["source"], got["country"], got["language"]) == ("AP", "US", "en")
    assert dict(store.facet("source", None, Filters()))["AP"] == 1
    with pytest.raises(ClipError):
        store.set_source_fields({clip.id: {"body": "x"}})

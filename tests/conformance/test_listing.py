"""Browsing without a query (``list_ids``) and the date sorts of a search: the same
order on every backend, ties included. Clips of one day come in import order (reversed
for newest), so a page of the search page is the same page on a desk archive and on
the team server it was copied to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import SEED_FILES

from clipping_archive.errors import ClipError
from clipping_archive.ingest import prepare_bytes
from clipping_archive.models import PreparedClip
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import parse_query
from clipping_archive.storage import open_store
from clipping_archive.storage.base import Store
from conformance.conftest import make_location

# Sidecar dates, cycled: month and day dates that stand for the same first day
# (2024-03 and 2024-03-01), a year (2024-01-01 on), a date of its own, and None (the
# clip keeps the date its text gives, or none): many clips share a date_start.
DATES = ["2024-03", "2024-03-01", "2024", None, "2024-03", "2023-12-31", None]
CLIPS = 21


def tied_corpus() -> list[PreparedClip]:
    """21 clips, the seeds' real texts each under a headline of its own, in the seeds'
    languages; every other one tagged."""
    clips = []
    for i in range(CLIPS):
        seed = SEED_FILES[i % len(SEED_FILES)]
        text = f"Dossier {i}\n\n" + seed.read_text(encoding="utf-8")
        sidecar: dict = {"tags": ["even"]} if i % 2 == 0 else {}
        if DATES[i % len(DATES)] is not None:
            sidecar["date"] = DATES[i % len(DATES)]
        clips.append(prepare_bytes(text.encode("utf-8"), f"tied/{i:02d}.txt", sidecar=sidecar))
    return clips


@pytest.fixture(scope="module")
def tied(backend, request) -> Iterator[tuple[Store, list[PreparedClip]]]:
    clips = tied_corpus()
    location = make_location(backend, request)
    writer = open_store(location)
    # Three batches: import order runs across batches as within one.
    for start in range(0, CLIPS, 8):
        batch = clips[start : start + 8]
        writer.add_clips(batch, {c.path: (c.size_bytes, 1) for c in batch})
    writer.close()
    reader = open_store(location, readonly=True)
    yield reader, clips
    reader.close()


def expected(clips: list[PreparedClip], ids: set[str], key: str, newest: bool) -> list[str]:
    """``ids`` in the order the contract gives: by ``key`` (latest first for newest),
    clips of one value in import order (reversed for newest), undated clips last in
    import order (reversed for newest)."""
    order = {c.id: n for n, c in enumerate(clips)}
    by_id = {c.id: c for c in clips}
    dated = [i for i in ids if getattr(by_id[i], key)]
    undated = [i for i in ids if not getattr(by_id[i], key)]
    dated.sort(key=lambda i: (getattr(by_id[i], key), order[i]), reverse=newest)
    undated.sort(key=lambda i: order[i], reverse=newest)
    return dated + undated


def filtered_ids(store: Store, filters: Filters) -> set[str]:
    return {row["id"] for batch in store.iter_clips(None, filters, ()) for row in batch}


def test_the_corpus_has_ties_and_undated_clips(tied):
    store, clips = tied
    starts = [store.get(c.id)["date_start"] for c in clips]
    assert starts == [c.date_start for c in clips]
    assert starts.count("2024-03-01") >= 6 and starts.count("2024-01-01") >= 3
    assert starts.count(None) >= 2


@pytest.mark.parametrize("sort", ["newest", "oldest"])
@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(language="nl"),
        Filters(since="2024-02"),
        Filters(until="2024-03-01"),
        Filters(tags=("even",)),
        Filters(language="en", tags=("even",)),
    ],
    ids=["all", "nl", "since", "until", "tag", "en+tag"],
)
def test_every_page_of_a_listing_is_a_slice_of_one_order(tied, sort, filters):
    store, clips = tied
    whole = expected(clips, filtered_ids(store, filters), "date_start", sort == "newest")
    assert whole, "the filter keeps some clips"
    assert store.list_ids(filters, sort=sort, limit=100) == whole
    for limit in (1, 3, 7, 20):
        for offset in range(0, len(whole) + limit, limit):
            page = store.list_ids(filters, sort=sort, limit=limit, offset=offset)
            assert page == whole[offset : offset + limit], (limit, offset)


def test_oldest_first_is_the_order_of_iter_clips(tied):
    store, _ = tied
    streamed = [row["id"] for batch in store.iter_clips(None, Filters(), ()) for row in batch]
    assert store.list_ids(Filters(), sort="oldest", limit=len(streamed)) == streamed


@pytest.mark.parametrize("sort, key", [("newest", "date_end"), ("oldest", "date_start")])
def test_date_sorted_matches_break_ties_in_import_order(tied, sort, key):
    store, clips = tied
    parsed = parse_query("dossier")  # every headline
    found = [m.clip["id"] for m in store.matches(parsed, Filters(), sort=sort, limit=None)]
    assert found == expected(clips, {c.id for c in clips}, key, sort == "newest")
    pages = [
        m.clip["id"]
        for offset in range(0, CLIPS, 4)
        for m in store.matches(parsed, Filters(), sort=sort, limit=4, offset=offset)
    ]
    assert pages == found


def test_a_listing_in_another_order_is_the_projects_error(tied):
    store, _ = tied
    with pytest.raises(ClipError):
        store.list_ids(Filters(), sort="relevance")
    assert store.list_ids(Filters(), limit=0) == []

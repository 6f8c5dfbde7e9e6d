"""Fuzz targets with a small budget in the suite (benchmarks/fuzz.py runs them longer):
any bytes -> a prepared clip or a one-line rejection; any query string -> results or a
one-line QueryError, on a real archive."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clipping_archive import Archive
from clipping_archive.errors import ClipError
from clipping_archive.ingest import prepare_bytes
from clipping_archive.ingest.decode import DecodeError

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TEXTISH = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)


@FUZZ
@given(st.one_of(st.binary(max_size=600), TEXTISH.map(lambda t: t.encode("utf-8"))))
def test_any_bytes_prepare_or_reject_in_one_line(data):
    try:
        clip = prepare_bytes(data, "fuzz.txt")
    except DecodeError as exc:
        assert "\n" not in str(exc)
        return
    clip.raw.encode("utf-8")  # whatever was read can be stored
    assert clip.body.strip()


@pytest.fixture(scope="module")
def archive(seeded_db):
    with Archive(seeded_db) as opened:
        yield opened


@FUZZ
@given(query=TEXTISH)
def test_any_query_searches_or_is_refused_in_one_line(archive, query):
    try:
        results = archive.search(query, limit=5)
    except ClipError as exc:
        assert "\n" not in str(exc)
        return
    assert results.total >= len(results.hits)

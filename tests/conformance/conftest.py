"""The conformance suite: every test here runs against each backend of the storage
contract (``storage.base.Store``), reached only through ``storage.open_store``.

Adding a backend is two steps: append its name to BACKENDS, and define a session
fixture named ``<backend>_locations`` returning a callable that makes a fresh, empty
archive location (a file path, a database URL) each time it is called, and removes
them all at the end of the session. The PostgreSQL backend's yields a new database per
call (``postgresql://127.0.0.1/clip_test_...``).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from clipping_archive.models import PreparedClip
from clipping_archive.storage import open_store
from clipping_archive.storage.base import Store
from conformance.corpus import prepare_all

BACKENDS = ["sqlite", "postgresql"]

_counter = itertools.count()


@pytest.fixture(scope="session")
def sqlite_locations(tmp_path_factory) -> Callable[[], str]:
    return lambda: str(tmp_path_factory.mktemp("sqlite") / f"archive{next(_counter)}.db")


def make_location(backend: str, request: pytest.FixtureRequest) -> str:
    """A fresh, empty archive location on ``backend``."""
    return request.getfixturevalue(f"{backend}_locations")()


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def prepared() -> list[PreparedClip]:
    return prepare_all()


@pytest.fixture
def store(backend, request) -> Iterator[Store]:
    """A new, empty archive, open for writing."""
    opened = open_store(make_location(backend, request))
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def seeded(backend, request, prepared) -> Iterator[Store]:
    """An archive holding the seeds and the wire copies, for tests that only read (one
    per module and backend)."""
    location = make_location(backend, request)
    writer = open_store(location)
    writer.add_clips(prepared, {c.path: (c.size_bytes, 1) for c in prepared})
    writer.close()
    reader = open_store(location, readonly=True)
    yield reader
    reader.close()

"""Fixtures for tests on PostgreSQL (imported by conftest): the server (``pg_server``,
see pg_server.py) and one fresh database a test (``pg_url``), always dropped."""

from __future__ import annotations

import secrets

import pg_server as server
import pytest

RUN = secrets.token_hex(3)  # this run's databases: clip_test_<RUN>_<random>


@pytest.fixture(scope="session")
def pg_server():
    """The admin URL of a PostgreSQL server (its ``postgres`` database)."""
    try:
        url, throwaway = server.server_url()
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"no PostgreSQL server for the tests: {exc}")
    try:
        yield url
    finally:
        server.sweep(url, RUN)  # leftovers of a test that died before its finalizer
        if throwaway:
            throwaway.stop()


@pytest.fixture
def pg_url(pg_server):
    """A new, empty database on the test server; dropped after the test."""
    name = server.new_database_name(RUN)
    url = server.create_database(pg_server, name)
    try:
        yield url
    finally:
        server.drop_database(pg_server, name)


@pytest.fixture(scope="session")
def postgresql_locations(pg_server):
    """For the conformance suite: a callable making a new, empty database (its URL) each
    call; all of them dropped when the session ends."""
    names: list[str] = []

    def make() -> str:
        name = server.new_database_name(RUN)
        names.append(name)
        return server.create_database(pg_server, name)

    try:
        yield make
    finally:
        for name in names:
            server.drop_database(pg_server, name)

"""Where an archive is (a path stays a path, a server URL is named without its
password) and what a backend's failure looks like (the project's own error, one line
naming the archive; never sqlite3.Error)."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from conftest import Clip

from clipping_archive import Archive
from clipping_archive.errors import ClipError, StorageError
from clipping_archive.search.filters import Filters
from clipping_archive.search.query import parse_query
from clipping_archive.storage import is_server_url, open_store


def test_a_path_stays_a_path_and_a_url_is_a_server(tmp_path):
    odd = tmp_path / "postgresql:" / "archive.db"  # a folder named like a scheme
    assert Archive(odd).path == odd and Archive(odd).location == str(odd)
    assert not is_server_url(odd)
    server = Archive("postgresql://clip:s3cret@db.example:5432/team")
    assert server.path is None  # (exists() asks the server: tests/test_postgres_store.py)
    assert server.location == "postgresql://clip@db.example:5432/team"
    assert "s3cret" not in server.location
    assert Archive("postgresql://db.example/team").location == "postgresql://db.example/team"


def test_serve_on_a_server_that_is_down_is_one_line_without_the_password():
    # `clip serve` serves a server URL (the standalone app, tests/test_web.py); one it
    # cannot reach is one line naming the server, never the password, and nothing runs.
    pytest.importorskip("clipping_archive.storage.postgres", reason="the PostgreSQL backend")
    result = Clip()("--db", "postgresql://clip:s3cret@127.0.0.1:1/team", "serve")
    assert result.exit_code == 1
    assert "127.0.0.1:1/team" in result.stderr and "s3cret" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr


def test_a_damaged_table_is_a_storage_error_naming_the_file(tmp_path, seeded_db):
    db = tmp_path / "damaged.db"
    shutil.copy(seeded_db, db)
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE watches")
    conn.commit()
    conn.close()
    store = open_store(db, readonly=True)
    try:
        with pytest.raises(StorageError) as caught:
            store.watches()
        message = str(caught.value)
        assert str(db) in message and "\n" not in message and "watches" in message
        assert not isinstance(caught.value, sqlite3.Error)
        # A stream fails the same way while it is read, not only when it is asked for.
        conn = sqlite3.connect(db)
        conn.execute("DROP TABLE clip_cluster")
        conn.commit()
        conn.close()
        with pytest.raises(ClipError):
            store.cluster_of([next(store.iter_clips(None, Filters(), ("id",)))[0]["id"]])
        assert store.count_matches(parse_query("ISIS"), Filters()) > 0  # the rest still reads
    finally:
        store.close()


def test_the_cli_says_a_storage_error_in_one_line(tmp_path, seeded_db):
    db = tmp_path / "damaged.db"
    shutil.copy(seeded_db, db)
    conn = sqlite3.connect(db)
    conn.execute("DROP TABLE watches")
    conn.commit()
    conn.close()
    result = Clip(db)("watch", "list")
    assert result.exit_code == 1 and str(db) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "unexpected" not in result.stderr

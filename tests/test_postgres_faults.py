"""A team archive's server going wrong: a wrong URL, a server that is down, a database
that is missing, a password refused, a connection lost in the middle of a batch, a
server restarted mid-import. Each is one StorageError line naming the server (never the
password); nothing half-written is left; running the import again completes it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pg_server as server
import psycopg
import pytest
from conftest import SEED_FILES, make_corpus

from clipping_archive.errors import StorageError
from clipping_archive.importer import import_paths
from clipping_archive.ingest.prepare import prepare_file
from clipping_archive.storage import open_store

SECRET = "s3cr3t-Pa55"


def one_line_naming(err: StorageError, where: str) -> str:
    text = str(err)
    assert "\n" not in text
    assert where in text
    assert SECRET not in text
    return text


@pytest.fixture(scope="module")
def throwaway():
    """A server of the test's own, asking 127.0.0.1 for passwords, that may be stopped
    and restarted."""
    try:
        cluster = server.Throwaway(auth_host="scram-sha-256")
        cluster.start()
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"cannot start a PostgreSQL server of the test's own: {exc}")
    with psycopg.connect(cluster.local_url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE clipper LOGIN SUPERUSER PASSWORD '{SECRET}'")
        conn.execute("CREATE DATABASE archive OWNER clipper")
    try:
        yield cluster
    finally:
        cluster.stop()


def url_of(cluster, password: str = SECRET, db: str = "archive") -> str:
    return f"postgresql://clipper:{password}@127.0.0.1:{cluster.port}/{db}"


def test_nothing_listening_is_one_line_naming_the_server():
    with pytest.raises(StorageError) as caught:
        open_store(f"postgresql://clipper:{SECRET}@127.0.0.1:1/archive")
    text = one_line_naming(caught.value, "127.0.0.1:1/archive")
    assert "cannot reach" in text


def test_an_unknown_host_is_one_line():
    with pytest.raises(StorageError) as caught:
        open_store(f"postgresql://clipper:{SECRET}@no-such-host.invalid/archive")
    one_line_naming(caught.value, "no-such-host.invalid")


def test_a_missing_database_says_to_create_it(pg_server):
    url = server.database_url(pg_server, "clip_test_never_made")
    with pytest.raises(StorageError) as caught:
        open_store(url)
    text = one_line_naming(caught.value, "clip_test_never_made")
    assert "createdb" in text


def test_a_refused_password_is_named_without_the_password(throwaway):
    with pytest.raises(StorageError) as caught:
        open_store(url_of(throwaway, password=SECRET + "-wrong"))
    text = str(caught.value)
    assert "\n" not in text and SECRET not in text
    assert f"127.0.0.1:{throwaway.port}" in text
    assert "refused the login" in text
    with open_store(url_of(throwaway)) as store:  # the right one is let in
        assert store.location == f"postgresql://clipper@127.0.0.1:{throwaway.port}/archive"


def test_a_server_that_is_down_then_restarted_mid_import(throwaway, tmp_path):
    """The server stops between two batches: the next batch fails as one line and
    stores nothing; once the server is back, the same import completes, with every clip
    once."""
    folder = tmp_path / "clips"
    files = make_corpus(folder, 12)
    clips = [prepare_file(p) for p in files]
    url = url_of(throwaway)
    with open_store(url) as store:
        store.add_clips(clips[:4])
        throwaway.halt()
        try:
            with pytest.raises(StorageError) as caught:
                store.add_clips(clips[4:])
            one_line_naming(caught.value, f"127.0.0.1:{throwaway.port}")
            with pytest.raises(StorageError) as down:
                open_store(url)
            assert "cannot reach" in one_line_naming(down.value, f"127.0.0.1:{throwaway.port}")
        finally:
            throwaway.restart()
    with open_store(url) as store:
        assert store.count() == 4
        report = import_paths(store, [folder], workers=1, batch_size=5)
        assert report.added == len({c.content_hash for c in clips}) - 4
        assert store.count() == len({c.content_hash for c in clips})


def test_a_connection_cut_inside_a_batch_leaves_nothing_half_written(pg_url):
    """The writer's backend is terminated while its batch is inside its transaction
    (its clips written, the term statistics waiting for a lock another session holds):
    none of the batch stays, and running it again stores it whole."""
    clips = [prepare_file(p) for p in SEED_FILES]
    with open_store(pg_url):
        pass  # the schema
    admin = psycopg.connect(pg_url, autocommit=True)
    writer = open_store(pg_url)
    pid = writer.conn.info.backend_pid
    failure: list[BaseException] = []

    def write() -> None:
        try:
            writer.add_clips(clips)
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            failure.append(exc)

    with admin.transaction():
        admin.execute("LOCK TABLE term_stats IN EXCLUSIVE MODE")
        thread = threading.Thread(target=write)
        thread.start()
        for _ in range(200):  # until the writer waits for the lock, its clips written
            waiting = admin.execute(
                "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
            ).fetchone()
            if waiting and waiting[0] == "Lock":
                break
            time.sleep(0.05)
        else:
            pytest.fail("the writer never reached the term statistics")
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    thread.join(30)
    admin.close()
    assert failure and isinstance(failure[0], StorageError)
    one_line_naming(failure[0], "127.0.0.1")
    writer.close()
    with open_store(pg_url) as store:
        assert store.count() == 0
        assert store.conn.execute("SELECT count(*) FROM clips").fetchone()[0] == 0
        assert store.conn.execute("SELECT count(*) FROM term_stats").fetchone()[0] == 0
        assert all(r.added for r in store.add_clips(clips))
        assert store.count() == len(clips)


@pytest.mark.parametrize(
    "args",
    [["search", "aanslag"], ["import", "seeds"], ["stats"]],
)
def test_the_command_says_one_line_and_exits_1(args, throwaway):
    """`clip` against a server that refuses, through the real command: one line on
    stderr naming the server without the password, exit 1, no traceback."""
    for url in (
        f"postgresql://clipper:{SECRET}@127.0.0.1:1/archive",
        url_of(throwaway, password="wrong-" + SECRET),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "clipping_archive", "--db", url, *args],
            cwd=server.Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 1, done.stderr
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        assert SECRET not in done.stderr and "127.0.0.1" in lines[0]

"""Storage: the only package that speaks SQL. One module per backend: ``sqlite`` (a desk
archive, one file) and ``postgres`` (a team archive on a PostgreSQL server). ``base`` is
the contract the rest of the library uses; ``open_store`` picks the backend from where the
archive is (a path, or a ``postgresql://`` URL), importing only that backend."""

from __future__ import annotations

from pathlib import Path

from clipping_archive.storage.base import Store

SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_url(location: str | Path) -> bool:
    """A PostgreSQL URL (a team archive), as opposed to a file path (a desk archive)."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


def open_store(location: str | Path, *, readonly: bool = False) -> Store:
    """The backend for ``location``, opened (read-only: it must exist and is never
    created or altered, but for upgrading an earlier release's schema)."""
    if is_server_url(location):
        from clipping_archive.storage.postgres import PostgresStore

        return PostgresStore(str(location), readonly=readonly)
    from clipping_archive.storage.sqlite import SQLiteStore

    return SQLiteStore(Path(location), readonly=readonly)


def archive_exists(location: str | Path) -> bool:
    """Whether an archive is there yet: the file, or (on a server) a database holding
    the archive's tables. An unreachable server or a missing database is the backend's
    StorageError, said when the archive is opened."""
    if is_server_url(location):
        from clipping_archive.storage.postgres import archive_exists as on_server

        return on_server(str(location))
    return Path(location).exists()

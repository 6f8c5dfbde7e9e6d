"""The PostgreSQL server the tests use, found or started, and their databases.

Where: ``CLIP_TEST_PG`` (a URL to the server's ``postgres`` database, e.g.
``postgresql://postgres@127.0.0.1:5432/postgres``) when set; else the server on
127.0.0.1:5432 (user postgres, trust auth, as on the project's machines); else a
throwaway cluster started from Debian's packages on another port, stopped and deleted
when the run ends: ``pg_createcluster``/``pg_ctlcluster`` as root, ``initdb``/``pg_ctl``
as anyone else (initdb refuses root).

``make test`` runs pytest through this module (``python tests/pg_server.py -- CMD``), so
one throwaway server serves the whole run; a pytest started by hand starts its own when
it needs one (tests/conftest.py).

Each test makes its own database, ``clip_test_<run>_<random>``, and drops it; the run's
leftovers (a test killed mid-way) are swept when the run ends.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_VERSION = "15"
PG_BIN = Path(f"/usr/lib/postgresql/{PG_VERSION}/bin")
THROWAWAY_NAME = "clip_throwaway"
DB_PREFIX = "clip_test_"


def reachable(url: str) -> bool:
    try:
        with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
            conn.execute("SELECT 1")
        return True
    except psycopg.Error:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Throwaway:
    """A PostgreSQL cluster of its own, on a free port, with trust auth on 127.0.0.1."""

    def __init__(self, auth_host: str = "trust") -> None:
        self.auth_host = auth_host  # "scram-sha-256": 127.0.0.1 asks for a password
        self.port = _free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.as_root = os.geteuid() == 0
        self.name = f"{THROWAWAY_NAME}_{self.port}"
        self.datadir: Path | None = None

    def start(self) -> str:
        if not (PG_BIN / "postgres").exists():
            raise RuntimeError(
                f"no PostgreSQL {PG_VERSION} server here ({PG_BIN}): run `make setup` as root"
            )
        if self.as_root and shutil.which("pg_createcluster"):
            subprocess.run(
                ["pg_createcluster", PG_VERSION, self.name, "-p", str(self.port), "--",
                 "--auth-local=trust", f"--auth-host={self.auth_host}", "--encoding=UTF8",
                 "--locale=C.UTF-8"],
                check=True, capture_output=True,
            )  # fmt: skip
            subprocess.run(
                ["pg_ctlcluster", PG_VERSION, self.name, "start"], check=True, capture_output=True
            )
        else:
            self.datadir = Path(tempfile.mkdtemp(prefix="clip-pg-"))
            subprocess.run(
                [PG_BIN / "initdb", "-D", self.datadir, "-U", "postgres", "--auth-local=trust",
                 f"--auth-host={self.auth_host}", "-E", "UTF8", "--locale=C.UTF-8"],
                check=True, capture_output=True,
            )  # fmt: skip
            subprocess.run(
                [PG_BIN / "pg_ctl", "-D", self.datadir, "-w", "-l", self.datadir / "log",
                 "-o", f"-p {self.port} -k {self.datadir} -c listen_addresses=127.0.0.1",
                 "start"],
                check=True, capture_output=True,
            )  # fmt: skip
        for _ in range(100):
            if reachable(self.local_url):
                return self.url
            time.sleep(0.1)
        raise RuntimeError(f"the throwaway PostgreSQL on port {self.port} did not start")

    @property
    def socket_dir(self) -> str:
        return str(self.datadir) if self.datadir else "/var/run/postgresql"

    @property
    def local_url(self) -> str:
        """Over the Unix socket, where trust always holds (to set passwords)."""
        return f"postgresql://postgres@/postgres?host={self.socket_dir}&port={self.port}"

    def restart(self) -> None:
        if self.datadir is None:
            subprocess.run(
                ["pg_ctlcluster", PG_VERSION, self.name, "restart", "-m", "fast"],
                check=True, capture_output=True,
            )  # fmt: skip
        else:
            subprocess.run(
                [PG_BIN / "pg_ctl", "-D", self.datadir, "-w", "-m", "fast", "restart"],
                check=True, capture_output=True,
            )  # fmt: skip

    def halt(self) -> None:
        """Stopped, but kept (``restart`` brings it back)."""
        if self.datadir is None:
            subprocess.run(
                ["pg_ctlcluster", PG_VERSION, self.name, "stop", "-m", "fast"],
                check=True, capture_output=True,
            )  # fmt: skip
        else:
            subprocess.run(
                [PG_BIN / "pg_ctl", "-D", self.datadir, "-w", "-m", "fast", "stop"],
                check=True, capture_output=True,
            )  # fmt: skip

    def stop(self) -> None:
        if self.datadir is None:
            subprocess.run(
                ["pg_dropcluster", "--stop", PG_VERSION, self.name], capture_output=True
            )
        else:
            subprocess.run(
                [PG_BIN / "pg_ctl", "-D", self.datadir, "-m", "immediate", "stop"],
                capture_output=True,
            )
            shutil.rmtree(self.datadir, ignore_errors=True)


def server_url() -> tuple[str, Throwaway | None]:
    """The server to use, and the throwaway started for it (None: one already running)."""
    given = os.environ.get("CLIP_TEST_PG")
    if given and reachable(given):
        return given, None
    if not given and reachable(DEFAULT_URL):
        return DEFAULT_URL, None
    throwaway = Throwaway()
    return throwaway.start(), throwaway


def database_url(server: str, name: str) -> str:
    parts = urlsplit(server)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))


def new_database_name(run: str) -> str:
    return f"{DB_PREFIX}{run}_{secrets.token_hex(4)}"


def create_database(server: str, name: str) -> str:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return database_url(server, name)


def drop_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sweep(server: str, run: str) -> list[str]:
    """Drop the databases this run made that are still there."""
    with psycopg.connect(server, autocommit=True) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s",
                [f"{DB_PREFIX}{run}\\_%"],
            )
        ]
    for name in names:
        drop_database(server, name)
    return names


def main(argv: list[str]) -> int:
    """``python tests/pg_server.py -- CMD ...``: CMD with CLIP_TEST_PG set to a server,
    started for it if none runs (and stopped after)."""
    command = argv[argv.index("--") + 1 :] if "--" in argv else argv
    url, throwaway = server_url()
    if throwaway:
        print(f"pg_server: started a throwaway PostgreSQL at {url}", file=sys.stderr)
    try:
        return subprocess.run(command, env={**os.environ, "CLIP_TEST_PG": url}).returncode
    finally:
        if throwaway:
            throwaway.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

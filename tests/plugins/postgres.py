"""A real PostgreSQL server for the test session (``postgres_url`` fixture).

Started on first use from the Debian ``postgresql`` package (``/usr/lib/postgresql/<v>/bin``, or
``KYC_DESK_PG_BIN``): a throw-away cluster in a temporary folder, trust authentication, listening on a free
port (or ``KYC_DESK_PG_PORT``) on 127.0.0.1 only, with its unix socket inside the same folder. When the tests
run as root the server runs as the ``postgres`` user (``runuser``), since PostgreSQL refuses to run as root.
It is stopped and deleted at the end of the session.

It never skips: a test that asks for PostgreSQL and cannot get it fails, with the server's log.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

_BIN_CANDIDATES = ("KYC_DESK_PG_BIN", "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin",
                   "/usr/lib/postgresql/15/bin")


def _pg_bin() -> Path:
    env = os.environ.get(_BIN_CANDIDATES[0])
    for candidate in ([env] if env else []) + list(_BIN_CANDIDATES[1:]):
        if candidate and (Path(candidate) / "pg_ctl").is_file():
            return Path(candidate)
    pytest.fail("PostgreSQL binaries not found (install the postgresql package or set KYC_DESK_PG_BIN)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _run(cmd: list[str], log: Path) -> None:
    done = subprocess.run(_as_owner(cmd), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        pytest.fail(f"PostgreSQL command failed: {' '.join(cmd)}\n{done.stdout}\n{done.stderr}\n{tail}")


@dataclass(frozen=True)
class PostgresServer:
    """The running test server: its SQLAlchemy URL (psycopg 3) and its cluster folder (for file scans)."""

    url: str
    data_dir: Path
    port: int


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A private PostgreSQL server with an empty database ``kyc_desk_test``."""
    pg_bin = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="kyc-desk-pg-"))
    data, sockets, log = root / "data", root / "sock", root / "server.log"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
        shutil.chown(sockets, "postgres", "postgres")
    root.chmod(0o700)
    port = int(os.environ.get("KYC_DESK_PG_PORT") or _free_port())  # a fixed port when several people share a machine
    _run([str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
          "--locale=C.UTF-8"], log)
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run([str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "30", "start"], log)
    try:
        import psycopg

        deadline = time.monotonic() + 30
        while True:
            try:
                with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname="postgres",
                                     autocommit=True) as conn:
                    conn.execute("CREATE DATABASE kyc_desk_test")
                break
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield PostgresServer(f"postgresql+psycopg://postgres@127.0.0.1:{port}/kyc_desk_test", data, port)
    finally:
        subprocess.run(_as_owner([str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                       capture_output=True, check=False)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url(postgres_server: PostgresServer) -> str:
    """The SQLAlchemy URL of the session's PostgreSQL database."""
    return postgres_server.url

"""The endpoint as an office runs it: ``kyc-desk sync-server serve`` in its own process (so its memory is
its own), on a free loopback port, with a desk added through the CLI; and raw-socket helpers for clients
that misbehave."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli_env(home: Path) -> dict[str, str]:
    return {**os.environ, "KYC_DESK_HOME": str(home), "PYTHONPATH": os.pathsep.join(
        [str(ROOT / "src"), str(ROOT), os.environ.get("PYTHONPATH", "")])}


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kyc_desk.cli.main", *args], capture_output=True, text=True,
                          env=cli_env(home), check=False, timeout=120)


@dataclass
class Endpoint:
    """A running ``sync-server serve``; ``url`` is where clients connect (its own port unless proxied)."""

    process: subprocess.Popen[str]
    url: str
    desk_token: str
    data_folder: Path
    database: str
    log: Path

    def rss_bytes(self, pids: list[int] | None = None) -> int:
        """Resident memory of the server (and of its worker processes)."""
        total = 0
        for pid in pids or [self.process.pid, *children_of(self.process.pid)]:
            with contextlib.suppress(FileNotFoundError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        return total

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def children_of(pid: int) -> list[int]:
    out: list[int] = []
    with contextlib.suppress(FileNotFoundError):
        for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
            out += [int(child), *children_of(int(child))]
    return out


@contextlib.contextmanager
def run_endpoint(home: Path, *options: str, database: str | None = None, port: int | None = None,
                 public_url: str | None = None) -> Iterator[Endpoint]:
    """Start the endpoint with ``options`` (e.g. ``--header-timeout 1``) and stop it when the block ends."""
    data = home / "endpoint"
    database = database or f"sqlite:///{data / 'sync-server.db'}"
    port = port or free_port()
    added = cli(home, "sync-server", "add-desk", "--label", "desk", "--office", "office-a", "--database",
                database, "--json")
    assert added.returncode == 0, added.stderr
    token = json.loads(added.stdout)["token"]
    log = home / f"endpoint-{port}.log"
    url = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "kyc_desk.cli.main", "sync-server", "serve", "--port", str(port),
           "--database", database, "--data-folder", str(data), "--public-url", public_url or url, *options]
    with log.open("w") as out:
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, text=True, env=cli_env(home))
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            assert time.monotonic() < deadline, "the endpoint did not start:\n" + log.read_text()
            time.sleep(0.1)
        yield Endpoint(process, url, token, data, database, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def raw_request_head(method: str, path: str, headers: dict[str, str]) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")


def read_status(sock: socket.socket, timeout: float = 30.0) -> int | None:
    """The status code of the response on ``sock``, or None if the server closed it without one."""
    sock.settimeout(timeout)
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except (ConnectionResetError, BrokenPipeError):
        pass
    if not data.startswith(b"HTTP/1.1 "):
        return None
    return int(data.split(b" ", 2)[1])


def closed_by_server(sock: socket.socket, timeout: float) -> bool:
    """True if the server closes ``sock`` (EOF or reset) within ``timeout`` seconds."""
    sock.settimeout(timeout)
    try:
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                return True
    except (ConnectionResetError, BrokenPipeError):
        return True
    except TimeoutError:
        return False

"""The endpoint behind its proxy: 100 concurrent 2 MB uploads through nginx with TLS, uploads per second
and the server's memory."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from benchmarks.harness import Measurement

TITLE = "Submission endpoint behind nginx"
CONCURRENT = 100
SIZE = 2 * 1024 * 1024
WORKER_COUNTS = (1, 2)
NOTES = f"""\
`kyc-desk sync-server serve --no-rate-limits` (SQLite, uvicorn) behind Debian's nginx configured by
deploy/sync-server/nginx-site.conf (TLS 1.3 with a self-signed P-256 certificate, request buffering on,
`limit_conn` raised to {CONCURRENT + 20} for the run), all on 127.0.0.1. {CONCURRENT} clients (threads in the
benchmark process, httpx over TLS, one new connection each) upload at once, each a sealed ワ envelope of
about 2 MB to its own link; the requests are created first and not timed. The figure is the wall time
from the first upload starting to the last answer. Memory is the resident set of the endpoint's
processes (supervisor and workers) and of nginx's, sampled every 50 ms during the run; "idle" is after one
warm round trip. The clients, nginx and the endpoint share the machine's 2 cores with other developers'
work, so the client's own TLS and encryption work is part of the time; figures vary by ±30 % between runs.

On this 2-core machine a second worker does not help: the clients, nginx and both workers compete for the
same cores (the load average is in the note), and each worker adds about 50 MiB idle. Workers pay off on
a machine with spare cores; nginx's request buffering already keeps slow clients off the workers.
Stalled uploads without a proxy are measured by tests/sync/test_hostile.py: 100 uploads that declare
12 MiB, send 8 MiB and stall raised the endpoint from 48 MiB idle to about 70 MiB (the bodies are on disk).
"""


def _rss(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except FileNotFoundError:
            pass
    return total


def _measure(workers: int) -> list[Measurement]:
    import httpx
    from cryptography.hazmat.primitives.asymmetric import x25519
    from tests.sync.endpoint_process import children_of, free_port, run_endpoint
    from tests.sync.proxy import run_nginx

    from kyc_desk.sync.client import DeskClient
    from kyc_desk.sync.envelope import encode_public_key, seal
    from kyc_desk.sync.format import Method, build_submission
    from kyc_desk.sync.submitter import jpki_parts

    key = x25519.X25519PrivateKey.generate()
    tmp = Path(tempfile.mkdtemp(prefix="kyc-desk-bench-proxy-"))
    port = free_port()
    options = ("--no-rate-limits", "--workers", str(workers), "--trusted-proxy", "127.0.0.1")
    with run_endpoint(tmp / "home", *options, public_url=f"https://127.0.0.1:{port}") as ep, \
            run_nginx(tmp / "nginx", ep.url.removeprefix("http://"), port=port,
                      conn_per_address=CONCURRENT + 20) as proxy:
        context = proxy.ssl_context()

        def envelope(request_id: str) -> bytes:
            sub = build_submission(request_id=request_id, method=Method.WA, document=None,
                                   parts=jpki_parts(b"\x01" * 256, os.urandom(SIZE)))
            return seal(sub, key.public_key())

        with DeskClient(proxy.url, ep.desk_token, transport=httpx.HTTPTransport(verify=context)) as desk:
            created = [desk.create_request((Method.WA,), encode_public_key(key.public_key()))
                       for _ in range(CONCURRENT + 1)]
        bodies = [(c.link.split("/s/")[1].split("#")[0], envelope(c.request_id)) for c in created]

        def upload(item: tuple[str, bytes]) -> int:
            token, body = item
            response = httpx.post(f"{proxy.url}/v1/submit/{token}", content=body, verify=context, timeout=300,
                                  headers={"Content-Type": "application/octet-stream"})
            return response.status_code

        assert upload(bodies[0]) == 201  # warm
        time.sleep(1.0)
        server_pids = [ep.process.pid, *children_of(ep.process.pid)]
        nginx_pids = proxy.pids()
        idle = _rss(server_pids)
        peaks = {"server": idle, "nginx": _rss(nginx_pids)}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peaks["server"] = max(peaks["server"], _rss(server_pids))
                peaks["nginx"] = max(peaks["nginx"], _rss(nginx_pids))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        load = os.getloadavg()[0]
        start = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENT) as pool:
            statuses = list(pool.map(upload, bodies[1:]))
        elapsed = time.perf_counter() - start
        done.set()
        sampler.join()
        accepted = statuses.count(201)
        megabytes = sum(len(b) for _t, b in bodies[1:]) / 1e6
    label = f"{workers} worker{'s' if workers > 1 else ''}"
    note = f"{accepted}/{CONCURRENT} accepted in {elapsed:.1f} s, load average {load:.1f}"
    return [
        Measurement(f"uploads per second, {CONCURRENT} concurrent 2 MB through nginx, {label}",
                    CONCURRENT / elapsed, "uploads/s", note=note),
        Measurement(f"upload throughput through nginx, {label}", megabytes / elapsed, "MB/s"),
        Measurement(f"endpoint memory idle, {label}", idle / 2**20, "MiB"),
        Measurement(f"endpoint memory peak during the run, {label}", peaks["server"] / 2**20, "MiB",
                    target="≤ idle + 100 MB", met=peaks["server"] <= idle + 100 * 10**6),
        Measurement(f"nginx memory peak during the run, {label}", peaks["nginx"] / 2**20, "MiB"),
    ]


def run() -> list[Measurement]:
    out: list[Measurement] = []
    for workers in WORKER_COUNTS:
        out += _measure(workers)
    return out

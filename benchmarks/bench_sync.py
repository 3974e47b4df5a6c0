"""Remote submissions: upload and pull throughput, and the endpoint's requests per second, on loopback."""

from __future__ import annotations

import http.client
import io
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Measurement

TITLE = "Remote submissions (sync)"
COUNT = 200
FACE_COUNT = 20
#: Face-check worker processes for the parallel measurement (the development machine has 2 cores).
FACE_WORKERS = max(2, min(os.cpu_count() or 2, 4))
TARGET_BYTES = 2 * 1024 * 1024
NOTES = f"""\
The endpoint runs as its own process (`kyc-desk sync-server serve --no-rate-limits`, SQLite, uvicorn, one
worker) on 127.0.0.1; the client and the desk run in the benchmark process, one call at a time.

- **Upload**: {COUNT} ヘ submissions of about 2 MB each (My Number chip files read from the software card,
  and a selfie clip of about 40 JPEG frames made by the face engine's generator from a real photo): build,
  HPKE-encrypt, and upload through the one-time link, one after another. Creating the requests is not
  timed.
- **Desk import**: one `DeskSync.pull` of all {COUNT}: list, download, check the digest, decrypt, verify
  (card-face signature and certificate, JPKI certificate chain, cross-checks), save each as a pending
  verification in the SQLCipher record store (one transaction each, evidence included), and confirm —
  without the face engine (the report then says the faces were not checked).
- **With faces**: {FACE_COUNT} more, pulled with the face engine (`kyc_desk.faces`): face match of the chip
  photo against the first frame and active liveness over the whole clip. The selfie frames are the face
  engine's synthetic genuine clip of a real photo performing the request's challenge. Measured twice: in
  the desk's own process (`EngineFaceChecker`, what `kyc-desk sync pull` and the window use today), and
  with `ProcessFaceChecker(EngineFaceChecker(), workers={FACE_WORKERS})`, which runs the checks of
  {FACE_WORKERS} submissions side by side in worker processes. The workers are started and warmed (one
  check each) before that pull, as on a desk that keeps them for the session; their start-up is its own
  row.
- **Requests per second**: sequential keep-alive GETs by one light client (`http.client`) — `/healthz` (no
  database) and `/v1/submissions` (desk token check, rate-limit bucket and a database query) — so they
  measure latency-bound throughput, not the server's capacity under concurrency. (The desk's httpx client
  adds about 1 ms per call on this machine.)
- The machine is shared with other developers' work while measuring (2 cores; the 1-minute load average
  at the start of the import is in the import row's note); figures vary by ±30 % between runs.

Where the time goes (profiled with cProfile): without the face engine, about half of an import is the
record store's save (one SQLCipher transaction: about 48 evidence rows — one per selfie frame — their
audit digests, page encryption and the fsync'd commit, 35–45 ms); decrypt, decode and signature checks are
about 8 ms, and the download runs ahead on another thread. With the face engine, one submission costs
about a second of CPU: two dlib ResNet descriptors (chip photo and first frame, about 150 ms each without
BLAS), mediapipe's face mesh on every frame (about 10 ms × 42 frames), JPEG decoding (about 4 ms a frame)
and the passive checks. **20 MB/s with face checks is not reachable on this machine**: it would allow about
110 ms per 2.2 MB submission, less than the dlib descriptor of the selfie alone; with 2 cores the
ceiling is about two submissions a second (≈ 4 MB/s). See docs/sync-server.md, "Import throughput".

Loopback hides the network: on a real line, upload time is bound by the client's uplink.
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _frames(liveness: str) -> list[bytes]:
    """A selfie clip performing ``liveness`` (the face engine's synthetic generator over a real photo), as
    JPEG frames; with the chip files a submission is about 2 MB."""
    from PIL import Image

    from kyc_desk.faces import parse_challenge
    from kyc_desk_testkit.faces.synth import genuine_sequence
    from kyc_desk_testkit.samples import sample_photo

    frames = []
    for rgb in genuine_sequence(sample_photo("obama.jpg"), parse_challenge(liveness).actions):
        out = io.BytesIO()
        Image.fromarray(rgb).save(out, "JPEG", quality=82)
        frames.append(out.getvalue())
    return frames


def run() -> list[Measurement]:
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from kyc_desk.cards.apps.mynumber import Secret
    from kyc_desk.cards.apps.mynumber.surface import parse_card_face
    from kyc_desk.cards.card import Card
    from kyc_desk.cards.transport.memory import HandlerTransport
    from kyc_desk.records import RecordStore, ScryptParams
    from kyc_desk.sync.client import DeskClient
    from kyc_desk.sync.desk import IMPORTED, DeskSync
    from kyc_desk.sync.face_checks import EngineFaceChecker, NoFaceEngine
    from kyc_desk.sync.face_pool import ProcessFaceChecker
    from kyc_desk.sync.format import DocumentKind, Method
    from kyc_desk.sync.office_key import KeyProtection, create_office_key
    from kyc_desk.sync.server.store import Store
    from kyc_desk.sync.submitter import read_he_parts, selfie_parts, submit
    from kyc_desk.verify.trust import load_trust_store
    from kyc_desk_testkit.softcard.mynumber import build_mynumber_card
    from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

    tmp = Path(tempfile.mkdtemp(prefix="kyc-desk-bench-sync-"))
    db_url = f"sqlite:///{tmp / 'endpoint.db'}"
    store = Store(db_url)
    _desk, token = store.add_desk("bench", "bench-office", int(time.time()))
    store.close()
    port = _free_port()
    env = {**os.environ, "KYC_DESK_HOME": str(tmp / "server-home")}
    server = subprocess.Popen(
        [sys.executable, "-m", "kyc_desk.cli.main", "sync-server", "serve", "--port", str(port), "--database", db_url,
         "--no-rate-limits"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the endpoint did not start")
            time.sleep(0.1)

        scrypt = ScryptParams(n=2**14)
        office = create_office_key(tmp / "sync", KeyProtection(mode="passphrase", passphrase="bench", scrypt=scrypt))
        records, _ = RecordStore.create(mode="passphrase", folder=tmp / "records", passphrase="bench", scrypt=scrypt)
        write_trust_anchors(tmp / "trust", softcard_issuers())
        anchors = load_trust_store(tmp / "trust")
        desk = DeskSync(DeskClient(url, token), tmp / "sync", office.public_text, office)

        card = build_mynumber_card("taro")
        chips = read_he_parts(Card(HandlerTransport(card.process)), lambda r: Secret(card.secrets[r.name]))
        liveness = "turn_left,blink"
        parts = chips + selfie_parts(_frames(liveness))
        part_bytes = sum(len(p.data) for p in parts)
        created = [desk.create_request((Method.HE,), reference=f"bench-{i}", liveness=liveness)
                   for i in range(COUNT + 2 * FACE_COUNT)]
        links = [c.link for c in created[:COUNT]]

        start = time.perf_counter()
        sizes = [submit(link, Method.HE, DocumentKind.MYNUMBER, parts).size for link in links]
        upload_s = time.perf_counter() - start
        total_mb = sum(sizes) / 1e6

        load = os.getloadavg()[0]
        start = time.perf_counter()
        result = desk.pull(records, anchors=anchors, faces=NoFaceEngine())
        pull_s = time.perf_counter() - start
        imported = result.count(IMPORTED)

        # the same with the face engine (face match and liveness over each clip), on fewer submissions: in the
        # desk's process, then in worker processes
        # (the worker pool is started and warmed first, as a desk that keeps it between pulls would; the
        # start-up is reported on its own)
        faced_runs = []
        start = time.perf_counter()
        workers = ProcessFaceChecker(EngineFaceChecker(), FACE_WORKERS)
        try:
            chip_photo = parse_card_face(next(p.data for p in parts if p.name.endswith("surface/0002"))).photo
            selfies = [p.data for p in parts if p.name.startswith("selfie/")]
            with ThreadPoolExecutor(FACE_WORKERS) as warming:
                list(warming.map(lambda _: workers.check(chip_photo, selfies, liveness, 15.0), range(FACE_WORKERS)))
            startup_s = time.perf_counter() - start
            for batch, checker in (
                (created[COUNT:COUNT + FACE_COUNT], EngineFaceChecker()),
                (created[COUNT + FACE_COUNT:], workers),
            ):
                for c in batch:
                    submit(c.link, Method.HE, DocumentKind.MYNUMBER, parts)
                start = time.perf_counter()
                faced = desk.pull(records, anchors=anchors, faces=checker)
                faced_s = time.perf_counter() - start
                faces_ok = all("face.match" not in i.flagged and "face.liveness" not in i.flagged
                               for i in faced.items)
                faced_runs.append((faced.bytes / 1e6, faced_s, len(faced.items), faces_ok))
        finally:
            workers.close()
        records.close()

        # the sync layer's own share: decrypt, decode and verify (no download, no records save)
        from kyc_desk.sync.envelope import open_envelope, seal
        from kyc_desk.sync.format import build_submission
        from kyc_desk.sync.importer import ImportContext, plan_import

        sample = created[:20]
        envelopes = [seal(build_submission(request_id=c.request_id, method=Method.HE,
                                           document=DocumentKind.MYNUMBER, parts=parts), office.public_key)
                     for c in sample]
        start = time.perf_counter()
        for c, envelope in zip(sample, envelopes, strict=True):
            submission = open_envelope(envelope, office.private_key)
            request = desk.registry.load(c.request_id, office.private_key)
            plan_import(submission, ImportContext("bench", c.created_at, request, anchors, NoFaceEngine()))
        verify_s = (time.perf_counter() - start) / len(sample)

        # requests per second with a light client (http.client), so the figure is the server's, not httpx's
        conn = http.client.HTTPConnection("127.0.0.1", port)
        auth = {"Authorization": f"Bearer {token}"}
        rates = {}
        latencies = []
        for path, n in (("/healthz", 3000), ("/v1/submissions", 2000)):
            start = time.perf_counter()
            for _ in range(n):
                t0 = time.perf_counter()
                conn.request("GET", path, headers=auth)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"{path} answered {response.status}")
                if path != "/healthz":
                    latencies.append(time.perf_counter() - t0)
            rates[path] = n / (time.perf_counter() - start)
        conn.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)  # hundreds of MB of databases

    import_rate = total_mb / pull_s
    return [
        Measurement("submission size (envelope)", statistics.mean(sizes) / 1e6, "MB",
                    note=f"{len(parts)} parts, {part_bytes / 1e6:.2f} MB before encryption"),
        Measurement(f"upload throughput, {COUNT} submissions", total_mb / upload_s, "MB/s",
                    note=f"{upload_s:.1f} s for {total_mb:.0f} MB, sequential"),
        Measurement(f"desk import throughput, {COUNT} submissions (chip and certificate verification, no faces)",
                    import_rate, "MB/s", target="≥ 20 MB/s", met=import_rate >= 20 and imported == COUNT,
                    note=f"{pull_s:.1f} s, {imported}/{COUNT} imported, load average {load:.1f}"),
        Measurement("desk import per submission (no faces)", pull_s / max(imported, 1) * 1000, "ms",
                    note="download and confirm overlap with the import"),
        *(
            Measurement(f"desk import throughput with face match and liveness, {FACE_COUNT} submissions, {how}",
                        mb / secs, "MB/s", target="≥ 20 MB/s", met=mb / secs >= 20,
                        note=f"{secs / max(n, 1) * 1000:.0f} ms each; face checks {'passed' if ok else 'FLAGGED'} "
                             f"for all")
            for how, (mb, secs, n, ok) in zip(
                ("in the desk's process", f"{FACE_WORKERS} worker processes"), faced_runs,
                strict=True)
        ),
        Measurement(f"start-up of {FACE_WORKERS} face-check worker processes", startup_s, "s",
                    note="spawn, imports, models loaded, one check each; once per desk session"),
        Measurement("of which decrypt + decode + verify (sync layer alone)", verify_s * 1000, "ms",
                    note=f"{total_mb / COUNT / verify_s:.0f} MB/s; the rest is the record store's save"),
        Measurement("endpoint GET /healthz", rates["/healthz"], "req/s", note="one client, keep-alive"),
        Measurement("endpoint GET /v1/submissions (auth + DB)", rates["/v1/submissions"], "req/s",
                    note="one client, keep-alive, empty list"),
        Measurement("endpoint GET /v1/submissions latency (median)", statistics.median(latencies) * 1000, "ms"),
    ]

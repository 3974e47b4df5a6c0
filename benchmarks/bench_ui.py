"""Window responsiveness: how long the UI thread stalls while the desk reads a card and compares faces.

A 10 ms QTimer ticks on the UI thread (:class:`UiTicker`); when anything keeps the thread from its event
loop (a card APDU, a model, a lock a worker holds) the ticks stop and the gap between two grows. This was a
test until 2026-12-06 (tests/ui/watchdog.py, retired: a test asserts behaviour, never a speed); the tests
now check that the blocking calls run off the UI thread (tests/ui/offthread.py), and the figures live here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.harness import Measurement, median

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

TITLE = "Window responsiveness (UI-thread stalls)"
NOTES = """
The window is built as the app builds it (`build_window` with the real card, face and records services,
the demo record store and camera; offscreen, `QT_QPA_PLATFORM=offscreen`) and driven through its own
widgets, as tests/ui/test_flow.py does. A 10 ms `QTimer` ticks on the UI thread from the click that starts
the work until the first tick after the window shows its result. Per run:

- **longest gap**: the longest wall-clock time between two ticks (10 ms when nothing blocks);
- **longest stall**: per gap, what is not explained by CPU contention, read from every thread's
  `/proc/self/task/*/schedstat` (time on a CPU, time runnable but waiting for one):
  `max(UI thread's CPU time, gap − UI thread's wait for a CPU − the longest wait of any other thread of the
  process) − 10 ms`. The UI thread's own work always counts in full; time it spent blocked (I/O, a lock,
  the interpreter lock) counts unless a thread of the process was itself kept off a CPU that long. This
  is the old test watchdog's accounting; threads of other processes (the face process, the card
  process, pcscd) are not seen, so contention they suffer is not discounted;
- **95th percentile gap**: of all gaps of the run.

Each figure is the median over the runs (the worst run is in the note). The target is the retired test's
rule: no stall over 50 ms. Work measured:

- **card read**: 「読み取り開始」 in the card step, a full face-to-face read of the software My Number card
  (persona *taro*, served in its own process on a vpcd reader of pcscd) through `CardSession` on the card
  thread: 照合番号B typed into the secret dialog, the signature password skipped, the chip's contents
  verified and shown (until the chip step is on screen). The secret dialog's input is typed by the
  benchmark at once, so the figures are the window's, not a person's typing;
- **remote pull**: 「今すぐ取り込む」 in the remote view (`RemoteView`, as tests/ui/test_remote.py builds it:
  no face engine for remote checks) against the submission endpoint served by uvicorn on loopback, with one
  new ワ submission (signed by the software My Number card, in memory) waiting each run: `DeskSync.pull`
  lists, downloads, decrypts, verifies and stores it on the sync thread, until its row is in the table.
  One pull before the measured runs loads the layers it needs. `KYC_DESK_BENCH_UI_REMOTE=0` leaves it out;
- **face comparison**: 「顔を照合する」 in the face step (the chip photo against the demo camera's photo of the
  same person) through `FaceService` (its spawned face process) on the task pool, until the result is
  shown. The window warms the face process up after every read (as the app does), so its models are
  usually loaded by then; the first comparison of the session, which meets whatever loading is left, is
  run before the measured runs and reported on its own row.

Start with `KYC_DESK_PRIVATE_PCSCD=1 KYC_DESK_VPCD_PORT=<port>` to run a private pcscd (as the tests do,
tests/plugins/pcsc.py; needs root) with one vpcd reader on port+1000, stopped at the end; otherwise the
running pcscd's reader for `KYC_DESK_VPCD_PORT` is used. `KYC_DESK_BENCH_UI_RUNS` sets the runs (default 5).
The figures depend on the machine's load, which is recorded with them (1-minute load average; on
2026-12-06 about 4.6 runnable tasks on the 2 cores, other helpers' test suites running).

The accounting was checked on this machine at a similar load (4.2) with work put on the UI thread on purpose: a
100 ms `time.sleep` read as a 103 ms gap and a 93 ms stall, a 100 ms busy loop as a 114 ms gap and a
35 ms stall (the CPU time the loop got in those 100 ms), an idle span as 11 ms and 1 ms. A stall near 0
beside gaps of 20–100 ms therefore says the gaps were the machine's (no free core), not the desk's.
Not covered: painting on a real display (offscreen platform), a real reader and chip (slower reads, but
on the card thread), a person typing into the secret dialog.
"""

RUNS = int(os.environ.get("KYC_DESK_BENCH_UI_RUNS", "5"))
REMOTE = os.environ.get("KYC_DESK_BENCH_UI_REMOTE", "1") == "1"
TICK_MS = 10
TARGET_MS = 50.0
TIMEOUT_S = 120.0
_TASKS = Path("/proc/self/task")


def _schedstat(tid: int | str) -> tuple[float, float] | None:
    """(ms on a CPU, ms runnable but waiting for a CPU) of one thread, or None where unknown."""
    try:
        run, wait, _slices = (_TASKS / str(tid) / "schedstat").read_text().split()
        return int(run) / 1e6, int(wait) / 1e6
    except (OSError, ValueError):
        return None


def _all_waits() -> dict[str, float]:
    """ms each thread of this process has spent runnable but waiting for a CPU."""
    waits = {}
    with contextlib.suppress(OSError):
        for task in _TASKS.iterdir():
            stat = _schedstat(task.name)
            if stat is not None:
                waits[task.name] = stat[1]
    return waits


@dataclass(frozen=True)
class Stalls:
    """One measured span: every gap between ticks (wall clock) and the longest stall not due to contention."""

    gaps_ms: tuple[float, ...]
    longest_stall_ms: float

    @property
    def longest_gap_ms(self) -> float:
        return max(self.gaps_ms)

    @property
    def p95_gap_ms(self) -> float:
        if len(self.gaps_ms) < 2:
            return self.gaps_ms[0]
        return statistics.quantiles(self.gaps_ms, n=20, method="inclusive")[-1]


def _ticker_class() -> type[QObject]:
    from PySide6.QtCore import QObject, QTimer

    class UiTicker(QObject):
        """Ticks every 10 ms on the thread it lives on (the UI thread) and records the gaps."""

        def __init__(self) -> None:
            super().__init__()
            self._timer = QTimer(self)
            self._timer.setInterval(TICK_MS)
            self._timer.timeout.connect(self._tick)
            self._tid = threading.get_native_id()
            self._last = 0.0
            self._last_ui: tuple[float, float] | None = None
            self._last_waits: dict[str, float] = {}
            self.gaps: list[float] = []
            self.longest_stall_ms = 0.0
            self.last_tick_at = float("-inf")

        def start(self) -> None:
            self._tid = threading.get_native_id()
            self._last = time.perf_counter()
            self._last_ui = _schedstat(self._tid)
            self._last_waits = _all_waits()
            self.gaps, self.longest_stall_ms = [], 0.0
            self._timer.start()

        def stop(self) -> Stalls:
            self._timer.stop()
            if not self.gaps:
                raise RuntimeError("the UI-thread ticker never ticked: no figure")
            return Stalls(tuple(self.gaps), self.longest_stall_ms)

        def _tick(self) -> None:
            now = time.perf_counter()
            ui = _schedstat(self._tid)
            waits = _all_waits()
            gap = (now - self._last) * 1000
            stall = gap
            if ui is not None and self._last_ui is not None:
                ui_cpu = ui[0] - self._last_ui[0]
                ui_wait = ui[1] - self._last_ui[1]
                others = [
                    wait - self._last_waits[tid]
                    for tid, wait in waits.items()
                    if tid != str(self._tid) and tid in self._last_waits
                ]
                stall = max(ui_cpu, gap - ui_wait - max(others, default=0.0))
            self.gaps.append(gap)
            self.longest_stall_ms = max(self.longest_stall_ms, stall - TICK_MS)
            self._last, self._last_ui, self._last_waits = now, ui, waits
            self.last_tick_at = now

    return UiTicker


def _wait(condition: Callable[[], bool], what: str, timeout_s: float = TIMEOUT_S) -> None:
    """Run the event loop until ``condition()`` holds (checked every 5 ms from the loop itself)."""
    from PySide6.QtCore import QEventLoop, QTimer

    if condition():
        return
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(lambda: loop.quit() if condition() else None)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(loop.quit)
    poll.start()
    deadline.start(int(timeout_s * 1000))
    loop.exec()
    poll.stop()
    deadline.stop()
    if not condition():
        raise RuntimeError(f"timed out after {timeout_s:.0f} s waiting for {what}")


def _measured(ticker: QObject, start: Callable[[], None], done: Callable[[], bool], what: str) -> Stalls:
    """Tick from ``start()`` until the first tick after ``done()`` holds."""
    ticker.start()  # type: ignore[attr-defined]
    start()
    _wait(done, what)
    finished = time.perf_counter()
    _wait(lambda: ticker.last_tick_at > finished, "a tick after the work")  # type: ignore[attr-defined]
    stalls: Stalls = ticker.stop()  # type: ignore[attr-defined]
    return stalls


@contextlib.contextmanager
def _pcscd() -> Iterator[None]:
    """A private pcscd (``KYC_DESK_PRIVATE_PCSCD=1``, as the tests start one) for the benchmark's lifetime."""
    if os.environ.get("KYC_DESK_PRIVATE_PCSCD") != "1":
        yield
        return
    from tests.plugins import pcsc as pcsc_plugin

    pcsc_plugin._start_private_pcscd(
        int(os.environ.get("KYC_DESK_VPCD_PORT", "35963")) + pcsc_plugin.PRIVATE_PORT_OFFSET
    )
    daemon, folder = pcsc_plugin._private_daemon, pcsc_plugin._private_dir
    try:
        yield
    finally:
        if daemon is not None:
            daemon.terminate()
            try:
                daemon.wait(timeout=5)
            except subprocess.TimeoutExpired:
                daemon.kill()
                daemon.wait(timeout=5)
        pcsc_plugin._private_daemon = None
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _card_process(port: int) -> Iterator[None]:
    """The software My Number card (persona taro) in its own process on the vpcd ``port``."""
    process = subprocess.Popen(
        [sys.executable, "-m", "kyc_desk_testkit.softcard.serve", "--port", str(port), "--card", "mynumber",
         "--persona", "taro"],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        if line != f"ready {port}":
            raise RuntimeError(f"the software card process did not start: {line!r}")
        yield
    finally:
        process.kill()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


def _figures(label: str, runs: list[Stalls]) -> list[Measurement]:
    """Median longest gap, longest stall (against the target) and 95th percentile gap over ``runs``."""
    stall = median([r.longest_stall_ms for r in runs])
    worst = max(r.longest_stall_ms for r in runs)
    ticks = sum(len(r.gaps_ms) for r in runs)
    note = f"median of {len(runs)}; worst run {worst:.0f} ms"
    return [
        Measurement(
            f"{label}: longest gap between ticks",
            round(median([r.longest_gap_ms for r in runs]), 1),
            "ms",
            note=f"median of {len(runs)}; worst run {max(r.longest_gap_ms for r in runs):.0f} ms; {ticks} ticks in all",
        ),
        Measurement(
            f"{label}: longest stall not due to CPU contention",
            round(stall, 1),
            "ms",
            target=f"≤ {TARGET_MS:.0f} ms",
            met=stall <= TARGET_MS,
            note=note,
        ),
        Measurement(
            f"{label}: 95th percentile gap",
            round(median([r.p95_gap_ms for r in runs]), 1),
            "ms",
            note=f"median of {len(runs)}; 10 ms when nothing waits",
        ),
    ]


def _load() -> float:
    return os.getloadavg()[0]


def run() -> list[Measurement]:
    """Build the window, read the card and compare faces ``RUNS`` times each, ticking on the UI thread."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    load_before = _load()
    with tempfile.TemporaryDirectory(prefix="kyc-bench-ui-") as tmp, _pcscd():
        home = Path(tmp)
        os.environ["KYC_DESK_HOME"] = str(home / "home")
        os.environ["KYC_DESK_TRUST_DIR"] = str(home / "trust")
        port = int(os.environ.get("KYC_DESK_VPCD_PORT", "35963"))
        with _card_process(port):
            out = _measure_window()
        if REMOTE:
            out += _measure_remote(home)
    load_after = _load()
    out.append(
        Measurement(
            "Machine load while measuring (1-minute load average)",
            round((load_before + load_after) / 2, 2),
            "runnable tasks",
            note=f"{load_before:.2f} at the start, {load_after:.2f} at the end, {os.cpu_count()} cores",
        )
    )
    return out


def _measure_window() -> list[Measurement]:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
    from kyc_desk.i18n import set_language
    from kyc_desk.jp.era import format_japanese
    from kyc_desk.settings import Settings
    from kyc_desk.ui.app import build_window
    from kyc_desk.ui.qapp import application
    from kyc_desk.ui.views.face_to_face import CARD, CHIP, FACE, FaceToFaceView
    from kyc_desk_testkit.demo import demo_camera, install_demo_trust, open_demo_store
    from kyc_desk_testkit.softcard.registry import build_card

    app = application()
    set_language("ja")
    install_demo_trust(Path(os.environ["KYC_DESK_TRUST_DIR"]))
    services = DeskServices(
        cards=CardService(),
        records=RecordsService(open_demo_store),
        faces=FaceService(),
        operator="ベンチマーク司法書士",
        camera=demo_camera(),
    )
    window = build_window(Settings(), services=services)
    window.show()
    flow = window.places["face_to_face"]
    assert isinstance(flow, FaceToFaceView)
    ticker = _ticker_class()()
    code_b = build_card("mynumber", "taro").code_b
    try:
        step = flow.client_step
        step.search.insert("ヤマダ")  # the demo store's sample client
        _wait(lambda: step.results.count() > 0, "the sample client")
        step.results.setCurrentRow(0)
        step._pick(step.results.item(0))
        _wait(step.is_complete, "the client step")
        flow.next.click()  # the method: reading the chip, the default
        flow.next.click()
        assert flow.stack.currentIndex() == CARD
        card_step = flow.card_step
        _wait(lambda: card_step.start.isEnabled(), "the card on the reader")

        def answer_secrets() -> bool:
            dialog = card_step.secret_dialog
            if dialog is not None and dialog.isVisible() and dialog.name == "code_b" and not dialog.birth_date.text():
                dialog.birth_date.insert(format_japanese(code_b.birth_date))
                dialog.expiry_year.insert(str(code_b.expiry_year))
                dialog.security_code.insert(code_b.security_code)
                QTest.keyClick(dialog.security_code, Qt.Key.Key_Return)
            elif dialog is not None and dialog.isVisible() and dialog.name == "sign_pin" and dialog.skip is not None:
                dialog.skip.click()
            return flow.stack.currentIndex() == CHIP

        def one_read() -> Stalls:
            if flow.stack.currentIndex() != CARD:
                flow.back.click()
                _wait(lambda: flow.stack.currentIndex() == CARD and card_step.start.isEnabled(), "the card step")
            return _measured(ticker, card_step.start.click, answer_secrets, "the chip step after a read")

        one_read()  # warm-up: first use of the card thread's imports and the chip step's widgets
        reads = [one_read() for _ in range(RUNS)]

        flow.next.click()
        assert flow.stack.currentIndex() == FACE
        face = flow.face_step
        face.capture.click()
        _wait(lambda: face.live_jpeg is not None and face.match.isEnabled(), "the camera's photo")

        def one_compare() -> Stalls:
            face.result = None
            return _measured(ticker, face.match.click, lambda: face.result is not None, "the face result")

        first = one_compare()  # the first of the session: whatever model loading is left falls here
        compares = [one_compare() for _ in range(RUNS)]
        assert face.result is not None and face.result.verdict.value == "pass"
    finally:
        flow.shutdown()
        services.records.close()
        window.close()
        app.processEvents()

    return [
        *_figures("Card read (My Number, full)", reads),
        *_figures("Face comparison", compares),
        Measurement(
            "First face comparison of the session: longest stall not due to CPU contention",
            round(first.longest_stall_ms, 1),
            "ms",
            target=f"≤ {TARGET_MS:.0f} ms",
            met=first.longest_stall_ms <= TARGET_MS,
            note=f"one run; longest gap {first.longest_gap_ms:.0f} ms, 95th percentile gap {first.p95_gap_ms:.0f} ms",
        ),
    ]


def _measure_remote(home: Path) -> list[Measurement]:
    """「今すぐ取り込む」 in the remote view against an endpoint on loopback, one new ワ submission a run."""
    from tests.sync.conftest import serve
    from tests.sync.desk_fixtures import FAST_SCRYPT, PASSPHRASE, taro, wa_parts

    from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService, default_store_opener
    from kyc_desk.app.remote import RemoteService
    from kyc_desk.sync.face_checks import NoFaceEngine
    from kyc_desk.sync.format import Method
    from kyc_desk.sync.office_key import KeyProtection
    from kyc_desk.sync.server import Limits, ServerConfig
    from kyc_desk.sync.submitter import link_challenge, submit
    from kyc_desk.ui.views.remote import RemoteView
    from kyc_desk.ui.workers.tasks import TaskRunner
    from kyc_desk.verify.trust import load_trust_store
    from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors

    trust = home / "remote-trust"
    write_trust_anchors(trust, softcard_issuers())
    remote = RemoteService(
        folder=home / "sync",
        protection=lambda mode, p: KeyProtection(mode="passphrase", passphrase=p, scrypt=FAST_SCRYPT),
        secure_keyring=lambda: False,
        anchors=lambda: load_trust_store(trust),
        faces=NoFaceEngine,
    )
    config = ServerConfig(database_url=f"sqlite:///{home / 'endpoint.db'}", limits=Limits.off())
    ticker = _ticker_class()()
    with serve(config) as endpoint:
        services = DeskServices(CardService(), RecordsService(default_store_opener), FaceService(), "ベンチ", None)
        tasks = TaskRunner()
        view = RemoteView(services, tasks, remote)
        tasks.setParent(view)
        view.resize(1400, 900)
        view.show()
        try:
            view.apply_settings(endpoint.url, endpoint.desk_token, PASSPHRASE, minutes=60)
            _wait(lambda: view.session.running and "最終取込み" in view.pull_status.text(), "the first pull")
            desk = remote.unlock()

            def one_pull() -> Stalls:
                created = desk.create_request((Method.WA,), person=taro(), client_id=None, expires_in_minutes=60)
                submit(created.link, Method.WA, None, wa_parts(link_challenge(created.link)))  # the client
                rows = view.table.rowCount()
                return _measured(ticker, view.pull_button.click, lambda: view.table.rowCount() == rows + 1,
                                 "the pulled submission in the table")  # fmt: skip

            one_pull()  # warm-up: the first import loads the sync, verify and records layers
            pulls = [one_pull() for _ in range(RUNS)]
        finally:
            view.shutdown()
            services.records.close()
            view.close()
    return _figures("Remote pull (one ワ submission)", pulls)

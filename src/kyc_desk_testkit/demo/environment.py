"""デモ環境 — everything a newcomer needs to walk the whole flow without a real card or reader.

:meth:`DemoEnvironment.start` (called by ``kyc-desk --demo``; scripts/demo sets ``KYC_DESK_HOME`` to
``.cache/demo-home``):

- puts a software card on the vpcd virtual reader, served by the card stack's own process
  (``python -m kyc_desk_testkit.softcard.serve``) on ``KYC_DESK_VPCD_PORT`` (default 35963): the My Number
  card of the demo persona 山田 太郎 (``KYC_DESK_DEMO_CARD`` picks another kind, e.g. ``residence_card``).
  The persona's name, address, birth date and numbers are made up; its photos are not: they are the
  sample photos of a real public figure that ship in face_recognition 1.3.0's source distribution on PyPI
  (``tests/test_images``, MIT-licensed package), fetched as they are by :mod:`kyc_desk_testkit.samples`
  and used for tests and the demo only — the user guide and the demo banner say so;
- installs the software cards' *test* issuers in the demo desk's trust folder, so their signatures
  verify (a real desk never has them);
- creates a demo record store (key file mode: demo data only) holding one earlier verification of the
  sample client, so that search finds him;
- offers a camera stand-in that hands out real photos (:mod:`kyc_desk_testkit.demo.camera`).

:meth:`DemoEnvironment.stop` (on exit) stops the card process. The demo card's printed details are in
docs/user-guide.ja.md (birth date 昭和36年8月4日, security code 1234 unless the card builder says
otherwise).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final

from kyc_desk.errors import KycDeskError
from kyc_desk.paths import HOME_ENV, desk_paths

if TYPE_CHECKING:
    from kyc_desk.app import DeskServices
    from kyc_desk.records.store import RecordStore
    from kyc_desk.settings import Settings

log = logging.getLogger(__name__)

PORT_ENV: Final = "KYC_DESK_VPCD_PORT"
CARD_ENV: Final = "KYC_DESK_DEMO_CARD"
DEFAULT_PORT: Final = 35963
DEFAULT_CARD: Final = "mynumber"
DEMO_PERSONA: Final = "taro"
DEMO_OPERATOR: Final = "デモ司法書士"
READY_TIMEOUT_S: Final = 30.0


class DemoUnavailable(KycDeskError):
    """The demo could not be set up (e.g. pcscd or the virtual reader is missing)."""

    default_ja = "デモ環境を準備できませんでした。"


#: Written into a home the demo has claimed; a record store in a home without it belongs to a real desk.
DEMO_MARKER: Final = ".kyc-desk-demo"


def real_desk_folders() -> tuple[Path, ...]:
    """The platform's own desk folders (what the desk uses without ``KYC_DESK_HOME``)."""
    import platformdirs

    dirs = platformdirs.PlatformDirs("kyc-desk", appauthor=False)
    return tuple(
        Path(p).expanduser().resolve()
        for p in (dirs.user_config_dir, dirs.user_data_dir, dirs.user_log_dir, dirs.user_cache_dir)
    )


def default_demo_home() -> Path:
    """The demo's own home when none is chosen: beside, never inside, the real desk's folders."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("kyc-desk-demo", appauthor=False)).expanduser().resolve()


def claim_demo_home(home: Path) -> Path:
    """Check that ``home`` may hold demo data, mark it as the demo's, and return it (resolved).

    Refused: the real desk's folders, a folder inside or around them, and a folder that already holds a
    record store the demo did not create.
    """
    home = home.expanduser().resolve()
    for real in real_desk_folders():
        if home == real or home.is_relative_to(real) or real.is_relative_to(home):
            raise DemoUnavailable(
                f"Demo mode never runs in the desk's real folders ({real}); choose another KYC_DESK_HOME.",
                ja="デモモードは実際のデスクのフォルダでは動かしません。別の KYC_DESK_HOME を指定してください。",
            )
    marker = home / DEMO_MARKER
    holds_store = (home / "data" / "records").exists()
    if holds_store and not marker.exists():
        raise DemoUnavailable(
            f"{home} holds a record store that demo mode did not create; demo mode will not use it.",
            ja="このフォルダにはデモで作成されていない記録データがあるため、デモモードでは使用しません。",
        )
    home.mkdir(parents=True, exist_ok=True)
    marker.write_text("demo home of KYC Desk: software cards, test issuers, demo records\n", encoding="utf-8")
    return home


def install_demo_trust(folder: Path) -> None:
    """Trust the software cards' test issuers in ``folder`` (demo desks only)."""
    from asn1crypto import pem

    from kyc_desk_testkit.softcard.pki import softcard_issuers, write_trust_anchors
    from kyc_desk_testkit.softcard.residence import residence_issuer_certificate
    from kyc_desk_testkit.softcard.residence2 import residence2_issuer_certificate

    write_trust_anchors(folder, softcard_issuers())
    (folder / "residence-test-issuer.pem").write_bytes(pem.armor("CERTIFICATE", residence_issuer_certificate()))
    (folder / "residence2-test-ca2.pem").write_bytes(pem.armor("CERTIFICATE", residence2_issuer_certificate()))


def open_demo_store(passphrase: str | None = None) -> RecordStore:
    """The demo record store (key file mode: ``passphrase`` is not used), created and seeded with the
    sample client on first use."""
    from kyc_desk.records import KeyFileKeySource, RecordStore
    from kyc_desk.records.store import StoreLocation

    if StoreLocation.default().exists():
        return RecordStore.open(KeyFileKeySource())
    store, _recovery = RecordStore.create(mode="keyfile")
    seed_sample_client(store)
    return store


def seed_sample_client(store: RecordStore) -> None:
    """One earlier verification of the demo persona (face-to-face, licence shown), a year ago."""
    from kyc_desk.records.legal import Event, Method
    from kyc_desk.records.model import Decision, DecisionEntry, Matter, NewVerification, Person
    from kyc_desk_testkit.softcard.persona import demo_personas

    persona = demo_personas()[DEMO_PERSONA]
    before = dt.datetime.now(dt.UTC) - dt.timedelta(days=365)
    store.save_verification(
        NewVerification(
            client=Person(
                name=persona.name,
                name_kana="やまだ たろう",  # typed in hiragana last time: search and comparison fold it
                birth_date=persona.birth_date,
                address=persona.address,
                occupation="会社員",
            ),
            method=Method.I,
            events={Event.PRESENTED: before},
            document_type="driver_licence",  # the stable id records store; shown as 運転免許証
            checked_by=DEMO_OPERATOR,
            recorded_by=DEMO_OPERATOR,
            matter=Matter(title="自宅の売買による所有権移転登記", kind="不動産売買", opened_on=before.date()),
            purpose="不動産の売却",
            decision=DecisionEntry(Decision.ACCEPTED, DEMO_OPERATOR, before, "免許証の提示を受け、本人と確認した。"),
        ),
        actor=DEMO_OPERATOR,
    )


@dataclass
class DemoEnvironment:
    """A running demo: the card process and the demo desk's folders."""

    process: subprocess.Popen[str] | None
    port: int
    card: str

    @classmethod
    def start(cls, *, port: int | None = None, card: str | None = None, serve_card: bool = True) -> DemoEnvironment:
        """Prepare the demo desk and put the demo card on the virtual reader."""
        chosen = os.environ.get(HOME_ENV)
        if not chosen:
            raise DemoUnavailable(
                "Demo mode needs a home of its own (KYC_DESK_HOME); start it with python -m kyc_desk_testkit.demo.",
                ja="デモモードには専用のフォルダ（KYC_DESK_HOME）が必要です。scripts/demo から起動してください。",
            )
        claim_demo_home(Path(chosen))
        port = port or int(os.environ.get(PORT_ENV, str(DEFAULT_PORT)))
        card = card or os.environ.get(CARD_ENV, DEFAULT_CARD)
        paths = desk_paths().ensure()
        trust = paths.config / "trust"
        if not trust.exists():
            install_demo_trust(trust)
        environment = cls(None, port, card)
        if serve_card:
            environment.process = _serve(port, card)
        log.info("demo started (card %s on port %s)", card, port)
        return environment

    def services(self, settings: Settings) -> DeskServices:
        """The desk's services for the demo: the real card and face layers, the demo store and camera."""
        from kyc_desk.app import CardService, DeskServices, FaceService, RecordsService
        from kyc_desk_testkit.demo.camera import demo_camera

        return DeskServices(
            cards=CardService(),
            records=RecordsService(open_demo_store),
            faces=FaceService(),
            operator=settings.operator or DEMO_OPERATOR,
            camera=demo_camera(),
        )

    def stop(self) -> None:
        """Take the demo card off the reader (stop its process)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None


def _serve(port: int, card: str) -> subprocess.Popen[str]:
    command = [
        sys.executable, "-m", "kyc_desk_testkit.softcard.serve", "--port", str(port), "--card", card,
        "--persona", DEMO_PERSONA,
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready = threading.Event()
    first_line: list[str] = []

    def wait_ready() -> None:
        assert process.stdout is not None
        first_line.append(process.stdout.readline())
        ready.set()

    threading.Thread(target=wait_ready, daemon=True).start()
    if not ready.wait(READY_TIMEOUT_S) or not first_line or not first_line[0].startswith("ready"):
        process.kill()
        process.wait(5)
        error = (process.stderr.read() if process.stderr else "").strip().splitlines()
        log.warning("demo card did not start")
        raise DemoUnavailable(
            "The demo card could not be put on the virtual reader: "
            + (error[-1] if error else "is pcscd running with the vpcd driver?"),
            ja="仮想カードリーダーにデモ用カードを置けませんでした。pcscd と vpcd が動いているか確認してください。",
        )
    return process

"""A desk pull in its own process, for the SIGKILL test: ``python -m tests.sync._pull_child TMP URL TOKEN``.

Before confirming each submission it writes ``confirming-<n>`` into TMP and waits a little, so the parent can
kill it after a submission was stored and before the endpoint was told.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kyc_desk.records import PassphraseKeySource, RecordStore
from kyc_desk.sync.client import DeskClient
from kyc_desk.sync.desk import DeskSync
from kyc_desk.sync.face_checks import NoFaceEngine
from kyc_desk.sync.office_key import KeyProtection, load_office_key
from kyc_desk.verify.trust import load_trust_store

from .desk_fixtures import FAST_SCRYPT, PASSPHRASE


def main(tmp: Path, url: str, token: str) -> None:
    office = load_office_key(tmp / "sync", KeyProtection(mode="passphrase", passphrase=PASSPHRASE, scrypt=FAST_SCRYPT))
    client = DeskClient(url, token)
    confirm = client.confirm
    count = 0

    def slow_confirm(submission_id: str) -> None:
        nonlocal count
        count += 1
        (tmp / f"confirming-{count}").write_text(submission_id)
        time.sleep(1.0)
        confirm(submission_id)

    client.confirm = slow_confirm  # type: ignore[method-assign]
    desk = DeskSync(client, tmp / "sync", office.public_text, office)
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=tmp / "records") as store:
        desk.pull(store, anchors=load_trust_store(tmp / "trust"), faces=NoFaceEngine())


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], sys.argv[3])

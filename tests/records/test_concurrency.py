"""Two writers at once (the desk UI and the remote-submission import) never fork the audit chain."""

from __future__ import annotations

import threading
from pathlib import Path

from kyc_desk.records import PassphraseKeySource, RecordStore
from tests.records.conftest import PASSPHRASE, full_verification


def test_two_stores_writing_at_once_keep_one_chain(store: RecordStore, folder: Path) -> None:
    other = RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=folder)
    errors: list[BaseException] = []

    def writer(target: RecordStore, prefix: str) -> None:
        try:
            for i in range(8):
                target.save_verification(full_verification(external_id=f"{prefix}-{i}", evidence=()), actor=prefix)
                # the same submission imported again by the other writer is still one record
                target.save_verification(full_verification(external_id=f"shared-{i}", evidence=()), actor=prefix)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(s, p)) for s, p in ((store, "ui"), (other, "import"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    other.close()
    assert errors == []
    assert store.count() == 8 + 8 + 8
    result = store.verify_audit()
    assert result.ok, result.findings
    assert result.entries == 1 + 24

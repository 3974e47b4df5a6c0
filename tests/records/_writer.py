"""A writer process for the crash test: saves verifications in a loop until it is killed.

Run as ``python -m tests.records._writer FOLDER``; prints ``ready`` once the store is open.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kyc_desk.records import KeyFileKeySource, RecordStore
from tests.records.conftest import full_verification


def main(folder: Path) -> None:
    store = RecordStore.open(KeyFileKeySource(), folder=folder)
    new = full_verification()
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        store.save_verification(new, actor="writer")
        if n % 3 == 0:
            store.add_meeting_note(store.list_recent(1)[0].id, new.notes[0], actor="writer")


if __name__ == "__main__":
    main(Path(sys.argv[1]))

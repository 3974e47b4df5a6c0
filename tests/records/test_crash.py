"""A writer killed with SIGKILL at random moments leaves a consistent store: no partial verification."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kyc_desk.records import KeyFileKeySource, RecordStore, SearchQuery
from tests.records.conftest import full_verification

ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 8


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_during_saves_leaves_the_store_consistent(folder: Path) -> None:
    RecordStore.create(mode="keyfile", folder=folder)[0].close()
    template = full_verification()
    rng = random.Random(20261121)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _round in range(ROUNDS):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.records._writer", str(folder)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read() if writer.stderr else ""
        time.sleep(rng.uniform(0.1, 0.8))
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        assert writer.returncode == -signal.SIGKILL

    with RecordStore.open(KeyFileKeySource(), folder=folder) as store:
        assert store.integrity_check() == []
        audit = store.verify_audit()
        assert audit.ok, audit.findings
        count = store.count()
        assert count > 0  # the writers did get work done between kills
        print(f"{count} verifications saved across {ROUNDS} kills")
        for summary in store.search(SearchQuery(limit=-1)):
            record = store.get(summary.id)
            assert len(record.events) == len(template.events)
            assert len(record.evidence) == len(template.evidence)
            assert [e.data for e in record.evidence] == [e.data for e in template.evidence]
            assert len(record.item_checks) == len(template.item_checks)
            assert len(record.face_results) == len(template.face_results)
            assert len(record.report) == len(template.report)
            assert len(record.transactions) == len(template.transactions)
            assert record.decision == template.decision
            assert len(record.notes) >= 1
        with store.engine.connect() as conn:
            orphans = conn.exec_driver_sql(
                "SELECT count(*) FROM clients WHERE id NOT IN (SELECT client_id FROM verifications)"
            ).scalar_one()
        assert orphans == 0

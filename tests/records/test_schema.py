"""The schema: Alembic migrations match the ORM, the head is known, no column for the individual number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from kyc_desk.records import PassphraseKeySource, RecordStore, SearchQuery
from kyc_desk.records._db import HEAD_REVISION, MIGRATIONS, current_revision
from kyc_desk.records._orm import AUDITED_TABLES, Base
from tests.records.conftest import PASSPHRASE, full_verification


def test_head_revision_constant_is_the_migrations_head() -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_migrated_database_matches_the_models(store: RecordStore) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_every_table_but_the_log_and_the_derived_index_is_audited() -> None:
    assert set(Base.metadata.tables) == {*AUDITED_TABLES, "audit_log", "name_search"}


def test_upgrade_from_0001_backfills_the_name_index(store: RecordStore) -> None:
    """A store made before 0002 is migrated on open, and its existing clients become searchable."""
    from alembic import command

    record = store.save_verification(full_verification(), actor="a")
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with store.engine.execution_options(kyc_write=True).begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0001")
        assert current_revision(conn) == "0001"
    store.close()
    with RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=store.location.folder) as again:
        with again.engine.connect() as conn:
            assert current_revision(conn) == HEAD_REVISION
        assert [s.id for s in again.search(SearchQuery(name="さきこ"))] == [record.id]
        assert again.verify_audit().ok


def test_no_column_for_the_individual_number(store: RecordStore) -> None:
    with store.engine.connect() as conn:
        schema = "\n".join(r[0] for r in conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"))
    assert "CREATE TABLE verifications" in schema
    pattern = re.compile(
        r"my_?number|mynum|individual_?number|kojin|bango|個人番号|マイナンバー|personal_?number", re.I
    )
    assert pattern.findall(schema) == []
    migrations = Path(__file__).parents[2] / "src/kyc_desk/records/migrations/versions"
    for path in migrations.glob("*.py"):
        assert pattern.findall(path.read_text(encoding="utf-8")) == [], path.name


def test_reopening_skips_alembic_when_at_head(store: RecordStore) -> None:
    with store.engine.connect() as conn:
        assert current_revision(conn) == HEAD_REVISION


def test_database_from_a_newer_desk_is_refused_cleanly(store: RecordStore) -> None:
    from kyc_desk.records import CorruptStore

    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    store.close()
    with pytest.raises(CorruptStore) as info:
        RecordStore.open(PassphraseKeySource(PASSPHRASE), folder=store.location.folder)
    assert "newer version" in info.value.message

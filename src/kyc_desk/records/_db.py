"""Opening the SQLCipher database under SQLAlchemy, and bringing its schema to the latest migration.

The database key is passed as a raw 256-bit key (``PRAGMA key = "x'…'"``), so SQLCipher skips its own
PBKDF2 and a connection opens in about a millisecond. Every connection silences SQLCipher's stderr log
(``cipher_log_level = NONE``), turns on foreign keys, WAL and ``synchronous = FULL`` (a commit survives
a power cut), waits up to 10 s for another writer, and keeps a 32 MiB page cache (pages are decrypted
into it, so a warm search does no decryption).

Transactions are started by us, not by the driver: reads use ``BEGIN`` and writes ``BEGIN IMMEDIATE``
(through the ``kyc_write`` execution option), so two writers cannot both read the audit chain's head
and fork it.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Final, ParamSpec, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import QueuePool

from kyc_desk.records.errors import CorruptStore, RecordsError, StoreUnavailable, WrongDatabaseKey

#: The newest migration; opening skips Alembic entirely when the database is already there.
HEAD_REVISION: Final = "0006"
MIGRATIONS: Final = "kyc_desk.records:migrations"
#: Page cache per connection, KiB.
CACHE_KIB: Final = 32 * 1024


def _sqlcipher() -> Any:
    import sqlcipher3

    return sqlcipher3


def raw_connect(path: Path, key: bytes) -> Any:
    """A keyed sqlcipher3 connection; :class:`WrongDatabaseKey` if the key does not open the file."""
    sqlcipher3 = _sqlcipher()
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=10.0)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as exc:
        conn.close()
        if "malformed" in str(exc):  # page 1 decrypted, a later page did not: damage, not a wrong key
            raise CorruptStore(f"the record database is damaged ({exc})") from None
        raise WrongDatabaseKey("the key does not open this record database") from exc
    return conn


def _configure(conn: Any) -> None:
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA busy_timeout = 10000")
    # deleted rows (a purge) are overwritten, not left in free pages for a later key compromise
    conn.execute("PRAGMA secure_delete = ON")
    # SQLCipher decrypts pages into this cache: 32 MiB keeps the search indexes of ~100,000 records warm
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def make_engine(path: Path, key: bytes) -> Engine:
    """An engine whose connections are keyed and configured as described above."""

    def creator() -> Any:
        conn = raw_connect(path, key)
        _configure(conn)
        return conn

    engine = create_engine("sqlite://", creator=creator, module=_sqlcipher(), poolclass=QueuePool, pool_size=2)

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("kyc_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def current_revision(conn: Connection) -> str | None:
    """The Alembic revision the database is at (``None`` for a new, empty database)."""
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    ).first()
    if not has_table:
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return None if row is None else str(row[0])


def upgrade(engine: Engine) -> None:
    """Run ``alembic upgrade head`` unless the database is already at :data:`HEAD_REVISION`."""
    with engine.connect() as conn:
        if current_revision(conn) == HEAD_REVISION:
            return
    from alembic import command
    from alembic.config import Config
    from alembic.util import CommandError

    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    with engine.execution_options(kyc_write=True).begin() as conn:
        config.attributes["connection"] = conn
        try:
            command.upgrade(config, "head")
        except CommandError as exc:  # e.g. a revision from a newer version of the desk
            raise CorruptStore(
                "the record database was made by a newer version of KYC Desk",
                ja="記録データベースは新しいバージョンの KYC Desk で作成されています。",
            ) from exc
        if current_revision(conn) != HEAD_REVISION:
            raise CorruptStore(
                "the database schema is newer or older than this program knows",
                ja="記録データベースの形式がこのプログラムの版と合いません。",
            )


@contextlib.contextmanager
def keyed_connection(path: Path, key: bytes) -> Iterator[Any]:
    """A raw keyed connection for maintenance (backup, integrity check), closed afterwards."""
    conn = raw_connect(path, key)
    try:
        yield conn
    finally:
        conn.close()


P = ParamSpec("P")
R = TypeVar("R")
_DAMAGED: Final = ("malformed", "not a database", "corrupt")


def database_error(exc: BaseException) -> RecordsError | None:
    """The records error for a driver or SQLAlchemy database error, or ``None`` for anything else.

    Only SQLite's own message is kept (e.g. "database is locked"): SQLAlchemy's wrapper adds the SQL and
    its parameters, which carry personal data, so it is dropped.
    """
    orig: BaseException | None
    if isinstance(exc, DBAPIError):
        orig = exc.orig
    elif isinstance(exc, _sqlcipher().Error):
        orig = exc
    else:
        return None
    reason = str(orig) if orig is not None else type(exc).__name__
    if any(word in reason for word in _DAMAGED):
        return CorruptStore(f"the record database is damaged ({reason})")
    return StoreUnavailable(f"the record database could not be read or written ({reason})")


def translate_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn database errors escaping ``fn`` into :class:`RecordsError` (the one translation boundary)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except RecordsError:
            raise
        except Exception as exc:
            translated = database_error(exc)
            if translated is None:
                raise
            raise translated from None

    return wrapper

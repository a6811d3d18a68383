"""Open a site database: refuse bad files untouched, lock it, back up, migrate, hand out Sessions."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from kongchuo_desktop.store import migrate
from kongchuo_desktop.store.changes import install_change_tracking
from kongchuo_desktop.store.errors import DatabaseOpenError

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


@dataclass
class Database:
    """An open site database.

    path: the SQLite file; engine: its SQLAlchemy engine; sessions: Session factory whose
    sessions carry info["user"] and info["site_id"] for attribution; lock: the instance lock.
    """

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    lock: FileLock | None = None
    migrated_from: str | None = None
    backup_path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def transaction(self, user: str | None = None, site_id: str | None = None) -> Iterator[Session]:
        """A Session in one transaction: committed on success, rolled back on any error."""
        session = self.sessions()
        session.info["user"] = user
        session.info["site_id"] = site_id if site_id is not None else self.extra.get("site_id")
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    def read_session(self) -> Session:
        """A Session for reads (caller closes it)."""
        return self.sessions()

    def close(self) -> None:
        """Refresh planner statistics where useful, dispose of connections, release the lock."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize")
        except Exception:  # a failing optimisation must never block closing
            log.warning("PRAGMA optimize failed", exc_info=True)
        self.engine.dispose()
        if self.lock is not None and self.lock.is_locked:
            self.lock.release()


def _check_file(path: Path) -> None:
    """Refuse, without writing anything, a file that is not a usable SQLite database of ours."""
    if not path.is_file():
        raise DatabaseOpenError("missing", f"找不到数据库文件：{path}")
    if path.stat().st_size == 0:
        return
    with path.open("rb") as fh:
        header = fh.read(16)
    if header != SQLITE_MAGIC:
        raise DatabaseOpenError(
            "not_sqlite", f"“{path.name}”不是本软件的数据库文件（不是 SQLite 数据库），已拒绝打开，文件未被改动。"
        )
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise DatabaseOpenError(
            "read_only",
            f"数据库文件“{path}”或其所在文件夹是只读的，无法保存修改。"
            "请把文件复制到可以写入的文件夹（例如“文档”），或取消文件的只读属性后再打开。",
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            revisions: set[str] = set()
            if "alembic_version" in tables:
                revisions = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(
            "corrupt", f"数据库文件“{path.name}”已损坏，无法读取（{exc}）。文件未被改动，请从备份恢复。"
        ) from exc
    if tables and "alembic_version" not in tables:
        raise DatabaseOpenError("not_sqlite", f"“{path.name}”是 SQLite 文件，但不是本软件的数据库，已拒绝打开。")
    unknown = revisions - migrate.known_revisions()
    if unknown:
        raise DatabaseOpenError(
            "newer_schema",
            f"数据库“{path.name}”来自更新版本的软件（结构版本 {','.join(sorted(unknown))}），本版本无法打开。"
            "请先升级软件，文件未被改动。",
        )


def _acquire_lock(path: Path) -> FileLock:
    lock = FileLock(str(path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise DatabaseOpenError(
            "locked", f"数据库“{path.name}”正被另一个窗口或程序使用。请先关闭那个程序，再打开。"
        ) from exc
    return lock


def _set_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def make_engine(path: Path) -> Engine:
    """An engine on `path` with WAL, foreign keys and a busy timeout on every connection."""
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def backup_file(path: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently (online backup API) to `target` via a temp name."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    src = sqlite3.connect(str(path))
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    os.replace(tmp, target)
    return target


def open_database(
    path: str | Path, *, create: bool = False, lock: bool = True, check_integrity: bool = False
) -> Database:
    """Open (or with create=True make) a site database and bring its schema to head.

    Raises DatabaseOpenError — with the file untouched — for a file that is missing, not SQLite,
    corrupt, read-only, locked by another instance or from a newer version of the app.
    check_integrity (the GUI's start-up): also run PRAGMA integrity_check and foreign_key_check
    first and raise store.integrity.DatabaseDamagedError (code "damaged", with its report) when
    they find anything — before any backup or migration touches the file.
    """
    path = Path(path).expanduser().resolve()
    if not path.exists():
        if not create:
            raise DatabaseOpenError("missing", f"找不到数据库文件：{path}")
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        _check_file(path)
    instance_lock = _acquire_lock(path) if lock else None
    try:
        if check_integrity and path.exists() and path.stat().st_size > 0:
            from kongchuo_desktop.store.integrity import DatabaseDamagedError, startup_report

            report = startup_report(path)  # begun ahead by the GUI (integrity.check_ahead) when it could
            if not report.ok:
                raise DatabaseDamagedError(path, report)
        engine = make_engine(path)
        with engine.connect() as conn:
            current = migrate.current_revision(conn)
            up_to_date = migrate.is_current(conn)
        backup_path = None
        if not up_to_date:
            if current is not None:
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                backup_path = backup_file(
                    path, path.parent / "backups" / f"{path.stem}-升级前-{current.replace(',', '+')}-{stamp}.sqlite"
                )
                log.info("backed up %s to %s before migrating", path, backup_path)
            with engine.begin() as conn:
                migrate.upgrade(conn)
        sessions = sessionmaker(bind=engine, expire_on_commit=False)
        install_change_tracking(sessions)
        migrated_from = current if backup_path is not None else None
        db = Database(path, engine, sessions, instance_lock, migrated_from, backup_path)
        from kongchuo_desktop.store.local import local_site_id

        with db.sessions() as session:
            db.extra["site_id"] = local_site_id(session)
        return db
    except BaseException:
        if instance_lock is not None:
            instance_lock.release()
        raise

"""Backup files: a consistent copy of a live database (SQLite online backup API) marked as ours,
and reading a backup without changing it.

A backup is an ordinary database of ours in rollback-journal mode (one self-contained file that
can sit on a read-only USB stick), with one extra `local_state` row, "backup_taken_at" (value:
Unix time, note: JSON with kind, time and source file name). Restoring removes that row again.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kongchuo_desktop.store.database import SQLITE_MAGIC
from kongchuo_desktop.store.integrity import IntegrityReport, check_connection, read_only_uri

MARKER_KEY = "backup_taken_at"
REQUIRED_TABLES = {"alembic_version", "site", "student", "audit_entry", "local_state"}
COUNTED = {
    "students": "SELECT count(*) FROM student WHERE deleted = 0",
    "children": "SELECT count(*) FROM child WHERE deleted = 0",
    "schools": "SELECT count(*) FROM school WHERE deleted = 0",
    "townships": "SELECT count(*) FROM township WHERE deleted = 0",
    "status_changes": "SELECT count(*) FROM status_change WHERE deleted = 0",
    "accounts": "SELECT count(*) FROM user_account WHERE deleted = 0",
    "audit_entries": "SELECT count(*) FROM audit_entry",
}
COUNT_LABELS = {
    "students": "学生", "children": "适龄儿童", "schools": "学校", "townships": "乡镇",
    "status_changes": "学籍异动", "accounts": "账户", "audit_entries": "审计记录",
}  # fmt: skip


class BackupFileError(Exception):
    """A file that cannot be used as a backup; str() is a Chinese sentence. Nothing was changed.

    code: missing | not_sqlite | not_ours | newer_schema | damaged | unreadable
    """

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class BackupFacts:
    """What a backup file holds, read without changing it.

    taken_at: when the backup was made (local time; from the marker, else the file's time);
    marked: True when made by this app's backup (False: a plain copy of a database of ours);
    kind: 每日 / 退出 / 手动 / 导入前 …; revisions: its schema revisions;
    site_*: the site it belongs to; counts: COUNTED → number; integrity: its check results.
    """

    path: Path
    size: int
    taken_at: dt.datetime
    marked: bool
    kind: str | None
    revisions: frozenset[str]
    site_id: str | None
    site_name: str | None
    site_type: str | None
    counts: dict[str, int] = field(default_factory=dict)
    integrity: IntegrityReport = field(default_factory=IntegrityReport)


def copy_database(source: Path, target: Path, *, kind: str, taken_at: dt.datetime | None = None) -> Path:
    """Copy the live database `source` to `target` (online backup API, then temp-name + rename)
    and mark the copy as a backup of `kind`. Returns `target`."""
    taken_at = taken_at or dt.datetime.now()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(str(source))
    try:
        dst = sqlite3.connect(str(tmp))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
            note = json.dumps(
                {"kind": kind, "at": taken_at.isoformat(timespec="seconds"), "source": source.name}, ensure_ascii=False
            )
            dst.execute(
                "INSERT OR REPLACE INTO local_state (key, value, note) VALUES (?, ?, ?)",
                (MARKER_KEY, int(taken_at.timestamp()), note),
            )
            dst.commit()
        finally:
            dst.close()
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            leftover.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    os.replace(tmp, target)
    return target


def _connect_read_only(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        # A WAL-mode copy on read-only media cannot make its -shm file; read it as immutable.
        conn = sqlite3.connect(read_only_uri(path, immutable=True), uri=True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn


def read_facts(path: str | Path, known_revisions: set[str], *, full_check: bool = True) -> BackupFacts:
    """Inspect a would-be backup read-only; BackupFileError when it is not a usable backup of ours."""
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise BackupFileError("missing", f"找不到备份文件“{path}”。")
    size = path.stat().st_size
    with path.open("rb") as fh:
        header = fh.read(16)
    if size == 0 or header != SQLITE_MAGIC:
        raise BackupFileError("not_sqlite", f"“{name}”不是本软件的备份文件（不是数据库文件），未做任何改动。")
    try:
        conn = _connect_read_only(path)
    except sqlite3.DatabaseError as exc:
        raise BackupFileError("damaged", f"备份文件“{name}”已损坏，无法读取（{exc}），未做任何改动。") from exc
    try:
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.DatabaseError as exc:
            raise BackupFileError("damaged", f"备份文件“{name}”已损坏，无法读取（{exc}），未做任何改动。") from exc
        if not tables >= REQUIRED_TABLES:
            raise BackupFileError("not_ours", f"“{name}”是数据库文件，但不是本软件的备份，未做任何改动。")
        revisions = frozenset(r[0] for r in conn.execute("SELECT version_num FROM alembic_version"))
        if not revisions:
            raise BackupFileError("not_ours", f"“{name}”不是完整的本软件数据库（没有结构版本），未做任何改动。")
        unknown = revisions - known_revisions
        if unknown:
            raise BackupFileError(
                "newer_schema",
                f"备份“{name}”来自更新版本的软件（结构版本 {','.join(sorted(unknown))}），请先升级软件再恢复。",
            )
        integrity = check_connection(conn) if full_check else IntegrityReport()
        if integrity.damaged:
            raise BackupFileError("damaged", f"备份文件“{name}”已损坏：{integrity.damage[0]}。不能用它恢复。")
        marker = conn.execute("SELECT value, note FROM local_state WHERE key = ?", (MARKER_KEY,)).fetchone()
        kind = None
        if marker is not None:
            taken = dt.datetime.fromtimestamp(int(marker[0]))
            try:
                kind = json.loads(marker[1] or "{}").get("kind")
            except ValueError:
                kind = None
        else:
            taken = dt.datetime.fromtimestamp(path.stat().st_mtime)
        site = conn.execute("SELECT id, name, site_type FROM site WHERE is_local = 1 LIMIT 1").fetchone()
        counts = {}
        for key, sql in COUNTED.items():
            try:
                counts[key] = int(conn.execute(sql).fetchone()[0])
            except sqlite3.OperationalError:
                counts[key] = 0  # a table an older version did not have
        return BackupFacts(
            path, size, taken, marker is not None, kind, revisions,
            site[0] if site else None, site[1] if site else None, site[2] if site else None, counts, integrity,
        )  # fmt: skip
    except sqlite3.DatabaseError as exc:
        raise BackupFileError("damaged", f"备份文件“{name}”已损坏，无法读取（{exc}），未做任何改动。") from exc
    finally:
        conn.close()


def unmark(path: Path) -> None:
    """Remove the backup marker from a restored copy (it is a working database again)."""
    conn = sqlite3.connect(str(path))
    try:
        conn.execute("DELETE FROM local_state WHERE key = ?", (MARKER_KEY,))
        conn.commit()
    finally:
        conn.close()


def read_local_text(path: Path, key: str) -> str | None:
    """A local_state note from a database file, best effort (None when unreadable)."""
    try:
        conn = _connect_read_only(path)
        try:
            row = conn.execute("SELECT note FROM local_state WHERE key = ?", (key,)).fetchone()
            return row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None


def raw_copy(source: Path, target: Path) -> Path:
    """Copy a (possibly damaged) database file byte for byte, with its -wal file if any."""
    import shutil

    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    wal = source.with_name(source.name + "-wal")
    if wal.exists():
        shutil.copyfile(wal, target.with_name(target.name + "-wal"))
    return target


def as_dict(facts: BackupFacts) -> dict[str, Any]:
    """Facts as plain JSON-able data (for --json)."""
    return {
        "path": str(facts.path),
        "taken_at": facts.taken_at.isoformat(timespec="seconds"),
        "kind": facts.kind,
        "site_name": facts.site_name,
        "site_type": facts.site_type,
        "size": facts.size,
        "counts": dict(facts.counts),
        "problems": list(facts.integrity.broken_links),
    }

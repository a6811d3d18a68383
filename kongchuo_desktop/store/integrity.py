"""Start-up health checks of a database file: SQLite's integrity_check and foreign_key_check."""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path

from kongchuo_desktop.store.errors import DatabaseOpenError

MAX_MESSAGES = 20
# integrity_check reads every page and checks every index against its table: about 10 s for
# 200,000 students on a 2-core laptop, so close to a minute at a million. Above this size the
# start-up check is quick_check (pages and b-trees, not index contents, well under a second) and
# the full check runs with the daily backup in the background instead.
FULL_CHECK_MAX_BYTES = 128 * 1024 * 1024


@dataclass(frozen=True)
class IntegrityReport:
    """What the checks found.

    damage: integrity_check messages (pages, indexes: the file itself is broken);
    broken_links: foreign_key_check findings (rows pointing at rows that do not exist);
    full: False when only quick_check ran (large files, see FULL_CHECK_MAX_BYTES);
    ok: neither found anything.
    """

    damage: list[str] = field(default_factory=list)
    broken_links: list[str] = field(default_factory=list)
    full: bool = True

    @property
    def ok(self) -> bool:
        """True when the file is sound and every reference resolves."""
        return not self.damage and not self.broken_links

    @property
    def damaged(self) -> bool:
        """True when the file itself is broken (not only its references)."""
        return bool(self.damage)

    def summary(self) -> str:
        """One Chinese sentence for the user."""
        if self.damage:
            return f"数据库文件已损坏（完整性检查发现 {len(self.damage)} 处问题，例如：{self.damage[0]}）。"
        if self.broken_links:
            return f"数据库中有 {len(self.broken_links)} 处记录引用了不存在的记录（例如：{self.broken_links[0]}）。"
        return "数据库完好。"


class DatabaseDamagedError(DatabaseOpenError):
    """The file opened but failed the start-up checks; `report` says how. Nothing was changed."""

    def __init__(self, path: Path, report: IntegrityReport) -> None:
        self.report = report
        super().__init__(
            "damaged",
            f"数据库“{path.name}”检查未通过：{report.summary()}文件未被改动，建议从最近的完好备份恢复。",
        )


def read_only_uri(path: Path, immutable: bool = False) -> str:
    """A sqlite URI that opens `path` without writing to it (any characters in the path)."""
    uri = path.resolve().as_uri() + "?mode=ro"
    return uri + "&immutable=1" if immutable else uri


def check_connection(conn: sqlite3.Connection, full: bool = True) -> IntegrityReport:
    """Run integrity_check (quick_check when not `full`) and foreign_key_check on a connection."""
    pragma = "integrity_check" if full else "quick_check"
    damage = [r[0] for r in conn.execute(f"PRAGMA {pragma}({MAX_MESSAGES})") if r[0] != "ok"]
    links = []
    if not damage:
        for table, rowid, parent, _fkid in conn.execute("PRAGMA foreign_key_check"):
            links.append(f"表 {table} 第 {rowid} 行引用的 {parent} 记录不存在")
            if len(links) >= MAX_MESSAGES:
                break
    return IntegrityReport(damage, links, full)


def check_file(path: str | Path, full: bool | None = None) -> IntegrityReport:
    """Check a database file read-only; full=None: the full check up to FULL_CHECK_MAX_BYTES,
    quick_check above. An unreadable file is reported as damage."""
    path = Path(path)
    if full is None:
        full = path.stat().st_size <= FULL_CHECK_MAX_BYTES
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return check_connection(conn, full)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return IntegrityReport([f"无法读取：{exc}"], [])



def _file_state(path: Path) -> tuple[tuple[int, int], ...]:
    """Size and modification time of the file and its write-ahead log: unchanged state, same check.
    An empty log counts as none (opening a WAL database, even read-only, may create one)."""
    states = []
    for part in (path, path.with_name(path.name + "-wal")):
        try:
            st = part.stat()
        except OSError:
            states.append((0, 0))
            continue
        states.append((st.st_size, st.st_mtime_ns) if st.st_size else (0, 0))
    return tuple(states)


class _AheadCheck:
    """check_file(path) running in a thread; SQLite lets go of the GIL, so the GUI's imports go on meanwhile."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.state = _file_state(path)
        self.report: IntegrityReport | None = None
        self._thread = threading.Thread(target=self._run, name="integrity-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self.report = check_file(self.path)

    def result(self) -> IntegrityReport | None:
        self._thread.join()
        return self.report


_ahead: dict[Path, _AheadCheck] = {}


def check_ahead(path: str | Path) -> None:
    """Start the start-up check of `path` now, in the background, so that it is ready (or nearly)
    when open_database(check_integrity=True) asks for it. Does nothing for a missing or empty file."""
    path = Path(path).expanduser().resolve()
    try:
        if path.stat().st_size == 0:
            return
    except OSError:
        return
    if path not in _ahead:
        _ahead[path] = _AheadCheck(path)


def startup_report(path: str | Path) -> IntegrityReport:
    """The start-up check of `path`: the one check_ahead began, when the file has not changed since
    (it is waited for), else check_file(path) now."""
    path = Path(path).expanduser().resolve()
    ahead = _ahead.pop(path, None)
    if ahead is not None:
        report = ahead.result()
        if report is not None and ahead.state == _file_state(path):
            return report
    return check_file(path)

def open_read_only(path: str | Path):  # type: ignore[no-untyped-def]
    """A Database over `path` that cannot write (for checks that must not change the file and may
    run while the app has it open). Close it like any Database."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import sessionmaker

    from kongchuo_desktop.store.database import Database

    path = Path(path).expanduser().resolve()
    uri = read_only_uri(path)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False))
    return Database(path, engine, sessionmaker(bind=engine, expire_on_commit=False))

"""Backups: automatic (on exit and daily, kept 7 daily + 4 weekly), before imports, by hand; and
restore — which first shows what a backup holds and refuses anything that is not ours.

Where backups go is a per-installation setting (e.g. a USB stick); when that folder is not
available the backup still happens, beside the database, and the caller gets a warning.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from kongchuo_desktop.services import file_errors
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied, ServiceError, ValidationError
from kongchuo_desktop.store import audit, migrate
from kongchuo_desktop.store.backups import (
    COUNT_LABELS,
    BackupFacts,
    BackupFileError,
    copy_database,
    raw_copy,
    read_facts,
    read_local_text,
    unmark,
)
from kongchuo_desktop.store.database import Database, open_database
from kongchuo_desktop.store.integrity import IntegrityReport, check_file
from kongchuo_desktop.store.local_values import get_local_text, put_local

log = logging.getLogger(__name__)

FOLDER_KEY = "backup_dir"
KIND_LABELS = {"daily": "每日", "exit": "退出", "manual": "手动", "import": "导入前", "restore": "恢复前"}
AUTOMATIC = {"每日", "退出"}
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_BEFORE_IMPORT = 10
_NAME = re.compile(r"-(\d{8}-\d{6})-(每日|退出|手动|导入前|恢复前)\.sqlite$")


class BackupError(ServiceError):
    """A backup or restore that could not be done; str() is a Chinese sentence. Nothing was changed."""

    def __init__(self, message: str, code: str = "failed") -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class BackupInfo:
    """A backup as the restore dialog shows it: when, what kind, which site, how many of what."""

    facts: BackupFacts

    @property
    def path(self) -> Path:
        """The backup file."""
        return self.facts.path

    @property
    def taken_at(self) -> dt.datetime:
        """When it was made (local time)."""
        return self.facts.taken_at

    @property
    def counts(self) -> dict[str, int]:
        """students / children / schools / townships / status_changes / accounts / audit_entries."""
        return self.facts.counts

    def lines(self) -> list[str]:
        """What a person should see before restoring, one line each (Chinese)."""
        f = self.facts
        when = f.taken_at.strftime("%Y-%m-%d %H:%M")
        source = f"（{f.kind}备份）" if f.kind else ("" if f.marked else "（按文件修改时间）")
        out = [f"备份时间：{when}{source}", f"站点：{f.site_name or '（未设置站点）'}"]
        out.append("内容：" + "，".join(f"{COUNT_LABELS[k]} {v}" for k, v in f.counts.items()))
        out.append(f"文件：{f.path}（{f.size / 1024 / 1024:.1f} MB）")
        if f.integrity.broken_links:
            out.append(f"注意：{f.integrity.summary()}")
        return out


@dataclass(frozen=True)
class BackupOutcome:
    """A backup made: the file, backups removed by the retention rule, and a warning if the chosen
    folder could not be used."""

    path: Path
    pruned: list[Path] = field(default_factory=list)
    warning: str | None = None


@dataclass(frozen=True)
class RestoreResult:
    """A restore done: what was restored and where the database it replaced was kept."""

    info: BackupInfo
    previous_saved_as: Path | None


# --- where backups go -----------------------------------------------------------------------------


def default_folder(db_path: Path) -> Path:
    """Backups beside the database file (the fallback and the default)."""
    return Path(db_path).resolve().parent / "backups"


def backup_folder(db: Database) -> Path:
    """The configured backup folder of this installation, or the default."""
    with db.read_session() as session:
        chosen = get_local_text(session, FOLDER_KEY)
    return Path(chosen) if chosen else default_folder(db.path)


def set_backup_folder(db: Database, actor: Actor, folder: str | Path | None) -> Path:
    """Choose the backup folder (None = beside the database); it must be writable now."""
    actor.require(perms.SETTINGS_MANAGE)
    target = Path(folder).expanduser() if folder else default_folder(db.path)
    problem = _folder_problem(target)
    if problem:
        raise ValidationError({"backup_dir": problem})
    with db.transaction(user=actor.user) as session:
        old = get_local_text(session, FOLDER_KEY)
        new = str(target.resolve()) if folder else None
        if old != new:
            put_local(session, FOLDER_KEY, 0, new)
            audit.record(session, "update", "setting", FOLDER_KEY, {"backup_dir": (old, new)})
    return target


def _folder_problem(folder: Path) -> str | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".kongchuo-write-test"
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return f"无法写入备份文件夹“{folder}”：{exc.strerror or exc}。请检查 U 盘是否插好、是否有写入权限。"
    return None


def backup_name(db_path: Path, kind: str, when: dt.datetime) -> str:
    """File name of a backup: <database>-<YYYYmmdd-HHMMSS>-<kind>.sqlite."""
    return f"{Path(db_path).stem}-{when:%Y%m%d-%H%M%S}-{KIND_LABELS.get(kind, kind)}.sqlite"


def parse_backup_name(name: str) -> tuple[dt.datetime, str] | None:
    """(time, kind label) from a backup file name we wrote, else None."""
    match = _NAME.search(name)
    if match is None:
        return None
    return dt.datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"), match.group(2)


# --- making backups -----------------------------------------------------------------------------


def _write(db: Database, kind: str, now: dt.datetime | None) -> BackupOutcome:
    now = now or dt.datetime.now()
    if kind in ("daily", "exit"):
        # Never rotate good backups out with copies of a damaged file. The daily backup runs in the
        # background, so it can afford the full check that start-up skips on large databases.
        report = check_file(db.path, full=kind == "daily")
        if report.damaged:
            raise BackupError(
                f"自动备份前检查发现数据库已损坏（{report.damage[0]}），已暂停自动备份以保留完好的旧备份。"
                "请在“备份与恢复”中从最近的完好备份恢复。",
                "damaged",
            )
    folder = backup_folder(db)
    warning = None
    if problem := _folder_problem(folder):
        fallback = default_folder(db.path)
        if fallback.resolve() == folder.resolve() or _folder_problem(fallback):
            raise BackupError(problem, "folder")
        warning = f"{problem}本次已备份到“{fallback}”。"
        folder = fallback
    target = folder / backup_name(db.path, kind, now)
    try:
        copy_database(db.path, target, kind=KIND_LABELS.get(kind, kind), taken_at=now)
    except (OSError, sqlite3.Error) as exc:  # sqlite3: "database or disk is full" while copying
        raise BackupError(f"备份失败：{file_errors.reason(exc)}（{target}）", "io") from exc
    log.info("backup (%s) written to %s", kind, target)
    pruned: list[Path] = []
    if kind in ("daily", "exit"):
        pruned = prune_backups(folder, Path(db.path).stem, now.date(), newest=target)
    elif kind == "import":
        pruned = _keep_newest(folder, Path(db.path).stem, "导入前", KEEP_BEFORE_IMPORT)
    return BackupOutcome(target, pruned, warning)


def auto_backup(db: Database, kind: str = "exit", now: dt.datetime | None = None) -> BackupOutcome:
    """An automatic backup ("exit" when the app closes, "daily" once a day); no login needed —
    it only copies the file into the backup folder, and old automatic backups are pruned."""
    if kind not in ("exit", "daily"):
        raise ValueError(kind)
    return _write(db, kind, now)


def backup_if_due(db: Database, now: dt.datetime | None = None) -> BackupOutcome | None:
    """The daily backup, when no automatic backup was made today (call at start-up and hourly)."""
    now = now or dt.datetime.now()
    folder = backup_folder(db)
    stem = Path(db.path).stem
    for path in _backups_in(folder, stem):
        parsed = parse_backup_name(path.name)
        if parsed and parsed[1] in AUTOMATIC and parsed[0].date() == now.date():
            return None
    return _write(db, "daily", now)


def backup_before_import(db: Database, now: dt.datetime | None = None) -> BackupOutcome:
    """A backup to fall back on before an import writes anything (the newest 10 are kept)."""
    return _write(db, "import", now)


def create_backup(db: Database, actor: Actor, target: str | Path, now: dt.datetime | None = None) -> BackupInfo:
    """A backup by hand into `target` (administrators: it holds everyone's data)."""
    actor.require(perms.BACKUP_CREATE)
    target = Path(target).expanduser()
    if target.exists() and target.resolve() == Path(db.path).resolve():
        raise ValidationError({"target": "备份文件不能就是正在使用的数据库本身"})
    if target.is_dir():
        target = target / backup_name(db.path, "manual", now or dt.datetime.now())
    try:
        copy_database(db.path, target, kind="手动", taken_at=now or dt.datetime.now())
    except (OSError, sqlite3.Error) as exc:  # sqlite3: "database or disk is full" while copying
        raise BackupError(f"备份失败：无法写入“{target}”（{file_errors.reason(exc)}）。", "io") from exc
    return describe_backup(target)


# --- retention ----------------------------------------------------------------------------------


def plan_retention(
    backups: Iterable[tuple[Path, dt.datetime]],
    keep_daily: int = KEEP_DAILY,
    keep_weekly: int = KEEP_WEEKLY,
    newest: Path | None = None,
) -> tuple[list[Path], list[Path]]:
    """(keep, delete) for automatic backups: the newest of each of the `keep_daily` most recent days
    that have a backup, and the newest of each of the `keep_weekly` most recent weeks.

    Days without use do not count, so a laptop left off over the holidays still has a week of
    history when it comes back. `newest`: the backup just written, which wins a tie (two backups
    in the same second).
    """
    items = sorted(backups, key=lambda b: (b[1], b[0] == newest), reverse=True)
    keep: set[Path] = set()
    days: list[dt.date] = []
    weeks: list[tuple[int, int]] = []
    for path, when in items:
        day = when.date()
        week = tuple(when.isocalendar())[:2]
        if day not in days and len(days) < keep_daily:
            days.append(day)
            keep.add(path)
        if week not in weeks and len(weeks) < keep_weekly:
            weeks.append(week)  # type: ignore[arg-type]
            keep.add(path)
    ordered = [p for p, _ in items]
    return [p for p in ordered if p in keep], [p for p in ordered if p not in keep]


def _backups_in(folder: Path, stem: str) -> list[Path]:
    try:
        return [p for p in folder.glob(f"{stem}-*.sqlite") if p.is_file() and parse_backup_name(p.name)]
    except OSError:
        return []


def prune_backups(folder: Path, stem: str, today: dt.date | None = None, newest: Path | None = None) -> list[Path]:
    """Delete automatic backups of database `stem` beyond 7 daily + 4 weekly; returns those deleted.
    `newest` (the backup just made) is never deleted."""
    found = []
    for path in _backups_in(folder, stem):
        parsed = parse_backup_name(path.name)
        if parsed and parsed[1] in AUTOMATIC and (today is None or parsed[0].date() <= today):
            found.append((path, parsed[0]))
    _keep, delete = plan_retention(found, newest=newest)
    gone = []
    for path in delete:
        if newest is not None and path == newest:
            continue
        try:
            path.unlink()
            gone.append(path)
        except OSError:
            log.warning("could not delete old backup %s", path)
    return gone


def _keep_newest(folder: Path, stem: str, label: str, n: int) -> list[Path]:
    found = [
        (p, parsed[0])
        for p in _backups_in(folder, stem)
        if (parsed := parse_backup_name(p.name)) and parsed[1] == label
    ]
    found.sort(key=lambda b: b[1], reverse=True)
    gone = []
    for path, _when in found[n:]:
        try:
            path.unlink()
            gone.append(path)
        except OSError:
            pass
    return gone


def list_backups(db: Database) -> list[BackupInfo]:
    """Backups of this database in its backup folder(s), newest first (unreadable ones skipped)."""
    folders = {backup_folder(db), default_folder(db.path)}
    return _readable_backups(folders, Path(db.path).stem, full_check=False)


def _readable_backups(folders: Iterable[Path], stem: str, full_check: bool) -> list[BackupInfo]:
    seen: set[Path] = set()
    out = []
    for folder in folders:
        try:
            candidates = list(folder.glob(f"{stem}-*.sqlite"))
        except OSError:
            continue
        for path in candidates:
            real = path.resolve()
            if real in seen:
                continue
            seen.add(real)
            try:
                out.append(BackupInfo(read_facts(path, migrate.known_revisions(), full_check=full_check)))
            except BackupFileError:
                continue
    out.sort(key=lambda b: b.taken_at, reverse=True)
    return out


# --- looking at a backup, restoring -------------------------------------------------------------


def describe_backup(path: str | Path) -> BackupInfo:
    """What a backup holds (date, site, counts) — shown before any restore. Raises BackupError
    for a file that is missing, not ours, from a newer version or damaged; never changes it."""
    try:
        return BackupInfo(read_facts(Path(path), migrate.known_revisions()))
    except BackupFileError as exc:
        raise BackupError(str(exc), exc.code) from exc


def latest_good_backup(db_path: str | Path) -> BackupInfo | None:
    """The newest backup of this database that passes the checks (for a damaged database at
    start-up): looked for in the configured folder (read from the damaged file if possible) and
    beside the database."""
    db_path = Path(db_path)
    folders = [default_folder(db_path)]
    if db_path.exists() and (chosen := read_local_text(db_path, FOLDER_KEY)):
        folders.insert(0, Path(chosen))
    for info in _readable_backups(folders, db_path.stem, full_check=False):
        try:
            return describe_backup(info.path)  # now with the full integrity check
        except BackupError:
            continue
    return None


def _target_state(path: Path) -> tuple[str, bool]:
    """("missing" | "damaged" | "ok", has accounts) of the database a restore would replace."""
    if not path.exists() or path.stat().st_size == 0:
        return "missing", False
    report = check_file(path)
    if not report.ok:  # broken pages or broken references: the start-up checks failed
        return "damaged", False
    try:
        import sqlite3

        from kongchuo_desktop.store.integrity import read_only_uri

        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("SELECT count(*) FROM user_account WHERE deleted = 0").fetchone()
            return "ok", bool(row and row[0])
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 - no accounts table (older or foreign file): no accounts to protect
        return "ok", False


def restore_permission_needed(db_path: str | Path) -> bool:
    """True when restoring over this database needs an administrator of it: it is sound and has
    accounts. A damaged or missing database can be restored by whoever is at the computer (the
    damaged file is kept aside, so nothing is lost)."""
    state, has_accounts = _target_state(Path(db_path))
    return state == "ok" and has_accounts


def restore_backup(
    db_path: str | Path, backup: str | Path, actor: Actor | None = None, now: dt.datetime | None = None
) -> RestoreResult:
    """Replace the database at `db_path` with the backup. The database must be closed.

    Order: check the backup (refused untouched if not ours) → check the actor may → keep the
    current file in the backup folder ("恢复前", or a byte copy when damaged) → copy the backup in
    under a temporary name and rename → open it (migrating if older) and record the restore in its
    audit log.
    """
    db_path = Path(db_path).expanduser().resolve()
    info = describe_backup(backup)
    if Path(backup).resolve() == db_path:
        raise BackupError("不能用数据库自身来恢复它自己。", "same_file")
    state, has_accounts = _target_state(db_path)
    if state == "ok" and has_accounts:
        if actor is None:
            raise PermissionDenied("恢复会替换现有数据，请由管理员登录后再恢复。")
        actor.require(perms.BACKUP_RESTORE)
    now = now or dt.datetime.now()
    lock = FileLock(str(db_path) + ".lock", timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise BackupError("数据库正在被本程序或另一个程序使用，请先关闭它再恢复。", "locked") from exc
    try:
        saved = None
        folder = default_folder(db_path)
        if state == "ok":
            saved = copy_database(db_path, folder / backup_name(db_path, "restore", now), kind="恢复前", taken_at=now)
        elif state == "damaged":
            saved = raw_copy(db_path, folder / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-损坏.sqlite")
        part = db_path.with_name(db_path.name + ".restore-part")
        import shutil

        shutil.copyfile(info.path, part)
        unmark(part)
        for suffix in ("-wal", "-shm", "-journal"):
            db_path.with_name(db_path.name + suffix).unlink(missing_ok=True)
        os.replace(part, db_path)
    except OSError as exc:
        raise BackupError(f"恢复失败：{exc.strerror or exc}。原数据库未被替换。", "io") from exc
    finally:
        lock.release()
    restored = open_database(db_path)
    try:
        with restored.transaction(user=actor.user if actor else "system") as session:
            audit.record(
                session, "restore", "database", restored.extra.get("site_id") or "-",
                {"backup": (None, info.path.name), "backup_taken_at": (None, info.taken_at.isoformat(timespec="seconds"))},
                "从备份恢复" + (f"（原数据库已另存为 {saved.name}）" if saved else ""),
            )  # fmt: skip
    finally:
        restored.close()
    log.info("restored %s from %s (previous kept as %s)", db_path, info.path, saved)
    return RestoreResult(info, saved)


def integrity_report(db_path: str | Path) -> IntegrityReport:
    """integrity_check + foreign_key_check of a database file, read-only."""
    return check_file(Path(db_path))

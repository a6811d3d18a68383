"""`kongchuo check`: is the file sound (integrity_check, foreign_key_check) and does every audit
chain hold? Exit 0 when all is well, 1 naming the first problem. Needs no login and changes
nothing (it reads the file read-only, so it also runs while the program has it open)."""

from __future__ import annotations

import argparse
from typing import Any

from kongchuo_desktop.cli.context import db_path
from kongchuo_desktop.cli.output import OK, REJECTED, USAGE, CommandError, emit, say_error


def register(sub: Any) -> argparse.ArgumentParser:
    """Add the subcommand."""
    return sub.add_parser("check", help="检查数据库是否完好、审计日志是否被篡改")  # type: ignore[no-any-return]


def _refused(code: str, name: str) -> CommandError:
    if code == "missing":
        return CommandError(USAGE, f"找不到数据库文件“{name}”。")
    if code == "newer_schema":
        return CommandError(REJECTED, f"数据库“{name}”来自更新版本的软件，请先升级软件再检查。")
    if code == "damaged":
        return CommandError(REJECTED, f"数据库“{name}”已损坏，无法读取。请从备份恢复（kongchuo restore 备份文件）。")
    return CommandError(USAGE, f"“{name}”不是本软件的数据库文件。")


def run(args: argparse.Namespace) -> int:
    """Run the checks and report."""
    from kongchuo_desktop.store import migrate
    from kongchuo_desktop.store.audit import ChainReport, check_chain
    from kongchuo_desktop.store.backups import BackupFileError, read_facts
    from kongchuo_desktop.store.integrity import check_file, open_read_only

    path = db_path(args)
    try:
        facts = read_facts(path, migrate.known_revisions(), full_check=False)
    except BackupFileError as exc:
        raise _refused(exc.code, path.name) from exc
    report = check_file(path, full=True)  # asked for explicitly: the thorough check, whatever the size
    summary: dict[str, Any] = {"db": str(path), "integrity": report.damage or "ok", "foreign_keys": report.broken_links}
    lines = [f"数据库：{path}", f"文件完整性：{'完好' if not report.damage else '已损坏'}"]
    problems: list[str] = []
    chain: ChainReport | None = None
    if report.damage:
        problems.append(report.summary())
    else:
        lines.append(f"记录引用：{'正常' if not report.broken_links else report.summary()}")
        if report.broken_links:
            problems.append(report.summary())
        if facts.revisions == migrate.head_revisions():
            db = open_read_only(path)
            try:
                with db.read_session() as session:
                    chain = check_chain(session)
            finally:
                db.close()
        else:
            lines.append("审计日志：数据库版本较旧，请先用本程序打开一次（会先自动备份再升级），再检查。")
    if chain is not None:
        found = chain.problem
        summary["audit"] = {
            "ok": chain.ok,
            "entries": chain.entries,
            "chains": chain.chains,
            "problem": None
            if found is None
            else {"kind": found.kind, "seq": found.seq, "site_id": found.site_id, "entry_id": found.entry_id,
                  "message": found.message},
            "awaiting": {str(k): v for k, v in chain.awaiting.items()},
        }  # fmt: skip
        if found is None:
            lines.append(f"审计日志：完整（{chain.entries} 条记录）")
        else:
            lines.append(f"审计日志：发现篡改——{found.message}")
            problems.insert(0, found.message)
    summary["ok"] = not problems
    emit(summary, args.json, lines)
    if problems:
        say_error(problems[0], args.lang)
        return REJECTED
    return OK

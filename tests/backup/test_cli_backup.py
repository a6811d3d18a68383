"""`kongchuo backup --out`, `restore FILE` (date and counts first; --yes; refusals untouched)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from tests.accounts.support import run_cli

PW = "admin-pass-1"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    db = tmp_path / "site.sqlite"
    res = run_cli(tmp_path, "init", "--db", str(db), "--site-name", "金河镇中心学校", "--site-type", "school",
                  "--township", "金河镇", "--school", "金河镇中心学校", "--admin", "admin", password=PW)  # fmt: skip
    assert res.returncode == 0, res.stderr
    return db


def townships(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM township"))
    finally:
        conn.close()


def test_backup_then_restore_through_the_command_line(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "u盘" / "备份.sqlite"
    res = run_cli(tmp_path, "backup", "--out", str(out), "--db", str(site), "--user", "admin", "--json", password=PW)
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["counts"]["accounts"] == 1 and summary["site_name"] == "金河镇中心学校"
    # a change after the backup
    conn = sqlite3.connect(site)
    conn.execute("UPDATE township SET name = '改名镇'")
    conn.commit()
    conn.close()
    shown = run_cli(tmp_path, "restore", str(out), "--db", str(site), "--dry-run")
    assert shown.returncode == 0 and "备份时间：" in shown.stdout and "账户 1" in shown.stdout
    assert townships(site) == ["改名镇"]
    unconfirmed = run_cli(tmp_path, "restore", str(out), "--db", str(site), "--user", "admin", password=PW)
    assert unconfirmed.returncode == 1 and "--yes" in unconfirmed.stderr
    assert "备份时间：" in unconfirmed.stdout  # what it would restore is shown first
    assert townships(site) == ["改名镇"]
    no_login = run_cli(tmp_path, "restore", str(out), "--db", str(site), "--yes")
    assert no_login.returncode == 1 and townships(site) == ["改名镇"]
    done = run_cli(tmp_path, "restore", str(out), "--db", str(site), "--yes", "--user", "admin", "--json", password=PW)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["previous_saved_as"]
    assert townships(site) == ["金河镇"]
    assert run_cli(tmp_path, "check", "--db", str(site)).returncode == 0


def test_restore_refuses_a_file_that_is_not_a_backup(site: Path, tmp_path: Path) -> None:
    roster = tmp_path / "名单.xlsx"
    roster.write_bytes(b"PK\x03\x04 not really a workbook")
    before_site, before_file = digest(site), digest(roster)
    res = run_cli(tmp_path, "restore", str(roster), "--db", str(site), "--yes", "--user", "admin", password=PW)
    assert res.returncode == 2
    assert "不是本软件的备份" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    assert digest(site) == before_site and digest(roster) == before_file

"""The command line contract: init, demo, --db anywhere, exit codes and one-line Chinese errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path


def test_init_creates_a_site_database(kongchuo, tmp_path: Path) -> None:
    db = tmp_path / "school.sqlite"
    res = kongchuo("init", "--db", str(db), "--site-name", "金河镇中心学校", "--site-type", "school",
                   "--township", "金河镇", "--school", "金河镇中心学校", "--json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    assert summary["site_type"] == "school" and summary["site_name"] == "金河镇中心学校"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT name, site_type FROM site WHERE is_local = 1").fetchall() == [("金河镇中心学校", "school")]
    conn.close()
    # a second init of the same database is refused (exit 1), --db given before the subcommand
    again = kongchuo("--db", str(db), "init", "--site-name", "x", "--site-type", "bureau")
    assert again.returncode == 1
    assert "已经初始化" in again.stderr
    assert "Traceback" not in again.stderr


def test_init_rejects_incomplete_school_site_and_leaves_no_file(kongchuo, tmp_path: Path) -> None:
    db = tmp_path / "bad.sqlite"
    res = kongchuo("init", "--db", str(db), "--site-name", "某校", "--site-type", "school")
    assert res.returncode == 1
    assert "学校" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not db.exists()


def test_usage_error_exits_2_in_chinese(kongchuo) -> None:
    res = kongchuo("init", "--site-type", "castle")
    assert res.returncode == 2
    assert "用法" in res.stderr
    assert "Traceback" not in res.stderr


def test_not_a_database_exits_2_and_is_untouched(kongchuo, tmp_path: Path) -> None:
    db = tmp_path / "notes.sqlite"
    db.write_text("hello", encoding="utf-8")
    res = kongchuo("init", "--db", str(db), "--site-name", "x", "--site-type", "bureau")
    assert res.returncode == 2
    assert "不是" in res.stderr
    assert db.read_text(encoding="utf-8") == "hello"


def test_english_errors_with_lang_en(kongchuo) -> None:
    res = kongchuo("init", "--lang", "en", "--site-type", "castle")
    assert res.returncode == 2
    assert res.stderr.startswith("error:")

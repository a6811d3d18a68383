"""Three sites made with the CLI exchange packages and receipts in every direction (subprocesses)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from sqlalchemy import select

from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.models import Student
from tests.cli.conftest import kongchuo  # noqa: F401  (fixture)
from tests.helpers import make_id


def _ok(result, *expect: str) -> str:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, result.stderr
    for text in expect:
        assert text in result.stdout, result.stdout
    return result.stdout


def _students(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT name, current_address FROM student WHERE deleted = 0").fetchall())


def test_three_cli_sites_sync_every_way(kongchuo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    run = kongchuo
    b, t, s = tmp_path / "bureau.sqlite", tmp_path / "town.sqlite", tmp_path / "school.sqlite"
    _ok(run("init", "--db", str(b), "--site-name", "根河市教育局", "--site-type", "bureau"))
    _ok(run("init", "--db", str(t), "--site-name", "金河镇教育办", "--site-type", "township", "--township", "金河镇"))
    _ok(run("init", "--db", str(s), "--site-name", "金河镇中心学校", "--site-type", "school", "--township", "金河镇",
            "--school", "金河镇中心学校"))  # fmt: skip
    for db, card in ((b, "b.card"), (t, "t.card"), (s, "s.card")):
        _ok(run("sync", "card", "--out", card, "--db", str(db)), "指纹")
    fingerprint = json.loads(_ok(run("--json", "--db", str(t), "sync", "pair", "s.card")))["fingerprint"]
    assert len(fingerprint.split("-")) == 6
    _ok(run("sync", "pair", "t.card", "--db", str(s)), "已配对：金河镇教育办", "指纹")
    _ok(run("sync", "pair", "b.card", "--db", str(t)), "已配对：根河市教育局")
    _ok(run("sync", "pair", "t.card", "--db", str(b)), "已配对")
    refused = run("sync", "pair", "b.card", "--db", str(s))
    assert refused.returncode == 1 and "只能在学校与其所属乡镇、乡镇与教育局之间配对" in refused.stderr

    # A pupil registered at the school travels up to the bureau.
    with sqlite3.connect(s) as conn:
        school_id, town_id = conn.execute("SELECT school_id, township_id FROM site").fetchone()
    roster = tmp_path / "roster.csv"
    pid = make_id(dt.date(2015, 3, 1), 12, male=False)
    roster.write_text(f"姓名,性别,身份证件号,学校,年级,班级\n王丽,女,{pid},金河镇中心学校,3,1\n", encoding="utf-8")
    _ok(run("import", "roster", str(roster), "--db", str(s)))
    _ok(run("sync", "export", "--to", "金河镇教育办", "--out", "s1.pkg", "--db", str(s)), "第 1 号")
    preview = json.loads(_ok(run("sync", "import", "s1.pkg", "--dry-run", "--json", "--db", str(t))))
    assert preview["kind"] == "package" and preview["dry_run"] and preview["tables"]["student"]["new"] == 1
    assert _students(t) == {}
    _ok(run("sync", "import", "s1.pkg", "--receipt-out", "s1.rcpt", "--db", str(t)), "已导入同步包", "回执已写入")
    _ok(run("sync", "import", "s1.rcpt", "--db", str(s)), "已导入回执")
    assert "王丽" in _students(t)
    _ok(run("sync", "export", "--to", "根河市教育局", "--out", "t1.pkg", "--db", str(t)))
    _ok(run("sync", "import", "t1.pkg", "--receipt-out", "t1.rcpt", "--db", str(b)))
    _ok(run("sync", "import", "t1.rcpt", "--db", str(t)), "回执")
    assert "王丽" in _students(b)

    # A correction made at the bureau travels down to the school.
    with sqlite3.connect(b) as conn:
        assert (
            conn.execute(
                "SELECT count(*) FROM school WHERE id = ? AND township_id = ?", (school_id, town_id)
            ).fetchone()[0]
            == 1
        )
    db = open_database(b)
    try:
        with db.transaction(user="bureau_clerk") as session:
            session.execute(select(Student)).scalar_one().current_address = "金河镇新街 8 号"
    finally:
        db.close()
    _ok(run("sync", "export", "--to", "金河镇教育办", "--out", "b1.pkg", "--db", str(b)))
    _ok(run("sync", "import", "b1.pkg", "--receipt-out", "b1.rcpt", "--db", str(t)))
    _ok(run("sync", "import", "b1.rcpt", "--db", str(b)))
    _ok(run("sync", "export", "--to", "金河镇中心学校", "--out", "t2.pkg", "--db", str(t)))
    _ok(run("sync", "import", "t2.pkg", "--receipt-out", "t2.rcpt", "--db", str(s)))
    _ok(run("sync", "import", "t2.rcpt", "--db", str(t)))
    assert _students(s) == {"王丽": "金河镇新街 8 号"}
    status = json.loads(_ok(run("sync", "status", "--json", "--db", str(t))))
    peers = {p["name"]: p for p in status["peers"]}
    assert peers["金河镇中心学校"]["acked_no"] == 1 and peers["根河市教育局"]["last_received_no"] == 1

    # Refusals: an unpaired sender, the wrong recipient (exit 1), an unreadable file (exit 2).
    unpaired = run("sync", "import", "s1.pkg", "--db", str(b))
    assert unpaired.returncode == 1 and "未配对的站点：金河镇中心学校" in unpaired.stderr
    wrong = run("sync", "import", "t2.pkg", "--db", str(b))
    assert wrong.returncode == 1 and "不是发给本站点" in wrong.stderr
    missing = run("sync", "import", "nothing.pkg", "--db", str(b))
    assert missing.returncode == 2 and "无法读取" in missing.stderr

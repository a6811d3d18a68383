"""The audit chain catches a modified, deleted and inserted row (edited with raw SQL), names the first
broken entry, and `kongchuo check` exits 1 saying so."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kongchuo_desktop.services import students
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.store.audit import GENESIS, _digest, check_chain, verify_chain
from kongchuo_desktop.store.database import Database
from tests.accounts.support import Pupils, run_cli

ADMIN = "管理员"


@pytest.fixture
def raw(township_db: Database) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(township_db.path)
    yield conn
    conn.close()


def report(db: Database):  # type: ignore[no-untyped-def]
    with db.read_session() as session:
        return check_chain(session)


def entries(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM audit_entry").fetchone()[0])


def forge(conn: sqlite3.Connection, seq: int, prev_hash: str, site_id: str | None, **over: object) -> str:
    """Insert an entry with a correctly computed hash (a forger who knows the scheme)."""
    at = dt.datetime(2026, 1, 1, 12, 0, 0)
    values = {"id": f"forged{seq:026d}", "seq": seq, "at": at, "user": "admin", "site_id": site_id, "action": "update",
              "entity": "student", "entity_id": "x" * 32, "field": "name", "old_value": "甲", "new_value": "乙",
              "reason": None, "prev_hash": prev_hash}  # fmt: skip
    values.update(over)
    digest = _digest(list(values.values()))
    conn.execute(
        "INSERT INTO audit_entry (id, seq, at, user, site_id, action, entity, entity_id, field, old_value, new_value,"
        " reason, prev_hash, entry_hash, origin_site_id, change_seq, updated_at, deleted)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0)",
        (*[v.isoformat(sep=" ") if isinstance(v, dt.datetime) else v for v in values.values()], digest, site_id,
         at.isoformat(sep=" ")),
    )  # fmt: skip
    conn.commit()
    return digest


def site_of(db: Database) -> str:
    site = db.extra["site_id"]
    assert isinstance(site, str)
    return site


def test_an_untouched_chain_holds(township_db: Database, actors: dict[str, Actor]) -> None:
    rep = report(township_db)
    assert rep.ok and rep.entries > 20 and rep.chains == 1
    with township_db.read_session() as session:
        assert verify_chain(session) is None


def test_a_modified_entry_is_named(township_db: Database, pupils: Pupils, raw: sqlite3.Connection) -> None:
    raw.execute("UPDATE audit_entry SET new_value = '李四' WHERE seq = 7")
    raw.commit()
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.kind == "modified" and rep.problem.seq == 7
    assert "第 7 条审计记录" in rep.problem.message and "改动" in rep.problem.message
    with township_db.read_session() as session:
        broken = verify_chain(session)
    assert broken is not None and broken.seq == 7


def test_a_deleted_entry_is_named(township_db: Database, pupils: Pupils, raw: sqlite3.Connection) -> None:
    raw.execute("DELETE FROM audit_entry WHERE seq = 7")
    raw.commit()
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.kind == "missing"
    assert "缺少第 7 条" in rep.problem.message and "第 6 条审计记录" in rep.problem.message


def test_deleting_the_last_entries_is_noticed(township_db: Database, pupils: Pupils, raw: sqlite3.Connection) -> None:
    last = raw.execute("SELECT max(seq) FROM audit_entry").fetchone()[0]
    raw.execute("DELETE FROM audit_entry WHERE seq > ?", (last - 2,))
    raw.commit()
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.kind == "tail"
    assert f"第 {last - 1} 至 {last} 条" in rep.problem.message
    # and later writes do not hide the hole
    with township_db.transaction(user="admin") as session:
        from kongchuo_desktop.store import audit

        audit.record(session, "update", "student", pupils.a, {"note": (None, "x")})
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.kind == "missing"


def test_an_inserted_entry_in_the_middle_is_named(township_db: Database, pupils: Pupils, raw: sqlite3.Connection) -> None:
    # make room at seq 5 the way a forger would, then slip a row in
    raw.execute("UPDATE audit_entry SET seq = seq + 100000 WHERE seq >= 5")
    raw.execute("UPDATE audit_entry SET seq = seq - 99999 WHERE seq >= 100000")
    prev = raw.execute("SELECT entry_hash FROM audit_entry WHERE seq = 4").fetchone()[0]
    forge(raw, 5, prev, site_of(township_db))
    rep = report(township_db)
    assert rep.problem is not None
    # the forged row links correctly, so the first entry that no longer fits is the one after it
    assert rep.problem.seq == 6 and "第 6 条审计记录" in rep.problem.message


def test_an_inserted_junk_entry_is_named(township_db: Database, pupils: Pupils, raw: sqlite3.Connection) -> None:
    raw.execute("UPDATE audit_entry SET seq = seq + 100000 WHERE seq >= 5")
    raw.execute("UPDATE audit_entry SET seq = seq - 99999 WHERE seq >= 100000")
    raw.execute(
        "INSERT INTO audit_entry (id, seq, at, user, site_id, action, entity, entity_id, prev_hash, entry_hash,"
        " change_seq, updated_at, deleted) VALUES ('junk', 5, '2026-01-01 00:00:00', 'x', ?, 'update', 'student',"
        " 'y', 'z', 'w', 0, '2026-01-01 00:00:00', 0)",
        (site_of(township_db),),
    )
    raw.commit()
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.seq == 5 and rep.problem.entry_id == "junk"
    assert "不属于审计日志" in rep.problem.message


def test_a_forged_entry_appended_at_the_end_is_named(
    township_db: Database, pupils: Pupils, raw: sqlite3.Connection
) -> None:
    last, digest = raw.execute("SELECT seq, entry_hash FROM audit_entry ORDER BY seq DESC LIMIT 1").fetchone()
    forge(raw, last + 1, digest, site_of(township_db))
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.kind == "tail" and rep.problem.seq == last + 1
    assert f"第 {last + 1} 条审计记录" in rep.problem.message and "插入" in rep.problem.message


def test_removing_the_end_marker_is_noticed(township_db: Database, pupils: Pupils, raw: sqlite3.Connection) -> None:
    raw.execute("DELETE FROM local_state WHERE key = 'audit_tail'")
    raw.commit()
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.kind == "tail"


def test_wiping_the_whole_log_is_noticed(township_db: Database, raw: sqlite3.Connection) -> None:
    raw.execute("DELETE FROM audit_entry")
    raw.commit()
    assert report(township_db).problem is not None
    raw.execute("DELETE FROM local_state WHERE key = 'audit_tail'")
    raw.commit()
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.kind == "empty"


def test_entries_of_other_sites_keep_their_own_chain(township_db: Database, raw: sqlite3.Connection) -> None:
    """Entries arriving by sync: verified entry by entry; a gap (package not yet here) is not an error."""
    other = "b" * 32
    h1 = forge(raw, 1, GENESIS, other, id="o1")
    forge(raw, 2, h1, other, id="o2")
    forge(raw, 4, "f" * 64, other, id="o4")  # its predecessor has not arrived yet
    rep = report(township_db)
    assert rep.ok and rep.chains == 2 and rep.awaiting == {other: 1}
    raw.execute("UPDATE audit_entry SET new_value = '丙' WHERE id = 'o2'")
    raw.commit()
    rep = report(township_db)
    assert rep.problem is not None and rep.problem.site_id == other and rep.problem.seq == 2


def test_ordinary_edits_keep_the_chain(township_db: Database, pupils: Pupils, actors: dict[str, Actor]) -> None:
    for i in range(3):
        students.update_student(township_db, actors[ADMIN], pupils.a, {"note": f"第{i}次"}, reason="核对")
    assert report(township_db).ok


def test_kongchuo_check_names_the_first_broken_entry(township_db: Database, pupils: Pupils, tmp_path: Path) -> None:
    db = str(township_db.path)
    ok = run_cli(tmp_path, "check", "--db", db)
    assert ok.returncode == 0, ok.stderr
    assert "审计日志：完整" in ok.stdout
    township_db.close()
    conn = sqlite3.connect(db)
    conn.execute("UPDATE audit_entry SET old_value = 'x' WHERE seq = 9")
    conn.execute("DELETE FROM audit_entry WHERE seq = 12")
    conn.commit()
    conn.close()
    bad = run_cli(tmp_path, "check", "--db", db)
    assert bad.returncode == 1
    assert "第 9 条审计记录" in bad.stderr and "Traceback" not in bad.stderr
    assert len(bad.stderr.strip().splitlines()) == 1
    as_json = run_cli(tmp_path, "check", "--db", db, "--json")
    summary = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and summary["ok"] is False and summary["audit"]["problem"]["seq"] == 9


def test_kongchuo_check_refuses_a_file_that_is_not_ours(tmp_path: Path) -> None:
    notes = tmp_path / "notes.sqlite"
    notes.write_text("hello", encoding="utf-8")
    res = run_cli(tmp_path, "check", "--db", str(notes))
    assert res.returncode == 2 and "不是本软件的数据库" in res.stderr
    assert notes.read_text(encoding="utf-8") == "hello"

"""Unpairing and pairing again (a school's laptop replaced, new keys); the audit log names every sync
action in Chinese; a conflict on an id field names the records (the school), in the service and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import delete, select

from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.services.errors import PermissionDenied
from kongchuo_desktop.services.sync import (
    SyncError,
    import_file,
    list_conflicts,
    list_peers,
    make_site_card,
    pair_site,
    resolve_conflict,
    unpair_site,
)
from kongchuo_desktop.store.audit import ENTITY_LABELS
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AuditEntry, School, SiteKey
from tests.cli.conftest import kongchuo  # noqa: F401  (fixture)
from tests.sync.kit import add_student, dump, edit_student, exchange, send, student


def _peer(db: Database, name: str):  # type: ignore[no-untyped-def]
    return next((p for p in list_peers(db, SYSTEM) if p.name == name), None)


def test_a_replaced_laptop_is_unpaired_and_paired_again(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    first = add_student(s1, "王丽")
    exchange(s1, t1, tmp_path)
    exchange(s1, t1, tmp_path)
    exchange(t1, s1, tmp_path)
    before = _peer(t1, "金河镇中心学校")
    assert before is not None and before.last_received_no == 2 and before.last_sent_no == 1

    # The school's new laptop: the same site (restored database), new keys.
    with s1.transaction() as session:
        session.execute(delete(SiteKey))
    new_card = make_site_card(s1, SYSTEM, tmp_path / "new.card")
    assert new_card.fingerprint != before.fingerprint
    with pytest.raises(SyncError, match="sync unpair"):
        pair_site(t1, SYSTEM, tmp_path / "new.card")
    signed_anew = send(s1, t1, tmp_path)
    with pytest.raises(SyncError, match="签名"):
        import_file(t1, SYSTEM, signed_anew)

    teacher = Actor(user="t", display_name="教师", role="教师")
    with pytest.raises(PermissionDenied):
        unpair_site(t1, teacher, "金河镇中心学校")
    with pytest.raises(SyncError, match="没有已配对的站点"):
        unpair_site(t1, SYSTEM, "不存在的学校")
    gone = unpair_site(t1, SYSTEM, "金河镇中心学校")
    assert gone.fingerprint == before.fingerprint and _peer(t1, "金河镇中心学校") is None
    with t1.read_session() as session:
        entry = session.execute(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    assert (entry.entity, entry.action, entry.entity_id) == ("sync", "delete", s1.extra["site_id"])
    assert "解除配对：金河镇中心学校" in (entry.reason or "")
    with pytest.raises(SyncError, match="未配对的站点"):
        import_file(t1, SYSTEM, signed_anew)

    again = pair_site(t1, SYSTEM, tmp_path / "new.card")
    assert not again.already_paired and again.fingerprint == new_card.fingerprint
    after = _peer(t1, "金河镇中心学校")
    # Numbers go on in both directions; what the school had acknowledged is sent again.
    assert (after.last_sent_no, after.last_received_no, after.acked_no, after.acked_seq) == (1, 2, 0, 0)
    result = import_file(t1, SYSTEM, signed_anew)  # the package made with the new keys, now accepted
    assert result.number == 3 and not result.gaps
    second = add_student(s1, "李明")
    assert exchange(s1, t1, tmp_path).number == 4 and student(t1, second).name == "李明"
    down = exchange(t1, s1, tmp_path)
    assert down.number == 2 and down.from_seq == 1 and down.total("new") == 0  # everything again, nothing new
    exchange(s1, t1, tmp_path)
    assert student(t1, first).name == "王丽"
    assert dump(s1, within=s1) == dump(t1, within=s1)


def test_every_sync_action_in_the_audit_log_has_a_chinese_label(sites: dict[str, Database], tmp_path: Path) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    pupil = add_student(s1, "赵六")
    exchange(s1, t1, tmp_path)
    exchange(t1, s1, tmp_path)
    edit_student(s1, pupil, current_address="一街")
    edit_student(t1, pupil, current_address="二街")
    exchange(s1, t1, tmp_path)
    (item,) = list_conflicts(t1, SYSTEM)
    resolve_conflict(t1, SYSTEM, item.id, "other")
    with t1.read_session() as session:
        mark = session.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
    unpair_site(t1, SYSTEM, "金河镇中心学校")
    with t1.read_session() as session:
        entries = session.execute(select(AuditEntry).where(AuditEntry.site_id == t1.extra["site_id"])).scalars().all()
        resolved = [e for e in entries if e.entity == "student" and e.field == "current_address"]
    assert {e.entity for e in entries if e.entity not in ENTITY_LABELS} == set()
    sync_reasons = {(e.reason or "").split("：")[0] for e in entries if e.entity == "sync"}
    assert {"配对站点", "导入同步包", "导出同步包", "导入回执", "处理同步冲突", "解除配对"} <= sync_reasons
    assert [(e.old_value, e.new_value) for e in resolved] == [(item.winner_value, item.loser_value)]
    assert max(e.seq for e in entries) > mark


def _school(db: Database, name: str) -> School:
    with db.read_session() as session:
        return session.execute(select(School).where(School.name == name)).scalar_one()


def test_a_conflict_on_a_school_names_the_schools(
    sites: dict[str, Database],
    tmp_path: Path,
    kongchuo,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    s1, s2, s3, t1, t2, bureau = (sites[k] for k in ("s1", "s2", "s3", "t1", "t2", "bureau"))
    for a, b in ((s2, t1), (s3, t2), (t1, bureau), (t2, bureau), (bureau, t1)):
        exchange(a, b, tmp_path)  # every site above knows the schools
    pupil = add_student(s1, "钱七")
    exchange(s1, t1, tmp_path)
    exchange(t1, bureau, tmp_path)
    sister, far = _school(t1, "金河镇第二小学"), _school(bureau, "满归镇中心学校")
    edit_student(t1, pupil, school_id=sister.id)  # at the same time, two offices move the pupil
    edit_student(bureau, pupil, school_id=far.id, township_id=far.township_id)
    exchange(t1, bureau, tmp_path)
    (item,) = [c for c in list_conflicts(bureau, SYSTEM) if c.field == "school_id"]
    assert {item.winner_text, item.loser_text} == {"金河镇第二小学", "满归镇中心学校"}
    assert {item.winner_value, item.loser_value} == {sister.id, far.id}
    bureau.close()  # the command opens the file
    run = kongchuo("sync", "conflicts", "--db", str(bureau.path))
    assert run.returncode == 0, run.stderr
    assert f"金河镇第二小学（{sister.id}）" in run.stdout and f"满归镇中心学校（{far.id}）" in run.stdout
    assert "学生的“学校”（student.school_id" in run.stdout  # the field in words, then its code name
    as_json = json.loads(kongchuo("sync", "conflicts", "--json", "--db", str(bureau.path)).stdout)
    texts = {c["winner_text"] for c in as_json["conflicts"]} | {c["loser_text"] for c in as_json["conflicts"]}
    assert {"金河镇第二小学", "满归镇中心学校"} <= texts


def test_unpair_on_the_command_line(
    sites: dict[str, Database],
    tmp_path: Path,
    kongchuo,  # type: ignore[no-untyped-def]  # noqa: F811
) -> None:
    t1 = sites["t1"]
    for db in sites.values():
        db.close()  # the subprocesses open the files
    db = str(t1.path)
    done = kongchuo("sync", "unpair", "金河镇中心学校", "--json", "--db", db)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["name"] == "金河镇中心学校"
    again = kongchuo("sync", "unpair", "金河镇中心学校", "--db", db)
    assert again.returncode == 1 and "没有已配对的站点" in again.stderr and "Traceback" not in again.stderr
    assert kongchuo("sync", "unpair", "--db", db).returncode == 2
    plain = kongchuo("sync", "unpair", "金河镇第二小学", "--db", db)
    assert plain.returncode == 0 and "已解除配对：金河镇第二小学" in plain.stdout
    status = kongchuo("sync", "status", "--json", "--db", db)
    assert {p["name"] for p in json.loads(status.stdout)["peers"]} == {"根河市教育局"}

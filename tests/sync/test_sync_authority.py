"""A paired peer may only send what is its own: forged packages (sealed with the sender's real keys)
carrying another school's or township's rows are refused whole; legitimate transfers still pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.sync import SyncError, export_package, import_file, preview_import
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Guardian, School
from tests.sync.kit import add_student, edit_student, exchange, reseal, send, student, whole_dump


def _body(src: Database, dst: Database, package: Path) -> dict[str, Any]:
    """The decrypted body of a package src made for dst (the package is left as it was)."""
    seen: dict[str, Any] = {}
    reseal(src, dst, package, lambda body: seen.update(json.loads(json.dumps(body))))
    return seen


def _rows(body: dict[str, Any], table: str) -> list[dict[str, Any]]:
    part = body["tables"][table]
    return [dict(zip(part["columns"], row, strict=True)) for row in part["rows"]]


def _put(body: dict[str, Any], table: str, rows: list[dict[str, Any]]) -> None:
    """Add rows (dicts) to a body's table, in its column order (the table is made if missing)."""
    from kongchuo_desktop.services.sync.export import columns_of

    part = body["tables"].setdefault(table, {"columns": columns_of(table), "rows": []})
    part["rows"].extend([row.get(c) for c in part["columns"]] for row in rows)


def _later(row: dict[str, Any], site: str, **values: Any) -> dict[str, Any]:
    """The row with fields changed by `site` after everything it has (a newer clock per field)."""
    clocks = json.loads(row.get("clocks") or "{}")
    top = max([row["born_hlc"], *(c[0] for c in clocks.values())])
    for i, name in enumerate(values):
        clocks[name] = [top + 1000 + i, site]
    return {**row, **values, "clocks": json.dumps(clocks)}


def _refused(db: Database, package: Path, *words: str) -> None:
    """The package is refused by the preview and the import, naming `words`, and nothing changes."""
    before = whole_dump(db)
    for attempt in (preview_import, import_file):
        with pytest.raises(SyncError) as caught:
            attempt(db, SYSTEM, package)
        for word in words:
            assert word in str(caught.value), str(caught.value)
        assert "没有做任何改动" in str(caught.value)
    assert whole_dump(db) == before


def _other_schools_pupil(sites: dict[str, Database], tmp_path: Path) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """A pupil of 金河镇第二小学 that 金河镇教育办 holds: its id, its row and its guardian's as s2 sent them."""
    s2, t1 = sites["s2"], sites["t1"]
    pupil = add_student(s2, "周芳")
    edit_student(s2, pupil, student_no="G150785201503010021")
    with s2.transaction(user="x") as session:
        session.add(Guardian(student_id=pupil, name="周父", slot=1))
    package = send(s2, t1, tmp_path)
    body = _body(s2, t1, package)
    import_file(t1, SYSTEM, package)
    return pupil, _rows(body, "student")[0], _rows(body, "guardian")[0]


def test_a_schools_package_carrying_another_schools_pupil_is_refused(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    s1, t1 = sites["s1"], sites["t1"]
    s1_id = s1.extra["site_id"]
    pupil, row, parent = _other_schools_pupil(sites, tmp_path)
    add_student(s1, "本校学生")

    edited = send(s1, t1, tmp_path)
    reseal(s1, t1, edited, lambda body: _put(body, "student", [_later(row, s1_id, name="周芳改")]))
    _refused(t1, edited, "学生", "周芳", "G150785201503010021", "金河镇第二小学", "金河镇中心学校")

    stolen = send(s1, t1, tmp_path)
    with s1.read_session() as session:
        own_school = session.execute(select(School.id).where(School.name == "金河镇中心学校")).scalar_one()
    reseal(s1, t1, stolen, lambda body: _put(body, "student", [_later(row, s1_id, school_id=own_school)]))
    _refused(t1, stolen, "周芳", "金河镇第二小学")

    made_up = send(s1, t1, tmp_path)
    s2_id = sites["s2"].extra["site_id"]
    fake = {**row, "id": "f" * 32, "name": "虚构", "student_no": None, "origin_site_id": s2_id, "clocks": None}
    reseal(s1, t1, made_up, lambda body: _put(body, "student", [fake]))
    _refused(t1, made_up, "虚构", "金河镇第二小学")

    guardian = send(s1, t1, tmp_path)
    reseal(s1, t1, guardian, lambda body: _put(body, "guardian", [_later(parent, s1_id, phone="13900000000")]))
    _refused(t1, guardian, "监护人", "周父", "周芳", "金河镇第二小学")

    another = send(s1, t1, tmp_path)
    extra = {**parent, "id": "a" * 32, "name": "冒名家长", "slot": 2, "origin_site_id": s1_id}
    reseal(s1, t1, another, lambda body: _put(body, "guardian", [extra]))
    _refused(t1, another, "冒名家长", "周芳", "金河镇第二小学")

    assert student(t1, pupil).name == "周芳"
    exchange(s1, t1, tmp_path)  # the school's own package still goes through
    assert student(t1, pupil).name == "周芳"


def test_a_townships_package_carrying_another_townships_pupil_is_refused(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    s3, t1, t2, bureau = sites["s3"], sites["t1"], sites["t2"], sites["bureau"]
    pupil = add_student(s3, "吴敏")
    exchange(s3, t2, tmp_path)
    package = send(t2, bureau, tmp_path)
    row = next(r for r in _rows(_body(t2, bureau, package), "student") if r["id"] == pupil)
    import_file(bureau, SYSTEM, package)
    forged = send(t1, bureau, tmp_path)
    reseal(t1, bureau, forged, lambda body: _put(body, "student", [_later(row, t1.extra["site_id"], note="改")]))
    _refused(bureau, forged, "吴敏", "满归镇中心学校", "金河镇教育办", "乡镇只能发送本乡镇")


def test_a_package_from_above_carrying_rows_outside_this_site_is_refused(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    s2, s1, t1 = sites["s2"], sites["s1"], sites["t1"]
    pupil, row, _ = _other_schools_pupil(sites, tmp_path)
    leak = send(t1, s1, tmp_path)
    reseal(t1, s1, leak, lambda body: _put(body, "student", [row]))
    _refused(s1, leak, "周芳", "不属于本站点的范围")

    up = sites["bureau"]
    entry = _rows(_body(t1, up, send(t1, up, tmp_path)), "audit_entry")[-1]  # the township's own chain
    audit = send(t1, s1, tmp_path)
    reseal(t1, s1, audit, lambda body: _put(body, "audit_entry", [entry]))
    _refused(s1, audit, "审计日志")
    assert student(s1, pupil) is None and student(s2, pupil) is not None


def test_a_school_may_send_a_pupil_it_created_and_transferred_before_the_first_package(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    s1, s2, t1 = sites["s1"], sites["s2"], sites["t1"]
    exchange(s2, t1, tmp_path)
    exchange(t1, s1, tmp_path)  # the school learns its sister school
    pupil = add_student(s1, "郑好")
    with s1.transaction(user="x") as session:
        session.add(Guardian(student_id=pupil, name="郑父", slot=1))
    with s1.read_session() as session:
        target = session.execute(select(School).where(School.name == "金河镇第二小学")).scalar_one()
    edit_student(s1, pupil, school_id=target.id, township_id=target.township_id)
    result = exchange(s1, t1, tmp_path)
    assert result.tables["student"]["new"] == 1 and result.tables["guardian"]["new"] == 1
    exchange(t1, s2, tmp_path)
    assert student(s2, pupil).name == "郑好"


def test_an_edit_made_before_the_bureau_moved_the_pupil_still_travels_up(
    sites: dict[str, Database], tmp_path: Path
) -> None:
    """The bureau moves a pupil to another township while its old school edits it: the edit comes
    up through the old township after the move reached it (the row is no longer theirs)."""
    s1, t1, t2, bureau = sites["s1"], sites["t1"], sites["t2"], sites["bureau"]
    exchange(sites["s3"], t2, tmp_path)
    exchange(t2, bureau, tmp_path)  # the bureau learns 满归镇's schools
    pupil = add_student(s1, "孙强")
    exchange(s1, t1, tmp_path)
    exchange(t1, bureau, tmp_path)
    with bureau.read_session() as session:
        target = session.execute(select(School).where(School.name == "满归镇中心学校")).scalar_one()
    edit_student(bureau, pupil, school_id=target.id, township_id=target.township_id)
    edit_student(s1, pupil, note="家长已联系")  # at the same time, before the move reached the school
    exchange(bureau, t1, tmp_path)
    result = exchange(s1, t1, tmp_path)
    assert result.tables["student"]["updated"] == 1
    exchange(t1, bureau, tmp_path)
    assert student(bureau, pupil).note == "家长已联系"
    assert student(bureau, pupil).school_id == target.id
    exchange(bureau, t2, tmp_path)
    assert student(t2, pupil).note == "家长已联系"


def test_a_site_keeps_back_what_is_not_its_own_to_send(sites: dict[str, Database], tmp_path: Path) -> None:
    """A pupil of the sister school that reached the school's database from elsewhere (a copied
    database, a merged file) is not sent up; the package says so and its township takes it."""
    s1, s2, t1 = sites["s1"], sites["s2"], sites["t1"]
    exchange(s2, t1, tmp_path)
    exchange(t1, s1, tmp_path)
    stray = add_student(s1, "外校生", school="金河镇第二小学")
    with s1.engine.connect() as conn:
        conn.exec_driver_sql("UPDATE student SET origin_site_id = ? WHERE id = ?", (s2.extra["site_id"], stray))
        conn.commit()
    own = add_student(s1, "本校生")
    package = tmp_path / "up.kcsync"
    sent = export_package(s1, SYSTEM, t1.extra["site_id"], package)
    assert sent.kept_back == {"student": 1} and sent.counts["student"] == 1
    import_file(t1, SYSTEM, package)
    assert student(t1, own).name == "本校生" and student(t1, stray) is None

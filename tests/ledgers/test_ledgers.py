"""services.ledgers: each ledger's rows, our own exports importing back unchanged, scope, plug-ins."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from kongchuo_desktop.domain.pinyin import name_keys
from kongchuo_desktop.importing import parse_file
from kongchuo_desktop.importing.fields import match_header, norm_header
from kongchuo_desktop.services import crosscheck as cc
from kongchuo_desktop.services import ledgers
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.services.errors import NotFoundError, PermissionDenied
from kongchuo_desktop.services.sites import school_by_name, township_by_name
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import AuditEntry, Child, Guardian, School, StatusChange, Student, Township
from tests.crosscheck.kit import add_dropout_change, add_student
from tests.ledgers.conftest import SCHOOL_YEAR, TODAY

STUDENT_KEYS = (
    "name", "sex", "birth_date", "ethnicity_code", "id_type", "id_number", "student_no", "hukou_nature",
    "hukou_address", "current_address", "grade", "class_no", "enrolled_on", "status", "boarding", "left_behind",
    "migrant", "disability_type", "disability_arrangement", "poverty", "low_income", "orphan", "note",
)  # fmt: skip
CHILD_KEYS = (
    "name", "sex", "birth_date", "ethnicity_code", "id_number", "hukou_village", "hukou_address",
    "residence_address", "situation", "elsewhere_school", "approving_body", "period_start", "period_end", "note",
)  # fmt: skip


def export(db: Database, key: str, tmp_path: Path, actor: Actor = SYSTEM, **scope: Any) -> ledgers.LedgerResult:
    scope.setdefault("school_year", SCHOOL_YEAR)
    tmp_path.mkdir(parents=True, exist_ok=True)
    return ledgers.export_ledger(db, actor, key, tmp_path / f"{key}.xlsx", ledgers.LedgerScope(**scope), today=TODAY)


def guardians_of(db: Database, column: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = defaultdict(dict)
    with db.read_session() as session:
        for g in session.execute(select(Guardian).where(Guardian.deleted.is_(False))).scalars():
            owner = getattr(g, column)
            if owner:
                for part in ("name", "relation", "phone"):
                    out[owner][f"guardian{g.slot}_{part}"] = getattr(g, part)
    return out


def blank_guardians(values: dict[str, Any], slots: tuple[int, ...]) -> dict[str, Any]:
    for slot in slots:
        for part in ("name", "relation", "phone"):
            values.setdefault(f"guardian{slot}_{part}", None)
    return values


def test_every_header_names_the_field_the_importer_expects() -> None:
    """Our headers map to our fields (or to nothing), so exports import back column for column."""
    for columns, kind in ((ledgers.STUDENT_COLUMNS, "roster"), (ledgers.CHILD_COLUMNS, "children")):
        fields = [(match_header(norm_header(c.header), kind) or (None,))[0] for c in columns]
        named = [f for f in fields if f]
        assert len(named) == len(set(named)), fields
    matched = [(match_header(norm_header(h), "children") or (None,))[0] for h in ("批准单位", "缓（免）学期限")]
    assert matched == ["approving_body", "period"]


def test_student_roster_imports_back_unchanged(demo_db: Database, tmp_path: Path) -> None:
    result = export(demo_db, "students", tmp_path)
    parsed = parse_file(result.path, kind="roster")
    assert parsed.rejected == []
    assert parsed.data_rows == result.rows == parsed.valid
    guardians = guardians_of(demo_db, "student_id")
    with demo_db.read_session() as session:
        schools = dict(session.execute(select(School.id, School.name)).all())
        students = list(session.execute(select(Student).where(Student.deleted.is_(False))).scalars())
    assert len(students) == result.rows
    expected = {}
    for s in students:
        values = {k: getattr(s, k) for k in STUDENT_KEYS}
        values["school_name"] = schools[s.school_id]
        values.update(guardians.get(s.id, {}))
        expected[s.id_number or s.student_no] = blank_guardians(values, (1, 2))
    got = {r.values.get("id_number") or r.values["student_no"]: r.values for r in parsed.records}
    assert got.keys() == expected.keys()
    for key, values in expected.items():
        assert {k: got[key].get(k) for k in values} == values, key
    # Special groups, statuses and pupils without an ID number are all in there.
    assert {s.status for s in students} >= {"在读", "辍学", "转出"}
    assert any(s.id_number is None for s in students) and any(s.disability_type for s in students)


def test_children_ledger_imports_back_unchanged(demo_db: Database, sample_db: Database, tmp_path: Path) -> None:
    for db in (demo_db, sample_db):
        result = export(db, "children", tmp_path)
        parsed = parse_file(result.path, kind="children")
        assert parsed.rejected == []
        guardians = guardians_of(db, "child_id")
        with db.read_session() as session:
            towns = dict(session.execute(select(Township.id, Township.name)).all())
            children = list(session.execute(select(Child).where(Child.deleted.is_(False))).scalars())
        assert len(children) == result.rows == parsed.valid
        got = {(r.values.get("id_number") or r.values.get("student_no")): r.values for r in parsed.records}
        for c in children:
            values = {k: getattr(c, k) for k in CHILD_KEYS}
            values["township_name"] = towns[c.township_id]
            values.update({k: v for k, v in guardians.get(c.id, {}).items() if k.startswith("guardian1_")})
            row = got[c.id_number] if c.id_number else next(v for v in got.values() if v["name"] == c.name)
            assert {k: row.get(k) for k in blank_guardians(values, (1,))} == values, c.name


def test_children_ledger_shows_the_enrolment(demo_db: Database, tmp_path: Path) -> None:
    result = export(demo_db, "children", tmp_path)
    sheet = openpyxl.load_workbook(result.path).active
    assert sheet["A1"].value == "金河镇适龄儿童台账"
    header = [c.value for c in sheet[3]]
    rows = [
        dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)
    ]
    local = [r for r in rows if r["就读情况"] == "本地在校"]
    assert local and all(r["就读学校"] and r["年级"] for r in local)
    deferred = [r for r in rows if r["就读情况"] == "缓学"]
    assert deferred and all(r["批准单位"] and "至" in r["缓（免）学期限"] for r in deferred)


def test_dropouts_ledger(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.transaction(user="test") as session:
        school = school_by_name(session, "金河镇中心学校")
        pupil = add_student(session, "两次辍学", dt.date(2014, 3, 3), school, 6, 901, class_no=2)
        add_dropout_change(session, pupil, dt.date(2025, 5, 6), "第一次")
        session.add(StatusChange(student_id=pupil.id, kind="复学", changed_on=dt.date(2025, 9, 1), status_before="辍学",
                                 status_after="在读"))  # fmt: skip
        add_dropout_change(session, pupil, dt.date(2026, 9, 20), "随父母外出务工")
    result = export(demo_db, "dropouts", tmp_path)
    with demo_db.read_session() as session:
        dropouts = session.execute(
            select(Student.id_number).where(Student.status == "辍学", Student.deleted.is_(False))
        )
        expected = {n for (n,) in dropouts}
    sheet = openpyxl.load_workbook(result.path).active
    header = [c.value for c in sheet[3]]
    rows = [
        dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)
    ]
    assert {r["身份证件号"] for r in rows} == expected and result.rows == len(expected)
    mine = next(r for r in rows if r["姓名"] == "两次辍学")
    assert mine["辍学日期"] == dt.datetime(2026, 9, 20) and mine["辍学原因"] == "随父母外出务工"
    assert mine["学校名称"] == "金河镇中心学校" and mine["年级"] == "六年级" and mine["班级"] == 2
    assert all(r["辍学日期"] and r["辍学原因"] for r in rows)


def test_suspected_ledger_comes_from_the_crosscheck(demo_db: Database, tmp_path: Path) -> None:
    result = export(demo_db, "suspected", tmp_path)
    check = cc.run_crosscheck(demo_db, SYSTEM, SCHOOL_YEAR, on_date=cc.default_on_date(SCHOOL_YEAR, TODAY))
    sheet = openpyxl.load_workbook(result.path).active
    header = [c.value for c in sheet[3]]
    rows = [
        dict(zip(header, r, strict=True)) for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)
    ]
    # The casework's suspected dropouts come first, then every child the cross-check finds out of school.
    listed = {r["身份证件号"] for r in rows}
    assert {f.id_number for f in check.lists["not_enrolled"]} <= listed
    assert len(rows) > len(check.lists["not_enrolled"])
    assert all(r["疑似辍学（失学）情况"] for r in rows)
    assert sheet["A1"].value == "金河镇疑似辍学学生台账"


def test_visits_ledger_lists_the_casework_visits(demo_db: Database, tmp_path: Path) -> None:
    from sqlalchemy import func, select

    from kongchuo_desktop.store.models.cases import Visit

    result = export(demo_db, "visits", tmp_path)
    with demo_db.read_session() as session:
        visits = session.execute(select(func.count()).select_from(Visit).where(Visit.deleted.is_(False))).scalar_one()
    assert 0 < result.rows <= visits  # this school year's visits in the township's scope
    sheet = openpyxl.load_workbook(result.path).active
    assert [c.value for c in sheet[3]][:6] == ["序号", "学校名称", "年级", "班级", "学生姓名", "身份证件号"]


def test_scope_and_permissions(demo_db: Database, tmp_path: Path) -> None:
    with demo_db.read_session() as session:
        jinhe = township_by_name(session, "金河镇")
        other = township_by_name(session, "满归镇")
        central = school_by_name(session, "金河镇中心学校")
        assert jinhe and other and central
        ids = (jinhe.id, other.id, central.id)
    jinhe_id, other_id, central_id = ids
    teacher = Actor(user="t", display_name="教师", role=perms.TEACHER, school_id=central_id)
    with pytest.raises(PermissionDenied):
        export(demo_db, "students", tmp_path, teacher)
    cadre = Actor(user="c", display_name="乡镇干部", role=perms.TOWNSHIP, township_id=jinhe_id)
    with pytest.raises(PermissionDenied):
        export(demo_db, "students", tmp_path, cadre, township_id=other_id)
    principal = Actor(user="p", display_name="校长", role=perms.PRINCIPAL, school_id=central_id)
    result = export(demo_db, "students", tmp_path, principal, active_only=True)
    sheet = openpyxl.load_workbook(result.path).active
    rows = [r for r in sheet.iter_rows(min_row=4, values_only=True) if isinstance(r[0], int)]
    assert rows and {r[1] for r in rows} == {"金河镇中心学校"} and {r[15] for r in rows} <= {"在读", "休学"}
    assert sheet["A1"].value == "金河镇中心学校学生名册"
    # A township cadre's roster covers only the township's schools, in pinyin order of their names.
    result = export(demo_db, "students", tmp_path, cadre)
    rows = [r for r in openpyxl.load_workbook(result.path).active.iter_rows(min_row=4, values_only=True)
            if isinstance(r[0], int)]  # fmt: skip
    names = list(dict.fromkeys(r[1] for r in rows))
    assert names == sorted(names, key=lambda n: name_keys(n)[0]) and all(n.startswith("金河镇") for n in names)
    with pytest.raises(NotFoundError):
        ledgers.export_ledger(demo_db, SYSTEM, "nosuch", tmp_path / "x.xlsx")


def test_a_ledger_can_be_replaced(demo_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The case workflow will supply the suspected rows: same columns, its own provider."""
    monkeypatch.setattr(ledgers, "LEDGERS", dict(ledgers.LEDGERS))
    row = ["金河镇", "兴安村", "个案儿童", "男", "汉族", dt.date(2015, 1, 1), "150785201501011234", "家长", "13800000000",
           "金河镇中心学校", "三年级", "连续缺勤5天", dt.date(2026, 10, 1), "李老师", "已家访一次", None]  # fmt: skip

    def from_cases(ctx: ledgers.LedgerContext) -> ledgers.LedgerRows:
        assert ctx.school_year == SCHOOL_YEAR and ctx.session is not None
        return ledgers.LedgerRows([row], 1)

    ledgers.register_ledger(dataclasses.replace(ledgers.LEDGERS["suspected"], rows=from_cases))
    result = export(demo_db, "suspected", tmp_path)
    sheet = openpyxl.load_workbook(result.path).active
    assert result.rows == 1 and sheet["D4"].value == "个案儿童" and sheet["M4"].value == "连续缺勤5天"


def test_print_setup_of_a_real_ledger(demo_db: Database, tmp_path: Path) -> None:
    result = export(demo_db, "students", tmp_path)
    sheet = openpyxl.load_workbook(result.path).active
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$3:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth == 1
    assert sheet["A2"].value.startswith("填报单位：") and "2026年10月15日" in [c.value for c in sheet[2] if c.value][-1]
    cell = sheet.cell(row=4 + result.rows - 1, column=len(ledgers.STUDENT_COLUMNS) + 1)
    assert cell.border.right.style == "thin" and cell.border.bottom.style == "thin"


def test_round_trip_through_the_importer(demo_db: Database, tmp_path: Path) -> None:
    """Export → `kongchuo import` into an empty site → export again: the same ledger, cell for cell."""
    roster_import = pytest.importorskip("kongchuo_desktop.services.roster_import")
    from kongchuo_desktop.services.sites import init_site
    from kongchuo_desktop.store.database import open_database

    first = {key: export(demo_db, key, tmp_path / "a") for key in ("students", "children")}
    fresh = open_database(tmp_path / "fresh.sqlite", create=True)
    try:
        init_site(fresh, "金河镇教育办", "township", township="金河镇")
        for key, kind in (("students", "roster"), ("children", "children")):
            preview = roster_import.preview_import(fresh, SYSTEM, first[key].path, kind)
            summary = roster_import.apply_import(fresh, SYSTEM, preview, backup=False)
            assert summary.rejected == [] and summary.new == first[key].rows
        second = {key: export(fresh, key, tmp_path / "b") for key in ("students", "children")}
    finally:
        fresh.close()

    def table(path: Path) -> list[tuple[object, ...]]:
        return list(openpyxl.load_workbook(path).active.iter_rows(min_row=3, values_only=True))

    assert table(first["students"].path) == table(second["students"].path)
    children = table(first["children"].path)
    body, period = children[0].index("批准单位"), children[0].index("缓（免）学期限")
    assert any(row[body] and row[period] for row in children[1:])  # the comparison covers them
    assert children == table(second["children"].path)


def test_children_ledger_reimports_into_its_own_database_unchanged(demo_db: Database, tmp_path: Path) -> None:
    roster_import = pytest.importorskip("kongchuo_desktop.services.roster_import")
    result = export(demo_db, "children", tmp_path)
    preview = roster_import.preview_import(demo_db, SYSTEM, result.path, "children")
    summary = roster_import.apply_import(demo_db, SYSTEM, preview, backup=False)
    assert summary.rejected == []
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, result.rows)

    # The register changed since the export: the import puts the ledger's approval back, audited per field.
    with demo_db.transaction(user="test") as session:
        child = session.execute(select(Child).where(Child.approving_body.is_not(None)).limit(1)).scalar_one()
        cid, body, end = child.id, child.approving_body, child.period_end
        child.approving_body, child.period_end = "别的单位", end + dt.timedelta(days=1)
    with demo_db.read_session() as session:
        before = session.execute(select(func.max(AuditEntry.seq))).scalar_one()
    preview = roster_import.preview_import(demo_db, SYSTEM, result.path, "children")
    summary = roster_import.apply_import(demo_db, SYSTEM, preview, backup=False)
    assert (summary.new, summary.updated) == (0, 1)
    with demo_db.read_session() as session:
        child = session.get(Child, cid)
        assert (child.approving_body, child.period_end) == (body, end)
        audited = session.execute(
            select(AuditEntry.field, AuditEntry.new_value).where(
                AuditEntry.entity_id == cid, AuditEntry.seq > before, AuditEntry.action == "update"
            )
        ).all()
    assert sorted(audited) == [("approving_body", body), ("period_end", end.isoformat())]

"""The import service: preview verdicts, writing all or nothing, matching, history, scope, re-imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from kongchuo_desktop.services.errors import PermissionDenied
from kongchuo_desktop.services.roster_import import ImportRefused, apply_import, preview_import
from kongchuo_desktop.store import audit
from kongchuo_desktop.store.models import AuditEntry, Child, Guardian, ImportBatch, School, SchoolClass, Student
from tests.imports.conftest import TODAY, roster_row
from tests.imports.support import ROSTER_HEADER, db_fingerprint, read_rows, table_counts, write_xlsx


def _roster(tmp_path: Path, rows: list[list[object]], name: str = "名册.xlsx") -> Path:
    return write_xlsx(tmp_path / name, [["金河镇学生名册"], ROSTER_HEADER, *rows])


def _students(db) -> dict[str, Student]:  # type: ignore[no-untyped-def]
    with db.read_session() as session:
        return {s.id_number: s for s in session.execute(select(Student)).scalars()}


# --- the shared sample ---------------------------------------------------------------------------


def test_roster_sample_verdicts_end_to_end(db, db_path, admin, samples_dir):
    expected = json.loads((samples_dir / "roster_sample.expected.json").read_text(encoding="utf-8"))
    path = samples_dir / "roster_sample.xlsx"
    before = db_fingerprint(db_path)
    preview = preview_import(db, admin, path, "roster")
    assert db_fingerprint(db_path) == before  # a preview writes nothing
    assert preview.parsed.data_rows == expected["data_rows"]
    assert (preview.new, preview.updated, preview.unchanged) == (expected["valid"], 0, 0)
    refused = {(r.row, r.reason) for r in preview.rejected}
    for item in expected["reject"]:
        assert (item["sheet_row"], item["reason"]) in refused
    assert {r for r, _ in refused} & set(expected["duplicate_sheet_rows"])
    assert preview.rejected_rows == expected["data_rows"] - expected["valid"]

    summary = apply_import(db, admin, preview)
    assert summary.written and summary.new == expected["valid"]
    assert len(summary.schools_added) == 6 and "根河市第一小学" in summary.schools_added  # 2 of 8 are known
    assert summary.classes_added
    assert summary.backup_path is not None and summary.backup_path.exists()
    counts = table_counts(db_path, "student", "school", "school_class", "import_batch")
    assert counts["student"] == expected["valid"]
    assert counts["school"] == 3 + 6
    with db.read_session() as session:
        batch = session.execute(select(ImportBatch)).scalar_one()
        assert (batch.file_name, batch.kind, batch.user) == ("roster_sample.xlsx", "roster", "admin")
        assert (batch.new, batch.updated, batch.unchanged, batch.rejected) == (232, 0, 0, 8)
        assert batch.sha256 == preview.sha256 and len(batch.sha256) == 64
        creates = (
            session.execute(select(AuditEntry).where(AuditEntry.entity == "student", AuditEntry.action == "create"))
            .scalars()
            .all()
        )
        assert len(creates) == expected["valid"]
        assert {e.reason for e in creates} == {"导入 roster_sample.xlsx"}
        assert all(e.user == "admin" for e in creates)
        assert audit.check_chain(session).ok
        pupil = session.execute(select(Student).where(Student.id_number == "150781201302017001")).scalar_one()
        assert (pupil.name, pupil.grade, pupil.class_no, pupil.status) == ("乔玉宁", 8, 1, "在读")
        assert pupil.name_pinyin == "qiaoyuning" and pupil.name_initials == "qyn"
        school = session.get(School, pupil.school_id)
        assert school is not None and school.name == "阿龙山镇中心学校"
        assert pupil.township_id == school.township_id
        guardian = session.execute(select(Guardian).where(Guardian.student_id == pupil.id)).scalar_one()
        assert (guardian.slot, guardian.name, guardian.phone) == (1, "许荷思", "13566547192")


def test_reimporting_the_same_file_changes_nothing(db, db_path, admin, samples_dir):
    path = samples_dir / "roster_sample.xlsx"
    apply_import(db, admin, preview_import(db, admin, path, "roster"))
    before = db_fingerprint(db_path)
    again = preview_import(db, admin, path, "roster")
    assert (again.new, again.updated, again.unchanged) == (0, 0, 232)
    assert not again.writes and not again.plan.new_schools and not again.plan.new_classes
    summary = apply_import(db, admin, again)
    assert not summary.written and summary.batch_id is None and summary.backup_path is None
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 232)
    assert db_fingerprint(db_path) == before  # no audit entries, no change_seq bumps, no batch


# --- updates ---------------------------------------------------------------------------------------


def test_an_edited_reimport_updates_exactly_the_changed_fields(db, admin, tmp_path):
    rows = [roster_row(i) for i in range(1, 6)]
    first = _roster(tmp_path, rows)
    apply_import(db, admin, preview_import(db, admin, first, "roster"))
    old = _students(db)
    edited = [list(r) for r in rows]
    edited[0][3] = "3班"  # class 2 → 3
    edited[1][11] = "13912345678"  # guardian phone
    edited[2][10] = ""  # an empty guardian cell erases nothing
    edited[3][12] = "双亲外出"  # left behind
    second = _roster(tmp_path, edited, "名册（改）.xlsx")
    preview = preview_import(db, admin, second, "roster")
    assert (preview.new, preview.updated, preview.unchanged) == (0, 3, 2)
    summary = apply_import(db, admin, preview)
    assert summary.updated == 3 and summary.written
    new = _students(db)
    ids = [r[8] for r in rows]
    assert new[ids[0]].class_no == 3 and old[ids[0]].class_no == 2
    assert new[ids[3]].left_behind == "双亲外出"
    changed_rows = {ids[0], ids[1], ids[3]}
    for number in ids:
        bumped = new[number].change_seq != old[number].change_seq
        assert bumped == (number in {ids[0], ids[3]})  # the phone lives on the guardian row
    with db.read_session() as session:
        entries = (
            session.execute(select(AuditEntry).where(AuditEntry.action == "update", AuditEntry.entity == "student"))
            .scalars()
            .all()
        )
        by_student = {(e.entity_id, e.field): (e.old_value, e.new_value, e.reason) for e in entries}
        reason = "导入 名册（改）.xlsx"
        assert by_student == {
            (new[ids[0]].id, "class_no"): ("2", "3", reason),
            (new[ids[1]].id, "guardian1_phone"): ("13900000002", "13912345678", reason),
            (new[ids[3]].id, "left_behind"): ("无", "双亲外出", reason),
        }
        phone = session.execute(
            select(Guardian.phone).where(Guardian.student_id == new[ids[1]].id, Guardian.slot == 1)
        ).scalar_one()
        assert phone == "13912345678"
        name = session.execute(select(Guardian.name).where(Guardian.student_id == new[ids[2]].id)).scalar_one()
        assert name == "家长3"
        assert audit.check_chain(session).ok
    assert {s.id_number for s in new.values()} >= changed_rows


def test_match_by_student_no_when_the_register_has_no_id_number(db, admin, tmp_path, place_ids):
    row = roster_row(7)
    apply_import(db, admin, preview_import(db, admin, _roster(tmp_path, [row]), "roster"))
    with db.transaction(user="test") as session:
        session.execute(Student.__table__.update().values(id_number=None))
    preview = preview_import(db, admin, _roster(tmp_path, [row], "again.xlsx"), "roster")
    assert (preview.new, preview.updated) == (0, 1)
    assert preview.plan.rows[0].changes == {"id_number": (None, row[8])}


def test_status_is_not_changed_by_an_import(db, admin, tmp_path):
    header = [*ROSTER_HEADER, "学籍状态"]
    row = [*roster_row(3), "在读"]
    apply_import(db, admin, preview_import(db, admin, write_xlsx(tmp_path / "a.xlsx", [header, row]), "roster"))
    row[-1] = "转出"
    preview = preview_import(db, admin, write_xlsx(tmp_path / "b.xlsx", [header, row]), "roster")
    assert (preview.updated, preview.unchanged) == (0, 1)
    assert [n.reason for n in preview.plan.notes] == ["status_not_changed"]
    assert "学籍异动" in preview.plan.notes[0].message


def test_conflicting_student_no_is_refused(db, admin, tmp_path):
    first, second = roster_row(1), roster_row(2)
    apply_import(db, admin, preview_import(db, admin, _roster(tmp_path, [first]), "roster"))
    second[9] = first[9]  # someone else's 学籍号
    preview = preview_import(db, admin, _roster(tmp_path, [second], "b.xlsx"), "roster", today=TODAY)
    reasons = {(r.reason, r.column) for r in preview.rejected}
    assert ("student_no_mismatch", "全国学籍号") in reasons or ("conflict", "全国学籍号") in reasons


# --- places ----------------------------------------------------------------------------------------


def test_unknown_schools_and_classes_are_added_and_listed(db, admin, tmp_path, place_ids):
    rows = [roster_row(1), roster_row(2, "金河镇第三小学", klass="1班"), roster_row(3, "满归镇新建小学")]
    preview = preview_import(db, admin, _roster(tmp_path, rows), "roster")
    assert [(s.name, s.township_id) for s in preview.plan.new_schools] == [
        ("满归镇新建小学", place_ids["满归镇"]),
        ("金河镇第三小学", place_ids["金河镇"]),
    ]
    assert preview.rows_needing_new_places == 2
    summary = apply_import(db, admin, preview)
    assert sorted(summary.schools_added) == ["满归镇新建小学", "金河镇第三小学"]
    assert "金河镇第三小学 3年级1班" in summary.classes_added and "金河镇中心学校 3年级2班" in summary.classes_added
    with db.read_session() as session:
        assert session.execute(select(School.id).where(School.name == "金河镇第三小学")).scalar_one()
        assert len(session.execute(select(SchoolClass)).scalars().all()) == 3
        entries = session.execute(select(AuditEntry).where(AuditEntry.entity == "school")).scalars().all()
        assert {e.reason for e in entries if e.entity_id != place_ids["金河镇中心学校"]} >= {"导入 名册.xlsx"}


def test_refusing_new_schools_refuses_their_rows(db, db_path, admin, tmp_path):
    rows = [roster_row(1), roster_row(2, "金河镇第三小学")]
    preview = preview_import(db, admin, _roster(tmp_path, rows), "roster")
    summary = apply_import(db, admin, preview, create_schools=False)
    assert (summary.new, summary.rejected_rows) == (1, 1)
    assert [(r.reason, r.column, r.row) for r in summary.rejected] == [("unknown_school", "学校名称", 4)]
    assert summary.schools_added == [] and summary.classes_added == []
    assert table_counts(db_path, "school", "school_class", "student") == {"school": 3, "school_class": 0, "student": 1}


# --- scope and permissions -------------------------------------------------------------------------


def test_township_actor_imports_only_its_own_schools(db, township_actor, tmp_path, place_ids):
    rows = [
        roster_row(1),
        roster_row(2, "满归镇中心学校"),
        roster_row(3, "满归镇新建小学"),
        roster_row(4, "金河镇新小学"),
    ]
    preview = preview_import(db, township_actor, _roster(tmp_path, rows), "roster")
    refused = {r.row: (r.reason, r.column) for r in preview.rejected}
    assert refused == {4: ("out_of_scope", "学校名称"), 5: ("out_of_scope", "学校名称")}
    assert "不在您的管理范围内" in preview.rejected[0].message
    assert [s.name for s in preview.plan.new_schools] == ["金河镇新小学"]
    summary = apply_import(db, township_actor, preview)
    assert summary.new == 2 and summary.rejected_rows == 2


def test_principal_imports_only_their_school(db, principal, admin, tmp_path):
    apply_import(db, admin, preview_import(db, admin, _roster(tmp_path, [roster_row(5, "金河镇第二小学")]), "roster"))
    moved = roster_row(5)  # the same pupil, now claimed by the principal's school
    rows = [roster_row(1), roster_row(2, "金河镇第二小学"), roster_row(3, "新学校小学"), moved]
    preview = preview_import(db, principal, _roster(tmp_path, rows, "b.xlsx"), "roster")
    assert {r.row: r.reason for r in preview.rejected} == {4: "out_of_scope", 5: "out_of_scope", 6: "out_of_scope"}
    assert "学籍异动" in [r for r in preview.rejected if r.row == 6][0].message
    assert preview.new == 1 and not preview.plan.new_schools


def test_principal_roster_without_school_column_uses_their_school(db, principal, tmp_path, place_ids):
    header = [h for h in ROSTER_HEADER if h != "学校名称"]
    row = [v for i, v in enumerate(roster_row(1)) if ROSTER_HEADER[i] != "学校名称"]
    preview = preview_import(db, principal, write_xlsx(tmp_path / "本校.xlsx", [header, row]), "roster")
    assert preview.new == 1
    apply_import(db, principal, preview)
    assert next(iter(_students(db).values())).school_id == place_ids["金河镇中心学校"]


def test_a_teacher_may_not_import(db, teacher, tmp_path):
    with pytest.raises(PermissionDenied):
        preview_import(db, teacher, _roster(tmp_path, [roster_row(1)]), "roster")


# --- all or nothing --------------------------------------------------------------------------------


def test_a_file_changed_after_the_preview_is_refused(db, db_path, admin, tmp_path):
    path = _roster(tmp_path, [roster_row(1)])
    preview = preview_import(db, admin, path, "roster")
    before = db_fingerprint(db_path)
    _roster(tmp_path, [roster_row(1), roster_row(2)])
    with pytest.raises(ImportRefused) as caught:
        apply_import(db, admin, preview)
    assert caught.value.code == "file_changed" and "名册.xlsx" in str(caught.value)
    assert db_fingerprint(db_path) == before


class Stop(Exception):
    pass


@pytest.mark.parametrize("stop_at", [1, 3, 5, 7])
def test_cancelling_at_any_point_leaves_the_database_as_it_was(db, db_path, admin, tmp_path, stop_at):
    # An earlier import, then an edited one with new, updated rows and a new school, cancelled part-way.
    rows = [roster_row(i) for i in range(1, 6)]
    apply_import(db, admin, preview_import(db, admin, _roster(tmp_path, rows), "roster"))
    edited = [list(r) for r in rows] + [roster_row(i, "金河镇第三小学") for i in range(6, 9)]
    edited[0][3] = "1班"
    edited[1][11] = "13911112222"
    preview = preview_import(db, admin, _roster(tmp_path, edited, "b.xlsx"), "roster")
    before = db_fingerprint(db_path)
    calls = 0

    def progress(done: int, total: int, text: str) -> None:
        nonlocal calls
        calls += 1
        if calls == stop_at:
            raise Stop()

    with pytest.raises(Stop):
        apply_import(db, admin, preview, progress=progress, backup=False)
    assert db_fingerprint(db_path) == before
    summary = apply_import(db, admin, preview, backup=False)  # and it can be done afterwards
    assert (summary.new, summary.updated) == (3, 2)


# --- children --------------------------------------------------------------------------------------


def test_children_register_links_pupils_and_is_a_noop_the_second_time(db, db_path, admin, samples_dir, place_ids):
    apply_import(db, admin, preview_import(db, admin, samples_dir / "crosscheck_sample_roster.xlsx", "roster"))
    path = samples_dir / "crosscheck_sample_children.xlsx"
    preview = preview_import(db, admin, path, "children")
    assert (preview.new, preview.rejected_rows) == (153, 0)
    summary = apply_import(db, admin, preview)
    assert summary.new == 153 and summary.townships_added == []
    with db.read_session() as session:
        children = session.execute(select(Child)).scalars().all()
        assert {c.township_id for c in children} == {place_ids["金河镇"]}  # no column: the site's township
        pupils = dict(session.execute(select(Student.id_number, Student.id)).all())
        linked = [c for c in children if c.student_id]
        assert linked and all(pupils[c.id_number] == c.student_id for c in linked)
        assert len(linked) == len(set(pupils) & {c.id_number for c in children})
        sample = next(c for c in children if c.id_number == "150702202106305363")
        assert (sample.name, sample.sex, sample.hukou_address) == ("卢希", "女", "内蒙古根河市得耳布尔镇向阳村")
    before = db_fingerprint(db_path)
    again = apply_import(db, admin, preview_import(db, admin, path, "children"))
    assert (again.new, again.updated, again.unchanged, again.written) == (0, 0, 153, False)
    assert db_fingerprint(db_path) == before


def test_children_townships_and_scope(db, admin, township_actor, tmp_path, id_for=None):
    from tests.helpers import make_id

    header = ["姓名", "性别", "身份证号", "乡镇", "就读情况"]
    import datetime as dt

    rows = [
        ["张一", "男", make_id(dt.date(2015, 1, 2), 1), "金河镇", "本地在校"],
        ["张二", "男", make_id(dt.date(2015, 1, 3), 2), "满归镇", "外地就读"],
        ["张三", "男", make_id(dt.date(2015, 1, 4), 3), "新设镇", "未入学"],
    ]
    path = write_xlsx(tmp_path / "儿童.xlsx", [header, *rows], sheet="适龄儿童")
    mine = preview_import(db, township_actor, path, "children")
    assert {r.row: r.reason for r in mine.rejected} == {3: "out_of_scope", 4: "out_of_scope"}
    everyone = preview_import(db, admin, path, "children")
    assert [t.name for t in everyone.plan.new_townships] == ["新设镇"] and everyone.new == 3
    refused = apply_import(db, admin, everyone, create_schools=False)
    assert refused.new == 2 and [r.reason for r in refused.rejected] == ["unknown_township"]
    added = apply_import(db, admin, preview_import(db, admin, path, "children"))
    assert (added.new, added.unchanged, added.townships_added) == (1, 2, ["新设镇"])


# --- the reject report -----------------------------------------------------------------------------


def test_reject_report_has_the_original_rows_marked(db, admin, samples_dir, tmp_path):
    from openpyxl import load_workbook

    preview = preview_import(db, admin, samples_dir / "roster_sample.xlsx", "roster")
    out = preview.write_report(tmp_path / "未导入.xlsx")
    book = load_workbook(out)
    sheet = book["未导入的行"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "原行号" and rows[0][-1] == "错误原因"
    assert [r[0] for r in rows[1:]] == [31, 73, 130, 135, 158, 167, 172, 227]
    marked = [
        c for row in sheet.iter_rows(min_row=2) for c in row if c.fill is not None and c.fill.fgColor.rgb == "FFFF9999"
    ]
    assert len(marked) >= 8


def test_sample_rows_can_be_edited_and_reimported(db, admin, samples_dir, tmp_path):
    # The report's workflow: fix a refused row in the original file and import again.
    rows = read_rows(samples_dir / "roster_sample.xlsx")
    apply_import(db, admin, preview_import(db, admin, samples_dir / "roster_sample.xlsx", "roster"))
    sex_col = rows[2].index("性别")
    rows[72][sex_col] = "男"  # row 73: 性别 contradicted the ID
    fixed = write_xlsx(tmp_path / "改正后.xlsx", rows)
    preview = preview_import(db, admin, fixed, "roster")
    assert (preview.new, preview.updated, preview.unchanged, preview.rejected_rows) == (1, 0, 232, 7)


# --- how creations are audited ---------------------------------------------------------------------


def test_each_created_row_is_attributed_per_row_or_in_the_imports_list(db, admin, tmp_path, monkeypatch):
    from kongchuo_desktop.services import import_write
    from kongchuo_desktop.services.roster_import import import_origin

    small = apply_import(db, admin, preview_import(db, admin, _roster(tmp_path, [roster_row(1)], "小.xlsx"), "roster"))
    monkeypatch.setattr(import_write, "PER_ROW_AUDIT_LIMIT", 2)
    monkeypatch.setattr(import_write, "IDS_PER_ENTRY", 2)
    rows = [roster_row(i) for i in range(2, 7)]
    big = apply_import(db, admin, preview_import(db, admin, _roster(tmp_path, rows, "大.xlsx"), "roster"))
    assert big.new == 5
    students = _students(db)
    with db.read_session() as session:
        listed = (
            session.execute(
                select(AuditEntry).where(AuditEntry.field == "created_student_ids").order_by(AuditEntry.seq)
            )
            .scalars()
            .all()
        )
        assert [e.entity_id for e in listed] == [big.batch_id] * 3  # 5 ids, 2 per entry
        ids = [i for e in listed for i in e.new_value.split(",")]
        assert sorted(ids) == sorted(students[r[8]].id for r in rows)
        per_row = session.execute(
            select(AuditEntry.entity_id).where(AuditEntry.entity == "student", AuditEntry.action == "create")
        ).scalars()
        assert list(per_row) == [students[roster_row(1)[8]].id]
        assert audit.check_chain(session).ok
    first = import_origin(db, "student", students[roster_row(1)[8]].id)
    assert first is not None and (first.file_name, first.user) == ("小.xlsx", "admin")
    later = import_origin(db, "student", students[rows[3][8]].id)
    assert later is not None and (later.file_name, later.batch_id) == ("大.xlsx", big.batch_id)
    assert small.batch_id != big.batch_id
    assert import_origin(db, "student", "0" * 32) is None

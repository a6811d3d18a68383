"""Every change is attributed (user, site, time, entity, field, old/new, reason); the audit page
filters in SQL and exports .xlsx with values verbatim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kongchuo_desktop.services import audit_log, students
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.audit_log import AuditFilter
from kongchuo_desktop.services.errors import ValidationError
from kongchuo_desktop.store.database import Database
from tests.accounts.support import SQL_NAME, Pupils

ADMIN, BUREAU = "管理员", "教育局"


def test_an_edit_records_who_where_when_what_and_why(
    township_db: Database, pupils: Pupils, actors: dict[str, Actor]
) -> None:
    town = actors["乡镇"]
    before = dt.datetime.now() - dt.timedelta(seconds=5)
    students.update_student(township_db, town, pupils.a, {"name": "张卫", "note": SQL_NAME}, reason="户口本更正")
    rows = audit_log.page_entries(township_db, actors[ADMIN], AuditFilter(user="town"))
    row = next(r for r in rows if r.field == "name")
    note = next(r for r in rows if r.field == "note")
    assert (note.old_value, note.new_value, note.field_label) == (None, SQL_NAME, "备注")
    assert row.user == "town" and row.site == "金河镇教育办" and row.action_label == "修改"
    assert row.entity == "student" and row.entity_id == pupils.a and row.entity_label == "学生"
    assert (row.old_value, row.new_value, row.reason) == ("张伟", "张卫", "户口本更正")
    assert before <= row.at <= dt.datetime.now() + dt.timedelta(seconds=5)
    assert row.field_label == "姓名"


def test_filters(township_db: Database, pupils: Pupils, actors: dict[str, Actor]) -> None:
    admin = actors[ADMIN]
    students.delete_student(township_db, actors["校长"], pupils.b, "重复录入")
    everything = audit_log.count_entries(township_db, admin, AuditFilter())
    assert everything == len(audit_log.page_entries(township_db, admin, AuditFilter(), limit=100_000))
    deletes = audit_log.page_entries(township_db, admin, AuditFilter(action="delete"))
    assert [(r.user, r.entity_id, r.reason) for r in deletes] == [("head", pupils.b, "重复录入")]
    assert audit_log.count_entries(township_db, admin, AuditFilter(entity="account")) >= 5
    assert audit_log.count_entries(township_db, admin, AuditFilter(text="重复")) == 1
    assert audit_log.count_entries(township_db, admin, AuditFilter(text="%")) == 0  # literal, not a pattern
    today = dt.date.today()
    assert audit_log.count_entries(township_db, admin, AuditFilter(date_from=today, date_to=today)) == everything
    assert audit_log.count_entries(township_db, admin, AuditFilter(date_to=today - dt.timedelta(days=1))) == 0
    assert {"admin", "head"} <= set(audit_log.audit_users(township_db, admin))
    newest_first = audit_log.page_entries(township_db, admin, AuditFilter(), limit=2)
    assert newest_first[0].at >= newest_first[1].at


def test_export_xlsx_verbatim(township_db: Database, pupils: Pupils, actors: dict[str, Actor], tmp_path: Path) -> None:
    students.update_student(township_db, actors[ADMIN], pupils.a, {"note": "=HYPERLINK(\"x\")"}, reason=SQL_NAME)
    out = tmp_path / "审计.xlsx"
    n = audit_log.export_xlsx(township_db, actors[BUREAU], AuditFilter(), out)
    ws = load_workbook(out, read_only=True).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("序号", "时间", "用户") and len(rows) == n + 1
    note_row = next(r for r in rows if r[7] == "备注")
    assert note_row[9] == "=HYPERLINK(\"x\")" and note_row[10] == SQL_NAME
    assert not (tmp_path / "审计.xlsx.part").exists()
    with pytest.raises(ValidationError):
        audit_log.export_xlsx(township_db, actors[ADMIN], AuditFilter(), tmp_path / "x.csv")


def test_verify_reports_an_intact_log(township_db: Database, actors: dict[str, Actor]) -> None:
    report = audit_log.verify(township_db, actors[BUREAU])
    assert report.ok and report.entries > 0

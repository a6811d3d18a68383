"""The student register table: StudentRegister pages shown as Chinese columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from kongchuo_desktop.domain.codes import SPECIAL_GROUPS, grade_label
from kongchuo_desktop.gui.domain_labels import label as domain_label
from kongchuo_desktop.gui.paged_table_model import Column, PagedTableModel
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.student_register import SEGMENT_SORTS, StudentFilter, StudentRegister, StudentRow
from kongchuo_desktop.store.database import Database

STATUS_COLOURS = {"辍学": QColor("#c0392b"), "休学": QColor("#b9770e"), "转出": QColor("#7f8c8d"),
                  "毕业": QColor("#7f8c8d"), "死亡": QColor("#7f8c8d")}  # fmt: skip


def special_groups_text(row: StudentRow) -> str:
    """The special groups a pupil belongs to, joined like "留守·随迁"."""
    labels = []
    for attr, label in SPECIAL_GROUPS:
        value = getattr(row, attr)
        if attr == "left_behind":
            value = value not in (None, "", "无")
        if value:
            labels.append(domain_label(label))
    return "·".join(labels)


class StudentTableModel(PagedTableModel):
    """Students matching a StudentFilter, in SQL sort order; RowIdRole gives the student id.

    _schools: school id → name, read once when the model is made.
    """

    NAME, SEX, BIRTH_DATE, ID_NUMBER, STUDENT_NO, SCHOOL, GRADE, CLASS, STATUS, GROUPS = range(10)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "姓名"), "name", "欧阳某某某"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "性别"), "sex", "男"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "出生日期"), "birth_date", "2015-01-25"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "身份证件号"), "id_number", "15078520150125251X"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "学籍号"), "student_no", "G15078520150125251X"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "学校"), "school", "满归镇九年一贯制学校"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "年级"), "grade", "七年级（初一）"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "班级"), "grade", "12班"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "状态"), "status", "在读"),
        Column(QT_TRANSLATE_NOOP("StudentTableModel", "特殊群体"), None, "留守·随迁·残疾"),
    )

    def __init__(self, db: Database, actor: Actor, flt: StudentFilter | None = None, parent: Any = None) -> None:
        self._schools = lookups.school_names(db)
        self._segments: list[tuple[str | None, int]] = []
        self._segments_key: tuple[Any, ...] | None = None
        super().__init__(db, actor, flt or StudentFilter(), parent)

    def _query_count(self, session: Any, flt: StudentFilter) -> int:
        return StudentRegister(session, self._actor).count(flt)

    def _query_page(
        self, session: Any, flt: StudentFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[StudentRow]:
        register = StudentRegister(session, self._actor)
        if sort not in SEGMENT_SORTS:
            return register.page(flt, sort, descending, offset, limit)
        # Per-school counts cost a GROUP BY over every match: once per result, not once per page.
        key = (self._generation, flt, sort, descending)
        if self._segments_key != key:
            self._segments = register.segments(flt, sort, descending)
            self._segments_key = key
        return register.page(flt, sort, descending, offset, limit, segments=self._segments)

    def display(self, row: StudentRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.SEX:
            return domain_label(row.sex or "")
        if column == self.BIRTH_DATE:
            return row.birth_date.isoformat() if row.birth_date else ""
        if column == self.ID_NUMBER:
            return row.id_number or ""
        if column == self.STUDENT_NO:
            return row.student_no or ""
        if column == self.SCHOOL:
            return self._schools.get(row.school_id, "") if row.school_id else ""
        if column == self.GRADE:
            return domain_label(grade_label(row.grade)) if row.grade in range(1, 10) else ""
        if column == self.CLASS:
            return self.tr("%1班").replace("%1", str(row.class_no)) if row.class_no else ""
        if column == self.STATUS:
            return domain_label(row.status)
        if column == self.GROUPS:
            return special_groups_text(row)
        return ""

    def foreground(self, row: StudentRow, column: int) -> QColor | None:
        return STATUS_COLOURS.get(row.status) if column == self.STATUS else None

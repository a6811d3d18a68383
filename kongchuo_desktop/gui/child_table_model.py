"""The children register table (适龄儿童台账): ChildRegister pages shown as Chinese columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QColor

from kongchuo_desktop.domain.codes import grade_label
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.gui.paged_table_model import Column, PagedTableModel
from kongchuo_desktop.services import lookups
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.child_register import ChildFilter, ChildRegister, ChildRow
from kongchuo_desktop.store.database import Database

# Situations that need someone's attention stand out.
SITUATION_COLOURS = {"未入学": QColor("#c0392b"), "辍学": QColor("#c0392b"), "缓学": QColor("#b9770e"),
                     "免学": QColor("#b9770e"), "迁出": QColor("#7f8c8d"), "死亡": QColor("#7f8c8d")}  # fmt: skip


class ChildTableModel(PagedTableModel):
    """Children matching a ChildFilter, in SQL sort order; RowIdRole gives the child id.

    _schools: school id → name, read once, for the 关联学籍 column.
    """

    NAME, SEX, BIRTH_DATE, ID_NUMBER, VILLAGE, SITUATION, ELSEWHERE, STUDENT = range(8)
    COLUMNS = (
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "姓名"), "name", "欧阳某某某"),
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "性别"), None, "男"),
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "出生日期"), "birth_date", "2015-01-25"),
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "身份证件号"), "id_number", "15078520150125251X"),
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "户籍村"), None, "某某某某村"),
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "就读情况"), "situation", "特教学校"),
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "外地就读学校/审批"), None, "呼和浩特市新城区第一中学"),
        Column(QT_TRANSLATE_NOOP("ChildTableModel", "关联学籍"), None, "金河镇中心小学 七年级（初一） 在读"),
    )

    def __init__(self, db: Database, actor: Actor, flt: ChildFilter | None = None, parent: Any = None) -> None:
        self._schools = lookups.school_names(db)
        super().__init__(db, actor, flt or ChildFilter(), parent)

    def _query_count(self, session: Any, flt: ChildFilter) -> int:
        return ChildRegister(session, self._actor).count(flt)

    def _query_page(
        self, session: Any, flt: ChildFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> list[ChildRow]:
        return ChildRegister(session, self._actor).page(flt, sort, descending, offset, limit)

    def display(self, row: ChildRow, column: int) -> str:
        if column == self.NAME:
            return row.name
        if column == self.SEX:
            return label(row.sex or "")
        if column == self.BIRTH_DATE:
            return row.birth_date.isoformat() if row.birth_date else ""
        if column == self.ID_NUMBER:
            return row.id_number or ""
        if column == self.VILLAGE:
            return row.hukou_village or ""
        if column == self.SITUATION:
            return label(row.situation)
        if column == self.ELSEWHERE:
            return self._elsewhere_text(row)
        if column == self.STUDENT:
            return self._student_text(row)
        return ""

    def foreground(self, row: ChildRow, column: int) -> QColor | None:
        return SITUATION_COLOURS.get(row.situation) if column == self.SITUATION else None

    def _elsewhere_text(self, row: ChildRow) -> str:
        if row.elsewhere_school:
            return row.elsewhere_school
        if row.approving_body:
            period = ""
            if row.period_start or row.period_end:
                start = row.period_start.isoformat() if row.period_start else "…"
                end = row.period_end.isoformat() if row.period_end else "…"
                period = " " + self.tr("%1 至 %2").replace("%1", start).replace("%2", end)
            return self.tr("%1批准").replace("%1", row.approving_body) + period
        return ""

    def _student_text(self, row: ChildRow) -> str:
        if row.student_id is None or row.student_status is None:
            return ""
        school = self._schools.get(row.student_school_id or "", "")
        grade = label(grade_label(row.student_grade)) if row.student_grade in range(1, 10) else ""
        return " ".join(part for part in (school, grade, label(row.student_status)) if part)

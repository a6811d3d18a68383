"""A read-only window showing everything recorded about one child of the children register."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from kongchuo_desktop.domain.ethnicity import name_of
from kongchuo_desktop.gui.domain_labels import label
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.child_register import get_child
from kongchuo_desktop.store.database import Database


def _text(value: Any) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


class ChildDetailDialog(QDialog):
    """The details of one child; values: the rows shown, label → text (for tests)."""

    def __init__(self, db: Database, actor: Actor, child_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        detail = get_child(db, actor, child_id)
        v = detail.values
        period = ""
        if v["period_start"] or v["period_end"]:
            period = self.tr("%1 至 %2").replace("%1", _text(v["period_start"])).replace("%2", _text(v["period_end"]))
        guardians = self.tr("；").join(
            self.tr("，").join(part for part in (g["name"], label(g.get("relation") or ""), g.get("phone")) if part)
            for g in detail.guardians
        )
        self.values: dict[str, str] = {
            self.tr("姓名"): _text(v["name"]),
            self.tr("性别"): _text(label(v["sex"] or "")),
            self.tr("出生日期"): _text(v["birth_date"]),
            self.tr("民族"): _text(name_of(v["ethnicity_code"]) if v["ethnicity_code"] else None),
            self.tr("身份证件号"): _text(v["id_number"]),
            self.tr("乡镇"): _text(detail.township),
            self.tr("户籍村"): _text(v["hukou_village"]),
            self.tr("户籍地址"): _text(v["hukou_address"]),
            self.tr("现住址"): _text(v["residence_address"]),
            self.tr("就读情况"): _text(label(v["situation"] or "")),
            self.tr("外地就读学校"): _text(v["elsewhere_school"]),
            self.tr("审批单位"): _text(v["approving_body"]),
            self.tr("缓学/免学期限"): _text(period),
            self.tr("关联学籍"): _text(" ".join(label(p) for p in (detail.student or "").split(" "))),
            self.tr("监护人"): _text(guardians),
            self.tr("备注"): _text(v["note"]),
        }
        self.setWindowTitle(self.tr("适龄儿童：%1").replace("%1", v["name"] or ""))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        for caption, text in self.values.items():
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            form.addRow(self.tr("%1：").replace("%1", caption), value)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

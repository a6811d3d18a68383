"""控辍设置: the escalation rules (三访一报告 deadlines, thresholds) and the school calendars they count in."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain import school_calendar as sc
from kongchuo_desktop.gui.case_actions import date_edit, qdate
from kongchuo_desktop.gui.combos import fill_combo
from kongchuo_desktop.gui.domain_labels import label_items
from kongchuo_desktop.gui.inline_problems import ERROR_STYLE
from kongchuo_desktop.services import case_settings, clock, lookups
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import ServiceError, ValidationError
from kongchuo_desktop.store.database import Database

WEEKDAYS = (
    QT_TRANSLATE_NOOP("CaseSettingsDialog", "周一"),
    QT_TRANSLATE_NOOP("CaseSettingsDialog", "周二"),
    QT_TRANSLATE_NOOP("CaseSettingsDialog", "周三"),
    QT_TRANSLATE_NOOP("CaseSettingsDialog", "周四"),
    QT_TRANSLATE_NOOP("CaseSettingsDialog", "周五"),
    QT_TRANSLATE_NOOP("CaseSettingsDialog", "周六"),
    QT_TRANSLATE_NOOP("CaseSettingsDialog", "周日"),
)


class CaseSettingsDialog(QDialog):
    """Two tabs: 预警规则 (one spin box per rule) and 校历 (terms, weekly rest days, holidays and
    make-up days of a school year, site-wide or for one school). Read-only without settings.manage.

    spins: rule name → its spin box; days: the special-days table; saved: something was stored.
    """

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.saved = False
        self.setWindowTitle(self.tr("控辍保学设置：预警规则与校历"))
        self.resize(760, 620)
        self.can_edit = actor.can(perms.SETTINGS_MANAGE)
        tabs = QTabWidget()
        tabs.addTab(self._rules_tab(), self.tr("预警规则"))
        tabs.addTab(self._calendar_tab(), self.tr("校历"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if not self.can_edit:
            layout.addWidget(QLabel(self.tr("只有管理员可以修改这些设置。")))
        layout.addWidget(tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.load_calendar()

    # --- rules -----------------------------------------------------------------------------------------
    def _rules_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        rules = case_settings.get_rules(self._db, self._actor)
        self.spins: dict[str, QSpinBox] = {}
        for name, spec in esc.RULE_SPECS.items():
            spin = QSpinBox()
            spin.setRange(spec.low, spec.high)
            spin.setSuffix(f" {spec.unit}")
            spin.setValue(getattr(rules, name))
            spin.setEnabled(self.can_edit)
            self.spins[name] = spin
            form.addRow(spec.label, spin)
        hint = QLabel(
            self.tr("上学日按校历计算（不含周末、节假日，含调休上课日）。修改后，所有未结个案的到期日会重新计算。")
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #5d6d7e;")
        form.addRow(hint)
        row = QHBoxLayout()
        self.defaults_button = QPushButton(self.tr("恢复默认值"))
        self.save_rules_button = QPushButton(self.tr("保存规则"))
        for button in (self.defaults_button, self.save_rules_button):
            button.setEnabled(self.can_edit)
            row.addWidget(button)
        row.addStretch(1)
        form.addRow(row)
        self.defaults_button.clicked.connect(self._defaults)
        self.save_rules_button.clicked.connect(self.save_rules)
        return page

    def _defaults(self) -> None:
        for name, value in esc.EscalationRules().as_dict().items():
            self.spins[name].setValue(value)

    def save_rules(self) -> bool:
        """Store the rules as shown."""
        try:
            case_settings.save_rules(self._db, self._actor, {k: s.value() for k, s in self.spins.items()})
        except ServiceError as exc:
            self._show_error(exc)
            return False
        self._show_error(None)
        self.saved = True
        return True

    # --- calendar ----------------------------------------------------------------------------------------
    def _calendar_tab(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        top = QHBoxLayout()
        self.year_combo = QComboBox()
        year = sc.school_year_of(clock.today())
        fill_combo(
            self.year_combo, [(sc.school_year_label(y) + self.tr("学年"), y) for y in (year - 1, year, year + 1)]
        )
        self.year_combo.setCurrentIndex(1)
        self.school_combo = QComboBox()
        schools = lookups.schools(self._db, self._actor)
        fill_combo(self.school_combo, [(self.tr("全部学校（通用校历）"), None), *((s.name, s.id) for s in schools)])
        top.addWidget(QLabel(self.tr("学年")))
        top.addWidget(self.year_combo)
        top.addWidget(QLabel(self.tr("适用于")))
        top.addWidget(self.school_combo, 1)
        layout.addLayout(top)
        self.source = QLabel()
        self.source.setStyleSheet("color: #5d6d7e;")
        layout.addWidget(self.source)
        form = QFormLayout()
        self.terms: list[tuple[QDateEdit, QDateEdit]] = []
        for n in (1, 2):
            start, end = date_edit(clock.today()), date_edit(clock.today())
            row = QHBoxLayout()
            row.addWidget(start)
            row.addWidget(QLabel(self.tr("至")))
            row.addWidget(end)
            row.addStretch(1)
            self.terms.append((start, end))
            form.addRow(self.tr("第一学期") if n == 1 else self.tr("第二学期"), row)
        rest = QHBoxLayout()
        self.weekend: list[QCheckBox] = []
        for name in WEEKDAYS:
            box = QCheckBox(self.tr(name))
            self.weekend.append(box)
            rest.addWidget(box)
        rest.addStretch(1)
        form.addRow(self.tr("每周休息日"), rest)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("节假日（不上课）和调休上课日：")))
        self.days = QTableWidget(0, 3)
        self.days.setHorizontalHeaderLabels([self.tr("日期"), self.tr("类型"), self.tr("名称")])
        self.days.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.days.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.days.verticalHeader().hide()
        layout.addWidget(self.days, 1)
        row = QHBoxLayout()
        self.add_day_button = QPushButton(self.tr("添加日期"))
        self.remove_day_button = QPushButton(self.tr("删除所选"))
        self.save_calendar_button = QPushButton(self.tr("保存校历"))
        self.count_label = QLabel()
        for button in (self.add_day_button, self.remove_day_button, self.save_calendar_button):
            button.setEnabled(self.can_edit)
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.count_label)
        layout.addLayout(row)
        self.year_combo.currentIndexChanged.connect(self.load_calendar)
        self.school_combo.currentIndexChanged.connect(self.load_calendar)
        self.add_day_button.clicked.connect(lambda: self._add_day(clock.today(), sc.HOLIDAY, ""))
        self.remove_day_button.clicked.connect(self._remove_days)
        self.save_calendar_button.clicked.connect(self.save_calendar)
        return page

    def load_calendar(self) -> None:
        """Show the chosen year's calendar (stored, or the built-in default)."""
        info = case_settings.get_year_calendar(self._db, self._actor, self.year_combo.currentData(),
                                               self.school_combo.currentData())  # fmt: skip
        cal = info.calendar
        if not info.stored:
            self.source.setText(
                self.tr(
                    "尚未设置，下面是默认校历（秋季学期9月1日起，春季学期3月1日起，含固定节假日），请按实际修改后保存。"
                )
            )
        elif info.school_id is None and self.school_combo.currentData() is not None:
            self.source.setText(self.tr("这所学校没有单独的校历，下面是通用校历；保存后成为这所学校自己的校历。"))
        else:
            self.source.setText(self.tr("已设置的校历。"))
        for n, (start, end) in enumerate(self.terms):
            term = cal.terms[n] if n < len(cal.terms) else cal.terms[-1]
            for edit, day in ((start, term[0]), (end, term[1])):
                edit.setMinimumDate(qdate(dt.date(cal.year, 8, 1)))
                edit.setMaximumDate(qdate(dt.date(cal.year + 1, 7, 31)))
                edit.setDate(qdate(day))
                edit.setEnabled(self.can_edit)
        for n, box in enumerate(self.weekend):
            box.setChecked(n in cal.weekend)
            box.setEnabled(self.can_edit)
        self.days.setRowCount(0)
        special = [(d, sc.HOLIDAY) for d in cal.holidays] + [(d, sc.MAKEUP) for d in cal.makeup_days]
        for day, kind in sorted(special):
            self._add_day(day, kind, cal.names.get(day, ""))
        self.count_label.setText(self.tr("本学年共 %n 个上学日", "", cal.school_days()))

    def _add_day(self, day: dt.date, kind: str, name: str) -> None:
        row = self.days.rowCount()
        self.days.insertRow(row)
        edit = date_edit(day)
        edit.setEnabled(self.can_edit)
        self.days.setCellWidget(row, 0, edit)
        combo = QComboBox()
        fill_combo(combo, label_items(sc.DAY_KINDS))
        combo.setCurrentIndex(combo.findData(kind))
        combo.setEnabled(self.can_edit)
        self.days.setCellWidget(row, 1, combo)
        item = QTableWidgetItem(name)
        if not self.can_edit:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.days.setItem(row, 2, item)

    def _remove_days(self) -> None:
        for row in sorted({i.row() for i in self.days.selectedIndexes()}, reverse=True):
            self.days.removeRow(row)

    def calendar(self) -> sc.YearCalendar:
        """The calendar as shown."""
        year = self.year_combo.currentData()
        terms = [(s.date().toPython(), e.date().toPython()) for s, e in self.terms]
        special = []
        for row in range(self.days.rowCount()):
            edit = self.days.cellWidget(row, 0)
            combo = self.days.cellWidget(row, 1)
            name = self.days.item(row, 2)
            assert isinstance(edit, QDateEdit) and isinstance(combo, QComboBox)
            special.append((edit.date().toPython(), combo.currentData(), name.text().strip() if name else ""))
        weekend = [n for n, box in enumerate(self.weekend) if box.isChecked()]
        return sc.make_year(year, terms, special, weekend)

    def save_calendar(self) -> bool:
        """Store the calendar as shown."""
        try:
            cal = self.calendar()
            case_settings.save_year_calendar(self._db, self._actor, cal, self.school_combo.currentData())
        except sc.CalendarError as exc:
            self._show_error(ValidationError({"calendar": str(exc)}))
            return False
        except ServiceError as exc:
            self._show_error(exc)
            return False
        self._show_error(None)
        self.saved = True
        self.load_calendar()
        return True

    def _show_error(self, exc: ServiceError | None) -> None:
        text = (
            "" if exc is None else ("；".join(exc.problems.values()) if isinstance(exc, ValidationError) else str(exc))
        )
        self.error.setText(text)
        self.error.setVisible(bool(text))

"""The dashboard page on a demo database: it opens at once and fills in from a worker, its charts
hold the service's figures, clicking a bar opens the list behind it, a tile its formula, a list
line the case or pupil; and a screenshot shows Chinese axis labels."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.gui import app as gui_app
from kongchuo_desktop.gui.case_dialog import CaseDialog
from kongchuo_desktop.gui.child_detail_dialog import ChildDetailDialog
from kongchuo_desktop.gui.dashboard_list import ListDialog
from kongchuo_desktop.gui.dashboard_page import DashboardPage, wait_for_loads
from kongchuo_desktop.gui.indicator_dialog import DefinitionsDialog, IndicatorDialog
from kongchuo_desktop.gui.student_form import StudentForm
from kongchuo_desktop.services import dashboard as dash
from kongchuo_desktop.services.actor import DEMO_ADMIN
from tests.dashboard.conftest import TODAY


def make_page(qtbot, ddb, actor=DEMO_ADMIN) -> DashboardPage:
    page = DashboardPage(ddb, actor)
    qtbot.addWidget(page)
    assert page.loading and page.data is None  # the page is there before the figures
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)
    assert page.error is None
    return page


def test_the_charts_show_the_service_figures(qtbot, ddb):
    page = make_page(qtbot, ddb)
    expected = dash.build_dashboard(ddb, DEMO_ADMIN, TODAY)
    sets = page.bar_sets[dash.DROPOUTS]
    assert [s.label() for s in sets] == [s.label for s in expected.dropouts]
    for bar_set, series in zip(sets, expected.dropouts, strict=True):
        assert [int(bar_set.at(i)) for i in range(bar_set.count())] == list(series.values)
    groups = page.bar_sets[dash.GROUPS][0]
    assert [groups.at(i) for i in range(groups.count())] == [b.value for b in expected.groups]
    overdue = page.bar_sets[dash.OVERDUE][0]  # horizontal: the first bar is drawn at the top
    assert [overdue.at(i) for i in range(overdue.count())] == [b.value for b in reversed(expected.overdue)]
    assert page.tiles[ind.DROPOUT].value.text() == expected.tiles[ind.DROPOUT].value_text
    assert page.tiles[ind.CONSOLIDATION].value.text() == expected.tiles[ind.CONSOLIDATION].value_text
    assert page.tiles[ind.CONSOLIDATION].value.text().endswith("%")
    axis = next(a for a in page.views[dash.GROUPS].chart().axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["留守", "随迁", "残疾", "脱贫户", "低保", "孤儿", "寄宿"]


def test_clicking_a_bar_opens_the_list_behind_it(qtbot, ddb):
    page = make_page(qtbot, ddb)
    data = page.data
    s_index, series = next((i, s) for i, s in enumerate(data.dropouts) if any(s.values))
    m_index = next(i for i, v in enumerate(series.values) if v)
    page.bar_sets[dash.DROPOUTS][s_index].clicked.emit(m_index)
    dialog = page.dialog
    assert isinstance(dialog, ListDialog) and dialog.isVisible()
    assert dialog.table.rowCount() == series.values[m_index]
    assert dialog.windowTitle().startswith(f"{series.label} {data.months[m_index]:%Y年%m月} 新增辍学")
    dialog.activate(0)
    row = dialog.row(0)
    opened = page.opened
    assert isinstance(opened, CaseDialog if row.case_id else StudentForm)
    opened.close()
    dialog.close()

    overdue = page.bar_sets[dash.OVERDUE][0]
    overdue.clicked.emit(overdue.count() - 1)  # the top bar = the first unit
    dialog = page.dialog
    assert isinstance(dialog, ListDialog) and dialog.table.rowCount() == data.overdue[0].value
    dialog.table.cellActivated.emit(0, 0)
    assert isinstance(page.opened, CaseDialog)
    page.opened.close()
    dialog.close()

    page.bar_sets[dash.ENROLMENT][0].clicked.emit(0)
    dialog = page.dialog
    assert dialog.table.rowCount() == data.enrolment[0].indicator.denominator
    assert dialog.table.item(0, 6).text() == "未入学"
    dialog.activate(0)
    assert isinstance(page.opened, ChildDetailDialog)
    page.opened.close()
    dialog.close()

    page.bar_sets[dash.GROUPS][0].clicked.emit(2)
    assert page.dialog.windowTitle().startswith("残疾学生")


def test_a_tile_shows_its_formula_and_definitions(qtbot, ddb):
    page = make_page(qtbot, ddb)
    qtbot.mouseClick(page.tiles[ind.RETENTION], Qt.MouseButton.LeftButton)
    dialog = page.dialog
    assert isinstance(dialog, IndicatorDialog)
    item = page.data.tiles[ind.RETENTION]
    assert dialog.formula.text() == item.formula and item.formula.startswith("保留率 = 期末仍在籍 ")
    assert "死亡学生不计入基数" in dialog.definition.text()
    assert dialog.breakdown.rowCount() > 1
    settings = dialog.open_definitions()
    assert isinstance(settings, DefinitionsDialog)
    settings.boxes["deaths_excluded"].setChecked(False)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        assert settings.save()  # the page reloads with the new definition
    assert "死亡学生计为流失" in page.data.tiles[ind.RETENTION].definition
    wait_for_loads()


def test_a_screenshot_shows_chinese_labels(qtbot, ddb, tmp_path, qapp):
    family = gui_app.register_font(qapp)
    page = make_page(qtbot, ddb)
    page.resize(1400, 1000)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab().toImage()
    path = tmp_path / "dashboard.png"
    assert image.save(str(path)) and path.stat().st_size > 20_000
    axis = next(a for a in page.views[dash.DROPOUTS].chart().axes() if isinstance(a, QBarCategoryAxis))
    if family:
        assert family in axis.labelsFont().families()
        assert QFontDatabase.writingSystems(family).count(QFontDatabase.WritingSystem.SimplifiedChinese)
    assert page.views[dash.DROPOUTS].chart().title().startswith("新增辍学")

"""Enumerated domain values (statuses, kinds, roles, code labels) are shown in the interface language: the
generated list of them is complete and current, every one is translated, and in English the register,
children and to-do pages and a case show no Chinese in those columns; in Chinese nothing changes."""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain.codes import CHILD_SITUATIONS, GRADE_NAMES, SEXES
from kongchuo_desktop.domain.status import STUDENT_STATUSES
from kongchuo_desktop.gui import i18n
from kongchuo_desktop.gui.domain_label_strings import LABELS
from kongchuo_desktop.gui.domain_labels import composed_label, label
from kongchuo_desktop.services.actor import DEMO_ADMIN

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff]")
RUN_TOOL = "run `python tools/domain_labels.py`, then `python tools/i18n_update.py` and translate what it lists"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("domain_labels_tool", ROOT / "tools" / "domain_labels.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("domain_labels_tool", module)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture
def english(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The English translation installed for one test (removed again afterwards)."""
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(tmp_path))
    assert i18n.install_translator(qapp, "en") == "en"
    yield
    i18n.remove_translators(qapp)


# --- the generated list -----------------------------------------------------------------------------
def test_generated_module_is_up_to_date() -> None:
    expected = tool.render(tool.collect())
    assert tool.TARGET.read_text(encoding="utf-8") == expected, f"domain_label_strings.py is stale: {RUN_TOOL}"


def test_every_value_of_the_code_lists_is_listed() -> None:
    listed = set(LABELS)
    for source in tool.SOURCES:
        missing = [t for t in source.texts() if CJK.search(t) and t not in listed]
        assert not missing, f"{source.name} has values the generated module lacks ({RUN_TOOL}): {missing}"
    # A value added to a code list would be missed only if the generator stopped reading it.
    for values in (STUDENT_STATUSES, CHILD_SITUATIONS, SEXES, esc.CASE_STATUSES, tuple(esc.DUE_LABELS.values())):
        assert set(values) <= listed
    assert set(GRADE_NAMES.values()) <= listed


def _label_maps(folder: Path) -> list[tuple[str, str]]:
    """(module, NAME) of every module-level *_LABELS assignment under `folder`."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign)
                else []
            )
            for target in targets:
                if isinstance(target, ast.Name) and target.id.endswith("_LABELS"):
                    found.append((module, target.id))
    return found


def test_every_label_map_is_read_by_the_generator() -> None:
    # A new FOO_LABELS in domain/, store/ or services/ must be listed in tools/domain_labels.py SOURCES
    # (or in NOT_SHOWN with the reason), so its values cannot silently stay Chinese in the English GUI.
    read = {(s.module, s.attribute) for s in tool.SOURCES}
    maps = [m for layer in ("domain", "store", "services") for m in _label_maps(ROOT / "kongchuo_desktop" / layer)]
    assert len(maps) > 15
    missing = [f"{module}.{name}" for module, name in maps if (module, name) not in read and name not in tool.NOT_SHOWN]
    assert not missing, f"label maps tools/domain_labels.py does not read (add them to SOURCES): {missing}"


def test_check_mode_reports_a_stale_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "domain_label_strings.py"
    stale.write_text(tool.TARGET.read_text(encoding="utf-8").replace('"在读"', '"在校"'), encoding="utf-8")
    monkeypatch.setattr(tool, "TARGET", stale)
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    assert tool.main(["--check"]) == 1
    assert tool.main([]) == 0
    assert tool.main(["--check"]) == 0
    assert '"在读"' in stale.read_text(encoding="utf-8")


# --- translating ------------------------------------------------------------------------------------
def test_chinese_mode_returns_the_values_unchanged(qapp: QApplication) -> None:
    i18n.install_translator(qapp, "zh_CN")
    try:
        assert [label(t) for t in LABELS] == list(LABELS)
        assert composed_label("学籍异动：转出") == "学籍异动：转出"
        assert label("") == ""
    finally:
        i18n.remove_translators(qapp)


def test_every_label_has_an_english_translation(english: None) -> None:
    untranslated = [t for t in LABELS if CJK.search(label(t))]
    assert not untranslated, f"labels without English: {untranslated}"
    assert [label(s) for s in ("在读", "辍学", "休学", "疑似辍学", "复学")] == [
        "Enrolled", "Dropped out", "Suspended", "Suspected dropout", "Returned to school",
    ]  # fmt: skip
    assert composed_label("学籍异动：转出") == "Status change: Transferred out"
    assert label("金河镇中心学校") == "金河镇中心学校"  # data, not a label: shown as it is


# --- the pages ---------------------------------------------------------------------------------------
def _column(model, column: int) -> list[str]:  # type: ignore[no-untyped-def]
    rows = min(model.rowCount(), 200)
    return [str(model.data(model.index(r, column), Qt.ItemDataRole.DisplayRole) or "") for r in range(rows)]


def test_register_page_in_english(qtbot, db, english) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.register_page import RegisterPage
    from kongchuo_desktop.gui.student_table_model import StudentTableModel as M

    page = RegisterPage(db, DEMO_ADMIN)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model.counting and page.model.rowCount() > 0)
    shown = {c: _column(page.model, c) for c in (M.SEX, M.GRADE, M.STATUS, M.GROUPS)}
    assert set(shown[M.SEX]) <= {"Male", "Female", ""}
    assert "Enrolled" in shown[M.STATUS]
    assert any(g.startswith("Grade ") for g in shown[M.GRADE])
    leaks = {c: [t for t in texts if CJK.search(t)] for c, texts in shown.items()}
    assert not any(leaks.values()), leaks
    assert any(CJK.search(t) for t in _column(page.model, M.NAME))  # names are data: still Chinese
    combos = [page.status_combo.itemText(i) for i in range(page.status_combo.count())]
    assert not [t for t in combos if CJK.search(t)]
    assert [page.status_combo.itemData(i) for i in range(1, page.status_combo.count())] == list(STUDENT_STATUSES)
    assert not [b.text() for b in page.group_buttons.values() if CJK.search(b.text())]


def test_children_page_in_english(qtbot, db, english) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.child_table_model import ChildTableModel as M
    from kongchuo_desktop.gui.children_page import ChildrenPage

    page = ChildrenPage(db, DEMO_ADMIN)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model.counting and page.model.rowCount() > 0)
    shown = {c: _column(page.model, c) for c in (M.SEX, M.SITUATION)}
    leaks = {c: [t for t in texts if CJK.search(t)] for c, texts in shown.items()}
    assert not any(leaks.values()), leaks
    assert "At school locally" in shown[M.SITUATION] or "Studying elsewhere" in shown[M.SITUATION]
    combo = page.situation_combo
    assert not [combo.itemText(i) for i in range(combo.count()) if CJK.search(combo.itemText(i))]
    assert combo.itemData(1) == CHILD_SITUATIONS[0]


def test_todo_page_and_a_case_in_english(qtbot, db, english) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.case_dialog import CaseDialog
    from kongchuo_desktop.gui.todo_page import TodoPage

    page = TodoPage(db, DEMO_ADMIN)
    qtbot.addWidget(page)
    items = page.case_items()
    assert items, "the demo data should have cases on the to-do list"
    statuses = [i.text(2) for i in items]
    actions = [i.text(3) for i in items]
    heads = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    leaks = [t for t in statuses + actions + heads if CJK.search(t)]
    assert not leaks, leaks
    dialog = CaseDialog(db, DEMO_ADMIN, items[0].data(0, Qt.ItemDataRole.UserRole), page)
    qtbot.addWidget(dialog)
    assert not CJK.search(dialog.status.text())
    events = [dialog.timeline.item(r, 1).text() for r in range(dialog.timeline.rowCount())]
    assert events and not [t for t in events if CJK.search(t)]


def test_pages_in_chinese_are_unchanged(qtbot, db, qapp) -> None:  # type: ignore[no-untyped-def]
    from kongchuo_desktop.gui.register_page import RegisterPage
    from kongchuo_desktop.gui.student_table_model import StudentTableModel as M
    from kongchuo_desktop.gui.todo_page import TodoPage

    i18n.install_translator(qapp, "zh_CN")
    try:
        page = RegisterPage(db, DEMO_ADMIN)
        qtbot.addWidget(page)
        qtbot.waitUntil(lambda: not page.model.counting and page.model.rowCount() > 0)
        assert set(_column(page.model, M.STATUS)) <= set(STUDENT_STATUSES)
        assert set(_column(page.model, M.SEX)) <= {*SEXES, ""}
        assert page.status_combo.itemText(1) == STUDENT_STATUSES[0]
        todo = TodoPage(db, DEMO_ADMIN)
        qtbot.addWidget(todo)
        assert {i.text(2) for i in todo.case_items()} <= set(esc.CASE_STATUSES)
    finally:
        i18n.remove_translators(qapp)

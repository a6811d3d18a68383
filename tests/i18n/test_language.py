"""Choosing the language: KONGCHUO_LANG or 设置 (ui/language), Chinese by default; the main window, its
menus and Qt's own buttons speak the chosen language."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from kongchuo_desktop.gui import i18n, ui_state
from kongchuo_desktop.gui.main_window import MainWindow
from kongchuo_desktop.services.actor import DEMO_ADMIN

CJK = re.compile(r"[\u3400-\u9fff]")
# Set KONGCHUO_SCREENSHOTS=folder to keep pictures of the English window and form for a look.
SHOTS = os.environ.get("KONGCHUO_SCREENSHOTS")


@pytest.fixture
def language(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A private ui.ini and no KONGCHUO_LANG; the translators are removed again afterwards, so
    the other tests see the Chinese source texts."""
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    yield
    i18n.remove_translators(qapp)


def ok_cancel_texts() -> tuple[str, str]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = box.button(QDialogButtonBox.StandardButton.Ok).text()
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel).text()
    box.deleteLater()
    return ok.replace("&", ""), cancel.replace("&", "")


def window_texts(window: MainWindow) -> list[str]:
    """The menu titles and actions and the page list (badge included)."""
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    for menu_action in window.menuBar().actions():
        texts.append(menu_action.text())
        menu = menu_action.menu()
        texts += [a.text() for a in menu.actions() if not a.isSeparator()] if menu is not None else []
    return texts


def test_chinese_is_the_default(language: None) -> None:
    assert i18n.current_language() == "zh_CN"


def test_settings_choice_and_environment(language: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert i18n.set_language("en") == "en"
    assert ui_state.settings().value(ui_state.LANGUAGE_KEY) == "en"
    assert i18n.current_language() == "en"
    monkeypatch.setenv(i18n.ENV_VAR, "zh")  # the environment wins over the settings
    assert i18n.current_language() == "zh_CN"
    monkeypatch.setenv(i18n.ENV_VAR, "klingon")  # unknown: ignored
    assert i18n.current_language() == "en"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_unknown_stored_language_falls_back_to_chinese(language: None) -> None:
    store = ui_state.settings()
    store.setValue(ui_state.LANGUAGE_KEY, "tlh")
    store.sync()
    assert i18n.current_language() == "zh_CN"


def test_qt_buttons_follow_the_language(qapp: QApplication, language: None) -> None:
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    assert ok_cancel_texts() == ("确定", "取消")
    assert i18n.install_translator(qapp, "en") == "en"
    assert ok_cancel_texts() == ("OK", "Cancel")
    # Switching again replaces the translators instead of stacking them.
    i18n.install_translator(qapp, "zh_CN")
    assert ok_cancel_texts() == ("确定", "取消")


def test_missing_translation_file_keeps_chinese(qapp: QApplication, language: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(i18n, "translation_file", lambda code: Path("/nonexistent") / f"kongchuo_{code}.qm")
    assert i18n.install_translator(qapp, "en") == "zh_CN"


def test_main_window_in_english(qtbot, qapp, db, site, language, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(i18n.ENV_VAR, "en")
    assert i18n.install_translator(qapp) == "en"
    window = MainWindow(db, site, DEMO_ADMIN, demo=True)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    texts = window_texts(window)
    assert [t for t in texts if CJK.search(t)] == []
    nav = [re.sub(r" \(\d[\d,]*\)$", "", window.nav.item(i).text()) for i in range(window.nav.count())]
    assert {"To-do", "Student records", "School-age children", "Audit log"} <= set(nav)
    assert [a.text() for a in window.menuBar().actions()][:2] == ["&File", "&Cases"]
    page = window.register_page
    qtbot.waitUntil(lambda: not page.model.counting)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())]
    assert headers[:3] == ["Name", "Sex", "Date of birth"]
    assert "[Demo mode" in window.windowTitle()
    if SHOTS:
        window.grab().save(str(Path(SHOTS) / "main_window_en.png"))
    from kongchuo_desktop.gui.visit_form import VisitForm

    form = VisitForm(db, DEMO_ADMIN, None, page.selected_student_id(), window)
    qtbot.addWidget(form)
    form.show()
    assert form.windowTitle() == "Record home visit"
    if SHOTS:
        form.grab().save(str(Path(SHOTS) / "visit_form_en.png"))


def test_main_window_in_chinese_by_default(qtbot, qapp, db, site, language) -> None:  # type: ignore[no-untyped-def]
    assert i18n.install_translator(qapp) == "zh_CN"
    window = MainWindow(db, site, DEMO_ADMIN, demo=True)
    qtbot.addWidget(window)
    nav = [re.sub(r"（\d[\d,]*）$", "", window.nav.item(i).text()) for i in range(window.nav.count())]
    assert {"待办事项", "学生台账", "适龄儿童台账", "审计日志"} <= set(nav)
    assert [a.text() for a in window.menuBar().actions()][:2] == ["文件(&F)", "个案(&C)"]


@pytest.mark.parametrize(("argv", "expected"), [(["--lang", "en"], "en"), (["--lang=zh"], "zh"), ([], None)])
def test_command_line_lang_reaches_the_gui(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv, expected) -> None:  # type: ignore[no-untyped-def]
    # `kongchuo --lang en` starts the GUI in English; without --lang the 设置 choice decides.
    from kongchuo_desktop.cli import main as cli_main
    from kongchuo_desktop.gui import app as gui_app

    seen: list[object] = []
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(cli_main, "setup_logging", lambda: None)  # no log file handlers left on the root logger
    monkeypatch.setattr(gui_app, "run_gui", lambda db_path=None, demo=False, language=None: seen.append(language) or 0)
    assert cli_main.main([*argv, "--db", str(tmp_path / "x.sqlite")]) == 0
    assert seen == [expected]
    assert i18n.normalize(expected) == (None if expected is None else {"en": "en", "zh": "zh_CN"}[expected])

"""Counts in English read "1 day", "2 days": Qt plural (numerus) messages, their two English forms in the
.ts and the .qm, tools/i18n_update.py's JSON for them, and the real pages showing them."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from kongchuo_desktop.gui import i18n
from kongchuo_desktop.gui.page_parts import count_text
from kongchuo_desktop.gui.todo_page import TodoPage
from kongchuo_desktop.services import clock, todo
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.demo import create_demo
from kongchuo_desktop.store.database import Database, open_database
from tests.i18n.source_scan import gui_modules, plural_calls_without_count
from tests.i18n.test_translations import RUN_TOOL, SHIPPED, tool

TODAY = dt.date(2025, 11, 14)  # the demo's reports are then 1, 2 and 3 days overdue (tests/cases/test_demo_cases)
LATE = 5  # the to-do page's 逾期 column


def numerus(code: str) -> list:  # type: ignore[type-arg]
    return [m for m in tool.read_messages(tool.ts_file(code)) if m.numerus]


@pytest.mark.parametrize("code", SHIPPED)
def test_every_plural_message_has_two_distinct_forms(code: str) -> None:
    messages = numerus(code)
    # The counts converted to plurals stay plurals (a "%1 天" again would bring back "1 days").
    sources = {(m.context, m.source) for m in messages}
    assert {("TodoPage", "%n 天"), ("RegisterPage", "共 %1 人"), ("LettersRegister", "共 %n 份")} <= sources
    wrong = [
        f"[{m.context}] {m.source} → {list(m.forms)}"
        for m in messages
        if len(m.forms) != 2
        or not all(f.strip() for f in m.forms)
        or m.forms[0] == m.forms[1]
        # Qt puts the count in for %n only: every form of a %n message shows it.
        or any(("%n" in m.source) != ("%n" in f) for f in m.forms)
    ]
    assert not wrong, f"plural messages need a singular and a plural form ({code}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("code", SHIPPED)
def test_a_percent_n_message_is_a_plural_one(code: str) -> None:
    # A %n in a message lupdate did not see a count for is shown as "%n" on screen.
    messages = tool.read_messages(tool.ts_file(code))
    plain = [f"[{m.context}] {m.source}" for m in messages if "%n" in m.source and not m.numerus]
    assert not plain, "messages with %n but no count passed:\n" + "\n".join(plain)


def test_gui_calls_with_percent_n_pass_the_count() -> None:
    found = [f for path in gui_modules() for f in plural_calls_without_count(path)]
    assert not found, "pass the count as the positional n (lupdate ignores n=):\n" + "\n".join(str(f) for f in found)


def test_the_scan_finds_a_count_passed_by_keyword_or_not_at_all(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "class Page:\n"
        "    def show(self, n):\n"
        '        self.tr("%n 天", "", n)\n'
        '        QCoreApplication.translate("Page", "共 %n 页", None, n)\n'
        '        self.tr("%n 行", n=n)\n'
        '        QCoreApplication.translate("Page", "%Ln 人")\n'
        '        self.tr("共 %1 人", "", n)\n',
        encoding="utf-8",
    )
    assert [f.line for f in plural_calls_without_count(sample)] == [6, 7]


@pytest.mark.parametrize("code", SHIPPED)
def test_the_qm_carries_both_forms(qapp: QApplication, code: str) -> None:
    translator = QTranslator()
    assert translator.load(str(tool.qm_file(code)))
    wrong = []
    for m in numerus(code):
        got = (translator.translate(m.context, m.source, None, 1), translator.translate(m.context, m.source, None, 2))
        if got != m.forms:
            wrong.append(f"[{m.context}] {m.source}: {got} instead of {m.forms}")
    assert not wrong, f"kongchuo_{code}.qm lacks plural forms ({RUN_TOOL}):\n" + "\n".join(wrong)


TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>Page</name>
    <message numerus="yes">
        <source>%n 天</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>你好</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
"""


def test_tool_exports_plural_forms_as_a_list_and_applies_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ts = tmp_path / "kongchuo_en.ts"
    ts.write_text(TS, encoding="utf-8")
    exported = tmp_path / "missing.json"
    tool.write_missing(tool.missing(ts), exported)
    assert json.loads(exported.read_text(encoding="utf-8")) == {"Page": {"%n 天": ["", ""], "你好": ""}}
    # Wrong shapes are reported and leave the message untranslated.
    wrong = {"Page": {"%n 天": "%n days", "你好": ["Hello", "Hellos"]}}
    assert tool.apply(ts, wrong) == 0
    assert tool.apply(ts, {"Page": {"%n 天": ["%n day", "%n days", "%n dayses"]}}) == 0
    assert tool.apply(ts, {"Page": {"%n 天": ["%n day", ""]}}) == 0
    errors = capsys.readouterr().err
    assert "needs a list of forms" in errors and "needs a string" in errors and "needs 2 non-empty forms" in errors
    assert {m.source for m in tool.missing(ts)} == {"%n 天", "你好"}
    assert tool.apply(ts, {"Page": {"%n 天": ["%n day", "%n days"], "你好": "Hello"}}) == 2
    assert tool.missing(ts) == []
    day = next(m for m in tool.read_messages(ts) if m.numerus)
    assert day.forms == ("%n day", "%n days") and day.done
    # …and lrelease compiles both forms into the .qm.
    qm = tmp_path / "kongchuo_en.qm"
    tool.lrelease(ts, qm)
    translator = QTranslator()
    assert translator.load(str(qm))
    assert [translator.translate("Page", "%n 天", None, n) for n in (1, 2)] == ["%n day", "%n days"]


# --- the pages, in English -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("plurals") / "demo.sqlite"
    create_demo(path, students=300, seed=5, today=TODAY)
    return path


@pytest.fixture
def demo_db(demo_path: Path) -> Iterator[Database]:
    db = open_database(demo_path)
    yield db
    db.close()


@pytest.fixture
def english(qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """The English translation installed; removed again afterwards (the other tests see Chinese)."""
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(tmp_path))
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    assert i18n.install_translator(qapp, "en") == "en"
    yield
    i18n.remove_translators(qapp)


def late_column(page: TodoPage, group: str) -> list[str]:
    return [item.text(LATE) for item in page.case_items(group)]


def test_todo_page_counts_days_in_english(qtbot, demo_db: Database, english: None, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    page = TodoPage(demo_db, DEMO_ADMIN)
    qtbot.addWidget(page)
    assert late_column(page, todo.REPORTS) == ["3 days", "2 days", "1 day"]
    overdue = late_column(page, todo.VISITS_OVERDUE)
    assert overdue and all(re.fullmatch(r"\d+ days", text) for text in overdue)
    assert re.match(r"\d+ cases to deal with, \d+ of them", page.summary.text())
    stale = [item.text(3) for item in page.case_items(todo.STALE)]
    assert stale and all(re.match(r"Nothing recorded for \d+ days", text) for text in stale)


def test_todo_page_in_chinese_is_unchanged(qtbot, demo_db: Database, qapp: QApplication, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    i18n.remove_translators(qapp)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    page = TodoPage(demo_db, DEMO_ADMIN)
    qtbot.addWidget(page)
    assert late_column(page, todo.REPORTS) == ["3 天", "2 天", "1 天"]
    assert re.match(r"共 \d+ 个个案需要处理", page.summary.text())


def test_pupil_counts_keep_the_thousands_separator(english: None) -> None:
    # The register's count shows 1,234 (as before): the form is chosen by n, the number put in as %1.
    assert [count_text(n) for n in (1, 2, 2345)] == ["1 pupil", "2 pupils", "2,345 pupils"]

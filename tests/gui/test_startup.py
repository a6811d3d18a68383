"""Starting the app: refused database files explained in Chinese, first run, demo database, the font."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog

from kongchuo_desktop.gui import app as gui_app
from kongchuo_desktop.gui import startup
from kongchuo_desktop.gui.first_run_wizard import FirstRunWizard
from kongchuo_desktop.services.sites import init_site, site_info
from kongchuo_desktop.store.database import open_database


@pytest.fixture
def shown_errors(monkeypatch) -> list[tuple[str, str]]:
    """Message boxes the startup code shows, captured instead of shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(startup.QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    return shown


def test_non_sqlite_file_shows_chinese_message(qapp, tmp_path, shown_errors):
    bad = tmp_path / "学生名单.sqlite"
    bad.write_text("这不是数据库", encoding="utf-8")
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_site_database(bad, demo=False)
    assert stopped.value.exit_code == 1
    assert len(shown_errors) == 1
    title, text = shown_errors[0]
    assert title == "无法打开数据库"
    assert "不是本软件的数据库文件" in text and "学生名单.sqlite" in text
    assert bad.read_text(encoding="utf-8") == "这不是数据库"  # untouched


def test_run_gui_exits_with_1_on_a_refused_file(qapp, tmp_path, shown_errors, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own; restore it afterwards
    bad = tmp_path / "x.sqlite"
    bad.write_bytes(b"PK\x03\x04 a zip file, e.g. an xlsx renamed")
    assert gui_app.run_gui(bad, demo=False) == 1
    assert "不是本软件的数据库文件" in shown_errors[0][1]


def test_locked_database_is_explained(qapp, db_path, shown_errors):
    first = open_database(db_path)
    try:
        with pytest.raises(startup.StartupStopped):
            startup.open_site_database(db_path, demo=False)
    finally:
        first.close()
    assert "正被另一个窗口或程序使用" in shown_errors[0][1]


def test_open_existing_site(qapp, db_path):
    from kongchuo_desktop.services import accounts

    db = open_database(db_path)
    accounts.ensure_demo_admin(db)  # a site with accounts: someone logs in later
    db.close()
    db, site, actor = startup.open_site_database(db_path, demo=False)
    try:
        assert site == site_info(db)
        assert actor is None
    finally:
        db.close()


def fill_and_accept(wizard: FirstRunWizard) -> int:
    page = wizard.site_page
    page.name_edit.setText("金河镇中心小学")
    page.type_combo.setCurrentIndex(page.type_combo.findData("school"))
    page.township_edit.setText("金河镇")
    page.school_edit.setText("金河镇中心小学")
    assert page.validatePage()
    form = wizard.admin_page.form
    form.login_edit.setText("admin")
    form.name_edit.setText("王芳")
    form.password_edit.setText("secret-123")
    form.repeat_edit.setText("secret-123")
    assert wizard.create()
    return QDialog.DialogCode.Accepted


def test_first_run_creates_the_default_database_and_its_administrator(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(FirstRunWizard, "exec", fill_and_accept)
    db, site, actor = startup.open_site_database(None, demo=False)
    try:
        assert site.name == "金河镇中心小学"
        assert site.site_type == "school"
        assert db.path == (tmp_path / "kongchuo.sqlite").resolve()
        assert actor is not None and actor.user == "admin" and actor.role == "管理员"
    finally:
        db.close()


def test_quitting_the_first_run_leaves_no_file(qapp, tmp_path, monkeypatch):
    monkeypatch.setenv("KONGCHUO_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(FirstRunWizard, "exec", lambda self: QDialog.DialogCode.Rejected)
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_site_database(None, demo=False)
    assert stopped.value.exit_code == 0
    assert not (tmp_path / "kongchuo.sqlite").exists()


def test_demo_database_is_created_on_first_use(qapp, tmp_path, monkeypatch):
    reports = []

    def create_demo(path, students=5000, seed=0, progress=None):
        db = open_database(path, create=True)
        try:
            init_site(db, "演示乡镇", "township", township="金河镇")
        finally:
            db.close()
        for done in range(3):
            progress(done, 3, "生成学生")
            reports.append(done)

    monkeypatch.setitem(sys.modules, "kongchuo_desktop.services.demo", types.SimpleNamespace(create_demo=create_demo))
    path = tmp_path / "demo.sqlite"
    db, site, _actor = startup.open_site_database(path, demo=True)
    try:
        assert site.name == "演示乡镇"
        assert reports == [0, 1, 2]
    finally:
        db.close()


def test_failed_demo_creation_is_explained_and_cleaned_up(qapp, tmp_path, monkeypatch, shown_errors):
    def create_demo(path, students=5000, seed=0, progress=None):
        Path(path).write_bytes(b"partial")
        raise OSError("磁盘已满")

    monkeypatch.setitem(sys.modules, "kongchuo_desktop.services.demo", types.SimpleNamespace(create_demo=create_demo))
    path = tmp_path / "demo.sqlite"
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_site_database(path, demo=True)
    assert stopped.value.exit_code == 1
    assert "磁盘已满" in shown_errors[0][1]
    assert not path.exists()


def test_bundled_font_is_registered(qapp):
    family = gui_app.register_font(qapp)
    assert family == "WenQuanYi Micro Hei"
    assert QApplication.font().families()[0] == family
    assert QApplication.font().pointSizeF() >= gui_app.MIN_POINT_SIZE


def test_missing_font_only_warns(qapp, tmp_path, caplog):
    assert gui_app.register_font(qapp, tmp_path / "missing.ttc") is None
    assert "could not be loaded" in caplog.text

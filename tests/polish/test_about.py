"""关于: version, data folder, and the licences of the fonts, Qt/PySide6 and the other libraries."""

from __future__ import annotations

import tomllib
from pathlib import Path

from kongchuo_desktop import __version__
from kongchuo_desktop.gui import about_dialog
from kongchuo_desktop.gui.about_dialog import AboutDialog

ROOT = Path(__file__).resolve().parents[2]


def test_about_dialog_shows_version_fonts_and_licences(qtbot, make_window, monkeypatch, data_dir):
    opened: list[Path] = []
    monkeypatch.setattr(about_dialog, "open_folder", lambda path: opened.append(path) or True)
    window = make_window(keep_layout=False)
    window.about_action.trigger()
    dialog = window.dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    labels = [label.text() for label in dialog.findChildren(type(dialog.folder_label))]
    assert any(__version__ in text for text in labels)
    assert any("Python" in text and "Qt" in text for text in labels)

    titles = [dialog.licence_list.item(i).text() for i in range(dialog.licence_list.count())]
    assert any("文泉驿微米黑" in t for t in titles) and any("UMing" in t for t in titles)
    assert "Qt 6 / PySide6" in titles and "GNU LGPL v3" in titles
    dialog.licence_list.setCurrentRow(titles.index(next(t for t in titles if "文泉驿微米黑" in t)))
    assert "Apache License" in dialog.licence_text.toPlainText()
    dialog.licence_list.setCurrentRow(titles.index("Qt 6 / PySide6"))
    assert "LGPL" in dialog.licence_text.toPlainText()
    dialog.licence_list.setCurrentRow(titles.index("GNU LGPL v3"))
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in dialog.licence_text.toPlainText()

    dialog.licence_list.setCurrentRow(len(titles) - 1)  # 其他程序库
    assert dialog.licence_stack.currentWidget() is dialog.library_table
    rows = {
        dialog.library_table.item(r, 0).text().lower(): dialog.library_table.item(r, 2).text()
        for r in range(dialog.library_table.rowCount())
    }
    assert rows["sqlalchemy"] == "MIT"
    assert "LGPL-3.0" in rows["pyside6_essentials"] or "LGPL-3.0" in rows.get("pyside6-essentials", "")

    assert dialog.folder_label.text() == str(data_dir)
    dialog.folder_button.click()
    assert opened == [data_dir]
    dialog.close()


def test_the_library_list_covers_every_dependency():
    with (ROOT / "pyproject.toml").open("rb") as source:
        wanted = about_dialog._requirement_names(tomllib.load(source)["project"]["dependencies"])
    normal = {n.lower().replace("_", "-") for n in wanted}
    listed = {lib.name.lower().replace("_", "-") for lib in about_dialog.libraries()}
    assert normal <= listed
    # …and their own requirements (SQLAlchemy needs typing-extensions), but not the test tools.
    assert "typing-extensions" in listed
    assert "pytest" not in listed and "pyinstaller" not in listed

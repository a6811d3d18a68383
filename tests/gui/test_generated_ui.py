"""The modules generated from ui/*.ui must match the Designer files (run compile_ui after editing them)."""

from __future__ import annotations

from kongchuo_desktop.gui import compile_ui


def test_generated_modules_are_up_to_date(tmp_path):
    sources = sorted(compile_ui.ui_dir().glob("*.ui"))
    assert {p.name for p in sources} >= {"student_form.ui", "status_change_dialog.ui"}
    fresh = compile_ui.compile_all(tmp_path)
    for new in fresh:
        committed = compile_ui.GENERATED_DIR / new.name
        assert committed.exists(), f"{new.name} is missing: run python -m kongchuo_desktop.gui.compile_ui"
        assert compile_ui.comparable(committed.read_text(encoding="utf-8")) == compile_ui.comparable(
            new.read_text(encoding="utf-8")
        ), f"{committed.name} is stale: run python -m kongchuo_desktop.gui.compile_ui"


def test_generated_modules_say_do_not_edit():
    for path in compile_ui.GENERATED_DIR.glob("ui_*.py"):
        assert path.read_text(encoding="utf-8").startswith("# generated — do not edit")


def test_comparable_ignores_only_the_uic_version():
    a = "x\n## Created by: Qt User Interface Compiler version 6.12.0\ny"
    b = "x\n## Created by: Qt User Interface Compiler version 6.13.1\ny"
    assert compile_ui.comparable(a) == compile_ui.comparable(b)
    assert compile_ui.comparable(a) != compile_ui.comparable(a.replace("y", "z"))

"""build.spec: it runs, ships every resource and migration, names what is loaded at run time (no PyInstaller run)."""

from __future__ import annotations

import fnmatch
import importlib.util
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import kongchuo_desktop

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "build.spec"
BUNDLED_TREES = ("resources", "ui", "db")


def run_spec(dist: Path) -> dict[str, Any]:
    """Execute build.spec with stand-ins for PyInstaller's Analysis/PYZ/EXE/COLLECT; returns its
    namespace plus the calls made ("Analysis", "EXE" (a list), "COLLECT")."""
    calls: dict[str, Any] = {"EXE": []}

    def analysis(scripts: list[str], **kwargs: Any) -> SimpleNamespace:
        calls["Analysis"] = SimpleNamespace(scripts=scripts, **kwargs)
        return SimpleNamespace(pure=[], scripts=list(scripts), binaries=[], datas=list(kwargs["datas"]))

    def exe(*args: Any, **kwargs: Any) -> SimpleNamespace:
        made = SimpleNamespace(args=args, **kwargs)
        calls["EXE"].append(made)
        return made

    def collect(*args: Any, **kwargs: Any) -> SimpleNamespace:
        calls["COLLECT"] = SimpleNamespace(args=args, **kwargs)
        return calls["COLLECT"]

    namespace: dict[str, Any] = {
        "__name__": "__main__",
        "SPECPATH": str(ROOT),
        "DISTPATH": str(dist),
        "Analysis": analysis,
        "PYZ": lambda pure, **kw: SimpleNamespace(pure=pure),
        "EXE": exe,
        "COLLECT": collect,
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    namespace["calls"] = calls
    return namespace


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return run_spec(tmp_path_factory.mktemp("dist"))


def shipped_files(not_bundled: list[str]) -> list[str]:
    """Files under resources/, ui/ and db/ that belong in the bundle (posix paths from the root)."""
    files = []
    for tree in BUNDLED_TREES:
        for path in (ROOT / tree).rglob("*"):
            rel = path.relative_to(ROOT).as_posix()
            if path.is_file() and not any(fnmatch.fnmatch(rel, pattern) for pattern in not_bundled):
                files.append(rel)
    return sorted(files)


def test_version_comes_from_the_package(spec):
    assert spec["VERSION"] == kongchuo_desktop.__version__


def test_every_resource_ui_file_and_migration_is_bundled(spec):
    datas = spec["calls"]["Analysis"].datas
    bundled = {(Path(src).resolve().relative_to(ROOT).as_posix(), dest) for src, dest in datas}
    expected = {(rel, str(Path(rel).parent.as_posix())) for rel in shipped_files(spec["NOT_BUNDLED"])}
    missing = sorted(rel for rel, _dest in expected - bundled)
    assert not missing, f"add these to DATA in build.spec (or to NOT_BUNDLED, saying why): {missing}"
    assert bundled == expected  # each file lands in the same folder of the bundle, nothing extra
    for must in (
        "resources/fonts/wqy-microhei.ttc",
        "resources/fonts/uming.ttc",
        "resources/fonts/wqy-microhei-LICENSE.txt",
        "resources/fonts/uming-LICENSE.txt",
        "resources/letters/teacher.txt",
        "resources/icons/kongchuo.ico",
        "resources/samples/roster_sample.xlsx",
        "db/env.py",
    ):
        assert (must, str(Path(must).parent.as_posix())) in bundled
    versions = {rel for rel, _ in bundled if rel.startswith("db/versions/")}
    assert versions == {p.relative_to(ROOT).as_posix() for p in (ROOT / "db" / "versions").glob("*.py")}


def test_generators_are_not_shipped(spec):
    datas = {Path(src).name for src, _ in spec["calls"]["Analysis"].datas}
    assert "make_icon.py" not in datas and "make_roster_sample.py" not in datas
    assert not any(name.endswith((".pyc", ".ts")) for name in datas)


def test_hidden_imports_cover_what_is_loaded_by_name(spec):
    hidden = set(spec["calls"]["Analysis"].hiddenimports)
    for name in (
        "alembic.runtime.migration",
        "alembic.op",
        "logging.config",
        "sqlalchemy.dialects.sqlite",
        "reportlab.graphics.barcode.qr",
        "reportlab.graphics.barcode.code128",  # imported by name by the barcode widget registry
        "python_calamine",
        "_cffi_backend",
        "pypinyin",
        "PySide6.QtPdf",
        "PySide6.QtPdfWidgets",
        "PySide6.QtPrintSupport",
        "kongchuo_desktop.cli.commands.self_test",
        "kongchuo_desktop.gui.ready_probe",
    ):
        assert name in hidden, name
    for migration in (ROOT / "db" / "versions").glob("*.py"):
        text = migration.read_text(encoding="utf-8")
        if "import sqlalchemy" in text:
            assert "sqlalchemy" in hidden


def test_hidden_imports_exist(spec):
    missing = [name for name in spec["calls"]["Analysis"].hiddenimports if importlib.util.find_spec(name) is None]
    assert not missing, f"no such module: {missing}"


def test_unused_qt_is_excluded_and_used_qt_is_not(spec):
    excludes = set(spec["calls"]["Analysis"].excludes)
    assert {"PySide6.QtQml", "PySide6.QtQuick", "PySide6.QtWebEngineCore", "tkinter"} <= excludes
    for kept in ("PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport",
                 "PySide6.QtNetwork", "PySide6.QtSvg", "PySide6.QtWidgets"):  # fmt: skip
        assert kept not in excludes


def test_two_programs_in_one_folder(spec):
    exes = {e.name: e for e in spec["calls"]["EXE"]}
    assert set(exes) == {"kongchuo", "kongchuo-gui"}
    assert exes["kongchuo"].console is True  # command-line output on Windows
    assert exes["kongchuo-gui"].console is False
    for made in exes.values():
        assert made.exclude_binaries is True  # one-folder build
        assert Path(made.icon).is_file()
    collect = spec["calls"]["COLLECT"]
    assert collect.name == "kongchuo"
    assert [id(x) for x in collect.args[:2]] == [id(e) for e in spec["calls"]["EXE"]]
    assert spec["calls"]["Analysis"].scripts == [str(ROOT / "kongchuo_desktop" / "__main__.py")]


def test_windows_version_info_builds(spec, monkeypatch):
    # Windows-only code of the spec; PyInstaller's versioninfo needs pefile and (on import only)
    # pywin32, so this runs where PyInstaller and pefile are installed, with pywin32 stubbed.
    compat = pytest.importorskip("PyInstaller.compat")
    pytest.importorskip("pefile")
    if not hasattr(compat, "win32api"):
        monkeypatch.setattr(compat, "win32api", None, raising=False)
    info = spec["windows_version_info"]()
    text = str(info)
    assert f"filevers=({spec['VERSION'].replace('.', ', ')}, 0)" in text
    assert "控辍保学台账" in text and "kongchuo.exe" in text


def test_version_numbers(spec):
    numbers = spec["version_numbers"]
    assert numbers("0.1.0") == (0, 1, 0, 0)
    assert numbers("1.2.3rc1") == (1, 2, 3, 0)
    assert numbers("2") == (2, 0, 0, 0)
    assert numbers("1.2.3.4.5") == (1, 2, 3, 4)

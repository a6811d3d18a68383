"""Faults: a full disk or read-only folder while exporting (ledger .xlsx, letters PDF, backup), a database
on a read-only medium, and two programs on one database. Each gets one clear Chinese message naming
the file, nothing is lost, and no partial file is left under the final name.

A real full / read-only disk is a 1 MB tmpfs (root only; skipped where mounting is not allowed); an
injected ENOSPC (open() patched for the target folder) runs everywhere.
"""

from __future__ import annotations

import builtins
import errno
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults import kit
from tests.imports.support import db_fingerprint

CLI = [sys.executable, "-m", "kongchuo_desktop"]


def kongchuo(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(cwd / "data"), "PYTHONPATH": str(kit.ROOT)}
    return subprocess.run(
        [*CLI, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300, stdin=subprocess.DEVNULL
    )


@pytest.fixture
def site(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "site.sqlite"
    shutil.copyfile(demo_template, path)
    return path


def _mount(folder: Path, size: str = "1m") -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    return done.returncode == 0


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs folder (skipped when this machine does not let us mount one)."""
    folder = tmp_path / "small-disk"
    if not _mount(folder):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _make_read_only(folder: Path) -> None:
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "-o", "remount,ro", str(folder)], capture_output=True)
        assert done.returncode == 0, done.stderr
    else:
        folder.chmod(0o555)


EXPORTS = {
    "ledger": lambda db, out: ["export", "ledger", "students", "--db", str(db), "--out", str(out / "学生名册.xlsx")],
    "letters": lambda db, out: [
        "letters",
        "parent",
        "--year",
        "2026",
        "--db",
        str(db),
        "--out",
        str(out / "承诺书.pdf"),
    ],
    "backup": lambda db, out: ["backup", "--db", str(db), "--out", str(out / "备份.sqlite")],
}


def _state(what: str, db: Path) -> str:
    """What must not change: the letter register for letters (the first batch also stores the default
    templates, which is not part of the failed export), else the whole database."""
    return kit.table_hash(db, "letter") if what == "letters" else db_fingerprint(db)


def _filler(folder: Path) -> None:
    """Leave the small disk with about 64 KB free."""
    free = shutil.disk_usage(folder).free
    (folder / "占位").write_bytes(b"\0" * max(0, free - 64 * 1024))


@pytest.mark.parametrize("what", sorted(EXPORTS))
def test_full_disk_during_export(what, site, small_disk, tmp_path):
    before = _state(what, site)
    _filler(small_disk)
    done = kongchuo(*EXPORTS[what](site, small_disk), cwd=tmp_path)
    assert done.returncode in (1, 2), done.stdout + done.stderr
    line = done.stderr.strip()
    assert "\n" not in line and "Traceback" not in line, line
    assert "磁盘空间不足" in line, line
    assert sorted(p.name for p in small_disk.iterdir()) == ["占位"], "a partial file or a temporary was left"
    assert _state(what, site) == before  # letters are registered only once their PDF is written


@pytest.mark.parametrize("what", sorted(EXPORTS))
def test_read_only_target_during_export(what, site, small_disk, tmp_path):
    before = _state(what, site)
    _make_read_only(small_disk)
    done = kongchuo(*EXPORTS[what](site, small_disk), cwd=tmp_path)
    assert done.returncode in (1, 2), done.stdout + done.stderr
    line = done.stderr.strip()
    assert "只读" in line and "Traceback" not in line, line
    assert list(small_disk.iterdir()) == []
    assert _state(what, site) == before


class _FullAfter:
    """A file object whose writes fail with ENOSPC once `limit` bytes were written."""

    def __init__(self, inner, limit: int) -> None:  # type: ignore[no-untyped-def]
        self._inner, self._left = inner, limit

    def write(self, data):  # type: ignore[no-untyped-def]
        self._left -= len(data)
        if self._left < 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self._inner.write(data)

    def __getattr__(self, name):  # type: ignore[no-untyped-def]
        return getattr(self._inner, name)

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *exc):  # type: ignore[no-untyped-def]
        self._inner.close()


@pytest.mark.parametrize("what", ["ledger", "letters"])
def test_injected_disk_full_gives_a_chinese_message_and_no_file(what, site, tmp_path, monkeypatch, capsys):
    from kongchuo_desktop.cli.main import main

    out = tmp_path / "out"
    out.mkdir()
    real_open = builtins.open

    def failing_open(file, mode="r", *args, **kwargs):  # type: ignore[no-untyped-def]
        handle = real_open(file, mode, *args, **kwargs)
        if isinstance(file, str | os.PathLike) and Path(file).parent == out and any(m in mode for m in "wax"):
            return _FullAfter(handle, 20_000)
        return handle

    before = _state(what, site)
    monkeypatch.setattr(builtins, "open", failing_open)
    monkeypatch.setattr(io, "open", failing_open)  # zipfile (openpyxl's writer) opens through io.open
    code = main(EXPORTS[what](site, out))
    monkeypatch.setattr(builtins, "open", real_open)
    monkeypatch.setattr(io, "open", real_open)
    err = capsys.readouterr().err.strip()
    assert code == 2, err
    assert "磁盘空间不足" in err and str(out) in err, err
    assert list(out.iterdir()) == [], "a partial file or a temporary was left"
    assert _state(what, site) == before


# --- the database on a read-only medium -------------------------------------------------------------------


@pytest.fixture
def read_only_db(site: Path, tmp_path: Path) -> Iterator[Path]:
    """The site database in a read-only folder (a read-only tmpfs as root, else chmod)."""
    folder = tmp_path / "medium"
    mounted = _mount(folder, "64m")
    target = folder / "site.sqlite"
    shutil.copyfile(site, target)
    if os.geteuid() == 0 and not mounted:
        pytest.skip("root ignores file permissions and no tmpfs can be mounted here")
    _make_read_only(folder)
    try:
        yield target
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        else:
            folder.chmod(0o755)


def test_cli_refuses_a_database_on_a_read_only_medium(read_only_db, tmp_path):
    done = kongchuo("todo", "--db", str(read_only_db), cwd=tmp_path)
    assert done.returncode == 1
    assert str(read_only_db) in done.stderr and "只读" in done.stderr and "复制到可以写入的文件夹" in done.stderr


def test_gui_start_refuses_a_database_on_a_read_only_medium(read_only_db, qapp, monkeypatch):
    from kongchuo_desktop.gui import startup

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(startup.QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    with pytest.raises(startup.StartupStopped) as stopped:
        startup.open_site_database(read_only_db, demo=False)
    assert stopped.value.exit_code == 1
    assert len(shown) == 1 and str(read_only_db) in shown[0][1] and "只读" in shown[0][1], shown


# --- two programs on one database ---------------------------------------------------------------------------


def test_second_program_is_told_the_file_is_in_use(site, tmp_path, qapp, monkeypatch):
    from kongchuo_desktop.gui import startup
    from kongchuo_desktop.store.database import open_database

    first = open_database(site)  # the app already has it open
    try:
        done = kongchuo("todo", "--db", str(site), cwd=tmp_path)
        assert done.returncode == 1
        assert f"“{site.name}”正被另一个窗口或程序使用" in done.stderr and "请先关闭" in done.stderr, done.stderr
        shown: list[tuple[str, str]] = []
        monkeypatch.setattr(startup.QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
        with pytest.raises(startup.StartupStopped):
            startup.open_site_database(site, demo=True)
        assert len(shown) == 1 and site.name in shown[0][1] and "正被另一个窗口或程序使用" in shown[0][1]
    finally:
        first.close()
    assert kongchuo("todo", "--db", str(site), cwd=tmp_path).returncode == 0  # free again once closed


@pytest.mark.slow
def test_two_imports_at_once_leave_one_whole_import(site, big_roster, tmp_path):
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(kit.ROOT)}
    before = kit.count(site, "student")
    args = [*CLI, "import", "roster", str(big_roster), "--db", str(site)]
    procs = [
        subprocess.Popen(args, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [(p.wait(timeout=300), p.stderr.read() if p.stderr else "") for p in procs]
    for proc in procs:
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1]), results
    for code, err in results:
        if code == 1:
            assert "正被另一个窗口或程序使用" in err, err
    kit.assert_sound(site)
    assert kit.count(site, "student") == before + 20_000
    assert kit.count(site, "import_batch") == 1

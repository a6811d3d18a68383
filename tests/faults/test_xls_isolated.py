"""Legacy .xls files are read in a child process with a memory cap and a time limit (importing/isolated.py).

Byte-flipped .xls files that make python-calamine reserve tens of gigabytes and abort the program it
runs in are refused with "文件“…”已损坏或过大，无法读取" and nothing imported; a sound .xls still
imports; a child that hangs is stopped by the time limit; the memory cap really caps.
"""

from __future__ import annotations

import datetime as dt
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kongchuo_desktop.importing import isolated
from kongchuo_desktop.importing.errors import ImportFileError
from kongchuo_desktop.importing.reader import open_workbook
from kongchuo_desktop.services.roster_import import ImportRefused, apply_import, preview_import
from tests.faults.test_fuzz_import import ADMIN, feed, site  # noqa: F401 - the fuzz test's site fixture
from tests.imports.support import db_fingerprint

XLS = Path(__file__).resolve().parents[1] / "importing" / "data" / "roster_biff8.xls"

# Byte flips (offset → new byte) of roster_biff8.xls found by fuzzing: each makes python-calamine ask
# for 65 GB to 1.7 TB at once and abort the process ("memory allocation of … bytes failed").
ABORTING = {
    "两处翻转.xls": {2361: 0x7A, 3075: 0xFD},
    "一处翻转.xls": {2000: 0o225},
    "另一处翻转.xls": {2005: 0o310},
}

CALAMINE_IN_PROCESS = """
import io, sys
from python_calamine import CalamineWorkbook
book = CalamineWorkbook.from_filelike(io.BytesIO(open(sys.argv[1], "rb").read()))
for name in book.sheet_names:
    book.get_sheet_by_name(name).to_python()
"""


def _flipped(flips: dict[int, int]) -> bytes:
    data = bytearray(XLS.read_bytes())
    for at, value in flips.items():
        data[at] = value
    return bytes(data)


@pytest.fixture(scope="module")
def drop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("xls-files")


@pytest.mark.parametrize("name", sorted(ABORTING))
def test_byte_flipped_xls_that_aborted_the_program_is_refused(site, drop, name):  # noqa: F811
    path = drop / name
    path.write_bytes(_flipped(ABORTING[name]))
    # Without the child, python-calamine kills the process that reads the file (here a throwaway one).
    direct = subprocess.run([sys.executable, "-c", CALAMINE_IN_PROCESS, str(path)], capture_output=True, timeout=60)
    assert direct.returncode < 0 or direct.returncode > 100, direct.returncode
    assert b"memory allocation" in direct.stderr
    started = time.perf_counter()
    with pytest.raises(ImportRefused) as refused:
        preview_import(site.db, ADMIN, path, "roster")
    assert time.perf_counter() - started < 10
    assert f"文件“{name}”已损坏或过大，无法读取" in str(refused.value)
    assert db_fingerprint(site.path) == site.clean


def test_sound_xls_still_imports_through_the_child(site, drop):  # noqa: F811
    path = drop / "完好.xls"
    path.write_bytes(XLS.read_bytes())
    book = open_workbook(path)
    assert book.sheet_names == ["学生名册"]
    rows = book.read("学生名册").rows
    assert len(rows) == 9 and rows[2][:3] == ["序号", "学校名称", "年级"]
    assert rows[3][4:7] == ["学生一", "男", dt.date(2016, 2, 10)]
    preview = preview_import(site.db, ADMIN, path, "roster")
    assert preview.new == 3 and [r.row for r in preview.rejected] == [7]  # row 7: the ID became a number
    summary = apply_import(site.db, ADMIN, preview, backup=False)
    assert summary.new == 3
    site.reset()


def test_mutated_xls_files_never_escape_as_a_crash(site, drop):  # noqa: F811
    """Seeded random byte flips of the sample .xls (the fuzzer's xlsx rules, now for .xls too)."""
    original = XLS.read_bytes()
    rng = random.Random(20261128)
    outcomes: dict[str, int] = {}
    for i in range(40):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(512, len(data))] = rng.randrange(256)
        outcome = feed(site, drop, bytes(data), f"变异{i}.xls", "roster")
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    assert sum(outcomes.values()) == 40, outcomes


def test_a_child_that_hangs_is_stopped_by_the_time_limit(drop, monkeypatch):
    monkeypatch.setattr(isolated, "child_command", lambda: [sys.executable, "-c", "import time; time.sleep(60)"])
    monkeypatch.setattr(isolated, "TIME_FLOOR", 1.0)
    isolated._last.clear()
    path = drop / "卡住.xls"
    path.write_bytes(XLS.read_bytes())
    started = time.perf_counter()
    with pytest.raises(ImportFileError) as refused:
        isolated.read_in_child(path, 1000, path.stat().st_size)
    assert time.perf_counter() - started < 10
    assert refused.value.code == "corrupt" and "“卡住.xls”已损坏或过大" in str(refused.value)


def test_a_child_that_answers_nonsense_is_refused(drop, monkeypatch):
    monkeypatch.setattr(isolated, "child_command", lambda: [sys.executable, "-c", "print('hello')"])
    isolated._last.clear()
    path = drop / "胡言.xls"
    path.write_bytes(XLS.read_bytes())
    with pytest.raises(ImportFileError, match="“胡言.xls”已损坏或过大"):
        isolated.read_in_child(path, 1000, path.stat().st_size)
    isolated._last.clear()


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_AS is POSIX; Windows uses a Job Object")
def test_the_memory_cap_caps():
    code = (
        "from kongchuo_desktop.importing.memory_limit import limit_memory\n"
        "limit_memory(512 << 20)\n"
        "try:\n    bytearray(1 << 30)\nexcept MemoryError:\n    print('refused')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])  # fmt: skip
    assert done.stdout.strip() == "refused", done.stderr


def test_the_frozen_app_starts_itself_as_the_child(monkeypatch, tmp_path):
    bundle = tmp_path / "kongchuo"
    bundle.mkdir()
    suffix = ".exe" if sys.platform == "win32" else ""
    gui, console = bundle / f"kongchuo-gui{suffix}", bundle / f"kongchuo{suffix}"
    gui.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(gui))
    # Only the windowed program is there: it answers itself.
    assert isolated.child_command() == [str(gui), isolated.CHILD_FLAG]
    # Beside the console program, the windowed one (which may have no stdout) starts that one.
    console.write_bytes(b"")
    assert isolated.child_command() == [str(console), isolated.CHILD_FLAG]
    monkeypatch.setattr(sys, "executable", str(console))
    assert isolated.child_command() == [str(console), isolated.CHILD_FLAG]
    monkeypatch.undo()  # from source: the module itself
    assert isolated.child_command()[1:] == ["-m", "kongchuo_desktop.importing.isolated"]


def test_memory_and_time_caps_grow_with_the_file():
    assert isolated.memory_cap(5_000) == isolated.MEMORY_FLOOR
    assert isolated.MEMORY_FLOOR < isolated.memory_cap(30 << 20) <= isolated.MEMORY_CEILING
    assert isolated.memory_cap(1 << 40) == isolated.MEMORY_CEILING
    assert isolated.time_cap(30 << 20) > isolated.time_cap(5_000) >= isolated.TIME_FLOOR

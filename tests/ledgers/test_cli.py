"""`kongchuo export ledger NAME --out FILE.xlsx` as a user runs it; errors in-process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import openpyxl
import pytest

from kongchuo_desktop.cli.main import main
from kongchuo_desktop.importing import parse_file
from tests.cli.conftest import ROOT, command


def kongchuo(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KONGCHUO_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": str(ROOT)}
    return subprocess.run([*command(), *args], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path,
                          stdin=subprocess.DEVNULL)  # fmt: skip


def test_export_students_and_visits(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "名册.xlsx"
    res = kongchuo(tmp_path, "export", "ledger", "students", "--out", str(out), "--db", str(demo_path), "--json")
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    with sqlite3.connect(demo_path) as con:  # the whole register: this year's 600 and the demo's past pupils
        on_file = con.execute("SELECT count(*) FROM student WHERE deleted = 0").fetchone()[0]
    assert summary["ledger"] == "students" and summary["rows"] == on_file and summary["out"] == str(out)
    assert parse_file(out, kind="roster").rejected == []
    visits = tmp_path / "家访.xlsx"
    res = kongchuo(tmp_path, "--db", str(demo_path), "export", "ledger", "visits", "--out", str(visits))
    assert res.returncode == 0, res.stderr
    # the demo's casework fills the visits ledger (the visits of this school year in scope)
    import re

    found = re.search(r"已导出家访记录台账：(\d+)行", res.stdout)
    assert found and int(found.group(1)) > 0
    assert openpyxl.load_workbook(visits).active["A4"].value == 1  # first data row, numbered


def test_export_options_and_errors(demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_path)
    out = tmp_path / "x.xlsx"
    args = ["export", "ledger", "students", "--db", db, "--out", str(out), "--school", "金河镇中心学校", "--active-only",
            "--json"]  # fmt: skip
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "金河镇中心学校学生名册"
    assert main(["export", "ledger", "children", "--db", db, "--out", str(out), "--school-year", "2026-2027"]) == 0
    assert "金河镇适龄儿童台账" in capsys.readouterr().out
    assert main(["export", "ledger", "nosuch", "--db", db, "--out", str(out)]) == 2
    assert "没有名为“nosuch”的台账" in capsys.readouterr().err
    assert main(["export", "ledger", "students", "--db", db, "--out", str(tmp_path / "x.pdf")]) == 2
    assert main(["export", "ledger", "students", "--db", db, "--out", str(out), "--school", "无此校"]) == 1
    assert "找不到学校" in capsys.readouterr().err
    assert main(["export", "ledger", "students", "--db", db]) == 2  # --out missing
    assert main(["export", "report", "students", "--db", db, "--out", str(out)]) == 2

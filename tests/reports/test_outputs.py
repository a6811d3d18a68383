"""The workbook and the PDF of the fixture's March reports, opened and read back; the CLI as a user
runs it (subprocess): files, --json figures, refusals with one Chinese line and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.reports.export import export_report
from kongchuo_desktop.services.reports.monthly import monthly_report
from tests.reports import kit

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fixture_path(tmp_path: Path) -> Path:
    db, _ids = kit.build(tmp_path / "kit.sqlite")
    db.close()
    return tmp_path / "kit.sqlite"


def _report(path: Path, **kw):
    from kongchuo_desktop.store.database import open_database

    db = open_database(path)
    try:
        return monthly_report(db, SYSTEM, kit.MONTH, today=kit.MADE_ON, **kw)
    finally:
        db.close()


def test_workbook_layout(fixture_path: Path, tmp_path: Path) -> None:
    out = export_report(_report(fixture_path), tmp_path / "月报.xlsx")
    wb = load_workbook(out.path)
    assert wb.sheetnames == ["学籍变动月报", "辍学情况月报", "辍学学生名单"]
    ws = wb["学籍变动月报"]
    assert ws["A1"].value == "测试市2025年3月学籍变动月报表"
    assert ws["A2"].value == "填报单位：测试市教育局" and "2025年4月1日" in str(ws.cell(2, 16).value)
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A1:V1" in merged and "A3:A5" in merged and "C3:J3" in merged and "D4:H4" in merged  # 本月增加 / 转入
    assert "C4:C5" in merged and ws["C4"].value == "新入学" and ws["D4"].value == "转入" and ws["D5"].value == "县内"
    assert ws["C3"].value == "本月增加" and ws["B3"].value == "上月末在校生数"
    assert [ws.cell(6 + i, 1).value for i in range(12)][-1] == "合计"
    assert [ws.cell(17, c).value for c in (2, 21, 22)] == [23, 22, 1]
    assert ws.cell(6, 2).border.left.style == "thin"
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("填报人：") for t in texts) and "审核人：" in texts and "（单位盖章）" in texts
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.print_title_rows == "$3:$5"
    names = wb["辍学学生名单"]
    assert names["A1"].value.endswith("附件：学生名单")
    assert [names.cell(r, 3).value for r in range(4, 11)] == ["p23", "p30", "p23", "p19", "p29", "p30", "p19"]


def test_pdf_pages(fixture_path: Path, tmp_path: Path) -> None:
    out = export_report(_report(fixture_path), tmp_path / "月报.pdf")
    assert out.pages >= 3 and out.path.read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(out.path)
    text = "".join(page.extract_text() for page in reader.pages)
    for expected in ("学籍变动月报表", "辍学情况月报表", "附件：学生名单", "填报单位", "审核人", "— 1 —"):
        assert expected in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # A4 landscape
    assert not list(tmp_path.glob(".*.part"))


def test_unbalanced_report_exports_the_data_check(fixture_path: Path, tmp_path: Path) -> None:
    from kongchuo_desktop.store.database import open_database
    from kongchuo_desktop.store.models import Student

    db = open_database(fixture_path)
    with db.transaction(user="test") as s:
        pupil = s.query(Student).filter_by(name="p9").one()
        kit.change(s, pupil, "休学", kit.D(2025, 3, 20), "在读", "休学")
    db.close()
    out = export_report(_report(fixture_path), tmp_path / "核对.xlsx")
    assert not out.adds_up
    ws = load_workbook(out.path)["数据核对"]
    assert "数据核对未通过" in ws["A1"].value
    cells = [c.value for row in ws.iter_rows() for c in row]
    assert "p9" in cells and "+1" in cells


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"KONGCHUO_DATA_DIR": str(cwd / "data"), "PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-m", "kongchuo_desktop", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


def test_cli(fixture_path: Path, tmp_path: Path) -> None:
    db = str(fixture_path)
    # The fixture month is in the past for any real today, so the CLI (real today) reproduces it.
    res = _cli("report", "monthly", "--db", db, "--month", "2025-03", "--out", str(tmp_path / "a.xlsx"), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "上月末23人，增加7人，减少8人，本月末22人" in res.stdout and (tmp_path / "a.xlsx").exists()
    res = _cli("report", "monthly", "--db", db, "--month", "2025-03", "--township", "乙乡", "--kind", "dropouts",
               "--json", cwd=tmp_path)  # fmt: skip
    figures = json.loads(res.stdout)
    assert figures["scope"]["name"] == "乙乡" and "changes" not in figures
    assert figures["dropouts"]["schools"][-1] == {"label": "合计", "suspected_end": 0, "suspected_new": 1,
                                                  "dropout_new": 0, "returned": 2, "still_out": 0}  # fmt: skip
    for args, code, words in (
        (("--month", "2025-13", "--out", "x.pdf"), 2, "格式不对"),
        (("--month", "2025-03", "--school", "无此校", "--out", "x.pdf"), 1, "找不到学校"),
        (("--month", "2025-03", "--out", "x.docx"), 2, ".xlsx 或 .pdf"),
        (("--month", "2025-03", "--out", str(tmp_path / "no" / "x.pdf")), 2, "不存在"),
        (("--month", "2099-01", "--out", "x.pdf"), 1, "还没有到"),
    ):
        res = _cli("report", "monthly", "--db", db, *args, cwd=tmp_path)
        assert res.returncode == code, (args, res.stderr)
        assert words in res.stderr and "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1

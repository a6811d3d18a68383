"""`kongchuo crosscheck` as a user runs it: the --json shape, --out, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from kongchuo_desktop.cli.main import main
from kongchuo_desktop.services import crosscheck as cc
from tests.crosscheck.kit import SAMPLE_EXPECTED


def test_json_lists_match_the_sample(kongchuo, sample_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "核查.xlsx"
    res = kongchuo("crosscheck", "--db", str(sample_path), "--school-year", "2026-2027", "--json", "--out", str(out))
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    expected = json.loads(SAMPLE_EXPECTED.read_text(encoding="utf-8"))
    for key in ("not_enrolled", "elsewhere_no_proof", "missing_from_children", "age_grade", "duplicate_person"):
        assert isinstance(data[key], list), key
        assert all(set(entry) >= {"id_number", "name"} for entry in data[key])
    for key in ("not_enrolled", "missing_from_children", "not_school_age"):
        assert sorted(e["id_number"] for e in data[key]) == sorted(expected[key])
    assert data["school_year"] == "2026-2027" and data["townships"] == ["得耳布尔镇"]
    assert data["out"] == str(out)

    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [cc.LIST_LABELS[k].replace("/", "、") for k in cc.ALL_LISTS]
    sheet = book[book.sheetnames[0]]
    assert sheet["A1"].value == "得耳布尔镇核查比对：未入学/疑似失学"
    assert sheet["A3"].value == "序号" and sheet["B3"].value == "姓名"
    ids = sorted(sheet.cell(row=r, column=6).value for r in range(4, 4 + 12))
    assert ids == sorted(expected["not_enrolled"])
    assert sheet.cell(row=16, column=1).value.startswith("说明：")


def test_summary(kongchuo, sample_path: Path) -> None:  # type: ignore[no-untyped-def]
    res = kongchuo("--db", str(sample_path), "crosscheck", "--school-year", "2026-2027")
    assert res.returncode == 0, res.stderr
    assert "未入学/疑似失学：12人" in res.stdout and "户籍在本地未登记：7人" in res.stdout
    assert "不在适龄范围：3人" in res.stdout


def test_errors(sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(sample_path)
    assert main(["crosscheck", "--db", db, "--school-year", "2026", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["school_year"] == "2026-2027"
    assert main(["crosscheck", "--db", db, "--school-year", "26-27"]) == 2
    assert "学年" in capsys.readouterr().err
    assert main(["crosscheck", "--db", db, "--township", "不存在镇"]) == 1
    err = capsys.readouterr().err
    assert "找不到乡镇" in err and "Traceback" not in err
    assert main(["crosscheck", "--db", db, "--out", str(tmp_path / "x.csv")]) == 2

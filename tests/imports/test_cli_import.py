"""`kongchuo import roster|children FILE [--dry-run] [--report OUT.xlsx] [--json]` through a subprocess."""

from __future__ import annotations

import json

from tests.imports.conftest import roster_row
from tests.imports.support import ROSTER_HEADER, db_fingerprint, table_counts, write_xlsx


def test_json_summary_report_and_dry_run(kongchuo, db_path, samples_dir, tmp_path):
    sample = str(samples_dir / "roster_sample.xlsx")
    before = db_fingerprint(db_path)
    report = tmp_path / "退回学校.xlsx"
    res = kongchuo("import", "roster", sample, "--db", str(db_path), "--dry-run", "--report", str(report), "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert (data["new"], data["updated"], data["unchanged"], data["dry_run"]) == (232, 0, 0, True)
    assert len(data["rejected"]) == 8
    for item in data["rejected"]:
        assert set(item) == {"sheet", "row", "column", "reason", "message"}
        assert item["sheet"] == "学生名册" and isinstance(item["row"], int)
    assert {"row": 73, "column": "性别", "reason": "sex_mismatch"}.items() <= data["rejected"][1].items()
    assert db_fingerprint(db_path) == before  # --dry-run wrote nothing

    from openpyxl import load_workbook

    sheet = load_workbook(report)["未导入的行"]
    assert [c.value for c in sheet[1]][0] == "原行号"
    red = [c.coordinate for row in sheet.iter_rows(min_row=2) for c in row if c.fill.fgColor.rgb == "FFFF9999"]
    assert len(red) >= 8
    assert data["report"] == str(report)


def test_import_then_reimport_is_a_noop(kongchuo, db_path, samples_dir):
    sample = str(samples_dir / "roster_sample.xlsx")
    first = kongchuo("--db", str(db_path), "import", "roster", sample)
    assert first.returncode == 0, first.stderr
    assert "新增 232 人" in first.stdout and "已导入" in first.stdout
    assert "第 73 行【性别】" in first.stdout
    counts = table_counts(db_path, "student", "import_batch")
    assert counts == {"student": 232, "import_batch": 1}
    before = db_fingerprint(db_path)
    again = kongchuo("import", "roster", sample, "--db", str(db_path), "--json")
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert (data["new"], data["updated"], data["unchanged"], data["written"]) == (0, 0, 232, False)
    assert db_fingerprint(db_path) == before


def test_refused_files_exit_codes(kongchuo, db_path, tmp_path):
    before = db_fingerprint(db_path)
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    res = kongchuo("import", "roster", str(broken), "--db", str(db_path), "--json")
    assert res.returncode == 2
    assert json.loads(res.stdout)["error"]["code"] == "corrupt"
    assert len(res.stderr.strip().splitlines()) == 1 and "坏.xlsx" in res.stderr and "Traceback" not in res.stderr

    no_header = write_xlsx(tmp_path / "通知.xlsx", [["关于开学的通知"], ["各位家长："]], sheet="通知")
    res = kongchuo("import", "roster", str(no_header), "--db", str(db_path))
    assert res.returncode == 1 and "通知.xlsx" in res.stderr and "表头" in res.stderr

    rows = [roster_row(1)]
    rows[0][8] = rows[0][8][:17] + ("0" if rows[0][8][17] != "0" else "1")
    rows[0][9] = ""
    invalid = write_xlsx(tmp_path / "全错.xlsx", [ROSTER_HEADER, *rows])
    res = kongchuo("import", "roster", str(invalid), "--db", str(db_path), "--json")
    assert res.returncode == 1
    data = json.loads(res.stdout)
    assert data["new"] == 0 and data["rejected"][0]["reason"] == "id_checksum"
    assert "没有可以导入的行" in res.stderr
    assert db_fingerprint(db_path) == before


def test_children_and_no_new_schools(kongchuo, db_path, tmp_path):
    rows = [roster_row(1), roster_row(2, "金河镇第九小学")]
    path = write_xlsx(tmp_path / "名册.xlsx", [ROSTER_HEADER, *rows])
    res = kongchuo("import", "roster", str(path), "--db", str(db_path), "--no-new-schools", "--json")
    assert res.returncode == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["new"] == 1 and [r["reason"] for r in data["rejected"]] == ["unknown_school"]
    assert data["schools_added"] == []
    children = write_xlsx(tmp_path / "儿童.xlsx", [["姓名", "身份证号"], [rows[0][4], rows[0][8]]], sheet="儿童")
    res = kongchuo("import", "children", str(children), "--db", str(db_path), "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["new"] == 1
    assert table_counts(db_path, "child")["child"] == 1

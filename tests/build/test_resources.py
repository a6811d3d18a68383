"""Shipped build resources: the icon files and the sample roster are present and up to date."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from openpyxl import load_workbook

from kongchuo_desktop.gui.icon import ICON_SIZES, app_icon
from kongchuo_desktop.paths import resource

ROOT = Path(__file__).resolve().parents[2]


def _load(path: Path):  # a script under resources/, imported by file name
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_icon_files_and_app_icon(qapp):
    for size in ICON_SIZES:
        assert resource("icons", f"kongchuo-{size}.png").is_file()
    assert resource("icons", "kongchuo.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= {16, 32, 256}


def test_sample_roster_matches_its_generator(tmp_path):
    maker = _load(ROOT / "resources" / "samples" / "make_roster_sample.py")
    fresh_xlsx, fresh_json = maker.write(tmp_path)
    shipped_json = resource("samples", "roster_sample.expected.json")
    assert json.loads(fresh_json.read_text(encoding="utf-8")) == json.loads(shipped_json.read_text(encoding="utf-8"))

    def cells(path: Path) -> list[tuple]:
        book = load_workbook(path, read_only=True)
        try:
            return [tuple(row) for row in book.active.iter_rows(values_only=True)]
        finally:
            book.close()

    assert cells(fresh_xlsx) == cells(resource("samples", "roster_sample.xlsx")), (
        "run resources/samples/make_roster_sample.py"
    )


def test_sample_roster_is_messy_like_real_ones():
    expected = json.loads(resource("samples", "roster_sample.expected.json").read_text(encoding="utf-8"))
    reasons = {item["reason"] for item in expected["reject"]}
    assert {"id_checksum", "sex_mismatch", "missing_field", "id_format", "id_date", "duplicate"} <= reasons
    book = load_workbook(resource("samples", "roster_sample.xlsx"), read_only=True)
    rows = [row for row in book.active.iter_rows(values_only=True)]
    book.close()
    assert rows[2][:3] == ("序号", "学校名称", "年级")  # header on row 3, under a title
    assert rows[-1][0] == "合计"

"""Every PDF we print embeds its fonts: no text falls back to reportlab's built-in (unembedded)
Helvetica/Times/Courier, which a viewer or printer would replace with whatever it has."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from kongchuo_desktop.services import accounts, case_documents, letters
from kongchuo_desktop.services.actor import SYSTEM
from kongchuo_desktop.services.demo import create_demo
from kongchuo_desktop.services.reports.export import export_report
from kongchuo_desktop.services.reports.monthly import monthly_report
from kongchuo_desktop.store.database import open_database
from kongchuo_desktop.store.models import CaseNotice, Visit
from tests.reports import kit

STANDARD = re.compile(rb"/BaseFont\s*/(Helvetica|Times|Courier|Symbol|ZapfDingbats)")


def _fonts(pdf: bytes) -> list[bytes]:
    return re.findall(rb"/BaseFont\s*/([A-Za-z0-9+\-]+)", pdf)


def _assert_embedded_only(pdf: bytes, what: str) -> None:
    assert pdf.startswith(b"%PDF")
    assert _fonts(pdf), what  # the check can see fonts at all
    found = STANDARD.findall(pdf)
    assert not found, f"{what} uses unembedded standard fonts {set(found)}"


def test_the_check_sees_an_unembedded_font(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "x.pdf"))
    canvas.drawString(10, 10, "123")
    canvas.save()
    with pytest.raises(AssertionError):
        _assert_embedded_only((tmp_path / "x.pdf").read_bytes(), "a plain reportlab page")


def test_monthly_report_pdf(tmp_path: Path) -> None:
    db, _ids = kit.build(tmp_path / "kit.sqlite")
    try:
        report = monthly_report(db, SYSTEM, kit.MONTH, today=kit.MADE_ON)
    finally:
        db.close()
    out = export_report(report, tmp_path / "月报.pdf")
    _assert_embedded_only(out.path.read_bytes(), "the monthly report")


def test_case_documents_and_letters(tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    create_demo(path, students=300, seed=3, today=dt.date(2026, 11, 16))
    db = open_database(path)
    try:
        actor = accounts.ensure_demo_admin(db)
        with db.read_session() as session:  # a case with a visit: the report needs one
            case_id = session.scalars(select(Visit.case_id)).first()
            notice_id = session.scalars(select(CaseNotice.id)).first()
        assert case_id is not None and notice_id is not None
        _assert_embedded_only(case_documents.report_pdf(db, actor, case_id), "the case report (三访一报告)")
        _assert_embedded_only(case_documents.notice_pdf(db, actor, notice_id), "the notice")
    finally:
        db.close()
    pdf, _warnings = letters.preview_template("{{学生姓名}}：本人承诺 2026 年 9 月 1 日前返校。", "student")
    _assert_embedded_only(pdf, "a letter")

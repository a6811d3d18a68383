"""Benchmark: a township's autumn round — 1,000 class-teacher letters with 40-pupil lists in one PDF.

Run: python tests/bench/letters.py [--letters 1000] [--pupils 40]

Two figures, each measured in its own fresh process (so peak memory is that job's alone), twice,
best time kept:
- app: `services.letters.issue_letters` end to end — read the classes and pupils from the
  database, fill the template, set every character in the font chain (with glyph fallback),
  build the GB/T 9704 pages with numbers and QR codes, write the PDF, record 1,000 letters in
  the register;
- floor: plain reportlab building the same pages of the same text (already filled in, read from
  a JSON file, no database) with the same embedded font, the usual way: SimpleDocTemplate,
  Paragraphs, a Table with a repeated header, a QrCodeWidget drawing, page numbers in onPage.
Target: app ≤ 1.3 × floor, and peak RSS ≤ 400 MB. Prints figures and ratios; not a timed test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.common import OUT, ROOT, peak_rss_mb  # noqa: E402

TARGET_RATIO = 1.3
TARGET_RSS_MB = 400
DAY = dt.date(2026, 9, 1)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静磊洋勇艳杰涛明超霞平刚欣怡浩然雨桐宇轩子涵梓萱思远佳琪诗涵一鸣可馨晓梅丽华建国玉兰德胜"


# ---------------------------------------------------------------------------------------------
# The data


def build_database(path: Path, letters: int, pupils: int) -> None:
    """A township with `letters` classes (40 per school), each with a head teacher and `pupils` pupils."""
    import random

    from kongchuo_desktop.domain.pinyin import name_keys
    from kongchuo_desktop.services.sites import init_site, school_by_name, township_by_name
    from kongchuo_desktop.store.bulk import insert_many
    from kongchuo_desktop.store.database import open_database
    from kongchuo_desktop.store.models import SchoolClass, Staff, Student

    for suffix in ("", "-wal", "-shm", ".lock"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    rng = random.Random(5)
    db = open_database(path, create=True)
    try:
        init_site(db, "金河镇教育办", "township", township="金河镇")
        with db.transaction(user="bench") as session:
            town = township_by_name(session, "金河镇")
            assert town is not None
            staff, classes, students = [], [], []
            for n in range(letters):
                school_no, index = divmod(n, 40)
                school = school_by_name(session, f"金河镇第{school_no + 1}学校", township=town, create=True)
                assert school is not None
                grade, class_no = 1 + index % 9, 1 + index // 9
                teacher_id = f"{n:032x}"
                staff.append({"id": teacher_id, "name": rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                              "role": "班主任", "school_id": school.id, "township_id": town.id})  # fmt: skip
                classes.append(
                    {"school_id": school.id, "grade": grade, "class_no": class_no, "head_teacher_id": teacher_id}
                )
                for p in range(pupils):
                    name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if p % 3 else "")
                    pinyin, initials = name_keys(name)
                    students.append({
                        "name": name, "name_pinyin": pinyin, "name_initials": initials, "sex": "男" if p % 2 else "女",
                        "birth_date": dt.date(2019 - grade, 1 + p % 12, 1 + p % 28), "school_id": school.id,
                        "township_id": town.id, "grade": grade, "class_no": class_no, "status": "在读",
                        "student_no": f"G15078520{n:05d}{p:04d}", "left_behind": "双亲外出" if p % 7 == 0 else "无",
                        "poverty": p % 9 == 0, "migrant": False, "boarding": p % 11 == 0, "low_income": False,
                        "orphan": False, "id_type": "居民身份证",
                    })  # fmt: skip
            insert_many(session, Staff, staff)
            insert_many(session, SchoolClass, classes)
            insert_many(session, Student, students)
    finally:
        db.close()


def dump_texts(path: Path, out: Path) -> int:
    """Each letter's filled-in text, as the floor reads it (made with the app's own template code)."""
    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.letter_templates import fill, find_template, parse_template
    from kongchuo_desktop.services.letters_data import Scope, collect, resolve_scope
    from kongchuo_desktop.services.letters_render import DEFAULT_SIGNATURES
    from kongchuo_desktop.store.database import open_database

    db = open_database(path)
    try:
        template = find_template(db, "teacher")
        scope = resolve_scope(db, SYSTEM, "teacher", Scope())
        collected = collect(db, SYSTEM, "teacher", 2026, scope, DAY)
    finally:
        db.close()
    blocks = parse_template(template.body)
    letters = []
    for i, data in enumerate(collected.letters):
        items = []
        for block in blocks:
            if block.kind == "signature":
                left, right = DEFAULT_SIGNATURES["teacher"]
                items.append(["signature", [fill(x, data.values) for x in left], [fill(x, data.values) for x in right],
                              data.values["签订日期"]])  # fmt: skip
            else:
                items.append([block.kind, fill(block.text, data.values)])
        letters.append({"number": f"2026JS{i + 1:04d}-BENC", "blocks": items, "rows": data.rows})
    out.write_text(json.dumps(letters, ensure_ascii=False), encoding="utf-8")
    return len(letters)


# ---------------------------------------------------------------------------------------------
# The two jobs (each run in its own process)


def run_app(db_path: Path, out: Path) -> dict[str, float]:
    """The app: issue_letters for the whole township."""
    from kongchuo_desktop.services.actor import SYSTEM
    from kongchuo_desktop.services.letters import issue_letters
    from kongchuo_desktop.store.database import open_database

    start = time.perf_counter()
    db = open_database(db_path)
    try:
        result = issue_letters(db, SYSTEM, "teacher", 2026, out, today=DAY)
    finally:
        db.close()
    return {"seconds": time.perf_counter() - start, "pages": result.pages, "letters": result.letters}


def run_floor(texts: Path, out: Path) -> dict[str, float]:
    """Plain reportlab, the same pages from the same text, one embedded font (UMing), no database."""
    data = json.loads(texts.read_text(encoding="utf-8"))
    start = time.perf_counter()
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        Flowable,
        KeepTogether,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    pdfmetrics.registerFont(TTFont("UMing", str(ROOT / "resources" / "fonts" / "uming.ttc"), subfontIndex=0))
    font = "UMing"
    size, leading = 15.75, 225 * mm / 22
    body = ParagraphStyle("body", fontName=font, fontSize=size, leading=leading, firstLineIndent=2 * size,
                          alignment=TA_JUSTIFY, wordWrap="CJK")  # fmt: skip
    flush = ParagraphStyle("flush", parent=body, firstLineIndent=0)
    centre = ParagraphStyle("centre", parent=flush, alignment=TA_CENTER)
    title = ParagraphStyle("title", parent=centre, fontSize=22, leading=32)
    header_style = ParagraphStyle("th", fontName=font, fontSize=12, leading=15.6, alignment=TA_CENTER, wordWrap="CJK")
    sig = ParagraphStyle("sig", parent=flush, leading=size * 1.6)
    widths = [12 * mm, 26 * mm, 12 * mm, 27 * mm, 156 * mm - 109 * mm, 32 * mm]
    state = {"first": 1}

    class Start(Flowable):
        def __init__(self, number: str) -> None:
            super().__init__()
            self.number = number

        def wrap(self, *_a: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            state["first"] = self.canv.getPageNumber()
            canv = self.canv
            canv.saveState()
            canv.translate(-self._frame._x1, -self._frame._y)  # to page coordinates
            canv.setFont(font, 12)
            canv.drawString(28 * mm, 297 * mm - 31 * mm, "编号：" + self.number)
            widget = QrCodeWidget(self.number, barLevel="M", barBorder=0, barWidth=20 * mm, barHeight=20 * mm)
            drawing = Drawing(20 * mm, 20 * mm)
            drawing.add(widget)
            renderPDF.draw(drawing, canv, 210 * mm - 26 * mm - 20 * mm, 297 * mm - 32 * mm)
            canv.restoreState()

    def page_number(canv, doc) -> None:  # type: ignore[no-untyped-def]
        canv.saveState()
        canv.setFont(font, 14)
        canv.drawCentredString(105 * mm, 35 * mm - 7 * mm - 11, f"— {canv.getPageNumber() - state['first'] + 1} —")
        canv.restoreState()

    story: list[Flowable] = []
    for i, letter in enumerate(data):
        if i:
            story.append(PageBreak())
        story.append(Start(letter["number"]))
        for item in letter["blocks"]:
            kind = item[0]
            if kind == "title":
                story.append(Paragraph(item[1], title))
            elif kind == "subtitle":
                story += [Paragraph(item[1], centre), Spacer(1, leading)]
            elif kind in ("flush", "right"):
                story.append(Paragraph(item[1], flush))
            elif kind in ("heading1", "heading2", "heading3", "body"):
                story.append(Paragraph(item[1], body))
            elif kind == "attachment":
                story += [PageBreak(), Paragraph("附件", flush), Spacer(1, leading / 2), Paragraph(item[1], title)]
            elif kind == "pagebreak":
                story.append(PageBreak())
            elif kind == "table":
                rows = [
                    [Paragraph(h, header_style) for h in ("序号", "姓名", "性别", "出生日期", "学籍号", "重点关注")]
                ]
                rows += letter["rows"]
                table = Table(rows, colWidths=widths, repeatRows=1)
                table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, 12, 15.6), ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                           ("TOPPADDING", (0, 0), (-1, -1), 3.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5)]))  # fmt: skip
                story.append(table)
            elif kind == "signature":
                left = [Paragraph(x, sig) for x in item[1]]
                right = [Paragraph(x, sig) for x in item[2]]
                grid = Table([[left, right], ["", ""], [Paragraph(item[3], sig), Paragraph(item[3], sig)]],
                             colWidths=[78 * mm, 78 * mm], rowHeights=[None, 16 * mm, None])  # fmt: skip
                grid.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), font, size), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
                story.append(KeepTogether([Spacer(1, leading / 2), grid]))
    doc = SimpleDocTemplate(str(out), pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm, leftMargin=28 * mm,
                            rightMargin=26 * mm, initialFontName=font)  # fmt: skip
    doc.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return {"seconds": time.perf_counter() - start, "pages": doc.page, "letters": len(data)}


# ---------------------------------------------------------------------------------------------


def _child(phase: str, *args: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, __file__, "--phase", phase, *args], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{phase} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--pupils", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--phase", choices=["app", "floor"])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--texts", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    if args.phase == "app":
        figures = run_app(args.db, args.out)
        print(json.dumps({**figures, "rss_mb": peak_rss_mb()}))
        return
    if args.phase == "floor":
        figures = run_floor(args.texts, args.out)
        print(json.dumps({**figures, "rss_mb": peak_rss_mb()}))
        return

    work = OUT / "letters"
    work.mkdir(parents=True, exist_ok=True)
    db = work / "bench.sqlite"
    texts = work / "texts.json"
    t = time.perf_counter()
    build_database(db, args.letters, args.pupils)
    count = dump_texts(db, texts)
    print(f"database with {count} classes × {args.pupils} pupils built in {time.perf_counter() - t:.1f} s")
    app_runs, floor_runs = [], []
    for i in range(args.repeat):
        floor_runs.append(_child("floor", "--texts", str(texts), "--out", str(work / "floor.pdf")))
        copy = work / f"run{i}.sqlite"
        copy.write_bytes(db.read_bytes())  # a fresh register each run
        app_runs.append(_child("app", "--db", str(copy), "--out", str(work / "app.pdf")))
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(str(copy) + suffix).unlink(missing_ok=True)
    app = min(app_runs, key=lambda r: r["seconds"])
    floor = min(floor_runs, key=lambda r: r["seconds"])
    ratio = app["seconds"] / floor["seconds"]
    rss = max(r["rss_mb"] for r in app_runs)
    print(f"\n== letters: {count} teacher letters, {args.pupils} pupils each ==")
    print(f"{'':28} {'seconds':>9} {'pages':>7} {'peak RSS':>10}")
    print(f"{'app (issue_letters)':28} {app['seconds']:9.2f} {app['pages']:7d} {app['rss_mb']:8.0f} MB")
    print(f"{'floor (plain reportlab)':28} {floor['seconds']:9.2f} {floor['pages']:7d} {floor['rss_mb']:8.0f} MB")
    print(f"ratio app / floor: {ratio:.2f} (target ≤ {TARGET_RATIO})  {'OK' if ratio <= TARGET_RATIO else 'OVER'}")
    print(f"peak RSS app: {rss:.0f} MB (target ≤ {TARGET_RSS_MB} MB)  {'OK' if rss <= TARGET_RSS_MB else 'OVER'}")
    print(
        f"all runs (s): app {[round(r['seconds'], 2) for r in app_runs]}, floor {[round(r['seconds'], 2) for r in floor_runs]}"
    )


if __name__ == "__main__":
    main()

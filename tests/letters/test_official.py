"""The shared official-document layer: numerals, clause labels, font fallback, atomic builds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kongchuo_desktop.documents import official as o
from kongchuo_desktop.documents.fonts import FontFile, bundled_hei, bundled_song, default_fonts, load_fonts
from tests.letters.pdftext import fonts as pdf_fonts
from tests.letters.pdftext import page_texts


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "〇"), (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (28, "二十八"), (100, "一百"), (105, "一百零五"),
     (110, "一百一十"), (2026, "二千零二十六")],
)  # fmt: skip
def test_cn_number(n: int, text: str) -> None:
    assert o.cn_number(n) == text


def test_cn_date() -> None:
    assert o.cn_date(dt.date(2026, 11, 28)) == "二〇二六年十一月二十八日"
    assert o.cn_date(dt.date(2030, 1, 1)) == "二〇三〇年一月一日"


def test_clause_labels_and_renumbering() -> None:
    assert [o.clause_label(lv, 2) for lv in (1, 2, 3, 4)] == ["二、", "（二）", "2．", "（2）"]
    lines = ["一、总则", "（三）甲", "（一）乙", "五、目标", "（九）丙", "正文", "1.细则", "7．细则"]
    assert o.renumber_clauses(lines) == [
        "一、总则",
        "（一）甲",
        "（二）乙",
        "二、目标",
        "（一）丙",
        "正文",
        "1．细则",
        "2．细则",
    ]
    assert o.clause_level("2.5 元") is None


def test_font_chain_falls_back_glyph_by_glyph() -> None:
    fonts = default_fonts()
    song, hei = fonts.song, fonts.hei
    # 髙 is missing from the Song font (UMing) but in the Hei font; 䶮 (Ext-A) the other way round.
    runs = song.runs("王髙明")
    assert [text for _f, text in runs] == ["王", "髙", "明"]
    assert runs[1][0] == hei.primary
    assert [f for f, _t in hei.runs("赵䶮")] == [hei.primary, song.primary]
    assert "<font" in song.markup("髙&<") and "&amp;&lt;" in song.markup("髙&<")
    assert song.markup("普通文字") == "普通文字"


def test_missing_and_damaged_fonts_warn_instead_of_failing(tmp_path: Path) -> None:
    bad = tmp_path / "broken.ttf"
    bad.write_bytes(b"not a font at all" * 50)
    fonts = load_fonts(
        song=[FontFile(tmp_path / "gone.ttc", "不存在的字体"), FontFile(bad, "坏字体"), bundled_song()],
        hei=[bundled_hei()],
        extra=[],
    )
    warnings = " ".join(fonts.warnings)
    assert "找不到字体文件“gone.ttc”" in warnings
    assert "“broken.ttf”" in warnings and "损坏" in warnings
    assert fonts.embedded
    data, result = o.pdf_bytes([o.OfficialDocument([o.Styles.for_fonts(fonts).paragraph("仍然可以打印")])], fonts=fonts)
    assert "仍然可以打印" in page_texts(data)[0]


def test_no_usable_font_at_all_still_prints(tmp_path: Path) -> None:
    fonts = load_fonts(song=[FontFile(tmp_path / "a.ttf", "甲")], hei=[FontFile(tmp_path / "b.ttf", "乙")], extra=[])
    assert not fonts.embedded
    assert any("STSong-Light" in w for w in fonts.warnings)
    data, _ = o.pdf_bytes([o.OfficialDocument([o.Styles.for_fonts(fonts).paragraph("没有字体也不崩溃")])], fonts=fonts)
    assert data.startswith(b"%PDF")


def _doc(text: str, number: str | None = None) -> o.OfficialDocument:
    fonts = default_fonts()
    styles = o.Styles.for_fonts(fonts)
    return o.OfficialDocument(
        lambda: [o.HeavyTitle("标题", fonts), *[styles.paragraph(text) for _ in range(30)]],
        number=number,
        qr=number,
        label=text,
    )


def test_pages_are_numbered_per_document_and_fonts_embedded(tmp_path: Path) -> None:
    out = tmp_path / "two.pdf"
    result = o.build_pdf(out, [_doc("第一份文件的正文。", "A1"), _doc("第二份文件的正文。", "A2")], total=2)
    texts = page_texts(out)
    assert result.pages == len(texts) and result.documents == 2
    second = result.first_pages[1] - 1
    assert "— 1 —" in texts[0] and "— 2 —" in texts[1]
    assert "— 1 —" in texts[second] and "编号：A2" in texts[second]
    used = pdf_fonts(out)
    assert used and all(used.values()), used
    assert not list(tmp_path.glob("*.part"))


def test_cancelled_build_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "batch.pdf"
    out.write_bytes(b"the previous batch")
    seen = []

    def progress(done: int, total: int, _label: str) -> None:
        seen.append(done)

    with pytest.raises(o.Cancelled):
        o.build_pdf(
            out, (_doc(f"第{i}份") for i in range(5)), total=5, progress=progress, cancel=lambda: len(seen) >= 2
        )
    assert out.read_bytes() == b"the previous batch"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch.pdf"]


def test_separate_files_and_cancel(tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    docs = [_doc("甲"), _doc("乙")]
    docs[0].file_name, docs[1].file_name = "王老师/一班", "王老师/一班"
    result = o.build_separate(folder, docs, total=2)
    assert sorted(p.name for p in folder.iterdir()) == ["王老师_一班.pdf", "王老师_一班（2）.pdf"]
    assert result.documents == 2
    again = tmp_path / "again"
    with pytest.raises(o.Cancelled):
        o.build_separate(again, [_doc("甲"), _doc("乙")], cancel=iter([False, True]).__next__)
    assert list(again.iterdir()) == []


def test_missing_character_is_reported(tmp_path: Path) -> None:
    result = o.build_pdf(tmp_path / "x.pdf", [_doc("𠮷")])
    assert any("𠮷" in w for w in result.warnings)

"""Printing batches of letters and keeping the register: the autumn round without the GUI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from kongchuo_desktop.documents.official import Cancelled
from kongchuo_desktop.services import letters
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.services.letter_templates import find_template, save_template
from kongchuo_desktop.services.letters_data import Scope
from kongchuo_desktop.services.letters_export import export_register
from kongchuo_desktop.store.database import Database
from kongchuo_desktop.store.models import Letter
from tests.letters.conftest import CENTRAL_CLASSES, CHILDREN, Sample
from tests.letters.pdftext import fonts as pdf_fonts
from tests.letters.pdftext import letters_of, page_texts

DAY = dt.date(2026, 9, 1)


def _flat(text: str) -> str:
    return "".join(text.split())


def test_teacher_letters_name_the_right_teacher_and_pupils(
    letters_db: Database, principal: Actor, tmp_path: Path
) -> None:
    out = tmp_path / "teachers.pdf"
    result = letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY)
    assert result.letters == 3 and result.new == 3 and result.pages > 3
    texts = letters_of(page_texts(out))
    assert len(texts) == 3
    for text, (teacher, pupils) in zip(texts, CENTRAL_CLASSES.values(), strict=True):
        flat = _flat(text)
        assert teacher in flat
        for pupil in pupils:
            assert pupil in flat, (teacher, pupil)
        others = {p for t, ps in CENTRAL_CLASSES.values() if t != teacher for p in ps}
        assert not any(p in flat for p in others if len(p) > 2 and not p.startswith("学生")), teacher
        assert "离校生" not in flat
        assert "二〇二六年九月一日" in flat and "2026—2027学年" in flat
    # 40 pupils: the table runs onto a second page and repeats its header there.
    last = page_texts(out)[-2:]
    assert all("学籍号" in page for page in last)
    used = pdf_fonts(out)
    assert used and all(used.values()), used
    numbers = [r.number for r in letters.list_letters(letters_db, principal)]
    assert numbers == result.numbers and numbers[0].startswith("2026JS0001")
    assert all(n in _flat("".join(texts)) for n in numbers)


def test_rare_characters_render_from_the_fallback_font(letters_db: Database, principal: Actor, tmp_path: Path) -> None:
    out = tmp_path / "rare.pdf"
    letters.issue_letters(letters_db, principal, "teacher", 2026, out, today=DAY, draft=True)
    flat = _flat("".join(page_texts(out)))
    assert "髙梓萱" in flat and "赵䶮" in flat
    assert len(pdf_fonts(out)) >= 2


def test_printing_again_keeps_the_numbers(letters_db: Database, principal: Actor, tmp_path: Path) -> None:
    first = letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "a.pdf", today=DAY)
    again = letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "b.pdf", today=DAY)
    assert again.new == 0 and again.again == 3 and again.numbers == first.numbers
    with letters_db.read_session() as session:
        assert session.execute(select(func.count()).select_from(Letter)).scalar_one() == 3


def test_letter_records_its_template_version(letters_db: Database, principal: Actor, tmp_path: Path) -> None:
    teacher = find_template(letters_db, "teacher")
    letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "a.pdf", today=DAY)
    row = letters.list_letters(letters_db, principal)[0]
    letters.mark_signed(letters_db, principal, row.id, scan=("signed.png", b"\x89PNG fake"), signed_on=DAY)
    save_template(
        letters_db,
        principal,
        name=teacher.name,
        kind="teacher",
        body=teacher.body.replace("附则", "附　则"),
        key="teacher",
    )
    letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "b.pdf", today=DAY)
    versions = {r.number: r.template_version for r in letters.list_letters(letters_db, principal)}
    assert versions[row.number] == 1  # signed: printed again as signed
    assert sorted(versions.values()) == [1, 2, 2]
    texts = letters_of(page_texts(tmp_path / "b.pdf"))
    assert "附则" in texts[0] and "附　则" not in texts[0]


def test_scope_is_enforced(letters_db: Database, principal: Actor, sample: Sample, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        letters.issue_letters(
            letters_db, principal, "teacher", 2026, tmp_path / "x.pdf", scope=Scope(sample.other_school_id)
        )
    with pytest.raises(PermissionDenied):
        letters.issue_letters(
            letters_db, principal, "teacher", 2026, tmp_path / "x.pdf", scope=Scope(None, sample.township_id)
        )
    teacher = Actor(user="t", display_name="教师", role="教师", school_id=sample.central_id)
    with pytest.raises(PermissionDenied):
        letters.issue_letters(letters_db, teacher, "teacher", 2026, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_township_prints_all_its_schools_and_villages(
    letters_db: Database, township_officer: Actor, tmp_path: Path
) -> None:
    teachers = letters.issue_letters(letters_db, township_officer, "teacher", 2026, tmp_path / "t.pdf", today=DAY)
    assert teachers.letters == 4  # 3 classes of the central school, 1 of the second; none of 满归镇
    villages = letters.issue_letters(letters_db, township_officer, "village", 2026, tmp_path / "v.pdf", today=DAY)
    texts = letters_of(page_texts(tmp_path / "v.pdf"))
    assert villages.letters == 2
    flat = {_flat(t).split("乙方：")[1][:12]: _flat(t) for t in texts}
    xingan = next(t for k, t in flat.items() if k.startswith("兴安村"))
    assert "兴安村村民委员会" in xingan and "金河镇人民政府" in xingan
    for village, child, _situation in CHILDREN:
        assert (child in xingan) == (village == "兴安村")
    parents = letters.issue_letters(letters_db, township_officer, "parent", 2026, tmp_path / "p.pdf", today=DAY)
    assert parents.letters == sum(len(p) for _t, p in CENTRAL_CLASSES.values()) + 2
    first = letters_of(page_texts(tmp_path / "p.pdf"))[0]
    assert "家长承诺书" in first and "大山" in first


def test_cancelled_batch_leaves_no_file_and_no_register_rows(
    letters_db: Database, township_officer: Actor, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "parents.pdf"
    calls = []
    with pytest.raises(Cancelled):
        letters.issue_letters(
            letters_db, township_officer, "parent", 2026, out, progress=lambda d, t, s: calls.append(d),
            cancel=lambda: len(calls) >= 3,
        )  # fmt: skip
    assert list(folder.iterdir()) == []
    assert letters.list_letters(letters_db, township_officer) == []


def test_separate_files(letters_db: Database, principal: Actor, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    result = letters.issue_letters(letters_db, principal, "teacher", 2026, folder, separate=True, today=DAY)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 3 and all(n.endswith(".pdf") for n in names)
    assert any("王晓梅" in n for n in names)
    assert len(result.files) == 3


def test_signed_assessed_and_not_returned(letters_db: Database, principal: Actor, tmp_path: Path) -> None:
    letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "a.pdf", today=DAY)
    rows = letters.list_letters(letters_db, principal)
    assert len(letters.list_letters(letters_db, principal, not_returned=True)) == 3
    with pytest.raises(ValidationError):
        letters.assess(letters_db, principal, rows[0].id, letters.PASS)  # not signed yet
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 signed scan")
    signed = letters.mark_signed(letters_db, principal, rows[0].id, scan_path=scan, signed_on=dt.date(2026, 9, 10))
    assert signed.status == letters.SIGNED and signed.has_scan
    assert letters.letter_scan(letters_db, principal, rows[0].id)[1] == b"%PDF-1.4 signed scan"
    assert [r.number for r in letters.list_letters(letters_db, principal, not_returned=True)] == [
        r.number for r in rows[1:]
    ]
    with pytest.raises(ValidationError):
        letters.assess(letters_db, principal, rows[0].id, letters.VETO)  # a veto needs a reason
    assessed = letters.assess(letters_db, principal, rows[0].id, letters.VETO, "班级出现辍学且未家访")
    assert assessed.status == letters.ASSESSED and assessed.assessment == "一票否决"
    with pytest.raises(ValidationError):
        letters.mark_signed(letters_db, principal, rows[0].id, scan=("x.png", b"x"))
    found = letters.find_by_number(letters_db, principal, rows[0].number.lower())
    assert found is not None and found.id == rows[0].id
    out = tmp_path / "register.xlsx"
    assert export_register(letters_db, principal, out) == 3
    sheet = load_workbook(out).active
    assert sheet["A1"].value == "编号" and sheet["N2"].value == "班级出现辍学且未家访"
    assert [c.value for c in sheet["I"]][1:] == ["已考核", "已发放", "已发放"]


def test_other_school_cannot_see_the_register(
    letters_db: Database, principal: Actor, sample: Sample, tmp_path: Path
) -> None:
    letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "a.pdf", today=DAY)
    row = letters.list_letters(letters_db, principal)[0]
    stranger = Actor(
        user="x", display_name="别校校长", role="校长", school_id=sample.second_id, township_id=sample.township_id
    )
    assert letters.list_letters(letters_db, stranger) == []
    with pytest.raises(PermissionDenied):
        letters.mark_signed(letters_db, stranger, row.id, scan=("x.png", b"x"))
    with pytest.raises(PermissionDenied):
        letters.find_by_number(letters_db, stranger, row.number)


def test_draft_records_nothing_and_reprint(letters_db: Database, principal: Actor, tmp_path: Path) -> None:
    draft = letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "d.pdf", draft=True, today=DAY)
    assert draft.draft and draft.numbers == []
    assert "样稿" in page_texts(tmp_path / "d.pdf")[0]
    assert letters.list_letters(letters_db, principal) == []
    letters.issue_letters(letters_db, principal, "teacher", 2026, tmp_path / "a.pdf", today=DAY)
    rows = letters.list_letters(letters_db, principal)
    again = letters.reprint_letters(letters_db, principal, [rows[1].id], tmp_path / "r.pdf")
    assert again.letters == 1 and rows[1].number in _flat(page_texts(tmp_path / "r.pdf")[0])


def test_nothing_to_print_is_refused(letters_db: Database, principal: Actor, sample: Sample, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        letters.issue_letters(letters_db, principal, "village", 2026, tmp_path / "v.pdf")
    officer = Actor(user="m", display_name="满归镇", role="乡镇", township_id=sample.other_township_id)
    with pytest.raises(ValidationError, match="村干部"):
        letters.issue_letters(letters_db, officer, "village", 2026, tmp_path / "v.pdf")
    with pytest.raises(ValidationError):
        letters.issue_letters(letters_db, principal, "teacher", 26, tmp_path / "v.pdf")


def test_preview_of_a_template_text() -> None:
    data, warnings = letters.preview_template("【标题】{学校名称}责任书\n{学生名单}\n【签名栏】", "teacher")
    text = _flat(page_texts(data)[0])
    assert "金河镇中心学校责任书" in text and "髙梓萱" in text and warnings == []

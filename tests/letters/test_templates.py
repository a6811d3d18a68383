"""Letter templates: checking the text, versions, the shipped defaults."""

from __future__ import annotations

import pytest

from kongchuo_desktop.services import letter_templates as lt
from kongchuo_desktop.services.actor import Actor
from kongchuo_desktop.services.errors import PermissionDenied, ServiceError, ValidationError
from kongchuo_desktop.store.database import Database


def test_shipped_templates_are_valid_and_cite_the_law() -> None:
    for kind in lt.KINDS:
        body = lt.default_text(kind)
        assert lt.check_template(body, kind) == [], kind
        for article in ("第五条", "第十一条", "第五十八条"):
            assert article in body, (kind, article)
    assert "三访一报告" in lt.default_text("teacher") and "一票否决" in lt.default_text("teacher")
    assert "第十三条" in lt.default_text("village") and "月报告" in lt.default_text("village")


def test_unknown_placeholder_is_marked() -> None:
    problems = lt.check_template("第一行\n甲方：{学校名称}，乙方：{老师名字}", "teacher")
    assert len(problems) == 1
    p = problems[0]
    assert (p.line, p.column, p.length) == (2, 14, 6)
    assert "不认识的占位符“{老师名字}”" in p.message


def test_unbalanced_braces_are_marked() -> None:
    problems = lt.check_template("{学校名称\n多了}一个\n{班级", "teacher")
    assert [(p.line, p.column) for p in problems] == [(1, 1), (2, 3), (3, 1)]
    assert "没有配对" in problems[0].message and "右花括号" in problems[1].message


def test_placeholder_of_another_kind_is_refused() -> None:
    problems = lt.check_template("{教师姓名}", "village")
    assert problems and "不能用于" in problems[0].message


def test_full_width_braces_work() -> None:
    assert lt.check_template("｛学校名称｝", "teacher") == []
    assert lt.fill("｛学校名称｝与{班级}", {"学校名称": "甲校", "班级": "一班"}) == "甲校与一班"


def test_parse_template_blocks() -> None:
    body = "【标题】责任书\n【副标题】（2026）\n\n【顶格】甲方：x\n一、总则\n（一）条款\n正文\n{学生名单}\n【签名栏】\n【附件】名单\n【分页】"
    kinds = [b.kind for b in lt.parse_template(body)]
    assert kinds == [
        "title",
        "subtitle",
        "flush",
        "heading1",
        "heading2",
        "body",
        "table",
        "signature",
        "attachment",
        "pagebreak",
    ]


def test_save_refuses_bad_text_with_positions(letters_db: Database, principal: Actor) -> None:
    with pytest.raises(lt.TemplateError) as caught:
        lt.save_template(letters_db, principal, name="我的模板", kind="teacher", body="好\n{学校}")
    assert caught.value.template_problems[0].line == 2
    assert "第2行第1个字" in str(caught.value)


def test_versions_and_names(letters_db: Database, principal: Actor) -> None:
    first = lt.save_template(
        letters_db, principal, name="本校责任书", kind="teacher", body="【标题】{学校名称}责任书\n正文"
    )
    assert first.version == 1 and not first.is_default
    same = lt.save_template(
        letters_db, principal, name="本校责任书", kind="teacher", body="【标题】{学校名称}责任书\n正文", key=first.key
    )
    assert same.id == first.id
    second = lt.save_template(
        letters_db, principal, name="本校责任书", kind="teacher", body="【标题】{学校名称}责任书\n新正文", key=first.key
    )
    assert second.version == 2
    assert [v.version for v in lt.versions(letters_db, first.key)] == [2, 1]
    assert lt.find_template(letters_db, "本校责任书").id == second.id
    assert lt.get_version(letters_db, first.id).body.startswith("【标题】")
    with pytest.raises(ValidationError):
        lt.save_template(letters_db, principal, name="本校责任书", kind="teacher", body="x")
    with pytest.raises(ValidationError):
        lt.save_template(letters_db, principal, name="本校责任书", kind="village", body="x", key=first.key)
    lt.delete_template(letters_db, principal, first.key)
    assert "本校责任书" not in [t.name for t in lt.list_templates(letters_db)]


def test_defaults_are_seeded_once_and_can_be_restored(letters_db: Database, principal: Actor) -> None:
    names = [t.name for t in lt.list_templates(letters_db)]
    assert names[:3] == [lt.DEFAULT_NAMES[k] for k in ("teacher", "village", "parent")]
    lt.ensure_default_templates(letters_db)
    assert len(lt.list_templates(letters_db)) == 3
    teacher = lt.find_template(letters_db, "teacher")
    assert teacher.is_default and teacher.id == lt._default_id("teacher", 1)
    edited = lt.save_template(
        letters_db, principal, name=teacher.name, kind="teacher", body=teacher.body + "补充条款。\n", key="teacher"
    )
    assert edited.version == 2 and edited.is_default
    restored = lt.restore_default(letters_db, principal, "teacher")
    assert restored.version == 3 and restored.body.strip() == lt.default_text("teacher").strip()
    with pytest.raises(ServiceError):
        lt.delete_template(letters_db, principal, "teacher")


def test_teachers_cannot_edit_templates(letters_db: Database, sample) -> None:  # type: ignore[no-untyped-def]
    teacher = Actor(user="t", display_name="教师", role="教师", school_id=sample.central_id)
    with pytest.raises(PermissionDenied):
        lt.save_template(letters_db, teacher, name="x", kind="teacher", body="x")


def test_renumber() -> None:
    assert lt.renumber("一、甲\n三、乙\n（二）丙") == "一、甲\n二、乙\n（一）丙"

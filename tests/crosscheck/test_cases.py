"""The cross-check on people placed by hand: each list, each exception, the age window, scope."""

from __future__ import annotations

import datetime as dt

import pytest

from kongchuo_desktop.services import crosscheck as cc
from kongchuo_desktop.services import permissions as perms
from kongchuo_desktop.services.actor import SYSTEM, Actor
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.store.local import put_setting
from kongchuo_desktop.store.models import Attachment
from tests.crosscheck.conftest import Town
from tests.crosscheck.kit import add_child, add_student, attach_proof

YEAR = "2026-2027"
ON = dt.date(2026, 10, 15)
GRADE3 = dt.date(2018, 3, 1)  # expected grade 3 in 2026–2027
GRADE1 = dt.date(2020, 3, 1)


def run(town: Town, actor: Actor | None = None, **kwargs: object) -> cc.CrosscheckResult:
    return cc.run_crosscheck(town.db, actor or town.actor, YEAR, on_date=ON, **kwargs)  # type: ignore[arg-type]


def names(result: cc.CrosscheckResult, key: str) -> set[str]:
    return {f.name for f in result.lists[key]}


def test_not_enrolled_and_its_exceptions(town: Town) -> None:
    with town.db.transaction(user="test") as s:
        t = town.town
        add_child(s, "本地无籍", GRADE3, t, 1)
        add_child(s, "未入学童", GRADE1, t, 2, situation="未入学")
        add_child(s, "辍学童", GRADE3, t, 3, situation="辍学")
        # enrolled somewhere in the database: at home, at the other township's school, or suspended
        add_child(s, "本校在读", GRADE3, t, 4)
        add_student(s, "本校在读", GRADE3, town.school, 3, 4)
        add_child(s, "外镇在读", GRADE3, t, 5)
        add_student(s, "外镇在读", GRADE3, town.other_school, 3, 5)
        add_child(s, "休学童", GRADE3, t, 6)
        add_student(s, "休学童", GRADE3, town.school, 3, 6, status="休学")
        add_child(s, "转出童", GRADE3, t, 7)
        add_student(s, "转出童", GRADE3, town.school, 3, 7, status="转出")
        pupil = add_student(s, "无证件生", GRADE3, town.school, 3, 8, id_number=None, id_type="无证件", student_no="J1")
        add_child(s, "无证件生", GRADE3, t, 8, id_number=None, student_id=pupil.id)
        # accounted for without a 学籍 here
        for n, situation in enumerate(("送教上门", "特教学校", "随班就读", "迁出", "死亡"), start=20):
            add_child(s, f"情况{situation}", GRADE3, t, n, situation=situation)
    result = run(town)
    assert names(result, "not_enrolled") == {"本地无籍", "未入学童", "辍学童", "转出童"}
    details = {f.name: f.detail for f in result.lists["not_enrolled"]}
    assert "学籍状态：转出" in details["转出童"] and "得耳布尔镇中心学校" in details["转出童"]
    assert details["未入学童"] == "登记为“未入学”"
    transferred = next(f for f in result.lists["not_enrolled"] if f.name == "转出童")
    assert transferred.status == "转出" and transferred.school == "得耳布尔镇中心学校"
    assert result.lists["elsewhere_no_proof"] == ()


def test_deferral_needs_approval_and_a_period_covering_the_day(town: Town) -> None:
    ok = {
        "approving_body": "得耳布尔镇人民政府",
        "period_start": dt.date(2026, 9, 1),
        "period_end": dt.date(2027, 8, 31),
    }
    with town.db.transaction(user="test") as s:
        t = town.town
        add_child(s, "缓学有期", GRADE1, t, 1, situation="缓学", **ok)
        add_child(s, "免学有期", GRADE3, t, 2, situation="免学", **ok)
        add_child(s, "缓学无期", GRADE1, t, 3, situation="缓学", approving_body="得耳布尔镇人民政府")
        add_child(
            s, "缓学无批", GRADE1, t, 4, situation="缓学", period_start=ok["period_start"], period_end=ok["period_end"]
        )
        add_child(s, "缓学过期", GRADE1, t, 5, situation="缓学", approving_body="镇政府",
                  period_start=dt.date(2025, 9, 1), period_end=dt.date(2026, 8, 31))  # fmt: skip
        add_child(s, "缓学未始", GRADE1, t, 6, situation="缓学", approving_body="镇政府",
                  period_start=dt.date(2026, 11, 1), period_end=dt.date(2027, 8, 31))  # fmt: skip
    result = run(town)
    details = {f.name: f.detail for f in result.lists["not_enrolled"]}
    assert set(details) == {"缓学无期", "缓学无批", "缓学过期", "缓学未始"}
    assert "起止日期" in details["缓学无期"]
    assert "批准单位" in details["缓学无批"]
    assert "已于2026-08-31结束" in details["缓学过期"]
    assert "尚未开始" in details["缓学未始"]
    # The same register checked in November: the not-yet-started deferral now covers the day.
    later = cc.run_crosscheck(town.db, town.actor, YEAR, on_date=dt.date(2026, 11, 20))
    assert "缓学未始" not in names(later, "not_enrolled")


def test_studying_elsewhere_needs_proof(town: Town) -> None:
    with town.db.transaction(user="test") as s:
        t = town.town
        add_child(s, "外地无证", GRADE3, t, 1, situation="外地就读", elsewhere_school="海拉尔区第一小学")
        proven = add_child(s, "外地有证", GRADE3, t, 2, situation="外地就读", elsewhere_school="海拉尔区第二小学")
        attach_proof(s, "child", proven.id)
        gone = add_child(s, "证明已删", GRADE3, t, 3, situation="外地就读")
        attach_proof(s, "child", gone.id, "另一份证明")
        s.flush()
        s.query(Attachment).filter(Attachment.owner_id == gone.id).update({"deleted": True})
        add_child(s, "外地本地都有", GRADE3, t, 4, situation="外地就读")
        add_student(s, "外地本地都有", GRADE3, town.school, 3, 4)
    result = run(town)
    assert names(result, "elsewhere_no_proof") == {"外地无证", "证明已删"}
    assert "海拉尔区第一小学" in next(f.detail for f in result.lists["elsewhere_no_proof"] if f.name == "外地无证")
    assert "就读学校未填写" in next(f.detail for f in result.lists["elsewhere_no_proof"] if f.name == "证明已删")
    assert names(result, "not_enrolled") == set()  # 外地就读 is never "not enrolled"


def test_age_window_follows_the_cutoff_setting(town: Town) -> None:
    with town.db.transaction(user="test") as s:
        t = town.town
        add_child(s, "十五周岁", dt.date(2011, 5, 1), t, 1)  # 15 on 2026-08-31: still of school age
        add_child(s, "十六周岁", dt.date(2010, 8, 31), t, 2)  # 16 that very day
        add_child(s, "五周岁", dt.date(2020, 9, 1), t, 3)  # 6 only on 2026-09-01
        add_child(s, "毕业生", dt.date(2011, 6, 1), t, 4)
        add_student(s, "毕业生", dt.date(2011, 6, 1), town.school, 9, 4, status="毕业")
        add_child(s, "无日期", GRADE3, t, 5, birth_date=None)  # the ID still gives the age
    result = run(town)
    assert names(result, "not_enrolled") == {"十五周岁", "无日期"}
    assert names(result, "not_school_age") == {"十六周岁", "五周岁"}
    undated = next(f for f in result.lists["not_enrolled"] if f.name == "无日期")
    assert undated.birth_date == GRADE3 and undated.age == 8

    with town.db.transaction(user="test") as s:
        put_setting(s, "age_cutoff", "09-30")  # a later cut-off: born 2020-09-01 is 6 by then
    result = run(town)
    assert "五周岁" in names(result, "not_enrolled") and "五周岁" not in names(result, "not_school_age")
    assert result.cutoff == (9, 30)


def test_missing_from_children(town: Town) -> None:
    with town.db.transaction(user="test") as s:
        t = town.town
        add_student(s, "户籍在本镇", GRADE3, town.school, 3, 1, hukou_township_id=t.id)
        add_student(s, "地址在本镇", GRADE3, town.other_school, 3, 2, hukou_address="内蒙古根河市得耳布尔镇红旗村")
        add_student(s, "已登记", GRADE3, town.school, 3, 3, hukou_township_id=t.id)
        add_child(s, "已登记", GRADE3, t, 3)
        add_student(
            s,
            "户籍在外镇",
            GRADE3,
            town.school,
            3,
            4,
            hukou_township_id=town.other_town.id,
            hukou_address="内蒙古根河市得耳布尔镇红旗村",
        )  # fmt: skip  — the id wins over the address
        add_student(s, "已转出", GRADE3, town.school, 3, 5, hukou_township_id=t.id, status="转出")
        add_student(s, "超龄生", dt.date(2009, 3, 1), town.school, 9, 6, hukou_township_id=t.id)
    result = run(town)
    assert names(result, "missing_from_children") == {"户籍在本镇", "地址在本镇"}
    outside = next(f for f in result.lists["missing_from_children"] if f.name == "地址在本镇")
    assert outside.school == "金河镇中心学校" and outside.township == "金河镇"


def test_age_grade_with_tolerance(town: Town) -> None:
    with town.db.transaction(user="test") as s:
        add_student(s, "低龄两级", GRADE1, town.school, 3, 1)
        add_student(s, "超龄三级", dt.date(2017, 3, 1), town.school, 1, 2)  # expected grade 4
        add_student(s, "差一级", GRADE3, town.school, 4, 3)
        add_student(s, "正好", GRADE3, town.school, 3, 4)
        add_student(s, "外镇超龄", dt.date(2017, 3, 1), town.other_school, 1, 5)  # not this township's pupil
    result = run(town)
    flagged = {f.name: f for f in result.lists["age_grade"]}
    assert set(flagged) == {"低龄两级", "超龄三级"}
    assert flagged["低龄两级"].flag == "under_age" and flagged["低龄两级"].expected_grade == 1
    assert flagged["超龄三级"].flag == "over_age" and "超龄3个年级" in flagged["超龄三级"].detail
    with town.db.transaction(user="test") as s:
        put_setting(s, "age_tolerance", 2)
    result = run(town)
    assert names(result, "age_grade") == {"超龄三级"} and result.tolerance == 2
    everywhere = cc.run_crosscheck(town.db, SYSTEM, YEAR, town.other_town.id, on_date=ON)
    assert names(everywhere, "age_grade") == {"外镇超龄"}


def test_duplicate_person(town: Town) -> None:
    twin_birth = dt.date(2016, 5, 5)
    with town.db.transaction(user="test") as s:
        add_student(s, "两校学籍", twin_birth, town.school, 5, 1)
        add_student(s, "两校学籍", twin_birth, town.other_school, 5, 1)
        add_student(s, "转学历史", twin_birth, town.school, 5, 2, status="转出")
        add_student(s, "转学历史", twin_birth, town.second_school, 5, 2)
        add_child(s, "登记两次", GRADE3, town.town, 3)
        add_child(s, "登记两次", GRADE3, town.town, 3)
        add_student(s, "登记两次", GRADE3, town.school, 3, 3)
    result = run(town)
    dupes = result.lists["duplicate_person"]
    assert sorted((f.name, f.record) for f in dupes) == [
        ("两校学籍", "student"), ("两校学籍", "student"), ("登记两次", "child"), ("登记两次", "child"),
    ]  # fmt: skip
    schools = {f.school for f in dupes if f.record == "student"}
    assert schools == {"得耳布尔镇中心学校", "金河镇中心学校"}  # the other township's record is named too
    assert "2条在读学籍" in dupes[0].detail or "2条在读学籍" in dupes[-1].detail


def test_scope_and_permissions(town: Town) -> None:
    with town.db.transaction(user="test") as s:
        add_child(s, "本镇儿童", GRADE3, town.town, 1)
        add_child(s, "外镇儿童", GRADE3, town.other_town, 2)
        add_student(s, "外镇低龄", GRADE1, town.other_school, 3, 3)
    mine = run(town)
    assert names(mine, "not_enrolled") == {"本镇儿童"} and mine.townships == ("得耳布尔镇",)
    with pytest.raises(PermissionDenied):
        run(town, township_id=town.other_town.id)
    teacher = Actor(user="t", display_name="教师", role=perms.TEACHER, school_id=town.school.id)
    with pytest.raises(PermissionDenied):
        run(town, teacher)
    # The bureau may name a township; a whole-site check of a township site checks the site's own.
    bureau = Actor(user="b", display_name="教育局", role=perms.BUREAU)
    assert names(run(town, bureau, township_id=town.other_town.id), "not_enrolled") == {"外镇儿童"}
    assert names(run(town, bureau), "not_enrolled") == {"本镇儿童"}
    assert names(run(town, bureau, township_id=town.other_town.id), "age_grade") == {"外镇低龄"}
    # A principal sees only the own pupils (and children linked to them).
    principal = Actor(user="p", display_name="校长", role=perms.PRINCIPAL, school_id=town.other_school.id)
    seen = run(town, principal)
    assert names(seen, "age_grade") == {"外镇低龄"} and seen.lists["not_enrolled"] == ()
    with pytest.raises(ValidationError):
        cc.run_crosscheck(town.db, town.actor, "2026-2028")


def test_empty_register_is_warned_about(town: Town) -> None:
    with town.db.transaction(user="test") as s:
        add_student(s, "有学籍", GRADE3, town.school, 3, 1, hukou_township_id=town.town.id)
    result = run(town)
    assert result.warnings and "适龄儿童登记是空的" in result.warnings[0]
    assert names(result, "missing_from_children") == {"有学籍"}


def test_default_on_date_stays_inside_the_school_year() -> None:
    assert cc.default_on_date("2026-2027", dt.date(2026, 10, 1)) == dt.date(2026, 10, 1)
    assert cc.default_on_date("2026-2027", dt.date(2026, 3, 1)) == dt.date(2026, 9, 1)
    assert cc.default_on_date("2026-2027", dt.date(2028, 3, 1)) == dt.date(2027, 8, 31)
    assert cc.age_window("2026-2027") == (dt.date(2010, 9, 1), dt.date(2020, 8, 31))


def test_a_school_sees_its_pupils_missing_from_the_register(town: Town) -> None:
    """On the register by ID number but not linked: not missing, even for a principal who cannot see the child."""
    with town.db.transaction(user="test") as s:
        add_student(s, "已登记未关联", GRADE3, town.school, 3, 1, hukou_township_id=town.town.id)
        add_child(s, "已登记未关联", GRADE3, town.town, 1)
        add_student(s, "未登记", GRADE3, town.school, 3, 2, hukou_township_id=town.town.id)
    principal = Actor(user="p", display_name="校长", role=perms.PRINCIPAL, school_id=town.school.id)
    assert names(run(town, principal), "missing_from_children") == {"未登记"}
    assert names(run(town), "missing_from_children") == {"未登记"}

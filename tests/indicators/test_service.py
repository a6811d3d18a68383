"""Indicators through the service on the hand-computed world (conftest.py): each value and formula
text under each definition setting, per township and school, and who may see what."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services import indicator_settings
from kongchuo_desktop.services.dashboard import build_dashboard
from kongchuo_desktop.services.errors import PermissionDenied, ValidationError
from kongchuo_desktop.services.indicators import compute_indicators, indicator_breakdown
from kongchuo_desktop.store.models import AuditEntry
from tests.indicators.conftest import TODAY, YEAR


def town(idb, actors, world, **defs):
    if defs:
        indicator_settings.save_definitions(idb, actors["admin"], defs)
    return compute_indicators(idb, actors["admin"], YEAR, township_id=world.jinhe, today=TODAY)


def test_jinhe_by_default(idb, actors, world):
    s = town(idb, actors, world)
    assert s.scope == "金河镇" and s.period.label == "2025-2026学年（截至2026-06-30）"
    enrolment, dropout, retention = s[ind.ENROLMENT], s[ind.DROPOUT], s[ind.RETENTION]
    # k1, k3, k8 of k1, k2, k3, k4, k8 (k5 缓学 and k6 迁出 left out; k7 too old for grades 1–9).
    assert enrolment.formula == "入学率 = 已入学适龄儿童 3 / 适龄儿童 5 = 60.00%"
    assert enrolment.definition[0] == "适龄儿童：按入学年龄规则应在一至九年级（6–14周岁）（入学年龄截止日 8月31日）"
    # On roll on 1 Sept: a1 a2 a3 a4 a5 a7 a8 b1 b2 (a6 came later, b3 left in 2024); a3 still out.
    assert dropout.formula == "辍学率 = 期末仍辍学人数 1 / 学年初在籍 9 = 11.11%"
    parts = dict(dropout.parts)
    assert parts["小学"].formula == "辍学率 = 期末仍辍学人数 1 / 学年初在籍 7 = 14.29%"
    assert parts["初中"].formula == "辍学率 = 期末仍辍学人数 0 / 学年初在籍 2 = 0.00%"
    # Kept: a1 a2 a4 a8 b1 b2; a5 transferred out and a7 died leave the base.
    assert retention.formula == "保留率 = 期末仍在籍 6 / 学年初在籍 (9 − 转出 1 − 死亡 1) = 7 = 85.71%"
    assert s[ind.CONSOLIDATION].note == "数据不足：需要 2017 年起的学籍记录（现有完整记录从 2025 年起）"


@pytest.mark.parametrize(
    ("defs", "key", "formula"),
    [
        ({"age_window": "6-15"}, ind.ENROLMENT, "入学率 = 已入学适龄儿童 4 / 适龄儿童 6 = 66.67%"),
        ({"elsewhere_enrolled": False}, ind.ENROLMENT, "入学率 = 已入学适龄儿童 2 / 适龄儿童 4 = 50.00%"),
        ({"deferred_excluded": False}, ind.ENROLMENT, "入学率 = 已入学适龄儿童 3 / 适龄儿童 6 = 50.00%"),
        ({"dropouts_still_out": False}, ind.DROPOUT, "辍学率 = 期内辍学人数 2 / 学年初在籍 9 = 22.22%"),
        ({"transfers_adjust": False}, ind.RETENTION, "保留率 = 期末仍在籍 6 / 学年初在籍 (9 − 死亡 1) = 8 = 75.00%"),
        ({"deaths_excluded": False}, ind.RETENTION, "保留率 = 期末仍在籍 6 / 学年初在籍 (9 − 转出 1) = 8 = 75.00%"),
        ({"transfers_adjust": False, "deaths_excluded": False}, ind.RETENTION,
         "保留率 = 期末仍在籍 6 / 学年初在籍 9 = 66.67%"),
        ({"suspended_on_roll": False}, ind.RETENTION,
         "保留率 = 期末仍在籍 5 / 学年初在籍 (9 − 转出 1 − 死亡 1) = 7 = 71.43%"),
    ],
)  # fmt: skip
def test_each_definition_setting_changes_the_value_and_says_so(idb, actors, world, defs, key, formula):
    s = town(idb, actors, world, **defs)
    assert s[key].formula == formula
    for name, value in defs.items():
        if name != "age_window":
            label = ind.DEFINITION_TEXTS[name][1 if value else 2]
            assert label in s[key].definition
    if "age_window" in defs:
        assert s[key].definition[0].startswith("适龄儿童：截止日满6周岁至15周岁")


def test_a_definition_change_is_audited_and_checked(idb, actors):
    indicator_settings.save_definitions(idb, actors["admin"], {"deaths_excluded": False})
    with idb.read_session() as session:
        entry = session.execute(select(AuditEntry).where(AuditEntry.entity_id == "indicator_definitions")).scalar_one()
        assert (entry.field, entry.old_value, entry.new_value) == ("deaths_excluded", "是", "否")
    with pytest.raises(ValidationError) as caught:
        indicator_settings.save_definitions(idb, actors["admin"], {"age_window": "7-12"})
    assert "适龄范围" in str(caught.value)
    with pytest.raises(PermissionDenied):
        indicator_settings.save_definitions(idb, actors["township"], {"deaths_excluded": True})
    assert indicator_settings.get_definitions(idb, actors["township"]).deaths_excluded is False


def test_schools_add_up_to_their_township(idb, actors, world):
    rows = indicator_breakdown(idb, actors["admin"], YEAR, today=TODAY)
    assert [(r.level, r.name) for r in rows] == [
        ("乡镇", "满归镇"), ("学校", "满归镇中学"), ("乡镇", "金河镇"), ("学校", "金河镇中心学校"), ("学校", "金河镇第二小学")]  # fmt: skip
    by_name = {r.name: r.indicators for r in rows}
    a, b = by_name["金河镇中心学校"], by_name["金河镇第二小学"]
    assert a[ind.RETENTION].formula == "保留率 = 期末仍在籍 4 / 学年初在籍 (7 − 转出 1 − 死亡 1) = 5 = 80.00%"
    assert b[ind.RETENTION].formula == "保留率 = 期末仍在籍 2 / 学年初在籍 (2 − 转出 0 − 死亡 0) = 2 = 100.00%"
    for key in (ind.DROPOUT, ind.RETENTION):
        whole = by_name["金河镇"][key]
        assert whole.numerator == a[key].numerator + b[key].numerator
        assert whole.denominator == a[key].denominator + b[key].denominator
    assert a[ind.ENROLMENT].note.startswith("不适用")
    assert b[ind.CONSOLIDATION].note.startswith("不适用")  # a 小学 has no grade 9
    # 满归镇 has no children register; c2 dropped out in April.
    assert by_name["满归镇"][ind.ENROLMENT].note.startswith("未登记适龄儿童")
    assert by_name["满归镇"][ind.DROPOUT].formula == "辍学率 = 期末仍辍学人数 1 / 学年初在籍 2 = 50.00%"


def test_each_actor_sees_their_own_scope_only(idb, actors, world):
    own = compute_indicators(idb, actors["principal"], YEAR, today=TODAY)
    assert own.scope == "金河镇中心学校" and own.school_id == world.schools["A"]
    assert own[ind.DROPOUT].denominator == 7
    with pytest.raises(PermissionDenied):
        compute_indicators(idb, actors["principal"], YEAR, township_id=world.jinhe, today=TODAY)
    with pytest.raises(PermissionDenied):
        compute_indicators(idb, actors["principal"], YEAR, school_id=world.schools["B"], today=TODAY)
    with pytest.raises(PermissionDenied):
        compute_indicators(idb, actors["township"], YEAR, township_id=world.mangui, today=TODAY)
    with pytest.raises(PermissionDenied):
        compute_indicators(idb, actors["township"], YEAR, school_id=world.schools["C"], today=TODAY)
    with pytest.raises(PermissionDenied):
        compute_indicators(idb, actors["teacher"], YEAR, today=TODAY)  # teachers do not read reports
    mine = compute_indicators(idb, actors["township"], YEAR, today=TODAY)
    assert mine.scope == "金河镇" and mine[ind.DROPOUT].denominator == 9
    rows = indicator_breakdown(idb, actors["other_township"], YEAR, today=TODAY)
    assert [r.name for r in rows] == ["满归镇", "满归镇中学"]
    assert [r.name for r in indicator_breakdown(idb, actors["principal"], YEAR, today=TODAY)] == ["金河镇中心学校"]
    whole = compute_indicators(idb, actors["bureau"], YEAR, today=TODAY)
    assert whole.scope == "全部乡镇" and whole[ind.DROPOUT].denominator == 11


def test_a_past_year_is_read_from_the_history(idb, actors, world):
    # 2024-2025: b3 was on roll on 2024-09-01 and dropped out in December; a6 and b1 were not there.
    s = compute_indicators(idb, actors["admin"], 2024, township_id=world.jinhe, today=TODAY)
    assert s.period.label == "2024-2025学年"
    assert s[ind.DROPOUT].formula == "辍学率 = 期末仍辍学人数 1 / 学年初在籍 9 = 11.11%"
    with pytest.raises(ValidationError):
        compute_indicators(idb, actors["admin"], 2026, today=TODAY)


def test_the_dashboards_enrolment_bars_are_each_townships_enrolment_indicator(idb, actors, world):
    board = build_dashboard(idb, actors["admin"], today=TODAY, year=YEAR)
    assert [bar.key for bar in board.enrolment] == [world.jinhe]  # 满归镇 has no register
    assert board.enrolment[0].indicator == town(idb, actors, world)[ind.ENROLMENT]
    assert board.tiles.indicators == compute_indicators(idb, actors["admin"], YEAR, today=TODAY).indicators

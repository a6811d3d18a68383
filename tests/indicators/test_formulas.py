"""The indicator formulas on hand-made pupil records: 巩固率's cohort under each definition, the
historical reading of a pupil, the data-sufficiency rule, and the definition setting's checks."""

from __future__ import annotations

import datetime as dt

import pytest

from kongchuo_desktop.domain import indicators as ind

D = dt.date
END = D(2026, 6, 30)


def pupil(pid: str, grade: int, status: str, enrolled: dt.date | None, *changes: tuple) -> ind.PupilRecord:
    return ind.PupilRecord(pid, "s", "t", grade, status, enrolled, tuple(ind.Change(*c) for c in changes))


# The cohort in grade 9 in 2025-2026 entered grade 1 in 2017.
COHORT = [
    pupil("p1", 9, "在读", D(2017, 9, 1)),  # there from the start to the end
    pupil("p2", 9, "休学", D(2017, 9, 1), ("休学", D(2025, 10, 1), "在读", "休学")),  # suspended at the end
    pupil("p3", 3, "转出", D(2017, 9, 1), ("转出", D(2020, 3, 1), "在读", "转出")),  # left in grade 3 (2019)
    pupil("p4", 9, "在读", D(2021, 3, 1), ("转入", D(2021, 3, 1), None, "在读")),  # came in 2021
    pupil("p5", 4, "死亡", D(2017, 9, 1), ("死亡", D(2021, 1, 10), "在读", "死亡")),  # died in grade 4
    pupil("p6", 5, "辍学", D(2017, 9, 1), ("辍学", D(2022, 4, 1), "在读", "辍学")),  # dropped out in grade 5
    pupil("p7", 8, "在读", D(2018, 9, 1)),  # the next cohort
]


def test_the_cohort_rate_adjusts_for_transfers_and_deaths_by_default():
    result = ind.consolidation_rate(COHORT, 2025, END, 2025, ind.Definitions(), first_recorded=2017)
    assert (result.numerator, result.denominator) == (3, 4)
    assert result.value == pytest.approx(75.0)
    assert result.formula == "九年巩固率 = 初三在籍或毕业 3 / 入学时人数 (5 + 转入 1 − 转出 1 − 死亡 1) = 4 = 75.00%"
    assert dict(result.inputs)["2017学年入一年级时在籍"] == 5
    assert result.definition == ("转入计入、转出移出基数（按转学调整）", "死亡学生不计入基数", "休学学生计为在籍")


@pytest.mark.parametrize(
    ("defs", "numerator", "denominator", "formula_tail"),
    [
        (ind.Definitions(transfers_adjust=False), 3, 4, "(5 − 死亡 1) = 4 = 75.00%"),
        (ind.Definitions(deaths_excluded=False), 3, 5, "(5 + 转入 1 − 转出 1) = 5 = 60.00%"),
        (ind.Definitions(transfers_adjust=False, deaths_excluded=False), 3, 5, "入学时人数 5 = 60.00%"),
        (ind.Definitions(suspended_on_roll=False), 2, 4, "= 4 = 50.00%"),
    ],
)
def test_the_cohort_rate_under_each_definition(defs, numerator, denominator, formula_tail):
    result = ind.consolidation_rate(COHORT, 2025, END, 2025, defs, first_recorded=2017)
    assert (result.numerator, result.denominator) == (numerator, denominator)
    assert result.formula.endswith(formula_tail)


def test_the_cohort_rate_says_when_the_history_is_too_short():
    result = ind.consolidation_rate(COHORT, 2025, END, 2025, ind.Definitions(), first_recorded=2019)
    assert result.value is None and result.numerator is None
    assert result.note == "数据不足：需要 2017 年起的学籍记录（现有完整记录从 2019 年起）"
    none = ind.consolidation_rate(COHORT, 2025, END, 2025, ind.Definitions(), first_recorded=None)
    assert none.note == "数据不足：需要 2017 年起的学籍记录"


def test_graduates_of_grade_nine_count_as_completing_but_not_graduates_of_grade_six():
    finished = pupil("g9", 9, "毕业", D(2016, 9, 1), ("毕业", D(2025, 7, 1), "在读", "毕业"))
    primary = pupil("g6", 6, "毕业", D(2016, 9, 1), ("毕业", D(2022, 7, 1), "在读", "毕业"))
    end = D(2025, 8, 31)
    result = ind.consolidation_rate([finished, primary], 2024, end, 2025, ind.Definitions(), first_recorded=2016)
    # Both were in grade 1 in 2016; only the one who finished grade 9 completed.
    assert (result.numerator, result.denominator) == (1, 2)


def test_a_pupil_is_read_as_the_history_says_on_each_day():
    p = COHORT[3]  # transferred in on 2021-03-01
    assert ind.status_on(p, D(2021, 2, 28)) is None
    assert ind.status_on(p, D(2021, 3, 1)) == "在读"
    q = pupil(
        "q",
        5,
        "在读",
        D(2021, 9, 1),
        ("辍学", D(2025, 10, 8), "在读", "辍学"),
        ("复学", D(2025, 12, 1), "辍学", "在读"),
    )
    assert [ind.status_on(q, d) for d in (D(2025, 9, 1), D(2025, 10, 8), D(2025, 11, 30), D(2025, 12, 1))] == [
        "在读", "辍学", "辍学", "在读"]  # fmt: skip
    assert ind.grade_in(COHORT[2], 2019, 2025) == 3 and ind.grade_in(COHORT[2], 2025, 2025) == 9
    assert not ind.on_roll(COHORT[1], END, ind.Definitions(suspended_on_roll=False))
    assert ind.on_roll(COHORT[1], END, ind.Definitions())


def test_recorded_years_need_every_grade_every_year_back_from_now():
    pupils = [pupil(f"x{g}", g, "在读", D(2025 - g + 1, 9, 1)) for g in range(1, 4)]
    # Grades 1–3 in 2025; in 2024 only grades 1–2 are covered (the grade-3 pupil was in grade 2).
    assert ind.recorded_years(pupils, [1, 2, 3], 2025) == 2025
    older = pupils + [pupil("left", 3, "毕业", D(2022, 9, 1), ("毕业", D(2025, 7, 1), "在读", "毕业"))]
    assert ind.recorded_years(older, [1, 2, 3], 2025) == 2024
    assert ind.recorded_years(pupils, [1, 2, 3, 4], 2025) is None


def test_rates_with_an_empty_denominator_have_no_value():
    result = ind.dropout_rate([], 2025, END, 2025, ind.Definitions())
    assert result.value is None and result.value_text == "—"
    assert "分母为 0" in result.formula


def test_definition_values_are_checked():
    assert ind.check_definitions({"deaths_excluded": False, "age_window": "6-15"}) == {}
    problems = ind.check_definitions({"deaths_excluded": "no", "age_window": "7-12", "colour": True})
    assert set(problems) == {"deaths_excluded", "age_window", "colour"}
    with pytest.raises(ValueError):
        ind.definitions_from({"age_window": "7-12"})
    assert ind.definitions_from(None) == ind.Definitions()

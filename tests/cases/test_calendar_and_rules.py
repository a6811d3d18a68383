"""School days from calendars, and the escalation deadlines counted in them."""

from __future__ import annotations

import datetime as dt

import pytest

from kongchuo_desktop.domain import escalation as esc
from kongchuo_desktop.domain import school_calendar as sc

D = dt.date


def test_default_year_has_terms_weekends_and_fixed_holidays() -> None:
    book = sc.CalendarBook()
    assert book.is_school_day(D(2025, 9, 1))  # Monday, first day of term
    assert not book.is_school_day(D(2025, 9, 6))  # Saturday
    assert not book.is_school_day(D(2025, 10, 3))  # 国庆节
    assert book.day_name(D(2025, 10, 3)) == "国庆节"
    assert not book.is_school_day(D(2025, 8, 20))  # summer
    assert not book.is_school_day(D(2026, 2, 10))  # winter
    assert book.is_school_day(D(2026, 3, 2))


def test_counting_skips_weekends_holidays_and_counts_makeup_days() -> None:
    year = sc.make_year(
        2025,
        [(D(2025, 9, 1), D(2026, 1, 16))],
        [(D(2025, 10, d), sc.HOLIDAY, "国庆节") for d in range(1, 9)] + [(D(2025, 9, 28), sc.MAKEUP, "调休")],
    )
    book = sc.CalendarBook([year])
    assert book.is_school_day(D(2025, 9, 28))  # a Sunday worked
    # Friday 2025-09-26 is day 1; Sunday 28 (make-up) day 2; Monday 29 day 3; Tuesday 30 day 4; then 9 Oct.
    assert book.nth_school_day(D(2025, 9, 26), 2) == D(2025, 9, 28)
    assert book.nth_school_day(D(2025, 9, 26), 5) == D(2025, 10, 9)
    assert book.count_school_days(D(2025, 9, 26), D(2025, 10, 9)) == 5
    assert book.school_days_after(D(2025, 9, 30), 1) == D(2025, 10, 9)
    # an absence starting on a holiday counts from the next school day
    assert book.nth_school_day(D(2025, 10, 4), 1) == D(2025, 10, 9)


def test_counting_crosses_into_the_next_term() -> None:
    book = sc.CalendarBook()
    assert book.nth_school_day(D(2026, 1, 15), 3) == D(2026, 3, 3)


def test_a_calendar_without_school_days_still_answers() -> None:
    empty = sc.YearCalendar(2025, ((D(2025, 9, 1), D(2025, 9, 1)),), frozenset(range(7)))
    book = sc.CalendarBook([empty])
    day = book.next_school_day(D(2025, 9, 3))
    assert day.weekday() < 5


def test_bad_calendars_are_explained() -> None:
    bad = sc.make_year(2025, [(D(2025, 9, 10), D(2025, 9, 1)), (D(2026, 3, 1), D(2026, 9, 1))])
    problems = sc.check_year(bad)
    assert "结束日期早于开始日期" in problems["term1"]
    assert "学年内" in problems["term2"]
    both = sc.make_year(
        2025, [(D(2025, 9, 1), D(2026, 1, 10))], [(D(2025, 10, 1), sc.HOLIDAY, ""), (D(2025, 10, 1), sc.MAKEUP, "")]
    )
    assert "不能同时" in sc.check_year(both)["days"]
    with pytest.raises(sc.CalendarError):
        sc.make_year(2025, [], [(D(2025, 10, 1), "补课", "")])


@pytest.mark.parametrize(("text", "year"), [("2025-2026", 2025), ("2025—2026", 2025), ("2025", 2025)])
def test_school_year_labels(text: str, year: int) -> None:
    assert sc.parse_school_year(text) == year
    assert sc.school_year_label(year) == "2025-2026"


def test_bad_school_year_label() -> None:
    with pytest.raises(sc.CalendarError, match="2026-2027"):
        sc.parse_school_year("2025-2027")


def test_three_visits_and_report_are_due_on_school_days_1_2_3() -> None:
    book = sc.CalendarBook()
    rules = esc.EscalationRules()
    # Thursday 2025-09-25: day 1 Thu, day 2 Fri, day 3 Mon
    state = esc.apply(None, esc.Event(esc.OPEN, D(2025, 9, 25)), book, rules)
    due = {a.code: a.due_on for a in esc.due_actions(state, book, rules)}
    assert due["visit1"] == D(2025, 9, 25)
    assert due[esc.DUE_REPORT] == D(2025, 9, 29)
    state = esc.apply(state, esc.Event(esc.VISIT, D(2025, 9, 25), round="一访", outcome="拒绝"), book, rules)
    assert esc.due_actions(state, book, rules)[0].due_on == D(2025, 9, 26)
    state = esc.apply(state, esc.Event(esc.VISIT, D(2025, 9, 26), round="二访", outcome="无法联系"), book, rules)
    visit3 = next(a for a in esc.due_actions(state, book, rules) if a.code == "visit3")
    assert visit3.due_on == D(2025, 9, 29)
    # suspected after 3 school days: on day 4, Tuesday 30th
    assert state.threshold_on == D(2025, 9, 30)
    assert esc.advance(state, D(2025, 9, 29)).status == esc.ABSENT
    assert esc.advance(state, D(2025, 9, 30)).status == esc.SUSPECTED


def test_a_late_first_visit_moves_the_second_one_later() -> None:
    book = sc.CalendarBook()
    rules = esc.EscalationRules()
    state = esc.apply(None, esc.Event(esc.OPEN, D(2025, 9, 22)), book, rules)
    state = esc.apply(state, esc.Event(esc.VISIT, D(2025, 9, 24), round="一访", outcome="拒绝"), book, rules)
    visit = next(a for a in esc.due_actions(state, book, rules) if a.code in esc.VISIT_DUE_CODES)
    assert (visit.code, visit.due_on) == ("visit2", D(2025, 9, 25))


def test_rules_are_settings_with_checked_values() -> None:
    assert esc.rules_from({}) == esc.EscalationRules()
    custom = esc.rules_from({"suspected_after": 5, "joint_visit_day": 5, "report_day": 5})
    assert custom.suspected_after == 5
    problems = esc.check_rules({"teacher_visit_day": 3, "principal_visit_day": 2, "stale_days": 1, "x": 1})
    assert "依次递增" in problems.get("principal_visit_day", "") or "stale_days" in problems
    assert "stale_days" in problems and "unknown" in problems
    assert "整数" in esc.check_rules({"stale_days": "14"})["stale_days"]
    with pytest.raises(esc.CaseRuleError):
        esc.rules_from({"dropout_after": 0})


def test_configurable_thresholds_change_the_dates() -> None:
    book = sc.CalendarBook()
    slow = esc.EscalationRules(teacher_visit_day=1, principal_visit_day=3, joint_visit_day=5, report_day=5,
                               suspected_after=10)  # fmt: skip
    state = esc.apply(None, esc.Event(esc.OPEN, D(2025, 11, 3)), book, slow)
    assert state.threshold_on == D(2025, 11, 17)
    state = esc.apply(state, esc.Event(esc.VISIT, D(2025, 11, 3), round="一访", outcome="拒绝"), book, slow)
    assert esc.due_actions(state, book, slow)[0].due_on == D(2025, 11, 5)


def test_refusals_name_the_problem() -> None:
    book = sc.CalendarBook()
    rules = esc.EscalationRules()
    state = esc.apply(None, esc.Event(esc.OPEN, D(2025, 11, 3)), book, rules)
    with pytest.raises(esc.CaseRuleError, match="没有任何走访记录"):
        esc.apply(state, esc.Event(esc.REPORT, D(2025, 11, 4)), book, rules)
    with pytest.raises(esc.CaseRuleError, match="早于本次缺课开始"):
        esc.apply(state, esc.Event(esc.VISIT, D(2025, 11, 1), round="一访", outcome="拒绝"), book, rules)
    with pytest.raises(esc.CaseRuleError, match="请先登记一访"):
        esc.apply(state, esc.Event(esc.VISIT, D(2025, 11, 3), round="二访", outcome="拒绝"), book, rules)
    with pytest.raises(esc.CaseRuleError, match="销号必须选择结果"):
        esc.apply(state, esc.Event(esc.CLOSE, D(2025, 11, 4)), book, rules)
    with pytest.raises(esc.CaseRuleError, match="返校日期"):
        esc.apply(state, esc.Event(esc.CLOSE, D(2025, 11, 4), outcome="已复学"), book, rules)
    with pytest.raises(esc.CaseRuleError, match="疑似辍学标准"):
        esc.apply(state, esc.Event(esc.CONFIRM_DROPOUT, D(2025, 11, 4)), book, rules)
    with pytest.raises(esc.CaseRuleError, match="承诺返校的日期"):
        esc.apply(state, esc.Event(esc.VISIT, D(2025, 11, 3), round="一访", outcome="承诺返校"), book, rules)


def test_early_return_closes_itself_later_ones_wait_for_closing() -> None:
    book = sc.CalendarBook()
    rules = esc.EscalationRules()
    state = esc.apply(None, esc.Event(esc.OPEN, D(2025, 11, 3)), book, rules)
    early = esc.apply(state, esc.Event(esc.RETURN, D(2025, 11, 4)), book, rules)
    assert early.status == esc.CLOSED and early.outcome == esc.EARLY_RETURN
    late = esc.apply(state, esc.Event(esc.RETURN, D(2025, 11, 20)), book, rules)
    assert late.status == esc.RETURNED
    assert esc.due_actions(late, book, rules) == [esc.DueAction(D(2025, 11, 20), esc.DUE_CLOSE, "销号")]
    closed = esc.apply(late, esc.Event(esc.CLOSE, D(2025, 11, 21), outcome="已复学"), book, rules)
    reopened = esc.apply(closed, esc.Event(esc.REOPEN, D(2025, 12, 1)), book, rules)
    assert reopened.status == esc.ABSENT and reopened.rounds == () and reopened.episode_start == D(2025, 12, 1)
    assert reopened.visits == closed.visits and reopened.episode_visits == 0

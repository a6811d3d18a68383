"""Indicators on demo data: every rate lies within 0–100%, each township is the sum of its schools
and the whole site the sum of its townships, and only the township with a register has 入学率."""

from __future__ import annotations

from kongchuo_desktop.domain import indicators as ind
from kongchuo_desktop.services.actor import DEMO_ADMIN
from kongchuo_desktop.services.indicators import compute_indicators, indicator_breakdown
from tests.dashboard.conftest import TODAY


def test_rates_lie_within_bounds_and_schools_add_up(ddb):
    whole = compute_indicators(ddb, DEMO_ADMIN, today=TODAY)
    rows = indicator_breakdown(ddb, DEMO_ADMIN, today=TODAY)
    assert rows and whole.scope == "全部乡镇"
    towns = [r for r in rows if r.level == "乡镇"]
    for row in rows:
        for item in row.indicators.indicators.values():
            if item.value is not None:
                assert 0.0 <= item.value <= 100.0, item.formula
                assert item.numerator is not None and item.denominator
                assert item.formula.endswith(ind.percent(item.value))
            else:
                assert item.note, item.formula
    for key in (ind.DROPOUT, ind.RETENTION):
        for town in towns:
            schools = [r for r in rows if r.level == "学校" and r.township_id == town.township_id]
            assert town.indicators[key].numerator == sum(s.indicators[key].numerator for s in schools)
            assert town.indicators[key].denominator == sum(s.indicators[key].denominator for s in schools)
        assert whole[key].numerator == sum(t.indicators[key].numerator for t in towns)
        assert whole[key].denominator == sum(t.indicators[key].denominator for t in towns)
        assert whole[key].value is not None
    with_register = [t.name for t in towns if t.indicators[ind.ENROLMENT].value is not None]
    assert with_register == ["金河镇"]
    # The demo's history reaches back far enough (eight years at 金河镇) for the cohort indicator.
    consolidation = whole[ind.CONSOLIDATION]
    assert consolidation.value is not None and 0.0 < consolidation.value <= 100.0
    assert consolidation.numerator <= consolidation.denominator


def test_last_year_is_answered_from_the_history_too(ddb):
    last = compute_indicators(ddb, DEMO_ADMIN, 2024, today=TODAY)
    this = compute_indicators(ddb, DEMO_ADMIN, 2025, today=TODAY)
    assert last.period.label == "2024-2025学年"
    assert last[ind.RETENTION].denominator != this[ind.RETENTION].denominator
    for item in (last[ind.DROPOUT], last[ind.RETENTION]):
        assert item.value is not None and 0.0 <= item.value <= 100.0
